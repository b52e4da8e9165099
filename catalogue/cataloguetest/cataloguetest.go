// Package cataloguetest is the contract every catalogue.Finder must meet, as a
// test suite each implementation runs against itself:
//
//	func TestFinder(t *testing.T) {
//		cataloguetest.TestFinder(t, func(t *testing.T, acts []catalogue.Activity) catalogue.Finder {
//			return memstore.New(acts)
//		})
//	}
//
// The suite builds its own activities in code, so it needs no files or
// network, and it is the same for the in-memory store and for Redis.
package cataloguetest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// Now is the moment the suite searches from: Tuesday 3 March 2026, 09:00 in
// London.
var Now = time.Date(2026, 3, 3, 9, 0, 0, 0, catalogue.London)

// Centre is the point the suite searches near (Frome).
var Centre = struct{ Lat, Lon float64 }{51.2300, -2.3208}

// milesPerDegree is the length of a degree of latitude on the sphere Miles uses.
const milesPerDegree = 3958.8 * math.Pi / 180

// north returns the latitude the given miles due north of Centre.
func north(miles float64) float64 { return Centre.Lat + miles/milesPerDegree }

func schedule(text string) catalogue.Schedule {
	s, err := catalogue.ParseSchedule(text)
	if err != nil {
		panic(fmt.Sprintf("cataloguetest: fixture schedule: %v", err)) // a bug in this package
	}
	return s
}

// Fixture returns the suite's activities, nearest to Centre first. Distances
// are due north of Centre; "next" is the first session after Now.
//
//	id              miles  category       free  tags                          town            next
//	near-cafe       0      cafe           yes   dementia-friendly, step-free  Frome           Thu 5 Mar 10:30
//	inactive-cafe   0      cafe           yes   (inactive)                    Frome           -
//	museum-b        1      museum         yes                                 Frome           Wed 4 Mar 10:00
//	museum-a        1      museum         no                                  Frome           Mon 9 Mar 10:00
//	no-dates        3      crafts         yes                                 Frome           none (ring for dates)
//	walk-5          5      walk           yes   step-free                     Shepton Mallet  Sat 7 Mar 10:30
//	walk-12         12     walk           yes   women-only                    Wells           Fri 6 Mar 10:00
//	inactive-walk   12     walk           yes   (inactive)                    Closedham       -
//	dig-30          30     archaeology    no                                  Bristol         Sat 4 Apr 09:30
//	far-history     150    history-group  yes   carers-welcome                Nottingham      Tue 3 Mar 14:00
func Fixture() []catalogue.Activity {
	act := func(id string, miles float64, cat catalogue.Category, free bool, tags []string, town, sched string) catalogue.Activity {
		return catalogue.Activity{
			ID: id, Title: "Title of " + id, Organisation: "Organiser of " + id,
			Summary: "Summary of " + id + ".", Category: cat, Tags: tags,
			Venue: "Venue of " + id, Address: "1 High Street", Town: town, Postcode: "BA11 1AT",
			Lat: north(miles), Lon: Centre.Lon, Schedule: schedule(sched),
			Cost: map[bool]string{true: "Free", false: "£3"}[free], Free: free,
			Phone: "01632 960999", Referral: catalogue.SelfReferral, Active: true,
			Source: "cataloguetest#" + id,
		}
	}
	inactive := func(a catalogue.Activity) catalogue.Activity { a.Active = false; return a }
	// Offered in other languages, museum-a with its title in Polish too.
	in := func(a catalogue.Activity, langs ...string) catalogue.Activity {
		a.Languages = langs
		if a.ID == "museum-a" {
			a.Translations = map[string]catalogue.Translation{"pl": {Title: "Tytuł " + a.ID}}
		}
		return a
	}
	return []catalogue.Activity{
		act("near-cafe", 0, catalogue.Cafe, true, []string{catalogue.TagDementiaFriendly, catalogue.TagStepFree}, "Frome", "every Thursday, 10:30-12:00"),
		inactive(act("inactive-cafe", 0, catalogue.Cafe, true, nil, "Frome", "every Tuesday, 09:30-12:00")),
		in(act("museum-a", 1, catalogue.Museum, false, nil, "Frome", "every Monday, 10:00-12:00"), "Polish"),
		act("museum-b", 1, catalogue.Museum, true, nil, "Frome", "every Wednesday, 10:00-12:00"),
		act("no-dates", 3, catalogue.Crafts, true, nil, "Frome", "contact the organiser"),
		act("walk-5", 5, catalogue.Walk, true, []string{catalogue.TagStepFree}, "Shepton Mallet", "first Saturday of the month, 10:30-12:00"),
		in(act("walk-12", 12, catalogue.Walk, true, []string{catalogue.TagWomenOnly}, "Wells", "every other Friday from 2026-01-09, 10:00-12:00"), "polish", "Welsh"),
		inactive(act("inactive-walk", 12, catalogue.Walk, true, nil, "Closedham", "every Tuesday, 10:00-12:00")),
		act("dig-30", 30, catalogue.Archaeology, false, nil, "Bristol", "every Saturday, 09:30-15:30, April to September"),
		act("far-history", 150, catalogue.HistoryGroup, true, []string{catalogue.TagCarersWelcome}, "Nottingham", "every Tuesday, 14:00-15:30"),
	}
}

// allActive is every active fixture id in the order a Finder must return them.
var allActive = []string{"near-cafe", "museum-b", "museum-a", "no-dates", "walk-5", "walk-12", "dig-30", "far-history"}

// TestFinder runs the Finder contract against the Finder newFinder returns for
// the given activities (a fresh catalogue each time it is called). If the
// Finder is also a catalogue.TownLister, Towns is checked too.
func TestFinder(t *testing.T, newFinder func(t *testing.T, acts []catalogue.Activity) catalogue.Finder) {
	ctx := context.Background()
	q := func(change func(q *catalogue.Query)) catalogue.Query {
		q := catalogue.Query{Lat: Centre.Lat, Lon: Centre.Lon, Now: Now, Limit: 100}
		if change != nil {
			change(&q)
		}
		return q
	}
	f := newFinder(t, Fixture())

	searches := []struct {
		name  string
		query catalogue.Query
		want  []string
	}{
		{"nearest first, ties by next session, never inactive", q(nil), allActive},
		{"radius", q(func(q *catalogue.Query) { q.WithinMiles = 10 }), []string{"near-cafe", "museum-b", "museum-a", "no-dates", "walk-5"}},
		{"radius includes its edge", q(func(q *catalogue.Query) { q.WithinMiles = 12.01 }), []string{"near-cafe", "museum-b", "museum-a", "no-dates", "walk-5", "walk-12"}},
		{"radius with nothing inside", q(func(q *catalogue.Query) { q.Lat, q.Lon, q.WithinMiles = 54.5, -3.0, 10 }), nil},
		{"one category", q(func(q *catalogue.Query) { q.Categories = []catalogue.Category{catalogue.Museum} }), []string{"museum-b", "museum-a"}},
		{"any of two categories", q(func(q *catalogue.Query) {
			q.Categories = []catalogue.Category{catalogue.Archaeology, catalogue.Walk}
		}), []string{"walk-5", "walk-12", "dig-30"}},
		{"one tag", q(func(q *catalogue.Query) { q.Tags = []string{catalogue.TagStepFree} }), []string{"near-cafe", "walk-5"}},
		{"every tag", q(func(q *catalogue.Query) {
			q.Tags = []string{catalogue.TagStepFree, catalogue.TagDementiaFriendly}
		}), []string{"near-cafe"}},
		{"women only", q(func(q *catalogue.Query) { q.Tags = []string{catalogue.TagWomenOnly} }), []string{"walk-12"}},
		{"offered in Polish", q(func(q *catalogue.Query) { q.Languages = []string{"Polish"} }), []string{"museum-a", "walk-12"}},
		{"offered in Welsh or Arabic", q(func(q *catalogue.Query) { q.Languages = []string{"Arabic", "welsh"} }), []string{"walk-12"}},
		{"free only", q(func(q *catalogue.Query) { q.FreeOnly = true }), []string{"near-cafe", "museum-b", "no-dates", "walk-5", "walk-12", "far-history"}},
		{"within 3 days", q(func(q *catalogue.Query) { q.WithinDays = 3 }), []string{"near-cafe", "museum-b", "far-history"}},
		{"within 4 days", q(func(q *catalogue.Query) { q.WithinDays = 4 }), []string{"near-cafe", "museum-b", "walk-12", "far-history"}},
		{"within a week", q(func(q *catalogue.Query) { q.WithinDays = 7 }), []string{"near-cafe", "museum-b", "museum-a", "walk-5", "walk-12", "far-history"}},
		{"filters together", q(func(q *catalogue.Query) {
			q.FreeOnly, q.WithinMiles, q.Categories = true, 20, []catalogue.Category{catalogue.Walk, catalogue.Museum}
		}), []string{"museum-b", "walk-5", "walk-12"}},
		{"ties by next session", q(func(q *catalogue.Query) {
			q.Now = time.Date(2026, 3, 9, 9, 0, 0, 0, catalogue.London) // a Monday: museum-a first
			q.Categories = []catalogue.Category{catalogue.Museum}
		}), []string{"museum-a", "museum-b"}},
	}
	for _, s := range searches {
		t.Run("Near/"+s.name, func(t *testing.T) {
			results, total, err := f.Near(ctx, s.query)
			if err != nil {
				t.Fatalf("Near: %v", err)
			}
			if got := ids(results); !slices.Equal(got, s.want) {
				t.Errorf("got %v; want %v", got, s.want)
			}
			if total != len(s.want) {
				t.Errorf("got total %d; want %d", total, len(s.want))
			}
			checkResults(t, s.query, results)
		})
	}

	t.Run("Near/paging", func(t *testing.T) {
		for _, p := range []struct{ offset, limit int }{{0, 3}, {3, 3}, {6, 3}, {7, 5}, {8, 3}, {20, 3}} {
			query := q(func(q *catalogue.Query) { q.Offset, q.Limit = p.offset, p.limit })
			results, total, err := f.Near(ctx, query)
			if err != nil {
				t.Fatalf("Near: %v", err)
			}
			want := allActive[min(p.offset, len(allActive)):min(p.offset+p.limit, len(allActive))]
			if got := ids(results); !slices.Equal(got, want) {
				t.Errorf("offset %d limit %d: got %v; want %v", p.offset, p.limit, got, want)
			}
			if total != len(allActive) {
				t.Errorf("offset %d limit %d: got total %d; want %d", p.offset, p.limit, total, len(allActive))
			}
		}
	})

	t.Run("Near/never an ended activity", func(t *testing.T) {
		// Active, but "until" a day before Now: an ended activity is never
		// offered, by any store, whatever its status says. One that ends on
		// Now's own day is still current.
		ended := Fixture()[0]
		ended.ID, ended.Schedule = "ended-cafe", schedule("every Thursday, 10:30-12:00, until "+catalogue.DateOf(Now).AddDays(-1).String())
		today := Fixture()[0]
		today.ID, today.Schedule = "ends-today", schedule("every day, 20:00-21:00, until "+catalogue.DateOf(Now).String())
		acts := append(Fixture(), ended, today)
		f := newFinder(t, acts)
		for _, query := range []catalogue.Query{q(nil), q(func(q *catalogue.Query) { q.WithinDays = 7 }), q(func(q *catalogue.Query) { q.Categories = []catalogue.Category{catalogue.Cafe} })} {
			results, total, err := f.Near(ctx, query)
			if err != nil {
				t.Fatalf("Near: %v", err)
			}
			got := ids(results)
			if slices.Contains(got, "ended-cafe") {
				t.Errorf("got %v; want no ended-cafe (ended %s)", got, ended.Schedule.ValidTo)
			}
			if !slices.Contains(got, "ends-today") {
				t.Errorf("got %v; want ends-today, which is current until the end of its last day", got)
			}
			if total != len(got) {
				t.Errorf("got total %d for %d results; want the ended activity left out of the total too", total, len(got))
			}
		}
	})

	t.Run("Near/default limit is 10", func(t *testing.T) {
		var many []catalogue.Activity
		for i := range 13 {
			a := Fixture()[0]
			a.ID = fmt.Sprintf("cafe-%02d", i)
			a.Lat = north(float64(i))
			many = append(many, a)
		}
		results, total, err := newFinder(t, many).Near(ctx, catalogue.Query{Lat: Centre.Lat, Lon: Centre.Lon, Now: Now})
		if err != nil {
			t.Fatalf("Near: %v", err)
		}
		if len(results) != 10 || total != 13 {
			t.Fatalf("got %d results of %d; want 10 of 13", len(results), total)
		}
		if results[9].Activity.ID != "cafe-09" {
			t.Errorf("got last %s; want cafe-09", results[9].Activity.ID)
		}
	})

	t.Run("Get", func(t *testing.T) {
		for _, want := range Fixture() {
			if !want.Active {
				continue
			}
			got, err := f.Get(ctx, want.ID)
			if err != nil {
				t.Fatalf("Get(%q): %v", want.ID, err)
			}
			checkActivity(t, got, want)
		}
	})

	t.Run("Get/not found", func(t *testing.T) {
		for _, id := range []string{"no-such-id", "inactive-cafe", "inactive-walk", ""} {
			if _, err := f.Get(ctx, id); !errors.Is(err, catalogue.ErrNotFound) {
				t.Errorf("Get(%q): got %v; want ErrNotFound", id, err)
			}
		}
	})

	t.Run("Near/empty catalogue", func(t *testing.T) {
		results, total, err := newFinder(t, nil).Near(ctx, q(nil))
		if err != nil && !errors.Is(err, catalogue.ErrNoCatalogue) {
			t.Fatalf("got %v; want no error or ErrNoCatalogue", err)
		}
		if len(results) != 0 || total != 0 {
			t.Errorf("got %d results of %d; want none", len(results), total)
		}
	})

	t.Run("Towns", func(t *testing.T) {
		tl, ok := f.(catalogue.TownLister)
		if !ok {
			t.Skip("the Finder is not a TownLister")
		}
		towns, err := tl.Towns(ctx)
		if err != nil {
			t.Fatalf("Towns: %v", err)
		}
		counts := map[string]int{}
		for _, town := range towns {
			counts[town.Name] = town.Activities
			if !catalogue.InUK(town.Lat, town.Lon) {
				t.Errorf("town %s: got point %v, %v; want one in the UK", town.Name, town.Lat, town.Lon)
			}
		}
		want := map[string]int{"Frome": 4, "Shepton Mallet": 1, "Wells": 1, "Bristol": 1, "Nottingham": 1}
		if fmt.Sprint(counts) != fmt.Sprint(want) {
			t.Errorf("got towns %v; want %v (active activities only)", counts, want)
		}
		if len(towns) > 0 && towns[0].Name != "Frome" {
			t.Errorf("got %s first; want Frome, which has the most activities", towns[0].Name)
		}
		for i := 1; i < len(towns); i++ {
			if towns[i].Activities > towns[i-1].Activities {
				t.Errorf("got %s (%d) after %s (%d); want most activities first", towns[i].Name, towns[i].Activities, towns[i-1].Name, towns[i-1].Activities)
			}
		}
		if len(towns) > 0 && math.Abs(towns[0].Lat-Centre.Lat) > 0.1 {
			t.Errorf("got %s at latitude %v; want near %v", towns[0].Name, towns[0].Lat, Centre.Lat)
		}
	})
}

func ids(results []catalogue.Result) []string {
	var out []string
	for _, r := range results {
		out = append(out, r.Activity.ID)
	}
	return out
}

// checkResults checks each result's distance and next session.
func checkResults(t *testing.T, q catalogue.Query, results []catalogue.Result) {
	t.Helper()
	byID := map[string]catalogue.Activity{}
	for _, a := range Fixture() {
		byID[a.ID] = a
	}
	for _, r := range results {
		want := byID[r.Activity.ID]
		wantMiles := (want.Lat - q.Lat) * milesPerDegree
		if q.Lat != Centre.Lat || q.Lon != Centre.Lon {
			continue
		}
		if math.Abs(r.Miles-wantMiles) > 0.05 {
			t.Errorf("%s: got %.3f miles; want %.3f", r.Activity.ID, r.Miles, wantMiles)
		}
		next, ok := want.Schedule.Next(q.Now)
		if !ok {
			next = catalogue.Session{}
		}
		if !r.Next.Start.Equal(next.Start) || !r.Next.End.Equal(next.End) {
			t.Errorf("%s: got next %v to %v; want %v to %v", r.Activity.ID, r.Next.Start, r.Next.End, next.Start, next.End)
		}
		if !r.Activity.Active {
			t.Errorf("%s: got an inactive activity", r.Activity.ID)
		}
	}
}

// checkActivity compares the fields a Finder must keep.
func checkActivity(t *testing.T, got, want catalogue.Activity) {
	t.Helper()
	var diffs []string
	cmp := func(field string, g, w any) {
		if fmt.Sprint(g) != fmt.Sprint(w) {
			diffs = append(diffs, fmt.Sprintf("%s: got %v; want %v", field, g, w))
		}
	}
	cmp("Title", got.Title, want.Title)
	cmp("Organisation", got.Organisation, want.Organisation)
	cmp("Summary", got.Summary, want.Summary)
	cmp("Category", got.Category, want.Category)
	cmp("Tags", got.Tags, want.Tags)
	cmp("Venue", got.Venue, want.Venue)
	cmp("Town", got.Town, want.Town)
	cmp("Postcode", got.Postcode, want.Postcode)
	cmp("Schedule", got.Schedule.String(), want.Schedule.String())
	cmp("Cost", got.Cost, want.Cost)
	cmp("Free", got.Free, want.Free)
	cmp("Phone", got.Phone, want.Phone)
	cmp("Referral", got.Referral, want.Referral)
	cmp("Active", got.Active, want.Active)
	cmp("Source", got.Source, want.Source)
	if math.Abs(got.Lat-want.Lat) > 1e-5 || math.Abs(got.Lon-want.Lon) > 1e-5 {
		diffs = append(diffs, fmt.Sprintf("point: got %v, %v; want %v, %v", got.Lat, got.Lon, want.Lat, want.Lon))
	}
	if len(diffs) > 0 {
		t.Errorf("Get(%q):\n%s", want.ID, strings.Join(diffs, "\n"))
	}
}
