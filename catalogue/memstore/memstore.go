// Package memstore is an in-memory catalogue: a catalogue.Finder and
// catalogue.TownLister over a slice of activities. The line keeps one as the
// last good snapshot to answer from when Redis is down, and tests use it.
package memstore

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"sync/atomic"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/places"
)

// DefaultLimit is how many results Near returns when Query.Limit is 0.
const DefaultLimit = 10

// Store holds one catalogue in memory. It is safe for concurrent use; the zero
// Store has no catalogue yet (Near and Towns return catalogue.ErrNoCatalogue).
type Store struct {
	snap atomic.Pointer[snapshot]
}

var (
	_ catalogue.Finder     = (*Store)(nil)
	_ catalogue.TownLister = (*Store)(nil)
)

// snapshot is one catalogue, never changed once built.
type snapshot struct {
	acts  []catalogue.Activity // active and inactive, in the order given
	byID  map[string]int       // active activities only
	towns []catalogue.Town
}

// New returns a Store holding acts (see Replace).
func New(acts []catalogue.Activity) *Store {
	s := &Store{}
	s.Replace(acts)
	return s
}

// Replace swaps in a new catalogue atomically: a search running at the same
// time sees either the old catalogue or the new one, never a mixture. The
// Store copies the slice, not the activities' own slices (tags, rules), so acts
// must not be changed afterwards. Inactive activities may be included; they
// are never returned. If two active activities share an id, Get returns the
// first.
func (s *Store) Replace(acts []catalogue.Activity) {
	snap := &snapshot{acts: slices.Clone(acts), byID: make(map[string]int, len(acts))}
	type town struct {
		lat, lon float64
		n        int
	}
	towns := map[string]*town{}
	for i, a := range snap.acts {
		if !a.Active {
			continue
		}
		if _, dup := snap.byID[a.ID]; !dup {
			snap.byID[a.ID] = i
		}
		if a.Town == "" {
			continue
		}
		t := towns[a.Town]
		if t == nil {
			t = &town{}
			towns[a.Town] = t
		}
		t.lat += a.Lat
		t.lon += a.Lon
		t.n++
	}
	for name, t := range towns {
		snap.towns = append(snap.towns, catalogue.Town{Name: name, Lat: t.lat / float64(t.n), Lon: t.lon / float64(t.n), Activities: t.n})
	}
	slices.SortFunc(snap.towns, func(a, b catalogue.Town) int {
		return cmp.Or(cmp.Compare(b.Activities, a.Activities), cmp.Compare(a.Name, b.Name))
	})
	s.snap.Store(snap)
}

// All returns every activity of the current catalogue, active and inactive, in
// the order given to Replace, or nil if there is none. The caller must not
// change them.
func (s *Store) All() []catalogue.Activity {
	if snap := s.snap.Load(); snap != nil {
		return snap.acts
	}
	return nil
}

// Near returns the active activities that catalogue.Matches q and lie within
// q.WithinMiles of q's point (any distance if 0), nearest first, then soonest
// next session first (unknown dates last), then by id; and how many matched
// before q.Offset and q.Limit (default DefaultLimit) were applied. It returns
// catalogue.ErrNoCatalogue before the first Replace, or the context's error.
func (s *Store) Near(ctx context.Context, q catalogue.Query) ([]catalogue.Result, int, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	snap := s.snap.Load()
	if snap == nil {
		return nil, 0, catalogue.ErrNoCatalogue
	}
	var found []catalogue.Result
	for i := range snap.acts {
		a := &snap.acts[i]
		next, ok := catalogue.Matches(a, q)
		if !ok {
			continue
		}
		miles := places.Miles(q.Lat, q.Lon, a.Lat, a.Lon)
		if q.WithinMiles > 0 && miles > q.WithinMiles {
			continue
		}
		found = append(found, catalogue.Result{Activity: *a, Miles: miles, Next: next})
	}
	slices.SortFunc(found, compareResults)
	total := len(found)
	offset, limit := max(q.Offset, 0), q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	if offset >= total {
		return nil, total, nil
	}
	page := slices.Clone(found[offset:min(offset+limit, total)])
	for i := range page {
		page[i].Activity = clone(page[i].Activity)
	}
	return page, total, nil
}

// compareResults orders by distance, then next session (unknown last), then id.
func compareResults(a, b catalogue.Result) int {
	if c := cmp.Compare(a.Miles, b.Miles); c != 0 {
		return c
	}
	switch az, bz := a.Next.Start.IsZero(), b.Next.Start.IsZero(); {
	case az && !bz:
		return 1
	case bz && !az:
		return -1
	}
	return cmp.Or(a.Next.Start.Compare(b.Next.Start), cmp.Compare(a.Activity.ID, b.Activity.ID))
}

// Get returns the active activity with the id, or catalogue.ErrNotFound (also
// when there is no catalogue yet, or the activity is inactive).
func (s *Store) Get(ctx context.Context, id string) (catalogue.Activity, error) {
	if err := ctx.Err(); err != nil {
		return catalogue.Activity{}, err
	}
	snap := s.snap.Load()
	if snap == nil {
		return catalogue.Activity{}, catalogue.ErrNotFound
	}
	i, ok := snap.byID[id]
	if !ok {
		return catalogue.Activity{}, catalogue.ErrNotFound
	}
	return clone(snap.acts[i]), nil
}

// Towns lists the towns of the active activities, most activities first (ties
// in alphabetical order), each at the mean of its activities' points. It
// returns catalogue.ErrNoCatalogue before the first Replace.
func (s *Store) Towns(ctx context.Context) ([]catalogue.Town, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	snap := s.snap.Load()
	if snap == nil {
		return nil, catalogue.ErrNoCatalogue
	}
	return slices.Clone(snap.towns), nil
}

// clone copies the slices of a, so a caller cannot change the store.
func clone(a catalogue.Activity) catalogue.Activity {
	a.Tags = slices.Clone(a.Tags)
	a.Languages = slices.Clone(a.Languages)
	a.Translations = maps.Clone(a.Translations)
	a.Schedule.Rules = slices.Clone(a.Schedule.Rules)
	for i := range a.Schedule.Rules {
		a.Schedule.Rules[i].Days = slices.Clone(a.Schedule.Rules[i].Days)
		a.Schedule.Rules[i].Weeks = slices.Clone(a.Schedule.Rules[i].Weeks)
	}
	a.Schedule.Months = slices.Clone(a.Schedule.Months)
	return a
}
