package sms

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/places"
	"github.com/heritage-line/heritageline/volunteers"
)

// fakeFinder is a catalogue in memory: Near filters with catalogue.Matches,
// as every Finder must, and orders by distance.
type fakeFinder struct {
	acts []catalogue.Activity
	err  error

	mu      sync.Mutex
	queries []catalogue.Query // every Near asked
}

var _ catalogue.Finder = (*fakeFinder)(nil)

func (f *fakeFinder) Near(ctx context.Context, q catalogue.Query) ([]catalogue.Result, int, error) {
	f.mu.Lock()
	f.queries = append(f.queries, q)
	f.mu.Unlock()
	if f.err != nil {
		return nil, 0, f.err
	}
	var all []catalogue.Result
	for i := range f.acts {
		a := f.acts[i]
		if len(q.Categories) > 0 && !slices.Contains(q.Categories, a.Category) {
			continue
		}
		if q.FreeOnly && !a.Free {
			continue
		}
		if !hasAll(a, q.Tags) {
			continue
		}
		next, ok := catalogue.Matches(&a, q)
		if !ok {
			continue
		}
		m := places.Miles(q.Lat, q.Lon, a.Lat, a.Lon)
		if q.WithinMiles > 0 && m > q.WithinMiles {
			continue
		}
		all = append(all, catalogue.Result{Activity: a, Miles: m, Next: next})
	}
	slices.SortStableFunc(all, func(a, b catalogue.Result) int { return cmp.Compare(a.Miles, b.Miles) })
	total := len(all)
	limit := cmp.Or(q.Limit, 10)
	if q.Offset >= len(all) {
		return nil, total, nil
	}
	all = all[q.Offset:]
	if len(all) > limit {
		all = all[:limit]
	}
	return all, total, nil
}

func hasAll(a catalogue.Activity, tags []string) bool {
	for _, t := range tags {
		if !a.HasTag(t) {
			return false
		}
	}
	return true
}

func (f *fakeFinder) Get(ctx context.Context, id string) (catalogue.Activity, error) {
	for _, a := range f.acts {
		if a.ID == id {
			return a, nil
		}
	}
	return catalogue.Activity{}, catalogue.ErrNotFound
}

func (f *fakeFinder) Towns(ctx context.Context) ([]catalogue.Town, error) {
	return []catalogue.Town{{Name: "Frome", Lat: 51.2300, Lon: -2.3208, Activities: 9}, {Name: "Great Yarmouth", Lat: 52.6070, Lon: 1.7290, Activities: 3}}, nil
}

// fakePlaces resolves a few names and postcodes.
type fakePlaces map[string]places.Place

func (f fakePlaces) Resolve(text string) (places.Match, bool) {
	p, ok := f[strings.ToLower(strings.Join(strings.Fields(text), " "))]
	return places.Match{Place: p, Sure: ok}, ok
}

var testPlaces = fakePlaces{
	"ba11 1at":       {Name: "BA11 1AT", Outcode: "BA11", Lat: 51.2300, Lon: -2.3208, Kind: places.KindPostcode},
	"ba11":           {Name: "BA11", Outcode: "BA11", Lat: 51.2290, Lon: -2.3190, Kind: places.KindOutcode},
	"frome":          {Name: "Frome", Outcode: "BA11", Lat: 51.2279, Lon: -2.3215, Kind: places.KindTown},
	"great yarmouth": {Name: "Great Yarmouth", Outcode: "NR30", Lat: 52.6070, Lon: 1.7290, Kind: places.KindTown},
	"nr30":           {Name: "NR30", Outcode: "NR30", Lat: 52.6100, Lon: 1.7250, Kind: places.KindOutcode},
	"bath":           {Name: "Bath", Outcode: "BA1", Lat: 51.3811, Lon: -2.3590, Kind: places.KindTown},
	"trowbridge":     {Name: "Trowbridge", Outcode: "BA14", Lat: 51.3190, Lon: -2.2080, Kind: places.KindTown},
	"wells":          {Name: "Wells", Outcode: "BA5", Lat: 51.2090, Lon: -2.6470, Kind: places.KindTown},
	"penzance":       {Name: "Penzance", Outcode: "TR18", Lat: 50.1180, Lon: -5.5370, Kind: places.KindTown},
}

// fakeDesk is a roster of one volunteer and a callback queue.
type fakeDesk struct {
	mu        sync.Mutex
	volunteer string
	requests  []volunteers.CallbackRequest
}

func (d *fakeDesk) IsVolunteer(phone string) bool { return phone == d.volunteer }

func (d *fakeDesk) HandleText(ctx context.Context, from, body string) string {
	return "Volunteer commands: ON, OFF, LIST, TAKE, DONE, NOTE."
}

func (d *fakeDesk) RequestCallback(ctx context.Context, req volunteers.CallbackRequest) (volunteers.Callback, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.requests = append(d.requests, req)
	return volunteers.Callback{Ref: fmt.Sprintf("C%d", len(d.requests)), Kind: req.Kind, Requested: time.Now()}, nil
}

// fakeOptOuts remembers opt-outs in memory.
type fakeOptOuts struct {
	mu  sync.Mutex
	out map[string]bool
}

func (o *fakeOptOuts) OptOut(ctx context.Context, n string) error { o.set(n, true); return nil }
func (o *fakeOptOuts) OptIn(ctx context.Context, n string) error  { o.set(n, false); return nil }
func (o *fakeOptOuts) QueueOptedOut(ctx context.Context, pipe redis.Pipeliner, n string) func() (bool, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := o.out[n]
	return func() (bool, error) { return out, nil }
}
func (o *fakeOptOuts) set(n string, v bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.out == nil {
		o.out = map[string]bool{}
	}
	o.out[n] = v
}

// fakeFigures keeps every event.
type fakeFigures struct {
	mu     sync.Mutex
	events []figures.Event
}

func (f *fakeFigures) Record(ctx context.Context, e figures.Event) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events = append(f.events, e)
}

func (f *fakeFigures) kinds() map[figures.Kind]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := map[figures.Kind]int{}
	for _, e := range f.events {
		n[e.Kind]++
	}
	return n
}

func weekly(d time.Weekday, opens catalogue.Clock) catalogue.Schedule {
	return catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Weekly, Days: []time.Weekday{d}, Opens: opens, Closes: opens + 90}}}
}

func monthly(week int, d time.Weekday, opens catalogue.Clock) catalogue.Schedule {
	return catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Monthly, Weeks: []int{week}, Days: []time.Weekday{d}, Opens: opens, Closes: opens + 90}}}
}

// testActivities: eight around Frome, one in Trowbridge (about 9 miles),
// three in Great Yarmouth.
func testActivities() []catalogue.Activity {
	a := func(id, title string, cat catalogue.Category, lat, lon float64, s catalogue.Schedule, free bool, tags ...string) catalogue.Activity {
		cost := "£3 (tea included)"
		if free {
			cost = "Free"
		}
		return catalogue.Activity{
			ID: id, Title: title, Organisation: "Heritage Connectors", Category: cat, Tags: tags,
			Venue: "Frome Heritage Museum", Address: "North Parade", Town: "Frome", Postcode: "BA11 1AT",
			Lat: lat, Lon: lon, Schedule: s, Cost: cost, Free: free, Access: "Ground-floor room",
			Phone: "01632 960101", Referral: catalogue.SelfReferral, Active: true,
		}
	}
	return []catalogue.Activity{
		a("frome-heritage-cafe", "Heritage Café", catalogue.Cafe, 51.2300, -2.3208, monthly(1, time.Thursday, 630), true, catalogue.TagDementiaFriendly),
		a("frome-museum-dropin", "Museum drop-in and object handling", catalogue.Museum, 51.2301, -2.3209, weekly(time.Wednesday, 600), true, catalogue.TagStepFree),
		a("frome-catherine-hill-walk", "Catherine Hill and Cheap Street heritage walk", catalogue.Walk, 51.2294, -2.3211, monthly(2, time.Saturday, 630), true),
		a("frome-trinity-walk", "Trinity weavers’ housing walk", catalogue.Walk, 51.2313, -2.3262, monthly(3, time.Tuesday, 840), true),
		a("frome-local-history", "Frome Society for Local Study talks", catalogue.HistoryGroup, 51.2330, -2.3190, monthly(2, time.Monday, 1170), false),
		a("frome-lace", "Lace and textile craft circle", catalogue.Crafts, 51.2350, -2.3150, weekly(time.Friday, 600), false, catalogue.TagWomenOnly),
		a("frome-rook-lane", "Rook Lane chapel tour", catalogue.Walk, 51.2270, -2.3240, monthly(-1, time.Friday, 840), true),
		a("frome-dig", "Community dig at Vallis Vale", catalogue.Archaeology, 51.2400, -2.3500, weekly(time.Sunday, 600), true),
		a("trowbridge-museum", "Trowbridge Museum weaving room", catalogue.Museum, 51.3190, -2.2080, weekly(time.Tuesday, 600), false),
		a("yarmouth-tolhouse", "Tolhouse tales", catalogue.Museum, 52.6060, 1.7300, weekly(time.Thursday, 660), false),
		a("yarmouth-rows-walk", "Rows heritage walk", catalogue.Walk, 52.6075, 1.7285, weekly(time.Saturday, 600), true),
		a("gorleston-cafe", "Gorleston memory café", catalogue.Cafe, 52.5770, 1.7230, weekly(time.Tuesday, 840), true, catalogue.TagDementiaFriendly),
	}
}
