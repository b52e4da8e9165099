package session_test

import (
	"context"
	"errors"
	"fmt"
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

func TestCount(t *testing.T) {
	rdb, _ := redistest.Start(t)
	s := session.New(rdb, "t:")
	ctx := context.Background()
	for want := int64(1); want <= 3; want++ {
		n, err := s.Count(ctx, "c", time.Hour)
		if err != nil || n != want {
			t.Fatalf("Count = %d, %v; want %d", n, err, want)
		}
	}
	if ttl := rdb.TTL(ctx, "t:c").Val(); ttl <= 0 || ttl > time.Hour {
		t.Errorf("TTL = %v; want within the hour window", ttl)
	}
}

// SaveAndCount saves as Save and counts as Count; with Redis gone its error
// says the state may be unsaved.
func TestSaveAndCount(t *testing.T) {
	rdb, m := redistest.Start(t)
	s := session.New(rdb, "t:")
	ctx := context.Background()
	type state struct{ Step string }
	for want := int64(1); want <= 3; want++ {
		n, err := s.SaveAndCount(ctx, "k", state{fmt.Sprint(want)}, time.Minute, "c", time.Hour)
		if err != nil || n != want {
			t.Fatalf("SaveAndCount = %d, %v; want %d, nil", n, err, want)
		}
	}
	var got state
	if ok, err := s.Load(ctx, "k", &got); !ok || err != nil || got.Step != "3" {
		t.Errorf("Load = %v, %v, %+v; want true, nil, 3", ok, err, got)
	}
	if ttl := rdb.TTL(ctx, "t:k").Val(); ttl <= 0 || ttl > time.Minute {
		t.Errorf("state TTL = %v; want within the minute", ttl)
	}
	if ttl := rdb.TTL(ctx, "t:c").Val(); ttl <= time.Minute || ttl > time.Hour {
		t.Errorf("counter TTL = %v; want within the hour window", ttl)
	}
	m.Stop()
	ctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if _, err := s.SaveAndCount(ctx, "k", state{"x"}, time.Minute, "c", time.Hour); !errors.Is(err, session.ErrSave) {
		t.Errorf("with Redis stopped: got %v; want an error wrapping %v", err, session.ErrSave)
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
