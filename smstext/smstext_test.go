package smstext

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/heritage-line/heritageline/catalogue"
)

func TestSegments(t *testing.T) {
	emoji := "😀" // one surrogate pair: two UTF-16 code units
	tests := []struct {
		name string
		body string
		want int
	}{
		{"empty", "", 0},
		{"one char", "a", 1},
		{"gsm 160", strings.Repeat("a", 160), 1},
		{"gsm 161", strings.Repeat("a", 161), 2},
		{"gsm 306", strings.Repeat("a", 306), 2},
		{"gsm 307", strings.Repeat("a", 307), 3},
		{"gsm 459", strings.Repeat("a", 459), 3},
		{"gsm 460", strings.Repeat("a", 460), 4},
		{"gsm accents in basic set", strings.Repeat("é", 160), 1},
		{"pound sign is basic", strings.Repeat("£", 160), 1},
		{"extension counts double 80", strings.Repeat("€", 80), 1},
		{"extension counts double 81", strings.Repeat("[", 81), 2},
		{"extension 159 plus one", strings.Repeat("a", 159) + "^", 2},
		{"extension 158 plus one", strings.Repeat("a", 158) + "|", 1},
		{"form feed is extension", strings.Repeat("a", 159) + "\f", 2},
		// 152 septets then an escape pair: the pair may not straddle 153/154,
		// so it moves to the second segment, which then holds 2+151=153.
		{"extension never split", strings.Repeat("a", 152) + "{" + strings.Repeat("a", 151), 2},
		{"extension never split pushes", strings.Repeat("a", 152) + "{" + strings.Repeat("a", 152), 3},
		{"ucs2 70", strings.Repeat("ê", 0) + strings.Repeat("ж", 70), 1},
		{"ucs2 71", strings.Repeat("ж", 71), 2},
		{"ucs2 134", strings.Repeat("ж", 134), 2},
		{"ucs2 135", strings.Repeat("ж", 135), 3},
		{"one curly quote turns ucs2", strings.Repeat("a", 70) + "’", 2},
		{"emoji 35 pairs", strings.Repeat(emoji, 35), 1},
		{"emoji 36 pairs", strings.Repeat(emoji, 36), 2},
		// 66 units then a pair: the pair cannot split at 67, so it starts
		// segment two.
		{"surrogate pair never split", strings.Repeat("ж", 66) + emoji + strings.Repeat("ж", 65), 2},
		{"surrogate pair never split pushes", strings.Repeat("ж", 66) + emoji + strings.Repeat("ж", 66), 3},
		{"extension chars in ucs2 count once", strings.Repeat("€", 69) + "ж", 1},
		{"backtick is ascii but not gsm", strings.Repeat("a", 70) + "`", 2},
		{"invalid utf-8 is not gsm", strings.Repeat("a", 70) + "\xff", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Segments(tt.body); got != tt.want {
				t.Errorf("Segments(%d runes) = %d; want %d", utf8.RuneCountInString(tt.body), got, tt.want)
			}
		})
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Trinity weavers’ walk", "Trinity weavers' walk"},
		{"“Free” – donations welcome…", `"Free" - donations welcome...`},
		{"10:00\u00a0–\u00a012:00", "10:00 - 12:00"},
		{"Café", "Café"},                 // é is GSM-7 basic
		{"crème brûlée", "crème brulée"}, // è and é are GSM-7 basic; û is not
		{"Façade", "Facade"},
		{"Ça va", "Ça va"},
		{"Łódź", "Lodz"},
		{"Æsop", "Æsop"},
		{"Straße", "Straße"},
		{"Œuvre", "OEuvre"},
		{"tea ☕", "tea ☕"}, // no plain equivalent: kept
		{"soft\u00adhyphen", "softhyphen"},
		{"plain text", "plain text"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Normalise(tt.in)
			if got != tt.want {
				t.Errorf("Normalise(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIsGSM(t *testing.T) {
	for _, s := range []string{"@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ", "¡ÄÖÑÜ§¿äöñüà", "^{}\\[~]|€\f", "¤"} {
		if !IsGSM(s) {
			t.Errorf("IsGSM(%q) = false; want true", s)
		}
	}
	for _, s := range []string{"ê", "’", "ç", "😀", "á", "È"} {
		if IsGSM(s) {
			t.Errorf("IsGSM(%q) = true; want false", s)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		miles float64
		want  string
	}{{0, "<0.1mi"}, {0.26, "0.3mi"}, {0.94, "0.9mi"}, {0.96, "1mi"}, {1.4, "1mi"}, {9.6, "10mi"}, {24.2, "24mi"}}
	for _, tt := range tests {
		if got := Distance(tt.miles); got != tt.want {
			t.Errorf("Distance(%v) = %q; want %q", tt.miles, got, tt.want)
		}
	}
}

func cafe() catalogue.Activity {
	return catalogue.Activity{
		ID: "frome-heritage-cafe", Title: "Heritage Café", Organisation: "Frome Heritage Museum and Heritage Connectors",
		Category: catalogue.Cafe, Venue: "Frome Heritage Museum", Address: "Frome Heritage Museum, North Parade",
		Town: "Frome", Postcode: "BA11 1AT", Lat: 51.23, Lon: -2.3208,
		Schedule: catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Monthly, Weeks: []int{1}, Days: []time.Weekday{time.Thursday}, Opens: 630, Closes: 720}}},
		Cost:     "Free", Free: true, Access: "Ground-floor room; galleries are up stairs", Phone: "01632 960101", Active: true,
	}
}

func TestItem(t *testing.T) {
	a := cafe()
	if got, want := Item(1, catalogue.Result{Activity: a, Miles: 0.26}), "1 Heritage Café, 1st Thu 10:30, Free, 0.3mi"; got != want {
		t.Errorf("Item = %q; want %q", got, want)
	}
	a.Title = "The Trinity weavers’ housing walk around the old town and its hidden yards"
	a.Free, a.Cost = false, "£3 (tea included)"
	a.Schedule = catalogue.Schedule{}
	got := Item(12, catalogue.Result{Activity: a, Miles: 3.2})
	if want := "12 The Trinity weavers' housing walk aro..., Ring for dates, £3, 3mi"; got != want {
		t.Errorf("Item = %q; want %q", got, want)
	}
}

func TestFit(t *testing.T) {
	var items []string
	for i := 1; i <= 10; i++ {
		items = append(items, fmt.Sprintf("%d Catherine Hill and Cheap Street walk, 2nd & 4th Sat 10:30, Free, 0.%dmi", i, i%10))
	}
	foot := "Reply a number for details, MORE for more, CALL for a volunteer to ring back."
	body, kept := Fit("Near Frome:", items, foot)
	if Segments(body) > MaxSegments {
		t.Fatalf("Fit body has %d segments; want <= %d", Segments(body), MaxSegments)
	}
	if kept < 3 || kept >= 10 {
		t.Errorf("Fit kept %d items; want between 3 and 9", kept)
	}
	if !strings.HasSuffix(body, foot) || strings.Count(body, "\n") != kept+1 {
		t.Errorf("Fit body does not hold head, %d whole items and foot:\n%s", kept, body)
	}
	body, kept = Fit("Near Frome:", items[:2], foot)
	if kept != 2 {
		t.Errorf("Fit kept %d of 2 short items; want 2", kept)
	}
	long := strings.Repeat("x", 600)
	body, kept = Fit(long, nil, "")
	if Segments(body) > MaxSegments || kept != 0 || !strings.HasSuffix(body, "...") {
		t.Errorf("Fit(long head) = %d segments, kept %d; want <= 3, 0, ending ...", Segments(body), kept)
	}
}

func TestDetails(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London)
	next := catalogue.Session{Start: time.Date(2026, 12, 3, 10, 30, 0, 0, catalogue.London)}
	a := cafe()
	got := Details(catalogue.Result{Activity: a, Miles: 0.3, Next: next}, now)
	want := "Heritage Café\nBy Frome Heritage Museum and Heritage Connectors\n" +
		"Where: Frome Heritage Museum, North Parade, Frome BA11 1AT\nWhen: 1st Thu 10:30. Next: Thu 3 Dec\n" +
		"Cost: Free\nAccess: Ground-floor room; galleries are up stairs\nPhone: 01632 960101"
	if got != want {
		t.Errorf("Details =\n%s\nwant\n%s", got, want)
	}

	a.BookingNeeded, a.Referral = true, catalogue.LinkWorker
	a.Access = strings.Repeat("Lift to all floors; ", 30)
	a.Title = "Weavers’ “history” café — with tea…"
	got = Details(catalogue.Result{Activity: a, Next: next}, now)
	if n := Segments(got); n > MaxSegments {
		t.Errorf("Details with a long access note is %d segments; want <= %d", n, MaxSegments)
	}
	if !IsGSM(got) {
		t.Errorf("Details is not GSM-7: %q", got)
	}
	for _, s := range []string{"Booking needed: 01632 960101", "Referral needed", "Where:", "When:"} {
		if !strings.Contains(got, s) {
			t.Errorf("Details lacks %q:\n%s", s, got)
		}
	}
}

func FuzzTruncate(f *testing.F) {
	for _, s := range []string{"", "a", strings.Repeat("€", 300), strings.Repeat("😀", 200), "“Free” – tea…"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Truncate(Normalise(s), MaxSegments)
		if n := Segments(got); n > MaxSegments {
			t.Errorf("Truncate gave %d segments; want <= %d", n, MaxSegments)
		}
	})
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
			got := Details(catalogue.Result{Activity: a}, now)
			if n := Segments(got); n > MaxSegments {
				t.Errorf("Details is %d segments; want <= %d", n, MaxSegments)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("Details = %q; want it to contain %q", got, tt.want)
			}
		})
	}
}

func FuzzDetails(f *testing.F) {
	f.Add("Heritage Café", "Step-free", "Free")
	f.Add(strings.Repeat("😀", 100), strings.Repeat("€", 300), "£3 – tea…")
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London)
	f.Fuzz(func(t *testing.T, title, access, cost string) {
		a := cafe()
		a.Title, a.Access, a.Cost = title, access, cost
		if n := Segments(Details(catalogue.Result{Activity: a}, now)); n > MaxSegments {
			t.Errorf("Details is %d segments; want <= %d", n, MaxSegments)
		}
		if item := Item(999, catalogue.Result{Activity: a, Miles: 24.9}); strings.ContainsAny(item, "\n\r") {
			t.Errorf("Item = %q; want one line", item)
		}
	})
}

// TestOneLine checks the shortcut for text already on one line against the
// long way round (split on any space, join with one).
func TestOneLine(t *testing.T) {
	for _, s := range []string{
		"", " ", "Heritage walk", "Heritage  walk", " Heritage walk", "Heritage walk ",
		"Heritage\twalk", "Heritage\nwalk", "Heritage\u00a0walk", "Café – “drop in”",
		"£3 (tea included)", "a b c d", "a\u2003b", "a\u0085b", "\xff bad",
	} {
		want := strings.Join(strings.Fields(Normalise(s)), " ")
		if got := oneLine(s); got != want {
			t.Errorf("oneLine(%q) = %q; want %q", s, got, want)
		}
	}
}

// TestCostKeepsTheAmount: a cost whose words come before the price is never
// shortened to the words alone, nor cut in the middle of a word.
func TestCostKeepsTheAmount(t *testing.T) {
	const cost = "Under 18s and Over 60s, £35 per 1 hour session"
	a := cafe()
	a.Free, a.Cost = false, cost
	if got, want := Item(1, catalogue.Result{Activity: a, Miles: 0.3}), "1 Heritage Café, 1st Thu 10:30, £35, 0.3mi"; got != want {
		t.Errorf("Item = %q; want %q", got, want)
	}
	// A title in UCS-2 leaves room for only 201 characters, so every line
	// must be shortened.
	a.Title = "Łódź ☕ café and conversation"
	a.Access = strings.Repeat("Lift to all floors; ", 10)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London)
	got := Details(catalogue.Result{Activity: a}, now)
	if !strings.Contains(got, "\nCost: £35 per 1 hour session\n") {
		t.Errorf("Details = %q; want the line Cost: £35 per 1 hour session", got)
	}

	tests := []struct {
		cost string
		n    int
		want string
	}{
		{cost, 60, cost},
		{cost, 24, "£35 per 1 hour session"},
		{cost, 20, "£35"},
		{"Adults £5; concessions £3; under 5s free", 20, "£3 to £5"},
		{"£1,200 for the whole course of twelve weeks", 20, "£1,200"},
		{"Donations welcome towards tea and the hire of the hall", 24, "Donations welcome..."},
		{"50p a cup, biscuits free", 8, "50p"},
		{"35 EUR per session, payable on the day", 20, "35 EUR per session"},
	}
	for _, tt := range tests {
		if got := shortenCost(tt.cost, tt.n); got != tt.want {
			t.Errorf("shortenCost(%q, %d) = %q; want %q", tt.cost, tt.n, got, tt.want)
		}
	}
}
