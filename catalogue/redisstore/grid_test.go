package redisstore

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// A search through the grid gives what considering every activity gives:
// the same page and, counting everything in range, the same total, for any
// point, range, page and filter.
func TestGridSameAsEveryActivity(t *testing.T) {
	acts := synthetic(5000, 9)
	// A city: 3,000 more within a mile or so of one point, so a search
	// there reads cells of hundreds and keeps only what may be on its page.
	city := catalogue.Activity{}
	for i := range acts {
		if acts[i].Active && acts[i].Schedule.ValidTo.IsZero() {
			city = acts[i]
			break
		}
	}
	cr := rand.New(rand.NewPCG(6, 7))
	for i := range 3000 {
		a := city
		a.ID = fmt.Sprintf("city-%04d", i)
		a.Lat += cr.NormFloat64() * 0.01
		a.Lon += cr.NormFloat64() * 0.015
		acts = append(acts, a)
	}
	// Some have ended, some end later, some are inactive: none of those
	// that cannot be offered may be found.
	for i := range acts {
		switch i % 7 {
		case 1:
			acts[i].Schedule.ValidTo = catalogue.Date{Year: 2026, Month: 12, Day: 2}
		case 2:
			acts[i].Schedule.ValidTo = catalogue.Date{Year: 2026, Month: 12, Day: 3}
		case 3:
			acts[i].Schedule.ValidTo = catalogue.Date{Year: 2027, Month: 1, Day: 31}
		case 4:
			acts[i].Active = false
		}
	}
	slices.SortFunc(acts, func(a, b catalogue.Activity) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	acts = slices.CompactFunc(acts, func(a, b catalogue.Activity) bool { return a.ID == b.ID })
	snap := newSnapshot("v", acts)
	r := rand.New(rand.NewPCG(4, 5))
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	found := 0
	for n := range 500 {
		a := acts[r.IntN(len(acts))]
		spread := 0.2
		if n%3 == 0 {
			a, spread = city, 0.01 // in the city
		}
		q := catalogue.Query{
			Lat: a.Lat + r.NormFloat64()*spread, Lon: a.Lon + r.NormFloat64()*spread*1.5,
			WithinMiles: []float64{0.5, 3, 10, 25, 160}[r.IntN(5)],
			Limit:       5, Offset: 5 * r.IntN(3), Now: now,
		}
		if r.IntN(3) == 0 {
			q.Categories = []catalogue.Category{catalogue.Categories[r.IntN(len(catalogue.Categories))]}
		}
		if r.IntN(4) == 0 {
			q.WithinDays = 7
		}
		got, gotTotal := snap.nearCounting(q, len(acts))
		want, wantTotal := snap.search(q)
		if gotTotal != wantTotal || len(got) != len(want) {
			t.Fatalf("query %d %+v: got %d results of %d; want %d of %d", n, q, len(got), gotTotal, len(want), wantTotal)
		}
		// Counting fewer gives the same page, and a total that is exact
		// when small, and never short of the page or of what it counts.
		short, shortTotal := snap.near(q)
		if len(short) != len(want) || shortTotal > wantTotal || shortTotal < min(wantTotal, countAtLeast) {
			t.Fatalf("query %d %+v: near got %d results of %d; want %d of between %d and %d", n, q, len(short), shortTotal, len(want), min(wantTotal, countAtLeast), wantTotal)
		}
		for i := range short {
			if short[i].Activity.ID != want[i].Activity.ID {
				t.Fatalf("query %d: near's result %d is %s; want %s", n, i, short[i].Activity.ID, want[i].Activity.ID)
			}
		}
		if len(got) > 0 {
			found++
		}
		for i := range got {
			if a := got[i].Activity; !a.Active || a.Schedule.Ended(now) {
				t.Fatalf("query %d: result %s cannot be offered (active %v, until %s)", n, a.ID, a.Active, a.Schedule.ValidTo)
			}
			if got[i].Activity.ID != want[i].Activity.ID || got[i].Miles != want[i].Miles {
				t.Fatalf("query %d: result %d is %s at %.2f; want %s at %.2f", n, i, got[i].Activity.ID, got[i].Miles, want[i].Activity.ID, want[i].Miles)
			}
		}
	}
	if found < 250 {
		t.Errorf("%d of 500 searches found anything; want most, or the comparison proves little", found)
	}
}

// nearest keeps exactly the hits no farther than the nth nearest, ties
// included, whatever the order given.
func TestNearest(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 7))
	for round := range 500 {
		hits := make([]hit, r.IntN(40))
		for i := range hits {
			hits[i].miles = float64(r.IntN(12)) // many ties
		}
		n := r.IntN(15)
		sorted := make([]float64, len(hits))
		for i, h := range hits {
			sorted[i] = h.miles
		}
		slices.Sort(sorted)
		got := nearest(slices.Clone(hits), n)
		want := len(hits)
		if n > 0 && n < len(hits) {
			edge := sorted[n-1]
			want = 0
			for _, m := range sorted {
				if m <= edge {
					want++
				}
			}
			for _, h := range got {
				if h.miles > edge {
					t.Fatalf("round %d: kept a hit at %v beyond the nth nearest at %v", round, h.miles, edge)
				}
			}
		}
		if len(got) != want {
			t.Fatalf("round %d (n %d of %d): kept %d; want %d", round, n, len(hits), len(got), want)
		}
	}
}

// A remembered next session is the one Matches gives at every moment,
// whether moments come in order, go back, or jump ahead past sessions,
// across the clocks changing, for weekly, fortnightly, monthly and
// seasonal schedules.
func TestNextSessionSameAsMatches(t *testing.T) {
	acts := synthetic(300, 11)
	r := rand.New(rand.NewPCG(12, 13))
	for i := range acts {
		acts[i].Active = true
		switch i % 4 {
		case 1:
			acts[i].Schedule = catalogue.Schedule{ValidFrom: catalogue.Date{Year: 2026, Month: time.October, Day: 5},
				Rules: []catalogue.Rule{{Freq: catalogue.Weekly, Interval: 2, Days: []time.Weekday{time.Monday}, Opens: 600, Closes: 720}}}
		case 2:
			acts[i].Schedule.Rules = append(acts[i].Schedule.Rules,
				catalogue.Rule{Freq: catalogue.Monthly, Weeks: []int{-1}, Days: []time.Weekday{time.Saturday}, Opens: 840, Closes: 960})
		case 3:
			acts[i].Schedule.Months = []time.Month{time.October, time.November, time.April}
		}
	}
	slices.SortFunc(acts, func(a, b catalogue.Activity) int { return strings.Compare(a.ID, b.ID) })
	snap := newSnapshot("v", acts)
	start := time.Date(2026, 10, 20, 0, 0, 0, 0, catalogue.London) // the clocks go back on 25 October
	var moments []time.Time
	for range 400 {
		moments = append(moments, start.Add(time.Duration(r.Int64N(int64(30*24*time.Hour)))))
	}
	// In order, then shuffled, then backwards: a memo made later must not
	// answer for a moment before it.
	ordered := slices.Clone(moments)
	slices.SortFunc(ordered, time.Time.Compare)
	backwards := slices.Clone(ordered)
	slices.Reverse(backwards)
	for _, run := range [][]time.Time{ordered, moments, backwards} {
		for _, now := range run {
			q := catalogue.Query{Now: now}
			i := r.IntN(len(acts))
			want, _ := catalogue.Matches(&acts[i], q)
			if got := snap.nextSession(&snap.acts[i], q); !got.Start.Equal(want.Start) || !got.End.Equal(want.End) {
				t.Fatalf("%s at %s: got %v, want %v", acts[i].ID, now, got, want)
			}
			// A session's own start is still its next (at or after).
			if !want.Start.IsZero() {
				q.Now = want.Start
				if got := snap.nextSession(&snap.acts[i], q); !got.Start.Equal(want.Start) {
					t.Fatalf("%s at its start %s: got %v", acts[i].ID, want.Start, got)
				}
				q.Now = want.Start.Add(time.Nanosecond)
				again, _ := catalogue.Matches(&acts[i], q)
				if got := snap.nextSession(&snap.acts[i], q); !got.Start.Equal(again.Start) {
					t.Fatalf("%s just after %s: got %v, want %v", acts[i].ID, want.Start, got, again)
				}
			}
		}
	}
}
