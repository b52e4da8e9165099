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
