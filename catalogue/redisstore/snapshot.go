package redisstore

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/places"
)

// snapshot is one version of the catalogue decoded in memory: the activities
// searches are filtered against, and the whole catalogue when Redis is away.
// It is never changed once built.
type snapshot struct {
	version string
	acts    []catalogue.Activity // active only, sorted by id
	byID    map[string]int32
	towns   []catalogue.Town
	density density
	// checked is when (Unix ns) Redis last said this version is the one in
	// service; see Options.Recheck.
	checked atomic.Int64
}

// newSnapshot indexes acts, which must be active, sorted by id and unique.
func newSnapshot(version string, acts []catalogue.Activity) *snapshot {
	s := &snapshot{version: version, acts: acts, byID: make(map[string]int32, len(acts))}
	for i := range acts {
		s.byID[acts[i].ID] = int32(i)
	}
	s.towns = townsOf(acts)
	s.density = densityOf(acts)
	return s
}

func (s *snapshot) get(id string) (*catalogue.Activity, bool) {
	i, ok := s.byID[id]
	if !ok {
		return nil, false
	}
	return &s.acts[i], true
}

// at returns the activity a geo set member names: its position in acts.
func (s *snapshot) at(member string) (*catalogue.Activity, bool) {
	i, err := strconv.Atoi(member)
	if err != nil || i < 0 || i >= len(s.acts) {
		return nil, false
	}
	return &s.acts[i], true
}

// candidate is an activity a search is considering, with its distance.
type candidate struct {
	a     *catalogue.Activity
	miles float64
}

// hit is a candidate that matched the query's filters. Its next session is
// worked out only when needed (hasNext), since that is the costly part.
type hit struct {
	candidate
	next    catalogue.Session
	hasNext bool
}

// search answers q from memory alone, considering every activity.
func (s *snapshot) search(q catalogue.Query) ([]catalogue.Result, int) {
	hits := make([]hit, 0, 64)
	for i := range s.acts {
		a := &s.acts[i]
		mi := places.Miles(q.Lat, q.Lon, a.Lat, a.Lon)
		if q.WithinMiles > 0 && mi > q.WithinMiles {
			continue
		}
		if h, ok := match(candidate{a, mi}, q); ok {
			hits = append(hits, h)
		}
	}
	return page(hits, q)
}

// filter keeps the candidates that satisfy q's filters. Candidates must
// already be within range.
func filter(cands []candidate, q catalogue.Query) []hit {
	hits := make([]hit, 0, 32)
	for _, c := range cands {
		if h, ok := match(c, q); ok {
			hits = append(hits, h)
		}
	}
	return hits
}

func match(c candidate, q catalogue.Query) (hit, bool) {
	if !plainMatch(c.a, q) {
		return hit{}, false
	}
	if q.WithinDays <= 0 {
		return hit{candidate: c}, true
	}
	next, ok := catalogue.Matches(c.a, q)
	return hit{c, next, true}, ok
}

// plainMatch is the part of catalogue.Matches that needs no walk through the
// schedule: offerable (active and not ended), category, tags, free only.
// Near sets q.Now before it gets here. With no time filter it decides alone whether an
// activity matches, and the next session (catalogue.Matches, the last word)
// is worked out only for the results returned and any at the same distance.
func plainMatch(a *catalogue.Activity, q catalogue.Query) bool {
	if !a.Offerable(q.Now) || (len(q.Categories) > 0 && !slices.Contains(q.Categories, a.Category)) {
		return false
	}
	for _, tag := range q.Tags {
		if !a.HasTag(tag) {
			return false
		}
	}
	return !q.FreeOnly || a.Free
}

// page orders hits by distance, then next session (unknown last), then id,
// and returns the page q asks for, as results, with the total.
func page(hits []hit, q catalogue.Query) ([]catalogue.Result, int) {
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.miles, b.miles), strings.Compare(a.a.ID, b.a.ID))
	})
	total := len(hits)
	off := max(q.Offset, 0)
	if off >= total {
		return nil, total
	}
	end := min(off+limitOf(q), total)
	// Order by next session within the groups at equal distance the page
	// touches.
	lo, hi := off, end
	for lo > 0 && hits[lo-1].miles == hits[off].miles {
		lo--
	}
	for hi < total && hits[hi].miles == hits[end-1].miles {
		hi++
	}
	for i := lo; i < hi; i++ {
		if !hits[i].hasNext {
			hits[i].next, _ = catalogue.Matches(hits[i].a, q)
			hits[i].hasNext = true
		}
	}
	slices.SortFunc(hits[lo:hi], compareHits)

	out := make([]catalogue.Result, end-off)
	for i, h := range hits[off:end] {
		out[i] = catalogue.Result{Activity: cloneActivity(*h.a), Miles: h.miles, Next: h.next}
	}
	return out, total
}

const defaultLimit = 10

func limitOf(q catalogue.Query) int {
	if q.Limit <= 0 {
		return defaultLimit
	}
	return q.Limit
}

func compareHits(a, b hit) int {
	if c := cmp.Compare(a.miles, b.miles); c != 0 {
		return c
	}
	az, bz := a.next.Start.IsZero(), b.next.Start.IsZero()
	switch {
	case az && !bz:
		return 1
	case !az && bz:
		return -1
	case !az && !bz:
		if c := a.next.Start.Compare(b.next.Start); c != 0 {
			return c
		}
	}
	return strings.Compare(a.a.ID, b.a.ID)
}

// cloneActivity copies a's slices, so a caller changing a result cannot change
// the snapshot.
func cloneActivity(a catalogue.Activity) catalogue.Activity {
	a.Tags = slices.Clone(a.Tags)
	a.Languages = slices.Clone(a.Languages)
	a.Schedule.Months = slices.Clone(a.Schedule.Months)
	if a.Schedule.Rules != nil {
		rules := make([]catalogue.Rule, len(a.Schedule.Rules))
		for i, r := range a.Schedule.Rules {
			r.Days = slices.Clone(r.Days)
			r.Weeks = slices.Clone(r.Weeks)
			rules[i] = r
		}
		a.Schedule.Rules = rules
	}
	return a
}

// townsOf lists the towns of acts, most activities first, then by name. A
// town's point is the mean of its activities' points. Names are compared
// without regard to case or surrounding space; the commonest spelling is used.
func townsOf(acts []catalogue.Activity) []catalogue.Town {
	type acc struct {
		n         int
		lat, lon  float64
		spellings map[string]int
	}
	byKey := map[string]*acc{}
	for i := range acts {
		name := strings.TrimSpace(acts[i].Town)
		if name == "" {
			continue
		}
		key := strings.ToLower(name)
		a := byKey[key]
		if a == nil {
			a = &acc{spellings: map[string]int{}}
			byKey[key] = a
		}
		a.n++
		a.lat += acts[i].Lat
		a.lon += acts[i].Lon
		a.spellings[name]++
	}
	towns := make([]catalogue.Town, 0, len(byKey))
	for _, a := range byKey {
		name, best := "", 0
		for sp, n := range a.spellings {
			if n > best || (n == best && sp < name) {
				name, best = sp, n
			}
		}
		towns = append(towns, catalogue.Town{Name: name, Lat: a.lat / float64(a.n), Lon: a.lon / float64(a.n), Activities: a.n})
	}
	slices.SortFunc(towns, func(a, b catalogue.Town) int {
		if c := cmp.Compare(b.Activities, a.Activities); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return towns
}

// density counts activities on a coarse grid (cells about 1.7 miles square in
// England), overall and by category, so a search can ask the geo index for a
// radius that holds about as many as it wants: Redis's work grows with the
// activities in the area searched, not with the number returned.
type density map[uint64]*[1 + 6]int32

const (
	cellLat   = 0.025 // degrees: 1.73 miles
	cellLon   = 0.04  // degrees: 1.7 miles at 52°N
	cellMiles = 1.7
	maxRings  = 60 // look no further than about 100 miles
)

func cellOf(lat, lon float64) (int32, int32) {
	return int32(math.Floor(lat / cellLat)), int32(math.Floor(lon / cellLon))
}

func cellKey(i, j int32) uint64 { return uint64(uint32(i))<<32 | uint64(uint32(j)) }

func densityOf(acts []catalogue.Activity) density {
	d := density{}
	for i := range acts {
		k := cellKey(cellOf(acts[i].Lat, acts[i].Lon))
		c := d[k]
		if c == nil {
			c = new([7]int32)
			d[k] = c
		}
		c[0]++
		if n := slices.Index(catalogue.Categories, acts[i].Category); n >= 0 && n < 6 {
			c[1+n]++
		}
	}
	return d
}

// radiusFor estimates the radius around q's point, at most full, within which
// lie at least want of the activities q's categories search. It is only an
// estimate: a search that finds fewer must look again over the full range.
func (d density) radiusFor(q catalogue.Query, want int, full float64) float64 {
	var idx []int
	for _, c := range q.Categories {
		if n := slices.Index(catalogue.Categories, c); n >= 0 && n < 6 {
			idx = append(idx, 1+n)
		}
	}
	if len(idx) == 0 {
		idx = []int{0}
	}
	ci, cj := cellOf(q.Lat, q.Lon)
	sum := 0
	add := func(i, j int32) {
		if c := d[cellKey(i, j)]; c != nil {
			for _, n := range idx {
				sum += int(c[n])
			}
		}
	}
	for k := int32(0); k <= maxRings; k++ {
		// The circle as large as the square of rings 0..k.
		r := float64(2*k+1) * cellMiles / math.Sqrt(math.Pi)
		if r >= full {
			return full
		}
		if k == 0 {
			add(ci, cj)
		} else {
			for t := -k; t <= k; t++ {
				add(ci-k, cj+t)
				add(ci+k, cj+t)
			}
			for t := -k + 1; t <= k-1; t++ {
				add(ci+t, cj-k)
				add(ci+t, cj+k)
			}
		}
		if sum >= want {
			return r
		}
	}
	return full
}
