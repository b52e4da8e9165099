package ivr

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/places"
	"github.com/heritage-line/heritageline/volunteers"
)

// fakeFinder searches a fixed list of activities, each with a fixed next
// session, the way a Finder must: nearest first, filters applied, paged.
type fakeFinder struct {
	acts []catalogue.Activity
	next map[string]catalogue.Session
	err  error
}

var _ catalogue.Finder = (*fakeFinder)(nil)

func (f *fakeFinder) Near(ctx context.Context, q catalogue.Query) ([]catalogue.Result, int, error) {
	if f.err != nil {
		return nil, 0, f.err
	}
	var all []catalogue.Result
	for _, a := range f.acts {
		m := places.Miles(q.Lat, q.Lon, a.Lat, a.Lon)
		if !a.Active || (q.WithinMiles > 0 && m > q.WithinMiles) {
			continue
		}
		if len(q.Categories) > 0 && !slices.Contains(q.Categories, a.Category) {
			continue
		}
		if len(q.Languages) > 0 && !slices.ContainsFunc(q.Languages, a.OfferedIn) {
			continue
		}
		next := f.next[a.ID]
		if q.WithinDays > 0 && (next.Start.IsZero() || next.Start.After(q.Now.AddDate(0, 0, q.WithinDays))) {
			continue
		}
		if q.WithinDays == 1 {
			// A day asked for: the real rule, from the activity's schedule.
			n, ok := catalogue.Matches(&a, q)
			if !ok {
				continue
			}
			next = n
		}
		all = append(all, catalogue.Result{Activity: a, Miles: m, Next: next})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Miles < all[j].Miles })
	total := len(all)
	if q.Offset >= len(all) {
		return nil, total, nil
	}
	all = all[q.Offset:]
	limit := q.Limit
	if limit == 0 {
		limit = 10
	}
	if len(all) > limit {
		all = all[:limit]
	}
	return all, total, nil
}

func (f *fakeFinder) Get(ctx context.Context, id string) (catalogue.Activity, error) {
	for _, a := range f.acts {
		if a.ID == id {
			return a, nil
		}
	}
	return catalogue.Activity{}, catalogue.ErrNotFound
}

type fakeTowns struct{ towns []catalogue.Town }

func (f fakeTowns) Towns(context.Context) ([]catalogue.Town, error) { return f.towns, nil }

// fakeResolver knows a few places by their exact (lower-case) words.
type fakeResolver map[string]places.Match

func (f fakeResolver) Resolve(text string) (places.Match, bool) {
	m, ok := f[strings.Join(wordsOf(text), " ")]
	return m, ok
}

// fakeUnderstander finds a known place or kind word anywhere in the text,
// and a few Polish words when asked to read Polish. asked, when set, counts
// its answers.
type fakeUnderstander struct{ asked *atomic.Int32 }

func (f fakeUnderstander) Understand(ctx context.Context, text string) catalogue.Request {
	if f.asked != nil {
		f.asked.Add(1)
	}
	req := catalogue.Request{Intent: catalogue.IntentUnknown}
	for _, w := range wordsOf(text) {
		if catalogue.LanguageOf(ctx) == "pl" {
			switch w {
			case "polsku": // "po polsku"
				req.Languages = append(req.Languages, "Polish")
			case "sobote": // "w sobotę", on Saturday, as wordsOf leaves it
				d := time.Saturday
				req.When.Weekday = &d
			}
		}
		switch w {
		case "frome":
			req.Intent, req.Place = catalogue.IntentFind, "Frome"
		case "heritage", "old":
			req.Categories = append(req.Categories, catalogue.Museum)
		case "today":
			req.When.Today = true
		case "polish":
			req.Languages = append(req.Languages, "Polish")
		case "saturday", "sunday":
			d := time.Saturday
			if w == "sunday" {
				d = time.Sunday
			}
			req.When.Weekday = &d
		case "fifth": // "the fifth of December"
			req.When.Date = catalogue.Date{Year: 2026, Month: time.December, Day: 5}
		}
	}
	return req
}

type fakeDesk struct {
	mu        sync.Mutex
	vols      []volunteers.Volunteer
	roster    volunteers.Roster
	err       error
	fromFile  bool // with err, Available still gives vols (the file's duty)
	callbacks []volunteers.CallbackRequest
}

func (d *fakeDesk) Available(ctx context.Context, now time.Time) ([]volunteers.Volunteer, error) {
	if d.err != nil && !d.fromFile {
		return nil, d.err // a desk failing outright
	}
	return d.vols, d.err // as the real desk: the file's duty, with Redis's error
}

func (d *fakeDesk) Roster() volunteers.Roster { return d.roster }

func (d *fakeDesk) RequestCallback(ctx context.Context, req volunteers.CallbackRequest) (volunteers.Callback, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.err != nil {
		return volunteers.Callback{}, d.err
	}
	d.callbacks = append(d.callbacks, req)
	return volunteers.Callback{Ref: "C1", Kind: req.Kind}, nil
}

type sent struct{ to, body string }

type fakeTexter struct {
	mu   sync.Mutex
	err  error
	sent []sent
}

func (f *fakeTexter) SendText(ctx context.Context, to, body string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	f.sent = append(f.sent, sent{to, body})
	return nil
}

type fakeFigures struct {
	mu     sync.Mutex
	events []figures.Event
}

func (f *fakeFigures) Record(ctx context.Context, e figures.Event) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events = append(f.events, e)
}

func (f *fakeFigures) kinds() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, e := range f.events {
		s := string(e.Kind)
		if e.Outcome != "" {
			s += ":" + e.Outcome
		}
		out = append(out, s)
	}
	return out
}

var errBroken = errors.New("broken")

// The test world: a few activities around Frome, one café near Warminster
// (beyond 10 miles of Frome), nothing near Lerwick or Newport.
var (
	now          = time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London) // a Wednesday
	frome        = places.Place{Name: "Frome", Area: "Somerset", Outcode: "BA11", Lat: 51.2279, Lon: -2.3215, Kind: places.KindTown}
	ba111at      = places.Place{Name: "BA11 1AT", Outcode: "BA11", Lat: 51.2290, Lon: -2.3200, Kind: places.KindPostcode}
	lerwick      = places.Place{Name: "Lerwick", Area: "Shetland", Outcode: "ZE1", Lat: 60.155, Lon: -1.145, Kind: places.KindTown}
	newport      = places.Place{Name: "Newport", Area: "Shropshire", Outcode: "TF10", Lat: 52.769, Lon: -2.378, Kind: places.KindTown}
	newportWales = places.Place{Name: "Newport", Area: "Wales", Outcode: "NP20", Lat: 51.588, Lon: -2.998, Kind: places.KindTown}
	belfast      = places.Place{Name: "Belfast", Area: places.NorthernIreland, Lat: 54.597, Lon: -5.925, Kind: places.KindTown}
	devizes      = places.Place{Name: "Devizes", Area: "Wiltshire", Outcode: "SN10", Lat: 51.3503, Lon: -1.9946, Kind: places.KindTown}
)

func testResolver() fakeResolver {
	return fakeResolver{
		"frome":               {Place: frome, Sure: true},
		"froom":               {Place: frome, Sure: false},
		"ba11 1at":            {Place: ba111at, Sure: true},
		"b a one one one a t": {Place: ba111at, Sure: true},
		"lerwick":             {Place: lerwick, Sure: true},
		"newport":             {Place: newport, Sure: false, Others: []places.Place{newportWales}},
		"devizes":             {Place: devizes, Sure: true},
		// A venue's own name is a place too, as the catalogue's names are.
		"frome heritage museum": {Place: places.Place{Name: "Frome Heritage Museum", Area: "Somerset", Outcode: "BA11", Lat: 51.2420, Lon: -2.3300}, Sure: true},
		"belfast":               {Place: belfast, Sure: true},
		"bt1 5gs":               {Place: places.Place{Name: "BT1 5GS", Area: places.NorthernIreland, Outcode: "BT1", Lat: 54.6, Lon: -6.7, Kind: places.KindPostcode}, Sure: true},
	}
}

func weekly(day time.Weekday, opens, closes catalogue.Clock) catalogue.Schedule {
	return catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Weekly, Days: []time.Weekday{day}, Opens: opens, Closes: closes}}}
}

func meets(d catalogue.Date, opens, closes catalogue.Clock) catalogue.Session {
	return catalogue.Session{Start: d.In(opens, catalogue.London), End: d.In(closes, catalogue.London)}
}

func testFinder() *fakeFinder {
	return &fakeFinder{
		acts: []catalogue.Activity{
			{ID: "walk", Title: "Frome Heritage Walk", Category: catalogue.Walk, Venue: "Market Place", Town: "Frome",
				Lat: 51.2300, Lon: -2.3190, Schedule: weekly(time.Tuesday, 630, 720), Cost: "Free", Free: true,
				Access: "Mostly level, with benches on the way.", Phone: "01632 960101", Active: true},
			{ID: "museum", Title: "Frome Heritage Museum", Category: catalogue.Museum, Venue: "Frome Heritage Museum, North Parade", Town: "Frome",
				Lat: 51.2420, Lon: -2.3300, Schedule: weekly(time.Saturday, 600, 960), Cost: "£3, carers free",
				Access: "Step-free ground floor.", Phone: "01632 960202", Active: true},
			{ID: "dig", Title: "Community Dig", Category: catalogue.Archaeology, Venue: "Nunney Castle", Town: "Nunney",
				Lat: 51.2095, Lon: -2.3790, Schedule: catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Monthly, Weeks: []int{1}, Days: []time.Weekday{time.Thursday}, Opens: 600, Closes: 900}}},
				Cost: "Free", Free: true, Active: true},
			{ID: "cafe", Title: "Memory Café", Category: catalogue.Cafe, Venue: "Town Hall", Town: "Warminster",
				Lat: 51.2050, Lon: -2.1800, Schedule: weekly(time.Friday, 840, 960), Cost: "£2 with tea", Active: true},
		},
		next: map[string]catalogue.Session{
			"walk":   meets(catalogue.Date{Year: 2026, Month: 12, Day: 1}, 630, 720),
			"museum": meets(catalogue.Date{Year: 2026, Month: 11, Day: 28}, 600, 960),
			"dig":    meets(catalogue.Date{Year: 2026, Month: 12, Day: 3}, 600, 900),
			"cafe":   meets(catalogue.Date{Year: 2026, Month: 11, Day: 27}, 840, 960),
		},
	}
}

var testTowns = []catalogue.Town{
	{Name: "Frome", Lat: frome.Lat, Lon: frome.Lon, Activities: 2},
	{Name: "Nunney", Lat: 51.2095, Lon: -2.3790, Activities: 1},
	{Name: "Warminster", Lat: 51.2050, Lon: -2.1800, Activities: 1},
}
