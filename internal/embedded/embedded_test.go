package embedded

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

func open(t *testing.T, dir string) *Server {
	t.Helper()
	s, err := Open(Options{Dir: dir, Interval: 50 * time.Millisecond, Skip: []string{"{hl:cat}"}})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

// fill writes one key of every type the line uses.
func fill(t *testing.T, rdb *redis.Client) {
	t.Helper()
	ctx := context.Background()
	pipe := rdb.Pipeline()
	pipe.Set(ctx, "str", "binary \x00\xff value", 0)
	pipe.Set(ctx, "short", "gone soon", 700*time.Millisecond)
	pipe.HSet(ctx, "hash", "a", "1", "b", "2")
	pipe.Expire(ctx, "hash", time.Hour)
	pipe.RPush(ctx, "list", "first", "second", "third")
	pipe.SAdd(ctx, "set", "x", "y")
	pipe.ZAdd(ctx, "zset", redis.Z{Member: "m1", Score: 1.5}, redis.Z{Member: "m2", Score: 3602879701896397})
	for i := range 500 {
		pipe.PFAdd(ctx, "hll", fmt.Sprintf("person-%d", i))
	}
	pipe.PFAdd(ctx, "hll2", "person-1", "someone-else")
	pipe.PFMerge(ctx, "hll3", "hll", "hll2")
	pipe.Set(ctx, "{hl:cat}:current", "v1", 0)
	if _, err := pipe.Exec(ctx); err != nil {
		t.Fatal(err)
	}
}

func check(t *testing.T, rdb *redis.Client, wantShort, restored bool) {
	t.Helper()
	ctx := context.Background()
	if got, _ := rdb.Get(ctx, "str").Result(); got != "binary \x00\xff value" {
		t.Errorf("str: got %q", got)
	}
	if n, _ := rdb.Exists(ctx, "short").Result(); (n == 1) != wantShort {
		t.Errorf("short (700 ms to live): exists %d; want %v", n, wantShort)
	}
	if got, _ := rdb.HGetAll(ctx, "hash").Result(); got["a"] != "1" || got["b"] != "2" {
		t.Errorf("hash: got %v", got)
	}
	if ttl, _ := rdb.TTL(ctx, "hash").Result(); ttl < 59*time.Minute || ttl > time.Hour {
		t.Errorf("hash TTL: got %v; want about an hour", ttl)
	}
	if got, _ := rdb.LRange(ctx, "list", 0, -1).Result(); !slices.Equal(got, []string{"first", "second", "third"}) {
		t.Errorf("list: got %q", got)
	}
	if got, _ := rdb.SMembers(ctx, "set").Result(); len(got) != 2 {
		t.Errorf("set: got %q", got)
	}
	if got, _ := rdb.ZRangeWithScores(ctx, "zset", 0, -1).Result(); len(got) != 2 || got[1].Score != 3602879701896397 {
		t.Errorf("zset: got %v", got)
	}
	for key, want := range map[string]int64{"hll": 500, "hll2": 2, "hll3": 501} {
		got, _ := rdb.PFCount(ctx, key).Result()
		if got < want*98/100 || got > want*102/100+1 {
			t.Errorf("PFCOUNT %s: got %d; want about %d", key, got, want)
		}
	}
	if n, _ := rdb.PFCount(ctx, "hll", "hll2").Result(); n < 490 || n > 512 {
		t.Errorf("PFCOUNT of the union: got %d; want about 501 (the same members, not copies)", n)
	}
	if n, _ := rdb.Exists(ctx, "{hl:cat}:current").Result(); restored && n != 0 {
		t.Errorf("a skipped key came back")
	}
}

// TestKeepsEveryTypeOverARestart: what the line writes is there after Close
// and Open, with what was left of its time to live; skipped keys are not.
func TestKeepsEveryTypeOverARestart(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	rdb := s.Client()
	fill(t, rdb)
	check(t, rdb, true, false)
	rdb.Close()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(800 * time.Millisecond) // "short" expires while the line is down

	s = open(t, dir)
	defer s.Close()
	rdb = s.Client()
	defer rdb.Close()
	check(t, rdb, false, true)
}

// TestSavesWithoutClose: a line that never closes (kill -9) leaves a
// snapshot at most an interval old; ReadOnly reads it without the lock.
func TestSavesWithoutClose(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	defer s.Close()
	rdb := s.Client()
	defer rdb.Close()
	fill(t, rdb)
	rdb.Del(context.Background(), "short") // its time to live is the other test's
	// Once the saver is quiet, its last save began after the last write.
	waitSaves(t, s, 1)
	quiet(t, s)
	ro, err := ReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	rc := ro.Client()
	defer rc.Close()
	check(t, rc, false, true)

	// Nothing written: no more saves.
	quiet(t, s)
	before, _ := s.Stats()
	rdb.Get(context.Background(), "str")
	rdb.HGetAll(context.Background(), "hash")
	time.Sleep(300 * time.Millisecond)
	if after, _ := s.Stats(); after != before {
		t.Errorf("saves with only reads: got %d more; want 0", after-before)
	}
}

func waitSaves(t *testing.T, s *Server, n int64) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if got, _ := s.Stats(); got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("fewer than %d saves within 10s", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// quiet waits until the saver has caught up (no save for 300 ms).
func quiet(t *testing.T, s *Server) {
	t.Helper()
	for range 50 {
		a, _ := s.Stats()
		time.Sleep(300 * time.Millisecond)
		s.saveMu.Lock() // a save in progress ends
		s.saveMu.Unlock()
		if b, _ := s.Stats(); a == b && !s.dirty.Load() {
			return
		}
	}
	t.Fatal("the store kept saving with nothing written")
}

func TestOneLinePerDirectory(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	_, err := Open(Options{Dir: dir})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), fmt.Sprint(os.Getpid())) {
		t.Errorf("second Open: got %v; want ErrLocked naming process %d", err, os.Getpid())
	}
	s.Close()
	s2, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	s2.Close()
}

func TestUnreadableSnapshotStops(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, SnapshotFile)
	os.WriteFile(path, []byte("not a snapshot"), 0o600)
	_, err := Open(Options{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("Open with a broken snapshot: got %v; want an error naming %s", err, path)
	}
}

func TestPasswordRequired(t *testing.T) {
	s := open(t, t.TempDir())
	defer s.Close()
	rdb := redis.NewClient(&redis.Options{Addr: s.Addr()})
	defer rdb.Close()
	if err := rdb.Set(context.Background(), "k", "v", 0).Err(); err == nil {
		t.Errorf("a write without the password: got nil; want refused")
	}
	if !strings.HasPrefix(s.Addr(), "127.0.0.1:") {
		t.Errorf("Addr: got %s; want loopback", s.Addr())
	}
}

// TestSavesWhileScriptsRun: saves while clients run Lua scripts that write
// (as the line's callback desk does) neither deadlock nor lose a write.
func TestSavesWhileScriptsRun(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(Options{Dir: dir, Interval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	rdb := s.Client()
	script := redis.NewScript(`redis.call('INCR', KEYS[1]); redis.call('HSET', KEYS[2], ARGV[1], 1); return 1`)
	ctx := context.Background()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 2000 {
			if err := script.Run(ctx, rdb, []string{"n", "h"}, i).Err(); err != nil {
				t.Errorf("script: %v", err)
				return
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("scripts and saves deadlocked")
	}
	rdb.Close()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Stats(); n < 2 {
		t.Errorf("saves while the scripts ran: got %d; want several", n)
	}
	s, err = Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rdb = s.Client()
	defer rdb.Close()
	if n, _ := rdb.Get(ctx, "n").Int(); n != 2000 {
		t.Errorf("after a restart: got n=%d; want 2000", n)
	}
	if n, _ := rdb.HLen(ctx, "h").Result(); n != 2000 {
		t.Errorf("after a restart: got %d fields; want 2000", n)
	}
}
