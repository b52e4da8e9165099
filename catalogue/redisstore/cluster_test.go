package redisstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/cataloguetest"
	"github.com/heritage-line/heritageline/internal/redistest"
)

func TestCluster(t *testing.T) {
	rdb := redistest.Cluster(t, 1)
	ctx := context.Background()

	t.Run("keys without a hash tag are refused", func(t *testing.T) {
		// The check this test relies on: without the tag, the switch script
		// touches keys in several slots and Cluster refuses it.
		s := newStore(t, rdb, Options{Prefix: "hl:untagged"})
		if _, err := s.Replace(ctx, sample()); err == nil || !strings.Contains(err.Error(), "slot") {
			t.Errorf("Replace with untagged keys: got %v; want a cross-slot error", err)
		}
	})

	t.Run("reload, search, old versions deleted", func(t *testing.T) {
		s := newStore(t, rdb, Options{Grace: time.Nanosecond, Batch: 3})
		acts := sample()
		for i := range 3 {
			acts[1].Title = strings.Repeat("x", i+1)
			if _, err := s.Replace(ctx, acts); err != nil {
				t.Fatalf("Replace %d: %v", i, err)
			}
			time.Sleep(time.Millisecond)
		}
		other := newStore(t, rdb, Options{})
		rs, total, err := other.Near(ctx, catalogue.Query{Lat: frome.Lat, Lon: frome.Lon, WithinMiles: 10, Categories: []catalogue.Category{catalogue.Walk, catalogue.Museum}})
		if err != nil || total != 2 || rs[0].Activity.ID != "frome-museum" {
			t.Fatalf("Near: got %q (total %d), %v; want frome-museum first of 2", ids(rs), total, err)
		}
		if other.Stats().Fallbacks != 0 {
			t.Errorf("fallbacks: got %d; want 0", other.Stats().Fallbacks)
		}
		if n, _ := rdb.ZCard(ctx, s.k.versions()).Result(); n > 1 {
			t.Errorf("versions awaiting deletion: got %d; want at most 1", n)
		}
	})

	t.Run("lock", func(t *testing.T) {
		s := newStore(t, rdb, Options{})
		rdb.Set(ctx, s.k.lock(), "other", time.Minute)
		defer rdb.Del(ctx, s.k.lock())
		if _, err := s.Replace(ctx, sample()[:3]); !errors.Is(err, catalogue.ErrReplacedElsewhere) {
			t.Errorf("Replace while locked: got %v; want ErrReplacedElsewhere", err)
		}
	})

	t.Run("contract", func(t *testing.T) {
		n := 0
		cataloguetest.TestFinder(t, func(t *testing.T, acts []catalogue.Activity) catalogue.Finder {
			n++
			opts := Options{Prefix: "{hl:cluster" + string(rune('a'+n)) + "}"}
			if _, err := newStore(t, rdb, opts).Replace(ctx, acts); err != nil {
				t.Fatalf("Replace: %v", err)
			}
			return newStore(t, rdb, opts)
		})
	})
}
