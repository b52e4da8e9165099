package session_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/session"
)

func TestSaveLoadDelete(t *testing.T) {
	rdb, m := redistest.Mini(t)
	s := session.New(rdb, "t:")
	ctx := context.Background()
	type state struct{ Step string }
	if ok, err := s.Load(ctx, "k", &state{}); ok || err != nil {
		t.Fatalf("Load before Save = %v, %v; want false, nil", ok, err)
	}
	if err := s.Save(ctx, "k", state{"menu"}, time.Minute); err != nil {
		t.Fatal(err)
	}
	var got state
	if ok, err := s.Load(ctx, "k", &got); !ok || err != nil || got.Step != "menu" {
		t.Fatalf("Load = %v, %v, %+v; want true, nil, menu", ok, err, got)
	}
	m.FastForward(2 * time.Minute)
	if ok, _ := s.Load(ctx, "k", &got); ok {
		t.Errorf("state still there after its TTL")
	}
	s.Save(ctx, "k", state{"x"}, time.Minute)
	s.Delete(ctx, "k")
	if ok, _ := s.Load(ctx, "k", &got); ok {
		t.Errorf("state still there after Delete")
	}
}

// count counts once under key, as a pipeline of QueueCount alone.
func count(ctx context.Context, rdb redis.UniversalClient, s *session.Store, key string) (int64, error) {
	pipe := rdb.Pipeline()
	n := s.QueueCount(ctx, pipe, key, time.Hour)
	_, _ = pipe.Exec(ctx) // the error is read by n
	return n()
}

func TestCount(t *testing.T) {
	rdb, _ := redistest.Start(t)
	s := session.New(rdb, "t:")
	ctx := context.Background()
	for want := int64(1); want <= 3; want++ {
		n, err := count(ctx, rdb, s, "c")
		if err != nil || n != want {
			t.Fatalf("Count = %d, %v; want %d", n, err, want)
		}
	}
	if ttl := rdb.TTL(ctx, "t:c").Val(); ttl <= 0 || ttl > time.Hour {
		t.Errorf("TTL = %v; want within the hour window", ttl)
	}
}

// A counter keeps the window it was created with: counting again does not
// extend it.
func TestCountWindowFixed(t *testing.T) {
	rdb, m := redistest.Mini(t)
	s := session.New(rdb, "t:")
	ctx := context.Background()
	count(ctx, rdb, s, "c")
	m.FastForward(50 * time.Minute)
	if n, _ := count(ctx, rdb, s, "c"); n != 2 {
		t.Fatalf("second count = %d; want 2", n)
	}
	m.FastForward(11 * time.Minute)
	if n, _ := count(ctx, rdb, s, "c"); n != 1 {
		t.Errorf("count after the window = %d; want 1 (a new window)", n)
	}
}

func TestLoadAlso(t *testing.T) {
	rdb, _ := redistest.Start(t)
	s := session.New(rdb, "t:")
	ctx := context.Background()
	type state struct{ Step string }
	rdb.SAdd(ctx, "members", "a")
	var isMember *redis.BoolCmd
	also := func(p redis.Pipeliner) { isMember = p.SIsMember(ctx, "members", "a") }
	var got state
	if ok, err := s.LoadAlso(ctx, "k", &got, also); ok || err != nil || !isMember.Val() {
		t.Fatalf("LoadAlso before Save = %v, %v, member %v; want false, nil, true", ok, err, isMember.Val())
	}
	s.Save(ctx, "k", state{"menu"}, time.Minute)
	if ok, err := s.LoadAlso(ctx, "k", &got, also); !ok || err != nil || got.Step != "menu" || !isMember.Val() {
		t.Fatalf("LoadAlso = %v, %v, %+v, member %v; want true, nil, menu, true", ok, err, got, isMember.Val())
	}
	rdb.Set(ctx, "t:k", "not json", time.Minute)
	if _, err := s.LoadAlso(ctx, "k", &got, also); err == nil || !isMember.Val() {
		t.Errorf("LoadAlso of a bad state: err %v, member %v; want a decode error and the member still read", err, isMember.Val())
	}
}

// QueueLoad reads a second state in the same round trip as LoadAlso's.
func TestQueueLoad(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	s := session.New(rdb, "t:")
	ctx := context.Background()
	var lang string
	var loaded func() (bool, error)
	also := func(p redis.Pipeliner) { loaded = s.QueueLoad(ctx, p, "lang", &lang) }
	var st struct{ Step string }
	s.LoadAlso(ctx, "k", &st, also)
	if ok, err := loaded(); ok || err != nil || lang != "" {
		t.Fatalf("QueueLoad before Save = %v, %v, %q; want false, nil, \"\"", ok, err, lang)
	}
	s.Save(ctx, "lang", "cy", time.Minute)
	s.LoadAlso(ctx, "k", &st, also)
	if ok, err := loaded(); !ok || err != nil || lang != "cy" {
		t.Errorf("QueueLoad = %v, %v, %q; want true, nil, cy", ok, err, lang)
	}
}

// A *json.RawMessage gets the saved bytes as they are, unchecked, and
// nothing when none are saved.
func TestLoadRaw(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	s := session.New(rdb, "t:")
	ctx := context.Background()
	var raw json.RawMessage
	if ok, err := s.Load(ctx, "k", &raw); ok || err != nil || raw != nil {
		t.Fatalf("Load before Save = %v, %v, %q; want false, nil, nothing", ok, err, raw)
	}
	rdb.Set(ctx, "t:k", "{not json", time.Minute)
	if ok, err := s.Load(ctx, "k", &raw); !ok || err != nil || string(raw) != "{not json" {
		t.Fatalf("Load = %v, %v, %q; want true, nil and the bytes saved", ok, err, raw)
	}
}
