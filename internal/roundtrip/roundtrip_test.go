package roundtrip

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/redistest"
)

// clients returns a plain client and an autopipeliner's deferred face, both on
// the redis-server at addr, as the line makes them.
func clients(t *testing.T, addr string) map[string]redis.UniversalClient {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: addr, ContextTimeoutEnabled: true, MaxRetries: -1})
	ap, err := rdb.AsyncAutoPipeline()
	if err != nil {
		t.Fatalf("AsyncAutoPipeline: %v", err)
	}
	t.Cleanup(func() { ap.Close(); rdb.Close() })
	return map[string]redis.UniversalClient{"plain": rdb, "autopipeliner": ap}
}

func TestExec(t *testing.T) {
	rs := redistest.StartServer(t)
	for name, rdb := range clients(t, rs.Addr) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			key := "rt:" + name
			pipe := rdb.Pipeline()
			missing := pipe.Get(ctx, key+":missing")
			pipe.SetNX(ctx, key, 0, time.Minute)
			incr := pipe.Incr(ctx, key)
			ttl := pipe.TTL(ctx, key)
			err := Exec(ctx, rdb, pipe)
			if !errors.Is(err, redis.Nil) {
				t.Errorf("Exec: got %v; want redis.Nil, the first command's", err)
			}
			if _, err := missing.Result(); !errors.Is(err, redis.Nil) {
				t.Errorf("GET of a missing key: got %v; want redis.Nil", err)
			}
			if n, err := incr.Result(); n != 1 || err != nil {
				t.Errorf("INCR after SET NX 0: got %d, %v; want 1, nil", n, err)
			}
			if d, err := ttl.Result(); d <= 0 || d > time.Minute || err != nil {
				t.Errorf("TTL: got %v, %v; want the minute SET NX gave", d, err)
			}
		})
	}
}

// TestExecConcurrent sends counters from many goroutines at once: each
// caller's commands must run in its order (SET NX before INCR, or the
// counter would never expire) and each must get its own reply.
func TestExecConcurrent(t *testing.T) {
	rs := redistest.StartServer(t)
	for name, rdb := range clients(t, rs.Addr) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			const callers, rounds = 32, 50
			var wg sync.WaitGroup
			errs := make(chan error, callers)
			for c := range callers {
				wg.Go(func() {
					key := fmt.Sprintf("rt:%s:%d", name, c)
					for i := 1; i <= rounds; i++ {
						pipe := rdb.Pipeline()
						pipe.SetNX(ctx, key, 0, time.Hour)
						incr := pipe.Incr(ctx, key)
						if err := Exec(ctx, rdb, pipe); err != nil {
							errs <- err
							return
						}
						if n := incr.Val(); n != int64(i) {
							errs <- fmt.Errorf("%s: round %d counted %d", key, i, n)
							return
						}
					}
					if d := rdb.TTL(ctx, key).Val(); d <= 0 {
						errs <- fmt.Errorf("%s: TTL %v; want one", key, d)
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
		})
	}
}

// TestExecSlowRedis holds Redis's replies for a second: Exec must give up at
// the context's deadline, whichever client.
func TestExecSlowRedis(t *testing.T) {
	rs := redistest.StartServer(t)
	proxy := redistest.StartDelayProxy(t, rs.Addr)
	for name, rdb := range clients(t, proxy.Addr()) {
		t.Run(name, func(t *testing.T) {
			if err := rdb.Ping(context.Background()).Err(); err != nil {
				t.Fatalf("ping: %v", err)
			}
			proxy.SetDelay(time.Second)
			defer proxy.SetDelay(0)
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			pipe := rdb.Pipeline()
			pipe.Get(ctx, "rt:slow")
			start := time.Now()
			err := Exec(ctx, rdb, pipe)
			if took := time.Since(start); took > 600*time.Millisecond {
				t.Errorf("Exec took %v with Redis slow; want about the 100ms deadline", took)
			}
			if err == nil || errors.Is(err, redis.Nil) {
				t.Errorf("Exec with Redis slow: got %v; want a timeout", err)
			}
			if name == "autopipeliner" && !errors.Is(err, ErrGaveUp) {
				t.Errorf("Exec on the autopipeliner: got %v; want ErrGaveUp", err)
			}
		})
	}
}

// BenchmarkExec sends a webhook's first read (a state GET, an opt-out
// SISMEMBER, the rate counter's SET NX and INCR) from 32 callers at once, as
// 32 connections of webhooks do, through each client.
func BenchmarkExec(b *testing.B) {
	rdb := redistest.StartServer(b)
	plain := redis.NewClient(&redis.Options{Addr: rdb.Addr, ContextTimeoutEnabled: true})
	defer plain.Close()
	ap, err := plain.AsyncAutoPipeline()
	if err != nil {
		b.Fatal(err)
	}
	defer ap.Close()
	for _, c := range []struct {
		name string
		rdb  redis.UniversalClient
	}{{"plain", plain}, {"autopipeliner", ap}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetParallelism(16) // 32 callers on 2 CPUs
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				ctx := context.Background()
				for pb.Next() {
					pipe := c.rdb.Pipeline()
					pipe.Get(ctx, "bench:state")
					pipe.SIsMember(ctx, "bench:optout", "x")
					pipe.SetNX(ctx, "bench:count", 0, time.Hour)
					pipe.Incr(ctx, "bench:count")
					if err := Exec(ctx, c.rdb, pipe); err != nil && !errors.Is(err, redis.Nil) {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// TestExecQueueFull: with Redis holding its replies and the autopipeliner's
// bound reached, a further Exec fails at once instead of queueing (the line
// bounds it so that a silent Redis cannot make commands pile up).
func TestExecQueueFull(t *testing.T) {
	rs := redistest.StartServer(t)
	proxy := redistest.StartDelayProxy(t, rs.Addr)
	rdb := redis.NewClient(&redis.Options{Addr: proxy.Addr(), ContextTimeoutEnabled: true, MaxRetries: -1})
	opts := redis.DefaultAutoPipelineOptions()
	opts.MaxQueuedCommands = 2
	ap, err := rdb.AsyncAutoPipelineWithOptions(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ap.Close(); rdb.Close() })
	if err := rdb.Ping(t.Context()).Err(); err != nil {
		t.Fatal(err)
	}
	proxy.SetDelay(500 * time.Millisecond)
	defer proxy.SetDelay(0)

	busy := make(chan error, 1)
	go func() {
		pipe := ap.Pipeline()
		pipe.Get(t.Context(), "rt:a")
		pipe.Get(t.Context(), "rt:b")
		busy <- Exec(t.Context(), ap, pipe)
	}()
	time.Sleep(100 * time.Millisecond) // the first two are queued or in flight

	pipe := ap.Pipeline()
	get := pipe.Get(t.Context(), "rt:c")
	start := time.Now()
	err = Exec(t.Context(), ap, pipe)
	if !errors.Is(err, redis.ErrAutoPipelineQueueFull) {
		t.Errorf("Exec past the bound: got %v; want ErrAutoPipelineQueueFull", err)
	}
	if took := time.Since(start); took > 200*time.Millisecond {
		t.Errorf("Exec past the bound took %v; want it refused at once", took)
	}
	if !errors.Is(get.Err(), redis.ErrAutoPipelineQueueFull) {
		t.Errorf("the refused command: got %v; want ErrAutoPipelineQueueFull", get.Err())
	}
	if err := <-busy; !errors.Is(err, redis.Nil) {
		t.Errorf("the first Exec: got %v; want its replies (redis.Nil) once Redis answered", err)
	}
}
