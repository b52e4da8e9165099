package redisstore

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
)

// TestRefresherKeepsCatalogueInRedis runs the Refresher against the store: a
// good source goes in, and a source that breaks or empties leaves it there,
// for this instance and another.
func TestRefresherKeepsCatalogueInRedis(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		s := newStore(t, rdb, Options{})
		other := newStore(t, rdb, Options{})
		var next func() (catalogue.Load, error)
		r := catalogue.NewRefresher(func(context.Context) (catalogue.Load, error) { return next() },
			s, catalogue.RefresherOptions{Logger: testLogger(t)})
		var hooked int
		r.OnLoad(func(ctx context.Context, l catalogue.Load, version string) { hooked++ })

		next = func() (catalogue.Load, error) { return catalogue.Load{Source: "test", Activities: sample()}, nil }
		if err := r.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		want, _, err := other.Near(ctx, fromeQuery)
		if err != nil {
			t.Fatal(err)
		}

		bad := []struct {
			name string
			read func() (catalogue.Load, error)
		}{
			{"unreadable", func() (catalogue.Load, error) { return catalogue.Load{}, errors.New("404 Not Found") }},
			{"nothing active", func() (catalogue.Load, error) {
				acts := sample()
				for i := range acts {
					acts[i].Active = false
				}
				return catalogue.Load{Source: "test", Activities: acts}, nil
			}},
			{"empty", func() (catalogue.Load, error) { return catalogue.Load{Source: "test"}, nil }},
		}
		for _, b := range bad {
			next = b.read
			if err := r.Refresh(ctx); err == nil {
				t.Errorf("%s: Refresh got nil; want an error", b.name)
			}
			for name, st := range map[string]*Store{"this": s, "other": other} {
				got, _, err := st.Near(ctx, fromeQuery)
				if err != nil || !slices.Equal(ids(got), ids(want)) {
					t.Errorf("%s, %s instance: got %q, %v; want %q, nil", b.name, name, ids(got), err, ids(want))
				}
			}
		}
		if st := r.Status(); st.Version != s.Stats().Version || st.Failures != 3 {
			t.Errorf("status: got version %q, failures %d; want %q, 3", st.Version, st.Failures, s.Stats().Version)
		}
		if hooked != 1 {
			t.Errorf("OnLoad calls: got %d; want 1", hooked)
		}
	})
}

// TestInServiceHoldsAfterRestart: InService counts the version in service in
// Redis, so a refresher that has loaded nothing itself (a line restarted, or
// a new instance) still holds a source with half the activities gone.
func TestInServiceHoldsAfterRestart(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		s := newStore(t, rdb, Options{})
		if n, err := s.InService(ctx); n != 0 || err != nil {
			t.Fatalf("InService before any catalogue: got %d, %v; want 0, nil", n, err)
		}
		all := sample()
		active := 0
		for _, a := range all {
			if a.Active {
				active++
			}
		}
		if _, err := s.Replace(ctx, all); err != nil {
			t.Fatal(err)
		}
		if n, err := s.InService(ctx); n != active || err != nil {
			t.Fatalf("InService: got %d, %v; want %d, nil", n, err, active)
		}
		restarted := newStore(t, rdb, Options{})
		r := catalogue.NewRefresher(func(context.Context) (catalogue.Load, error) {
			return catalogue.Load{Source: "half.csv", Activities: all[:len(all)/2]}, nil
		}, restarted, catalogue.RefresherOptions{Logger: testLogger(t)})
		if err := r.Refresh(ctx); !errors.Is(err, catalogue.ErrHeld) {
			t.Fatalf("half the catalogue after a restart: got %v; want ErrHeld", err)
		}
		if n, _ := s.InService(ctx); n != active {
			t.Errorf("after the hold: got %d in service; want %d", n, active)
		}
	})
}
