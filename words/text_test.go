package words

import (
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/smstext"
)

// The English texts of an activity, as smstext wrote them before the book.

func cafe() catalogue.Activity {
	return catalogue.Activity{
		ID: "frome-heritage-cafe", Title: "Heritage Café", Organisation: "Frome Heritage Museum and Heritage Connectors",
		Category: catalogue.Cafe, Venue: "Frome Heritage Museum", Address: "Frome Heritage Museum, North Parade",
		Town: "Frome", Postcode: "BA11 1AT", Lat: 51.23, Lon: -2.3208,
		Schedule: catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Monthly, Weeks: []int{1}, Days: []time.Weekday{time.Thursday}, Opens: 630, Closes: 720}}},
		Cost:     "Free", Free: true, Access: "Ground-floor room; galleries are up stairs", Phone: "01632 960101", Active: true,
	}
}

func TestShortMiles(t *testing.T) {
	tests := []struct {
		miles float64
		want  string
	}{{0, "<0.25mi"}, {0.04, "<0.25mi"}, {0.26, "0.5mi"}, {0.6, "0.5mi"}, {0.94, "1mi"}, {1.4, "1mi"}, {1.5, "2mi"}, {9.6, "10mi"}, {24.2, "24mi"}}
	for _, tt := range tests {
		if got := For(English).ShortMiles(tt.miles); got != tt.want {
			t.Errorf("ShortMiles(%v) = %q; want %q", tt.miles, got, tt.want)
		}
	}
}

func TestListItem(t *testing.T) {
	b := For(English)
	a := cafe()
	if got, want := b.ListItem(1, catalogue.Result{Activity: a, Miles: 0.26}), "1 Heritage Café, 1st Thu 10:30, Free, 0.5mi"; got != want {
		t.Errorf("ListItem = %q; want %q", got, want)
	}
	a.Title = "The Trinity weavers’ housing walk around the old town and its hidden yards"
	a.Free, a.Cost = false, "£3 (tea included)"
	a.Schedule = catalogue.Schedule{}
	got := b.ListItem(12, catalogue.Result{Activity: a, Miles: 3.2})
	if want := "12 The Trinity weavers' housing walk aro..., Ring for dates, £3, 3mi"; got != want {
		t.Errorf("ListItem = %q; want %q", got, want)
	}
}

func TestDetails(t *testing.T) {
	b := For(English)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London)
	next := catalogue.Session{Start: time.Date(2026, 12, 3, 10, 30, 0, 0, catalogue.London)}
	a := cafe()
	got := b.Details(catalogue.Result{Activity: a, Miles: 0.3, Next: next}, now)
	want := "Heritage Café\nBy Frome Heritage Museum and Heritage Connectors\n" +
		"Where: Frome Heritage Museum, North Parade, Frome BA11 1AT\nWhen: 1st Thu 10:30. Next: Thu 3 Dec\n" +
		"Cost: Free\nAccess: Ground-floor room; galleries are up stairs\nPhone: 01632 960101"
	if got != want {
		t.Errorf("Details =\n%s\nwant\n%s", got, want)
	}

	a.BookingNeeded, a.Referral = true, catalogue.LinkWorker
	a.Access = strings.Repeat("Lift to all floors; ", 30)
	a.Title = "Weavers’ “history” café — with tea…"
	got = b.Details(catalogue.Result{Activity: a, Next: next}, now)
	if n := smstext.Segments(got); n > smstext.MaxSegments {
		t.Errorf("Details with a long access note is %d segments; want <= %d", n, smstext.MaxSegments)
	}
	if !smstext.IsGSM(got) {
		t.Errorf("Details is not GSM-7: %q", got)
	}
	for _, s := range []string{"Booking needed: 01632 960101", "Referral needed", "Where:", "When:"} {
		if !strings.Contains(got, s) {
			t.Errorf("Details lacks %q:\n%s", s, got)
		}
	}
}

func TestDetailsAlwaysFits(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London)
	long := func(s string) string { return strings.Repeat(s, 200) }
	tests := []struct {
		name   string
		change func(a *catalogue.Activity)
		want   string
	}{
		{"no rules, organiser's words", func(a *catalogue.Activity) {
			a.Schedule = catalogue.Schedule{Text: "Most Tuesdays – ring to check"}
		}, "When: Most Tuesdays - ring to check"},
		{"no rules, no words", func(a *catalogue.Activity) { a.Schedule = catalogue.Schedule{} }, "When: Ring for dates"},
		{"ucs-2 title", func(a *catalogue.Activity) { a.Title = "Łódź ☕ café " + long("ж") }, "When:"},
		{"emoji everywhere", func(a *catalogue.Activity) { a.Access = long("😀"); a.Organisation = long("🎨") }, "Phone:"},
		{"extension characters", func(a *catalogue.Activity) { a.Access = long("[]{}€"); a.Cost = long("€") }, "Heritage Café"},
		{"huge everything", func(a *catalogue.Activity) {
			a.Title, a.Organisation, a.Venue, a.Address, a.Cost, a.Access = long("T"), long("O"), long("V"), long("A"), long("C"), long("X")
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := cafe()
			tt.change(&a)
			got := For(English).Details(catalogue.Result{Activity: a}, now)
			if n := smstext.Segments(got); n > smstext.MaxSegments {
				t.Errorf("Details is %d segments; want <= %d", n, smstext.MaxSegments)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("Details = %q; want it to contain %q", got, tt.want)
			}
		})
	}
}

// TestCostKeepsTheAmount: a cost whose words come before the price is never
// shortened to the words alone, nor cut in the middle of a word.
func TestCostKeepsTheAmount(t *testing.T) {
	b := For(English)
	const cost = "Under 18s and Over 60s, £35 per 1 hour session"
	a := cafe()
	a.Free, a.Cost = false, cost
	if got, want := b.ListItem(1, catalogue.Result{Activity: a, Miles: 0.3}), "1 Heritage Café, 1st Thu 10:30, £35, 0.5mi"; got != want {
		t.Errorf("ListItem = %q; want %q", got, want)
	}
	// A title in UCS-2 leaves room for only 201 characters, so every line
	// must be shortened.
	a.Title = "Łódź ☕ café and conversation"
	a.Access = strings.Repeat("Lift to all floors; ", 10)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London)
	got := b.Details(catalogue.Result{Activity: a}, now)
	if !strings.Contains(got, "\nCost: £35 per 1 hour session\n") {
		t.Errorf("Details = %q; want the line Cost: £35 per 1 hour session", got)
	}

	tests := []struct {
		lang Lang
		cost string
		n    int
		want string
	}{
		{English, cost, 60, cost},
		{English, cost, 24, "£35 per 1 hour session"},
		{English, cost, 20, "£35"},
		{English, "Adults £5; concessions £3; under 5s free", 20, "£3 to £5"},
		{Polish, "Adults £5; concessions £3; under 5s free", 20, "od £3 do £5"},
		{English, "£1,200 for the whole course of twelve weeks", 20, "£1,200"},
		{English, "Donations welcome towards tea and the hire of the hall", 24, "Donations welcome..."},
		{English, "50p a cup, biscuits free", 8, "50p"},
		{English, "35 EUR per session, payable on the day", 20, "35 EUR per session"},
	}
	for _, tt := range tests {
		if got := For(tt.lang).shortenCost(tt.cost, tt.n); got != tt.want {
			t.Errorf("%s shortenCost(%q, %d) = %q; want %q", tt.lang, tt.cost, tt.n, got, tt.want)
		}
	}
}

// Voice and text tell the same distance on the one scale.
func TestSpokenMilesMatchShort(t *testing.T) {
	tests := []struct {
		miles         float64
		spoken, short string
	}{
		{0, "under a quarter of a mile away", "<0.25mi"},
		{0.249, "under a quarter of a mile away", "<0.25mi"},
		{0.25, "about half a mile away", "0.5mi"},
		{0.75, "about a mile away", "1mi"},
		{1.5, "2 miles away", "2mi"},
		{14.2, "14 miles away", "14mi"},
	}
	for _, tt := range tests {
		if got := (enGrammar{}).miles(tt.miles); got != tt.spoken {
			t.Errorf("miles(%v) = %q; want %q", tt.miles, got, tt.spoken)
		}
		if got := (enGrammar{}).shortMiles(tt.miles); got != tt.short {
			t.Errorf("shortMiles(%v) = %q; want %q", tt.miles, got, tt.short)
		}
	}
	if got, want := (plGrammar{}).shortMiles(0.3), "0,5mi"; got != want {
		t.Errorf("pl shortMiles(0.3) = %q; want %q", got, want)
	}
}
