package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/internal/embedded"
)

// openRedis connects to REDIS_URL, or starts the embedded store when it is
// empty. The URL chooses the topology, all behind redis.UniversalClient:
//
//	redis://host:6379/0                                  a single server
//	redis://host:26379?master_name=mymaster&addr=host2:26379   Sentinel
//	redis://host:7000?addr=host2:7001&addr=host3:7002    Cluster
//
// The embedded store keeps its data in DATA_DIR (internal/embedded); when it
// cannot (the directory cannot be written, or another line has it open) a
// real line stops with a config.Problem naming DATA_DIR, and the demo (no
// token) says so and runs on a store that keeps nothing, as it always did.
//
// It returns the client and a function that closes it (and the embedded server).
func openRedis(ctx context.Context, cfg config.Config, log *slog.Logger) (redis.UniversalClient, func(), error) {
	if cfg.RedisURL == "" {
		es, err := embedded.Open(embedded.Options{Dir: cfg.DataDir, Skip: []string{catalogueKeys}, Logger: log})
		if err == nil {
			rdb := es.Client()
			return rdb, func() {
				rdb.Close()
				if err := es.Close(); err != nil {
					log.Error("embedded redis: last save failed", "dir", cfg.DataDir, "err", err)
				}
			}, nil
		}
		problem := &config.Error{Problems: []config.Problem{{Name: "DATA_DIR", Value: cfg.DataDir,
			Reason: fmt.Sprintf("cannot hold the line's data (%v); with no REDIS_URL the line keeps callbacks, duty, opt-outs and figures there", err)}}}
		if !cfg.DemoToken {
			return nil, nil, problem
		}
		log.Warn("demo line keeps nothing between runs: the data directory cannot be used", "dir", cfg.DataDir, "err", err)
		m := miniredis.NewMiniRedis()
		m.ClockTTL(true)
		if err := m.StartAddr("127.0.0.1:0"); err != nil {
			return nil, nil, fmt.Errorf("start embedded redis: %w", err)
		}
		rdb := redis.NewClient(&redis.Options{Addr: m.Addr()})
		return rdb, func() { rdb.Close(); m.Close() }, nil
	}
	opts, err := universalOptions(cfg)
	if err != nil {
		return nil, nil, redact(err, cfg.RedisURL)
	}
	rdb := redis.NewUniversalClient(opts)
	return rdb, func() { rdb.Close() }, nil
}

// catalogueKeys is the prefix of the catalogue's keys (redisstore's
// default): the embedded store does not keep them, since the line reads
// the catalogue from its source at every start.
const catalogueKeys = "{hl:cat}"

// autoPipeline returns the deferred face of rdb's autopipeliner, through
// which the line sends conversation state and searches (roundtrip.Exec), so
// that concurrent webhooks share round trips; or rdb itself when
// REDIS_AUTOPIPELINE is false or the client cannot make one. The
// autopipeliner is go-redis's and marked experimental there, hence the
// switch (docs/redis.md). Close it before rdb.
func autoPipeline(rdb redis.UniversalClient, on bool, log *slog.Logger) (redis.UniversalClient, func()) {
	if !on {
		return rdb, func() {}
	}
	opts := redis.DefaultAutoPipelineOptions()
	// A Redis that stops answering without closing the connection would let
	// commands pile up while their webhooks have long given up; past this
	// many, a command fails at once and its webhook gives the degraded
	// answer. Under full load a batch holds about thirty.
	opts.MaxQueuedCommands = maxQueuedCommands
	ap, err := rdb.AsyncAutoPipelineWithOptions(opts)
	if err != nil {
		log.Warn("redis autopipeliner unavailable: each webhook sends its own commands", "err", err)
		return rdb, func() {}
	}
	return ap, func() { ap.Close() }
}

// maxQueuedCommands bounds the commands the autopipeliner holds for Redis.
const maxQueuedCommands = 10000

func universalOptions(cfg config.Config) (*redis.UniversalOptions, error) {
	u, err := url.Parse(cfg.RedisURL)
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	q := u.Query()
	var uo redis.UniversalOptions
	switch {
	case q.Get("master_name") != "":
		o, err := redis.ParseFailoverURL(cfg.RedisURL)
		if err != nil {
			return nil, fmt.Errorf("REDIS_URL (sentinel): %w", err)
		}
		uo = redis.UniversalOptions{
			Addrs: o.SentinelAddrs, MasterName: o.MasterName, DB: o.DB,
			Username: o.Username, Password: o.Password,
			SentinelUsername: o.SentinelUsername, SentinelPassword: o.SentinelPassword,
			TLSConfig: o.TLSConfig,
		}
	case q.Has("addr") || strings.EqualFold(q.Get("cluster"), "true"):
		q.Del("cluster")
		u.RawQuery = q.Encode()
		o, err := redis.ParseClusterURL(u.String())
		if err != nil {
			return nil, fmt.Errorf("REDIS_URL (cluster): %w", err)
		}
		uo = redis.UniversalOptions{
			Addrs: o.Addrs, Username: o.Username, Password: o.Password,
			TLSConfig: o.TLSConfig, IsClusterMode: true,
		}
	default:
		o, err := redis.ParseURL(cfg.RedisURL)
		if err != nil {
			return nil, fmt.Errorf("REDIS_URL: %w", err)
		}
		uo = redis.UniversalOptions{
			Addrs: []string{o.Addr}, DB: o.DB, Username: o.Username, Password: o.Password,
			TLSConfig: o.TLSConfig,
		}
	}
	uo.PoolSize = cfg.RedisPoolSize
	uo.DialTimeout = cfg.RedisDialTimeout
	uo.ReadTimeout = cfg.RedisReadTimeout
	uo.WriteTimeout = cfg.RedisReadTimeout
	// Without this go-redis ignores the context's deadline and waits out
	// ReadTimeout on every call: a slow Redis would hold a webhook for
	// seconds past WEBHOOK_TIMEOUT.
	uo.ContextTimeoutEnabled = true
	return &uo, nil
}

// redact drops the password of rawURL from an error that may quote it.
func redact(err error, rawURL string) error {
	u, perr := url.Parse(rawURL)
	if perr != nil || u.User == nil {
		return err
	}
	if pw, ok := u.User.Password(); ok && pw != "" {
		return errors.New(strings.ReplaceAll(err.Error(), pw, "xxxxx"))
	}
	return err
}
