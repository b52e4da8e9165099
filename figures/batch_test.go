package figures

import (
	"context"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// pipelines counts the round trips a client makes to Redis, leaving out
// those that set up a connection.
type pipelines struct{ n atomic.Int64 }

func setup(cmd redis.Cmder) bool {
	switch cmd.Name() {
	case "hello", "client", "ping":
		return true
	}
	return false
}

func (p *pipelines) DialHook(next redis.DialHook) redis.DialHook { return next }
func (p *pipelines) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if !setup(cmd) {
			p.n.Add(1)
		}
		return next(ctx, cmd)
	}
}
func (p *pipelines) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if len(cmds) > 0 && !setup(cmds[0]) {
			p.n.Add(1)
		}
		return next(ctx, cmds)
	}
}

// Many events recorded together are written in one round trip, and the
// report reads them as if each had been written alone.
func TestBatchOneRoundTrip(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		var rt pipelines
		rdb.AddHook(&rt)
		r := NewRedis(rdb, Options{Title: func(id string) string { return titles[id] }, FlushInterval: time.Hour, Timeout: slowMachine}, testLog(t))
		defer r.Close()
		for _, e := range fixture() {
			r.Record(context.Background(), e)
		}
		if got := rt.n.Load(); got != 0 {
			t.Errorf("got %d round trips before the flush; want 0 (Record does not wait for Redis)", got)
		}
		if err := r.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := rt.n.Load(); got != 1 {
			t.Errorf("got %d round trips for %d events; want 1", got, len(fixture()))
		}
		got, err := r.Report(context.Background(), at("2025-01-06 00:00"), at("2025-01-13 00:00"))
		if err != nil {
			t.Fatal(err)
		}
		compareReports(t, got, wantReport())
	})
}

// An event waits at most FlushInterval, and a full batch is written at once.
func TestBatchWrittenWithoutFlush(t *testing.T) {
	tests := []struct {
		name     string
		interval time.Duration
		size     int
		events   int
	}{
		{"interval", 20 * time.Millisecond, 1000, 3},
		{"full batch", time.Hour, 4, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdb, _ := redistest.Mini(t)
			r := NewRedis(rdb, Options{FlushInterval: tt.interval, BatchSize: tt.size, Timeout: slowMachine}, testLog(t))
			defer r.Close()
			e := Event{Time: at("2025-01-06 10:00"), Channel: SMS, Kind: Contact, Person: p1}
			for range tt.events {
				r.Record(context.Background(), e)
			}
			key := r.weekKey(at("2025-01-06 00:00"), "")
			deadline := time.Now().Add(2 * time.Second)
			for {
				n, _ := rdb.HGet(context.Background(), key, fTexts).Int()
				if n == tt.events {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("got %d texts written after 2s; want %d", n, tt.events)
				}
				time.Sleep(5 * time.Millisecond)
			}
		})
	}
}

// stalled is a TCP listener that accepts connections and never answers, so
// a write waits for its timeout.
func stalled(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String()
}

// When Redis is slow and the buffer fills, Record still returns at once:
// the events that do not fit are dropped and counted.
func TestBatchDropsWhenFull(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: stalled(t), MaxRetries: -1, ContextTimeoutEnabled: true})
	defer rdb.Close()
	r := NewRedis(rdb, Options{Timeout: 300 * time.Millisecond, FlushInterval: time.Millisecond, BatchSize: 1, BufferSize: 4}, testLog(t))
	defer r.Close()
	start := time.Now()
	for range 50 {
		r.Record(context.Background(), Event{Channel: SMS, Kind: Contact, Person: p1})
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("50 Records took %s with Redis stalled; want no waiting", d)
	}
	if got := r.Dropped(); got < 45 || got > 46 {
		t.Errorf("got %d dropped; want 50 less the buffer of 4 (and less one if the writer took one)", got)
	}
}

// Close writes every event still waiting; events after Close are written
// at once.
func TestCloseWritesEverything(t *testing.T) {
	rdb, _ := redistest.Start(t)
	r := NewRedis(rdb, Options{FlushInterval: time.Hour, Timeout: slowMachine}, testLog(t))
	e := Event{Time: at("2025-01-06 10:00"), Channel: Voice, Kind: Contact, Person: p1}
	for range 300 {
		r.Record(context.Background(), e)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	key := r.weekKey(at("2025-01-06 00:00"), "")
	if n, err := rdb.HGet(context.Background(), key, fCalls).Int(); n != 300 || err != nil {
		t.Errorf("after Close: got %d calls, %v; want 300, nil", n, err)
	}
	r.Record(context.Background(), e)
	if n, _ := rdb.HGet(context.Background(), key, fCalls).Int(); n != 301 {
		t.Errorf("after a Record following Close: got %d calls; want 301", n)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: got %v; want nil", err)
	}
	if err := r.Flush(context.Background()); err != nil {
		t.Errorf("Flush after Close: got %v; want nil", err)
	}
}

// Many goroutines recording while others flush and one closes lose nothing
// (run with -race).
func TestBatchConcurrent(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := NewRedis(rdb, Options{FlushInterval: time.Millisecond, BatchSize: 7, Timeout: slowMachine}, testLog(t))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				r.Record(context.Background(), Event{Time: at("2025-01-06 10:00"), Channel: SMS, Kind: Contact, Person: p1})
				if i%10 == g {
					if err := r.Flush(context.Background()); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	r.Close()
	if n, _ := rdb.HGet(context.Background(), r.weekKey(at("2025-01-06 00:00"), ""), fTexts).Int(); n != 400 || r.Dropped() != 0 {
		t.Errorf("got %d texts, %d dropped; want 400, 0", n, r.Dropped())
	}
}

// Flush gives up when its context ends, with the context's error.
func TestFlushContext(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: stalled(t), MaxRetries: -1, ContextTimeoutEnabled: true})
	defer rdb.Close()
	r := NewRedis(rdb, Options{Timeout: time.Second, FlushInterval: time.Hour}, testLog(t))
	defer r.Close()
	r.Record(context.Background(), Event{Channel: SMS, Kind: Contact, Person: p1})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := r.Flush(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v; want %v", err, context.DeadlineExceeded)
	}
}
