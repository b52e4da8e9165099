package redisstore

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/redis/go-redis/v9"
)

// NewClient makes a go-redis client from a REDIS_URL, choosing the kind of
// deployment from the URL, so that moving from one server to Sentinel or
// Cluster is a change of configuration only:
//
//	redis://:pw@host:6379/0                              one server
//	redis://:pw@s1:26379?master_name=mymaster&addr=s2:26379  Sentinel: the hosts are sentinels
//	redis://:pw@n1:6379?addr=n2:6379&addr=n3:6379         Cluster: the hosts are seed nodes
//
// rediss:// asks for TLS; go-redis's options may be given as query parameters
// (dial_timeout=2s, read_timeout=1s, pool_size=20...). It does not connect.
// Errors name the problem but never echo the URL, which may hold a password.
func NewClient(rawURL string) (redis.UniversalClient, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, errors.New("redisstore: REDIS_URL is not a URL")
	}
	q := u.Query()
	switch {
	case q.Has("master_name"):
		opts, err := redis.ParseFailoverURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("redisstore: REDIS_URL (Sentinel): %w", redact(err, u))
		}
		return redis.NewFailoverClient(opts), nil
	case q.Has("addr"):
		opts, err := redis.ParseClusterURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("redisstore: REDIS_URL (Cluster): %w", redact(err, u))
		}
		return redis.NewClusterClient(opts), nil
	default:
		opts, err := redis.ParseURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("redisstore: REDIS_URL: %w", redact(err, u))
		}
		return redis.NewClient(opts), nil
	}
}

// redact drops the password from an error that may quote the URL.
func redact(err error, u *url.URL) error {
	if u.User == nil {
		return err
	}
	pw, ok := u.User.Password()
	if !ok || pw == "" {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), pw, "xxxxx"))
}
