package redisstore

import (
	"context"
	"errors"
	"net"
	"os/exec"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/internal/redistest"
)

// quickClient fails fast, as the line's client should, so that answers from
// memory come at once.
func quickClient(t *testing.T, addr string) redis.UniversalClient {
	rdb := redis.NewClient(&redis.Options{
		Addr: addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond,
		ReadTimeout: 200 * time.Millisecond, WriteTimeout: 200 * time.Millisecond,
	})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

var fromeQuery = catalogue.Query{Lat: frome.Lat, Lon: frome.Lon, Limit: 3}

func TestRedisStopsAndReturns(t *testing.T) {
	_, m := redistest.Mini(t)
	rdb := quickClient(t, m.Addr())
	ctx := context.Background()
	if _, err := newStore(t, rdb, Options{}).Replace(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	s := newStore(t, rdb, Options{RetryAfter: 20 * time.Millisecond})
	want, wantTotal, err := s.Near(ctx, fromeQuery)
	if err != nil {
		t.Fatal(err)
	}
	cold := newStore(t, rdb, Options{}) // an instance that never read the catalogue

	m.Close()
	for i := range 3 {
		got, total, err := s.Near(ctx, fromeQuery)
		if err != nil {
			t.Fatalf("Near %d with Redis down: got %v; want an answer from memory", i, err)
		}
		if !slices.Equal(ids(got), ids(want)) || total != wantTotal {
			t.Errorf("Near %d with Redis down: got %q (total %d); want %q (total %d)", i, ids(got), total, ids(want), wantTotal)
		}
	}
	if _, err := s.Get(ctx, "frome-walk"); err != nil {
		t.Errorf("Get with Redis down: got %v; want nil", err)
	}
	if towns, err := s.Towns(ctx); err != nil || len(towns) != 3 {
		t.Errorf("Towns with Redis down: got %d towns, %v; want 3, nil", len(towns), err)
	}
	st := s.Stats()
	if st.Fallbacks < 5 || !st.RedisDown {
		t.Errorf("stats with Redis down: got fallbacks %d, down %v; want at least 5, true", st.Fallbacks, st.RedisDown)
	}
	if _, _, err := cold.Near(ctx, fromeQuery); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Near on a cold instance with Redis down: got %v; want ErrUnavailable", err)
	}

	if err := m.Restart(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(30 * time.Millisecond) // RetryAfter
	if _, _, err := s.Near(ctx, fromeQuery); err != nil {
		t.Fatal(err)
	}
	before := s.Stats().Fallbacks
	for range 3 {
		if _, _, err := s.Near(ctx, fromeQuery); err != nil {
			t.Fatal(err)
		}
	}
	if st := s.Stats(); st.Fallbacks != before || st.RedisDown {
		t.Errorf("after Redis returned: got fallbacks %d → %d, down %v; want no more, false", before, st.Fallbacks, st.RedisDown)
	}
	if _, _, err := cold.Near(ctx, fromeQuery); err != nil {
		t.Errorf("cold instance after Redis returned: got %v; want nil", err)
	}
}

// TestRealRedisRestartsEmpty stops a real redis-server and starts an empty
// one at the same address, as after a crash without persistence: searches are
// answered from memory until the next reload fills Redis again.
func TestRealRedisRestartsEmpty(t *testing.T) {
	srv := redistest.StartServer(t)
	rdb := quickClient(t, srv.Addr)
	ctx := context.Background()
	loader := newStore(t, rdb, Options{})
	if _, err := loader.Replace(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	s := newStore(t, rdb, Options{RetryAfter: 20 * time.Millisecond})
	want, _, err := s.Near(ctx, fromeQuery)
	if err != nil {
		t.Fatal(err)
	}

	srv.Stop()
	got, _, err := s.Near(ctx, fromeQuery)
	if err != nil || !slices.Equal(ids(got), ids(want)) {
		t.Fatalf("Near with Redis stopped: got %q, %v; want %q, nil", ids(got), err, ids(want))
	}

	startRedisAt(t, srv.Addr)
	time.Sleep(30 * time.Millisecond)
	before := s.Stats().Fallbacks
	got, _, err = s.Near(ctx, fromeQuery)
	if err != nil || !slices.Equal(ids(got), ids(want)) {
		t.Fatalf("Near with Redis empty: got %q, %v; want %q, nil", ids(got), err, ids(want))
	}
	if s.Stats().Fallbacks != before+1 {
		t.Errorf("fallbacks with Redis empty: got %d; want %d", s.Stats().Fallbacks, before+1)
	}
	if s.Stats().RedisDown {
		t.Errorf("RedisDown with Redis answering: got true; want false")
	}

	// The next reload puts the catalogue back, and searches use Redis again.
	if _, err := loader.Replace(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	before = s.Stats().Fallbacks
	got, _, err = s.Near(ctx, fromeQuery)
	if err != nil || !slices.Equal(ids(got), ids(want)) {
		t.Fatalf("Near after reload: got %q, %v; want %q, nil", ids(got), err, ids(want))
	}
	if s.Stats().Fallbacks != before {
		t.Errorf("fallbacks after reload: got %d; want %d", s.Stats().Fallbacks, before)
	}
}

// startRedisAt runs an empty redis-server on addr for the rest of the test.
func startRedisAt(t *testing.T, addr string) {
	t.Helper()
	_, port, _ := net.SplitHostPort(addr)
	if _, err := strconv.Atoi(port); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("redis-server", "--port", port, "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", t.TempDir())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	deadline := time.Now().Add(5 * time.Second)
	for rdb.Ping(context.Background()).Err() != nil {
		if time.Now().After(deadline) {
			t.Fatal("redis-server did not restart")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestNearGivesUpWithContext(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	ctx, cancel := context.WithCancel(context.Background())
	s := newStore(t, rdb, Options{})
	if _, err := s.Replace(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, _, err := s.Near(ctx, fromeQuery); !errors.Is(err, context.Canceled) {
		t.Errorf("Near with a cancelled context: got %v; want context.Canceled", err)
	}
	if s.Stats().RedisDown {
		t.Errorf("a cancelled search marked Redis down")
	}
}

func TestSlowRedisAnsweredFromMemoryInBoundedTime(t *testing.T) {
	_, m := redistest.Mini(t)
	proxy := redistest.StartDelayProxy(t, m.Addr())
	rdb := redis.NewClient(&redis.Options{Addr: proxy.Addr(), MaxRetries: -1})
	t.Cleanup(func() { rdb.Close() })
	ctx := context.Background()
	s := newStore(t, rdb, Options{Timeout: 50 * time.Millisecond, RetryAfter: 20 * time.Millisecond})
	want, _, err := func() ([]catalogue.Result, int, error) {
		if _, err := s.Replace(ctx, sample()); err != nil {
			return nil, 0, err
		}
		return s.Near(ctx, fromeQuery)
	}()
	if err != nil {
		t.Fatal(err)
	}

	proxy.SetDelay(time.Second)
	start := time.Now()
	got, _, err := s.Near(ctx, fromeQuery)
	took := time.Since(start)
	if err != nil || !slices.Equal(ids(got), ids(want)) {
		t.Fatalf("Near with Redis slow: got %q, %v; want %q, nil", ids(got), err, ids(want))
	}
	if took > 500*time.Millisecond {
		t.Errorf("Near with Redis slow took %v; want about the 50ms timeout", took)
	}
	if s.Stats().Fallbacks == 0 || !s.Stats().RedisDown {
		t.Errorf("stats with Redis slow: got %+v; want a fallback and Redis down", s.Stats())
	}

	proxy.SetDelay(0)
	time.Sleep(30 * time.Millisecond)
	deadline := time.Now().Add(3 * time.Second)
	for s.Stats().RedisDown && time.Now().Before(deadline) {
		s.Near(ctx, fromeQuery)
		time.Sleep(10 * time.Millisecond)
	}
	if s.Stats().RedisDown {
		t.Errorf("Redis still counted down after it sped up")
	}
}
