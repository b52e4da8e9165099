package redisstore

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	grid    grid
	// nexts remembers each activity's next session (nextSession), by its
	// position in acts.
	nexts []atomic.Pointer[nextMemo]
	// checked is when (Unix ns) Redis last said this version is the one in
	// service; see Options.Recheck.
	checked atomic.Int64
}

// newSnapshot indexes acts, which must be active, sorted by id and unique.
func newSnapshot(version string, acts []catalogue.Activity) *snapshot {
	s := &snapshot{version: version, acts: acts, byID: make(map[string]int32, len(acts)),
		nexts: make([]atomic.Pointer[nextMemo], len(acts))}
	for i := range acts {
		s.byID[acts[i].ID] = int32(i)
	}
	s.towns = townsOf(acts)
	s.grid = gridOf(acts)
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
	hits := getHits()
	defer putHits(hits)
	today := catalogue.DateOf(q.Now)
	for i := range s.acts {
		a := &s.acts[i]
		mi := places.Miles(q.Lat, q.Lon, a.Lat, a.Lon)
		if q.WithinMiles > 0 && mi > q.WithinMiles {
			continue
		}
		if h, ok := match(candidate{a, mi}, q, today); ok {
			*hits = append(*hits, h)
		}
	}
	return s.page(*hits, len(*hits), q)
}

// match is c as a hit when it satisfies q's filters; today is
// DateOf(q.Now). Its next session is worked out here only when q asks for a
// time (WithinDays).
func match(c candidate, q catalogue.Query, today catalogue.Date) (hit, bool) {
	if !plainMatch(c.a, q, today) {
		return hit{}, false
	}
	if q.WithinDays <= 0 {
		return hit{candidate: c}, true
	}
	next, ok := catalogue.Matches(c.a, q)
	return hit{c, next, true}, ok
}

// plainMatch is the part of catalogue.Matches that needs no walk through the
// schedule: offerable (active and not ended), category, tags, languages,
// free only. today is DateOf(q.Now), worked out once a search.
// Near sets q.Now before it gets here. With no time filter it decides alone whether an
// activity matches, and the next session (catalogue.Matches, the last word)
// is worked out only for the results returned and any at the same distance.
func plainMatch(a *catalogue.Activity, q catalogue.Query, today catalogue.Date) bool {
	if !a.OfferableOn(today) || (len(q.Categories) > 0 && !slices.Contains(q.Categories, a.Category)) {
		return false
	}
	for _, tag := range q.Tags {
		if !a.HasTag(tag) {
			return false
		}
	}
	if len(q.Languages) > 0 && !slices.ContainsFunc(q.Languages, a.OfferedIn) {
		return false
	}
	return !q.FreeOnly || a.Free
}

// page orders hits by distance, then next session (unknown last), then id,
// and returns the page q asks for, as results, with total. hits must hold
// every match that may be on the page.
func (s *snapshot) page(hits []hit, total int, q catalogue.Query) ([]catalogue.Result, int) {
	// Only the nearest the page reaches need ordering: in a city, thousands
	// may match within range, and sorting them all would be most of a
	// search's work.
	hits = nearest(hits, max(q.Offset, 0)+limitOf(q))
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.miles, b.miles), strings.Compare(a.a.ID, b.a.ID))
	})
	off := max(q.Offset, 0)
	if off >= len(hits) {
		return nil, total
	}
	end := min(off+limitOf(q), len(hits))
	// Order by next session within the groups at equal distance the page
	// touches.
	lo, hi := off, end
	for lo > 0 && hits[lo-1].miles == hits[off].miles {
		lo--
	}
	for hi < len(hits) && hits[hi].miles == hits[end-1].miles {
		hi++
	}
	for i := lo; i < hi; i++ {
		if !hits[i].hasNext {
			hits[i].next = s.nextSession(hits[i].a, q)
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

// nextMemo is an activity's next session as catalogue.Matches gave it for
// the moment from (Unix ns). Schedule.Next is the first session starting at
// or after a moment, so it is the same from any moment up to that session's
// start.
type nextMemo struct {
	from, start int64
	next        catalogue.Session
}

// nextSession is catalogue.Matches's next session for a, which must be in
// s.acts and match q's filters: remembered per activity, since working it out
// walks the schedule and a busy town's activities are on most pages. A nil
// snapshot, an a from elsewhere or a q without Now remembers nothing.
func (s *snapshot) nextSession(a *catalogue.Activity, q catalogue.Query) catalogue.Session {
	var memo *atomic.Pointer[nextMemo]
	if s != nil && !q.Now.IsZero() {
		if i, ok := s.byID[a.ID]; ok && &s.acts[i] == a {
			memo = &s.nexts[i]
		}
	}
	if memo == nil {
		next, _ := catalogue.Matches(a, q)
		return next
	}
	now := q.Now.UnixNano()
	if m := memo.Load(); m != nil && m.from <= now && now <= m.start {
		return m.next
	}
	next, _ := catalogue.Matches(a, q)
	if !next.Start.IsZero() {
		memo.Store(&nextMemo{from: now, start: next.Start.UnixNano(), next: next})
	}
	return next
}

// hitPool holds the slices searches gather their hits in: a search in a
// town gathers a hundred or so, and a busy line searches thousands of times
// a second.
var hitPool = sync.Pool{New: func() any { h := make([]hit, 0, 128); return &h }}

// maxPooledHits is the largest slice put back in hitPool.
const maxPooledHits = 1024

func getHits() *[]hit { return hitPool.Get().(*[]hit) }

// putHits returns h to the pool, emptied, and without the activities it
// pointed at, so that a pooled slice keeps no old snapshot alive.
func putHits(h *[]hit) {
	if cap(*h) > maxPooledHits {
		return // a search over the whole catalogue: not worth keeping
	}
	clear((*h)[:cap(*h)])
	*h = (*h)[:0]
	hitPool.Put(h)
}

// farthest is the greatest distance among hits, 0 when there are none.
func farthest(hits []hit) float64 {
	edge := 0.0
	for _, h := range hits {
		edge = max(edge, h.miles)
	}
	return edge
}

// nearest reorders hits so that it starts with every hit no farther than the
// nth nearest (ties included, so at least n), and returns that start,
// unordered; all of hits when there are no more than n.
func nearest(hits []hit, n int) []hit {
	if n <= 0 || len(hits) <= n {
		return hits
	}
	// Quickselect on distance: after it, hits[:n] are the n nearest.
	lo, hi := 0, len(hits)-1
	for lo < hi {
		pivot := hits[lo+(hi-lo)/2].miles
		i, j := lo, hi
		for i <= j {
			for hits[i].miles < pivot {
				i++
			}
			for hits[j].miles > pivot {
				j--
			}
			if i <= j {
				hits[i], hits[j] = hits[j], hits[i]
				i++
				j--
			}
		}
		switch {
		case n-1 <= j:
			hi = j
		case n-1 >= i:
			lo = i
		default:
			lo = hi
		}
	}
	edge := farthest(hits[:n])
	// Any beyond n at exactly the nth distance join them.
	m := n
	for i := n; i < len(hits); i++ {
		if hits[i].miles <= edge {
			hits[m], hits[i] = hits[i], hits[m]
			m++
		}
	}
	return hits[:m]
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
	a.Translations = maps.Clone(a.Translations)
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
