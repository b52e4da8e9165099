package redisstore

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
)

// Activities gives the whole catalogue in service, active only and in order of
// id, and follows a reload made by another instance.
func TestActivities(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		s := newStore(t, rdb, Options{})
		if _, _, err := s.Activities(ctx); !errors.Is(err, catalogue.ErrNoCatalogue) {
			t.Fatalf("before any load: got %v; want ErrNoCatalogue", err)
		}
		ver, err := s.Replace(ctx, sample())
		if err != nil {
			t.Fatal(err)
		}
		gotVer, acts, err := s.Activities(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range acts {
			got = append(got, a.ID)
		}
		want := []string{"frome-cafe", "frome-museum", "frome-walk", "notts-history", "notts-walk", "yarmouth-crafts"}
		if gotVer != ver || !slices.Equal(got, want) {
			t.Errorf("got version %q, ids %v; want %q, %v", gotVer, got, ver, want)
		}

		other := newStore(t, rdb, Options{})
		ver2, err := other.Replace(ctx, sample()[:2])
		if err != nil {
			t.Fatal(err)
		}
		gotVer, acts, err = s.Activities(ctx)
		if err != nil || gotVer != ver2 || len(acts) != 2 {
			t.Errorf("after another instance's reload: got %q, %d activities, %v; want %q, 2", gotVer, len(acts), err, ver2)
		}
	})
}
