package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"
)

// options are loadgen's flags.
type options struct {
	url, token string // a running line; empty starts one
	bin        string // the heritageline binary to start; empty builds it
	redisAddr  string // a running redis-server for the started line; empty starts one
	catalogue  string // CATALOGUE for the started line, and where the places asked about come from

	conns       int
	duration    time.Duration
	rounds      int // each load's duration is split into this many rounds, taking turns
	warmup      time.Duration
	requests    int // stop each phase after this many requests (0: no limit but duration)
	numbers     int // distinct residents' numbers
	rate        int // steady requests per second (0: as fast as the connections go)
	prebuild    int // webhook requests per second to sign before each phase (0: sign as they go)
	sample      time.Duration
	check       bool
	skipHealthz bool

	client     string // "wrk" or "go"
	loads      []load // with wrk: the loads measured, each beside /healthz
	wrkThreads int

	maxP99   time.Duration
	minRatio float64
}

func (o *options) register(fs *flag.FlagSet) {
	fs.StringVar(&o.url, "url", "", "base `URL` of a running line (its PUBLIC_URL, on loopback); empty starts one")
	fs.StringVar(&o.token, "token", "", "the running line's TWILIO_AUTH_TOKEN, with -url")
	fs.StringVar(&o.bin, "bin", "", "heritageline `binary` to start; empty builds ./cmd/heritageline")
	fs.StringVar(&o.redisAddr, "redis", "", "`host:port` of a redis-server for the started line; empty starts one on a free loopback port")
	fs.StringVar(&o.catalogue, "catalogue", "", "CATALOGUE `source` for the started line (CSV file); empty uses the bundled sample")
	fs.IntVar(&o.conns, "conns", 32, "concurrent connections")
	fs.DurationVar(&o.duration, "duration", 20*time.Second, "how long each load (webhooks, /healthz) runs in all")
	fs.IntVar(&o.rounds, "rounds", 4, "split each load into this many rounds, the two loads taking turns (webhooks, /healthz, webhooks ...), so the machine's drift falls on both alike")
	fs.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured load before the webhook phase")
	fs.IntVar(&o.requests, "requests", 0, "stop each phase after this many requests (0: only -duration)")
	fs.IntVar(&o.numbers, "numbers", 5000, "distinct residents' numbers the webhooks come from")
	fs.IntVar(&o.rate, "rate", 0, "steady webhook requests per second for a soak (0: as fast as possible)")
	fs.IntVar(&o.prebuild, "prebuild", 25_000, "sign enough webhooks for this many requests per second before each phase (at most 600000 a phase), so signing does not take CPU from the line while it is measured; a connection that runs out signs more as it goes; 0 signs every request as it goes")
	fs.DurationVar(&o.sample, "sample", 0, "print the line's memory and goroutines this often (soak)")
	fs.BoolVar(&o.check, "check", false, "exit with status 3 when a target is missed")
	fs.BoolVar(&o.skipHealthz, "no-healthz", false, "skip the /healthz phase (soak)")
	fs.StringVar(&o.client, "client", "wrk", "the load's `client`: wrk (pre-signed requests through a Lua script, each load beside /healthz) or go (this program's own HTTP client, whole walks; needed for -rate, -requests and -sample)")
	o.loads = allLoads
	fs.Func("loads", "with -client wrk, the comma-separated `loads` to measure, each beside /healthz: first (a resident's first text), followup (MORE or a number), voice (the three steps of a call), mix (whole walks); default all", func(s string) error {
		o.loads = nil
		for _, f := range strings.Split(s, ",") {
			l := load(strings.TrimSpace(f))
			if !slices.Contains(allLoads, l) {
				return fmt.Errorf("%q: want first, followup, voice or mix", f)
			}
			o.loads = append(o.loads, l)
		}
		return nil
	})
	fs.IntVar(&o.wrkThreads, "wrk-threads", 2, "wrk's threads (event loops)")
	fs.DurationVar(&o.maxP99, "max-p99", 25*time.Millisecond, "target: webhook p99 at most this")
	fs.Float64Var(&o.minRatio, "min-ratio", 0.25, "target: webhook throughput over /healthz throughput at least this")
}

// validate keeps the load bounded and on loopback.
func (o *options) validate() error {
	if o.conns < 1 || o.conns > 1024 {
		return fmt.Errorf("-conns %d: want 1 to 1024", o.conns)
	}
	if o.duration <= 0 || o.duration > 2*time.Hour {
		return fmt.Errorf("-duration %v: want more than 0 and at most 2h", o.duration)
	}
	if o.rounds < 1 || o.rounds > 100 {
		return fmt.Errorf("-rounds %d: want 1 to 100", o.rounds)
	}
	if o.prebuild < 0 || o.prebuild > 1_000_000 {
		return fmt.Errorf("-prebuild %d: want 0 to 1000000", o.prebuild)
	}
	if o.numbers < 1 || o.numbers > len(residents) {
		return fmt.Errorf("-numbers %d: want 1 to %d (the drama numbers a line may text)", o.numbers, len(residents))
	}
	switch o.client {
	case "go":
	case "wrk":
		if o.rate > 0 || o.requests > 0 || o.sample > 0 || o.skipHealthz {
			return errors.New("-rate, -requests, -sample and -no-healthz need -client go")
		}
		if o.prebuild < 1000 {
			return fmt.Errorf("-prebuild %d: wrk sends only requests signed beforehand; want at least 1000", o.prebuild)
		}
		if o.wrkThreads < 1 || o.wrkThreads > 64 {
			return fmt.Errorf("-wrk-threads %d: want 1 to 64", o.wrkThreads)
		}
	default:
		return fmt.Errorf("-client %q: want wrk or go", o.client)
	}
	if o.url != "" {
		if o.token == "" {
			return errors.New("-url needs -token (the line's TWILIO_AUTH_TOKEN)")
		}
		if err := loopbackURL(o.url); err != nil {
			return err
		}
	}
	if o.redisAddr != "" {
		host, _, err := net.SplitHostPort(o.redisAddr)
		if err != nil || !loopbackHost(host) {
			return fmt.Errorf("-redis %q: want a loopback host:port", o.redisAddr)
		}
	}
	return nil
}

func loopbackURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("-url %q: want an absolute http URL", raw)
	}
	if !loopbackHost(u.Hostname()) {
		return fmt.Errorf("-url %q: loadgen only targets loopback", raw)
	}
	return nil
}

func loopbackHost(h string) bool {
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
