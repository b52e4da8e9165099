package openreferral

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// A rule's dtstart is its first session whatever its interval, so nothing is
// offered before it.
func TestDTStartEveryRule(t *testing.T) {
	start := catalogue.Date{Year: 2026, Month: 3, Day: 3}
	tests := []struct {
		name string
		in   schedule
	}{
		{"weekly", schedule{Freq: "WEEKLY", ByDay: "TU", OpensAt: "10:00", ClosesAt: "11:00", DTStart: "2026-03-03"}},
		{"monthly", schedule{Freq: "MONTHLY", ByDay: "1TU", OpensAt: "10:00", ClosesAt: "11:00", DTStart: "2026-03-03T10:00:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules, err := buildRules("schedules[0]", tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if len(rules) != 1 || rules[0].Start != start {
				t.Fatalf("got %+v; want one rule starting %v", rules, start)
			}
			s := catalogue.Schedule{Rules: rules}
			before := time.Date(2026, 2, 1, 0, 0, 0, 0, catalogue.London)
			next, ok := s.Next(before)
			if !ok || next.Start.Before(start.In(0, catalogue.London)) {
				t.Errorf("next session after 1 February: got %v (%v); want none before %v", next.Start, ok, start)
			}
		})
	}
}

// bymonth is the season, when every entry with a rule gives one.
func TestBuildScheduleSeason(t *testing.T) {
	tests := []struct {
		name    string
		entries []schedule
		want    []time.Month
	}{
		{"one entry", []schedule{{Freq: "WEEKLY", ByDay: "SA", OpensAt: "09:30", ClosesAt: "15:30", ByMonth: "4,5,6,7,8,9"}},
			[]time.Month{4, 5, 6, 7, 8, 9}},
		{"over the new year, in order", []schedule{{Freq: "MONTHLY", ByDay: "2WE", OpensAt: "10:30", ClosesAt: "12:00", ByMonth: "11, 12,1,2,3"}},
			[]time.Month{11, 12, 1, 2, 3}},
		{"two entries, union", []schedule{
			{Freq: "WEEKLY", ByDay: "SA", OpensAt: "10:00", ClosesAt: "11:00", ByMonth: "6,7"},
			{Freq: "WEEKLY", ByDay: "SU", OpensAt: "10:00", ClosesAt: "11:00", ByMonth: "7,8"},
		}, []time.Month{6, 7, 8}},
		{"an entry all year makes it all year", []schedule{
			{Freq: "WEEKLY", ByDay: "SA", OpensAt: "10:00", ClosesAt: "11:00", ByMonth: "6,7"},
			{Freq: "WEEKLY", ByDay: "SU", OpensAt: "10:00", ClosesAt: "11:00"},
		}, nil},
		{"words-only entries do not count", []schedule{
			{Freq: "WEEKLY", ByDay: "SA", OpensAt: "10:00", ClosesAt: "11:00", ByMonth: "6"},
			{Description: "Not on bank holidays"},
		}, []time.Month{6}},
		{"twelve months is all year", []schedule{{Freq: "WEEKLY", ByDay: "SA", OpensAt: "10:00", ClosesAt: "11:00", ByMonth: "1,2,3,4,5,6,7,8,9,10,11,12"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := buildSchedule("schedules", tt.entries)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Months, tt.want) {
				t.Errorf("got months %v; want %v", got.Months, tt.want)
			}
		})
	}
	for _, bad := range []string{"13", "0", "April", "4,,5"} {
		_, err := buildSchedule("schedules", []schedule{{Freq: "WEEKLY", ByDay: "SA", OpensAt: "10:00", ClosesAt: "11:00", ByMonth: flexString(bad)}})
		if err == nil || err.field != "schedules[0].bymonth" || !strings.HasPrefix(err.reason, "unparseable schedule") {
			t.Errorf("bymonth %q: got %v; want an unparseable schedule error on schedules[0].bymonth", bad, err)
		}
	}
}

// Terms of the line's own taxonomies give the category, the tags, booking and
// referral directly, even with a mapping table that knows none of them.
func TestOwnTaxonomies(t *testing.T) {
	rec := `{"contents": [{
		"id": "own", "name": "Lace talk", "status": "active",
		"service_at_locations": [{"id": "sal", "location": {"id": "l", "location_type": "physical",
			"latitude": 52.95, "longitude": -1.15,
			"addresses": [{"address_1": "High Pavement", "city": "Nottingham", "postal_code": "NG1 1HN", "address_type": "physical"}]}}],
		"schedules": [{"freq": "WEEKLY", "byday": "TU", "opens_at": "10:00:00", "closes_at": "11:00:00"}],
		"attributes": [
			{"taxonomy_term": {"taxonomy": "heritage-line-tag", "term": "lace-makers", "name": "Lace makers"}},
			{"taxonomy_term": {"taxonomy": "heritage-line-category", "term": "history-group", "name": "History group"}},
			{"taxonomy_term": {"taxonomy": "heritage-line-booking", "term": "booking-needed", "name": "Booking needed"}},
			{"taxonomy_term": {"taxonomy": "heritage-line-booking", "term": "link-worker-referral", "name": "Referral by a link worker"}},
			{"taxonomy_term": {"vocabulary": "esd", "term": "Walking"}},
			{"taxonomy_term": {"taxonomy": "heritage-line-tag", "term": "Step-Free"}},
			{"taxonomy_term": {"vocabulary": "esd", "term": "Carers"}}
		]}]}`
	table := "vocabulary,term,category,tag\nesd,Walking,walk,\nesd,Carers,,carers-welcome\n"
	tax, err := ParseTaxonomy("table.csv", strings.NewReader(table))
	if err != nil {
		t.Fatal(err)
	}
	im, _ := New(Options{})
	im.taxonomy = tax
	load, err := im.Read("own.json", strings.NewReader(rec))
	if err != nil {
		t.Fatal(err)
	}
	if len(load.Activities) != 1 {
		t.Fatalf("got %d activities, skipped %v; want 1", len(load.Activities), load.Skipped)
	}
	a := load.Activities[0]
	got := []any{a.Category, a.Tags, a.BookingNeeded, a.Referral}
	want := []any{catalogue.HistoryGroup, []string{"lace-makers", "step-free", "carers-welcome"}, true, catalogue.LinkWorker}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got category, tags, booking, referral %v; want %v", got, want)
	}
}
