package session_test

import (
	"context"
	"testing"
	"time"

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
