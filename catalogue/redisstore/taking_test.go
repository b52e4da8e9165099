package redisstore

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
)

// ReplaceTaking puts in service exactly what Replace does, with the same
// version, while keeping the caller's activities in place of a copy: the
// kept ones at the start of the slice in order of id (the first of a
// repeated id), the rest cleared.
func TestReplaceTaking(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		given := synthetic(500, 3)
		slices.Reverse(given)
		given[7].Active = false
		given[9].Lat = 89 // beyond what the geo index holds
		given[11].ID = given[12].ID
		given[11].Title = "the first with this id"

		want, err := newStore(t, rdb, Options{}).Replace(ctx, slices.Clone(given))
		if err != nil {
			t.Fatal(err)
		}
		_, wantActs, err := newStore(t, rdb, Options{}).Activities(ctx)
		if err != nil {
			t.Fatal(err)
		}

		// Gone from Redis, so that ReplaceTaking writes it all again.
		if err := rdb.FlushAll(ctx).Err(); err != nil {
			t.Fatal(err)
		}
		acts := slices.Clone(given)
		s := newStore(t, rdb, Options{})
		got, kept, err := s.ReplaceTaking(ctx, acts)
		if err != nil {
			t.Fatal(err)
		}
		if versionSum(got) != versionSum(want) {
			t.Errorf("version: got %q; want the digest of %q, as Replace gives for the same activities", got, want)
		}
		active := 0
		for _, a := range given {
			if a.Active {
				active++
			}
		}
		if len(kept) != len(wantActs) || len(kept) != active-2 {
			t.Fatalf("kept %d activities; want %d (the %d active less one unplaceable and one repeated id)", len(kept), active-2, active)
		}
		if &kept[0] != &acts[0] {
			t.Errorf("kept is a copy; want the start of the slice given")
		}
		for i := range kept {
			if kept[i].ID != wantActs[i].ID || kept[i].Title != wantActs[i].Title {
				t.Fatalf("kept[%d] = %q %q; want %q %q", i, kept[i].ID, kept[i].Title, wantActs[i].ID, wantActs[i].Title)
			}
		}
		for i, a := range acts[len(kept):] {
			if a.ID != "" || a.Title != "" || a.Tags != nil {
				t.Fatalf("acts[%d] after the kept ones still holds %q; want it cleared", len(kept)+i, a.ID)
			}
		}
		res, _, err := s.Near(ctx, catalogue.Query{Lat: kept[0].Lat, Lon: kept[0].Lon, WithinMiles: 10, Limit: 5})
		if err != nil || len(res) == 0 {
			t.Errorf("a search after ReplaceTaking: got %d results, %v; want some", len(res), err)
		}
	})
}

// moveTo gives the activities asked for, in the order asked, for any choice
// of distinct indices.
func TestMoveTo(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		n := r.IntN(60)
		acts := make([]catalogue.Activity, n)
		for i := range acts {
			acts[i].ID = string(rune('A' + i))
		}
		orig := slices.Clone(acts)
		perm := r.Perm(n)
		keep := make([]int32, r.IntN(n+1))
		for i := range keep {
			keep[i] = int32(perm[i])
		}
		got := moveTo(acts, keep)
		if len(got) != len(keep) {
			t.Fatalf("round %d: %d moved; want %d", round, len(got), len(keep))
		}
		for i, k := range keep {
			if got[i].ID != orig[k].ID {
				t.Fatalf("round %d: position %d holds %q; want %q", round, i, got[i].ID, orig[k].ID)
			}
		}
		for i := len(keep); i < n; i++ {
			if acts[i].ID != "" {
				t.Fatalf("round %d: position %d not cleared", round, i)
			}
		}
	}
}
