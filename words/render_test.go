package words

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/sample"
	"github.com/heritage-line/heritageline/smstext"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, catalogue.London)
}

func mustSchedule(t testing.TB, text string) catalogue.Schedule {
	t.Helper()
	s, err := catalogue.ParseSchedule(text)
	if err != nil {
		t.Fatalf("ParseSchedule(%q): %v", text, err)
	}
	return s
}

// scheduleTexts are schedules of every shape the rule language has.
var scheduleTexts = []string{
	"first Thursday of the month, 10:30-12:00",
	"every Wednesday and Saturday, 10:00-14:00",
	"every other Friday, 10:00-12:00",
	"every other Wednesday from 2026-01-07, 10:00-12:00",
	"second and fourth Saturday, 10:30-12:00",
	"first and third Sunday, 14:00-16:00",
	"last Friday of the month, 14:00-15:30",
	"second Wednesday, 19:30-21:00, September to May",
	"every Saturday, 09:30-15:30, April to September",
	"every 3 weeks on Tuesday from 2026-01-06, 14:45-16:00",
	"every Monday, Wednesday and Friday, 10:00-11:00",
	"every weekday, 12:00-13:00",
	"every day, 07:30-08:15",
	"every Tuesday, 10:00-12:00, until 2027-03-31",
	"every Thursday, 10:05-11:40, from 2026-12-01",
	"every Tuesday, 10:00-12:00; first Saturday of the month, 14:00-16:00",
	"every Sunday, 18:20-23:59, July and August only",
	"contact the organiser",
}

func TestEnglishScheduleWords(t *testing.T) {
	tests := []struct {
		text, spoken, short string
	}{
		{"first Thursday of the month, 10:30-12:00", "the first Thursday of the month, half past ten to twelve", "1st Thu 10:30"},
		{"every Wednesday and Saturday, 10:00-14:00", "every Wednesday and Saturday, ten till two", "Wed & Sat 10:00"},
		{"every other Friday, 10:00-12:00", "every other Friday, ten till twelve", "Alt Fri 10:00"},
		{"second and fourth Saturday, 10:30-12:00", "the second and fourth Saturday of the month, half past ten to twelve", "2nd & 4th Sat 10:30"},
		{"last Friday of the month, 14:00-15:30", "the last Friday of the month, two till half past three", "Last Fri 14:00"},
		{"second Wednesday, 19:30-21:00, September to May", "the second Wednesday of the month, half past seven to nine in the evening, from September to May", "2nd Wed 19:30 (Sep-May)"},
		{"every Saturday, 09:30-15:30, April to September", "every Saturday, half past nine to half past three, from April to September", "Sat 09:30 (Apr-Sep)"},
		{"every 3 weeks on Tuesday from 2026-01-06, 14:45-16:00", "every three weeks, on Tuesday, a quarter to three till four", "Every 3 wks Tue 14:45"},
		{"every Monday, Wednesday and Friday, 10:00-11:00", "every Monday, Wednesday and Friday, ten till eleven", "Mon, Wed & Fri 10:00"},
		{"every weekday, 12:00-13:00", "every weekday, twelve till one", "Mon-Fri 12:00"},
		{"every Tuesday, 10:00-12:00, until 2027-03-31", "every Tuesday, ten till twelve, until the thirty-first of March, twenty twenty-seven", "Tue 10:00 until 31 Mar 2027"},
		{"every Tuesday, 10:00-12:00; first Saturday of the month, 14:00-16:00", "every Tuesday, ten till twelve, and the first Saturday of the month, two till four", "Tue 10:00; 1st Sat 14:00"},
		{"contact the organiser", "the dates vary, so please ask the organiser", "Ring for dates"},
	}
	b := For(English)
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			s := mustSchedule(t, tt.text)
			if got := b.Schedule(s); got != tt.spoken {
				t.Errorf("Schedule: got %q; want %q", got, tt.spoken)
			}
			if got := b.ShortSchedule(s); got != tt.short {
				t.Errorf("ShortSchedule: got %q; want %q", got, tt.short)
			}
		})
	}
}

func TestEnglishClock(t *testing.T) {
	tests := []struct{ clock, want string }{
		{"10:30", "half past ten"}, {"10:00", "ten o'clock"}, {"14:45", "a quarter to three"},
		{"10:15", "a quarter past ten"}, {"12:00", "midday"}, {"00:00", "midnight"},
		{"19:30", "half past seven in the evening"}, {"07:30", "half past seven in the morning"},
		{"10:20", "twenty past ten"}, {"13:50", "ten to two"}, {"10:07", "ten oh seven"},
		{"11:55", "five to twelve"}, {"12:30", "half past twelve"},
	}
	for _, tt := range tests {
		t.Run(tt.clock, func(t *testing.T) {
			c, err := catalogue.ParseClock(tt.clock)
			if err != nil {
				t.Fatal(err)
			}
			if got := For(English).Clock(c); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestEnglishDates(t *testing.T) {
	now := at(2026, 11, 30, 9, 0) // a Monday
	tests := []struct {
		t             time.Time
		spoken, short string
	}{
		{at(2026, 11, 30, 14, 0), "today", "today"},
		{at(2026, 12, 1, 10, 0), "tomorrow", "tomorrow"},
		{at(2026, 12, 3, 10, 30), "this Thursday, the third of December", "Thu 3 Dec"},
		{at(2026, 12, 10, 10, 30), "Thursday the tenth of December", "Thu 10 Dec"},
		{at(2027, 1, 21, 10, 30), "Thursday the twenty-first of January", "Thu 21 Jan"},
		{at(2027, 11, 4, 10, 30), "Thursday the fourth of November, twenty twenty-seven", "Thu 4 Nov 2027"},
		{time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC), "today", "today"},
	}
	b := For(English)
	for _, tt := range tests {
		t.Run(tt.t.String(), func(t *testing.T) {
			if got := b.Date(tt.t, now); got != tt.spoken {
				t.Errorf("Date: got %q; want %q", got, tt.spoken)
			}
			if got := b.ShortDate(tt.t, now); got != tt.short {
				t.Errorf("ShortDate: got %q; want %q", got, tt.short)
			}
		})
	}
}

func TestEnglishSessions(t *testing.T) {
	now := at(2026, 11, 30, 9, 0)
	sess := func(start time.Time) catalogue.Session {
		return catalogue.Session{Start: start, End: start.Add(time.Hour)}
	}
	tests := []struct {
		s             catalogue.Session
		spoken, short string
	}{
		{sess(at(2026, 11, 30, 10, 30)), "today at half past ten", "today 10:30"},
		{sess(at(2026, 12, 1, 14, 0)), "tomorrow at two o'clock", "tomorrow 14:00"},
		{sess(at(2026, 12, 3, 10, 30)), "this Thursday, the third of December, at half past ten", "Thu 3 Dec 10:30"},
		{sess(at(2026, 12, 10, 12, 0)), "Thursday the tenth of December at midday", "Thu 10 Dec 12:00"},
		{catalogue.Session{}, "", ""},
	}
	b := For(English)
	for _, tt := range tests {
		t.Run(tt.short, func(t *testing.T) {
			if got := b.Session(tt.s, now); got != tt.spoken {
				t.Errorf("Session: got %q; want %q", got, tt.spoken)
			}
			if got := b.ShortSession(tt.s, now); got != tt.short {
				t.Errorf("ShortSession: got %q; want %q", got, tt.short)
			}
		})
	}
}

func TestSpokenPhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"01632 960101", "oh one six three two, nine six oh, one oh one"},
		{"020 7946 0000", "oh two oh, seven nine four six, oh oh oh oh"},
		{"+441632960000", "oh one six three two, nine six oh, oh oh oh"},
		{"07700900111", "oh seven seven oh oh, nine oh oh, one one one"},
		{"0800 123 4567", "oh eight oh oh, one two three, four five six seven"},
		{"+44 1632 960101", "oh one six three two, nine six oh, one oh one"},
		{"", ""},
		{"ring the office", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := For(English).SpokenPhone(tt.in); got != tt.want {
				t.Errorf("SpokenPhone(%q): got %q; want %q", tt.in, got, tt.want)
			}
		})
	}
	if got, want := For(Cantonese).SpokenPhone("01632 960101"), "零一六三二，九六零，一零一"; got != want {
		t.Errorf("Cantonese: got %q; want %q", got, want)
	}
}

func TestEnglishDescribe(t *testing.T) {
	now := at(2026, 11, 30, 9, 0)
	walk := catalogue.Activity{
		Title: "Frome Heritage Walk", Venue: "Market Place", Town: "Frome", Free: true,
		Access:   "Mostly level, with benches on the way",
		Schedule: catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Weekly, Days: []time.Weekday{time.Tuesday}, Opens: 630, Closes: 720}}},
	}
	cafe := catalogue.Activity{
		Title: "Memory Café", Venue: "Town Hall", Town: "Warminster", Cost: "£2 with tea",
		Schedule: catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Weekly, Days: []time.Weekday{time.Friday}, Opens: 840, Closes: 960}}},
	}
	tests := []struct {
		name string
		res  catalogue.Result
		want string
	}{
		{"walk", catalogue.Result{Activity: walk, Miles: 0.2, Next: catalogue.Session{Start: at(2026, 12, 1, 10, 30)}},
			"Frome Heritage Walk. At Market Place, Frome, under a quarter of a mile away. Every Tuesday, half past ten to twelve. The next is tomorrow. Free. Mostly level, with benches on the way."},
		{"no access line", catalogue.Result{Activity: cafe, Miles: 6.4, Next: catalogue.Session{Start: at(2026, 12, 4, 14, 0)}},
			"Memory Café. At Town Hall, Warminster, 6 miles away. Every Friday, two till four. The next is this Friday, the fourth of December. £2 with tea."},
		{"no schedule", catalogue.Result{Activity: catalogue.Activity{Title: "Archive group", Town: "Frome"}, Miles: 1.2},
			"Archive group. At Frome, about a mile away. The dates vary, so please ask the organiser."},
		{"nowhere", catalogue.Result{Activity: catalogue.Activity{Title: "Archive group."}, Miles: 3},
			"Archive group. 3 miles away. The dates vary, so please ask the organiser."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := For(English).Describe(tt.res, now); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

// TestEnglishAsBefore pins the English renderers to what the line said
// before the book of words: testdata/english.golden holds the spoken and
// short schedule, list item and details of every activity of the sample
// catalogue (and of awkward costs), every five minutes' clock, and the dates
// of a year, as catalogue and smstext rendered them when they moved here.
func TestEnglishAsBefore(t *testing.T) {
	load, err := sample.Load()
	if err != nil {
		t.Fatal(err)
	}
	b := For(English)
	now := at(2026, 11, 30, 9, 0)
	var out strings.Builder
	acts := load.Activities
	for _, cost := range []string{
		"Under 18s and Over 60s, £35 per 1 hour session", "Adults £5; concessions £3; under 5s free",
		"Adults £5 and concessions £3 at the door", "£1,200 for the whole course of twelve weeks",
		"Donations welcome towards tea and the hire of the hall", "50p a cup, biscuits free",
		"35 EUR per session, payable on the day",
	} {
		a := walkRes.Activity
		a.Free, a.Cost = false, cost
		acts = append(acts, a)
		a.Title, a.Access = "Łódź ☕ café and conversation", strings.Repeat("Lift to all floors; ", 10)
		acts = append(acts, a)
	}
	for i, a := range acts {
		next, _ := a.Schedule.Next(now)
		r := catalogue.Result{Activity: a, Miles: float64(i) * 0.37, Next: next}
		fmt.Fprintf(&out, "%s\n  said:  %s\n  short: %s\n  item:  %s\n  miles: %s\n  details:\n%s\n\n",
			a.ID, b.Schedule(a.Schedule), b.ShortSchedule(a.Schedule), b.ListItem(i+1, r), b.ShortMiles(r.Miles), b.Details(r, now))
	}
	for _, text := range scheduleTexts {
		s := mustSchedule(t, text)
		fmt.Fprintf(&out, "%s\n  said:  %s\n  short: %s\n", text, b.Schedule(s), b.ShortSchedule(s))
	}
	for c := catalogue.Clock(0); c < 24*60; c += 5 {
		fmt.Fprintf(&out, "clock %s: %s (%s)\n", c, b.Clock(c), b.Clock(c+2))
	}
	for d := range 400 {
		when := at(2026, 11, 30, 0, 0).AddDate(0, 0, d).Add(time.Duration(d*37%1440) * time.Minute)
		s := catalogue.Session{Start: when}
		fmt.Fprintf(&out, "%s: %s | %s | %s | %s\n", when.Format("2006-01-02 15:04"), b.Date(when, now), b.ShortDate(when, now),
			b.Session(s, now), b.ShortSession(s, now))
	}
	checkGolden(t, "english.golden", out.String())
}

// checkGolden compares got with testdata/name, rewriting it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update ./words to write it)", err)
	}
	if got != string(want) {
		t.Errorf("the words differ from %s; run go test -update ./words and review the diff", path)
	}
}

// TestDetailsFit makes sure an activity's details fit three segments in
// every language, whatever the data.
func TestDetailsFit(t *testing.T) {
	now := at(2026, 11, 25, 9, 0)
	long := func(s string) string { return strings.Repeat(s, 200) }
	load, err := sample.Load()
	if err != nil {
		t.Fatal(err)
	}
	acts := load.Activities
	odd := walkRes.Activity
	odd.Title, odd.Organisation, odd.Access, odd.Cost = "Łódź ☕ café "+long("ж"), long("🎨"), long("[]{}€"), long("€")
	acts = append(acts, odd)
	for _, l := range All() {
		b := For(l.Code)
		for i, a := range acts {
			next, _ := a.Schedule.Next(now)
			r := catalogue.Result{Activity: a, Miles: 0.3, Next: next}
			got := b.Details(r, now)
			if n := smstext.Segments(smstext.Normalise(got)); n > smstext.MaxSegments {
				t.Errorf("%s activity %d: details are %d segments; want <= %d:\n%s", l.Code, i, n, smstext.MaxSegments, got)
			}
			if item := b.ListItem(99, r); strings.ContainsAny(item, "\n\r") {
				t.Errorf("%s: list item has a line break: %q", l.Code, item)
			}
		}
	}
}

func FuzzDetails(f *testing.F) {
	f.Add("Heritage Café", "Ground floor", "£2", "en")
	f.Add("Łódź ☕", "😀😀", "€€€", "ar")
	now := at(2026, 11, 25, 9, 0)
	f.Fuzz(func(t *testing.T, title, access, cost, lang string) {
		a := walkRes.Activity
		a.Title, a.Access, a.Cost = title, access, cost
		b := For(Lang(lang))
		if n := smstext.Segments(smstext.Normalise(b.Details(catalogue.Result{Activity: a}, now))); n > smstext.MaxSegments {
			t.Errorf("details are %d segments; want <= %d", n, smstext.MaxSegments)
		}
	})
}

// TestRenderGolden writes every renderer's output in every language to
// testdata/render.golden, to be read by the people who review each
// language (docs/languages.md), and fails when it changes.
func TestRenderGolden(t *testing.T) {
	now := at(2026, 11, 30, 9, 0) // a Monday
	var out strings.Builder
	filters := []Filters{
		{},
		{Categories: []catalogue.Category{catalogue.Walk}},
		{Free: true, Tags: []string{catalogue.TagDementiaFriendly, catalogue.TagWomenOnly}, WithinDays: 7},
		{Categories: []catalogue.Category{catalogue.Cafe, catalogue.Museum}, Day: time.Saturday, OnDay: true},
	}
	for _, l := range All() {
		b := For(l.Code)
		fmt.Fprintf(&out, "## %s (%s)\n\n", l.EnglishName, l.Code)
		for _, text := range scheduleTexts {
			s := mustSchedule(t, text)
			fmt.Fprintf(&out, "%s\n  said:  %s\n  short: %s\n", text, b.Schedule(s), b.ShortSchedule(s))
		}
		for _, c := range []catalogue.Clock{0, 7*60 + 30, 10*60 + 5, 10*60 + 15, 10*60 + 30, 12 * 60, 13*60 + 50, 14*60 + 45, 19*60 + 30} {
			fmt.Fprintf(&out, "clock %s: %s\n", c, b.Clock(c))
		}
		for _, d := range []time.Time{at(2026, 11, 30, 14, 0), at(2026, 12, 1, 10, 0), at(2026, 12, 2, 19, 30),
			at(2026, 12, 5, 10, 30), at(2026, 12, 10, 12, 0), at(2027, 11, 4, 10, 30)} {
			s := catalogue.Session{Start: d}
			fmt.Fprintf(&out, "date %s: %s | %s | %s | %s\n", d.Format("2006-01-02 15:04"),
				b.Date(d, now), b.Session(s, now), b.ShortDate(d, now), b.ShortSession(s, now))
		}
		for _, m := range []float64{0.02, 0.3, 1.2, 2.4, 12, 25} {
			fmt.Fprintf(&out, "miles %v: %s | %s\n", m, b.Miles(m), b.ShortMiles(m))
		}
		for _, d := range []time.Duration{4 * time.Minute, 125 * time.Minute, 76 * time.Hour} {
			fmt.Fprintf(&out, "age %v: %s\n", d, b.Age(d))
		}
		fmt.Fprintf(&out, "phone: %s\n", b.SpokenPhone("01632 960101"))
		for _, f := range filters {
			fmt.Fprintf(&out, "heading: %s | %s | nothing: %s\n", b.Heading(f, "Frome"), b.MoreHeading(f, "Frome"), b.NothingFiltered(f, "Frome", 25))
		}
		r := walkRes
		fmt.Fprintf(&out, "describe: %s\nitem: %s\ndetails:\n%s\n\n", b.Describe(r, now), b.ListItem(1, r), b.Details(r, now))
	}
	checkGolden(t, "render.golden", out.String())
}

// FuzzSpokenPhone reads catalogue phone numbers (outside input): in every
// language only the language's digit words and its separators come out.
func FuzzSpokenPhone(f *testing.F) {
	f.Add("01632 960101")
	f.Add("+44 (0)20 7946 0000")
	f.Add("ring 0800-123-4567 ext. 2")
	f.Fuzz(func(t *testing.T, number string) {
		for _, l := range All() {
			b := For(l.Code)
			allowed := map[string]bool{}
			for d := range 10 {
				allowed[b.g.digit(d)] = true
			}
			spoken := b.SpokenPhone(number)
			for _, sep := range []string{b.say(kItemSep), " "} {
				spoken = strings.ReplaceAll(spoken, sep, "\x00")
			}
			for _, w := range strings.Split(spoken, "\x00") {
				if w == "" {
					continue
				}
				if !l.Spaced {
					for _, r := range w {
						if !allowed[string(r)] {
							t.Errorf("%s: SpokenPhone(%q) says %q", l.Code, number, string(r))
						}
					}
					continue
				}
				if !allowed[w] {
					t.Errorf("%s: SpokenPhone(%q) says %q", l.Code, number, w)
				}
			}
		}
	})
}

// FuzzSchedule renders any schedule the rule language reads (catalogue
// input) in every language: whole, with no parameter left unfilled.
func FuzzSchedule(f *testing.F) {
	for _, s := range scheduleTexts {
		f.Add(s)
	}
	now := at(2026, 6, 1, 12, 0)
	f.Fuzz(func(t *testing.T, text string) {
		s, err := catalogue.ParseSchedule(text)
		if err != nil {
			return
		}
		next, _ := s.Next(now)
		for _, l := range All() {
			b := For(l.Code)
			for _, got := range []string{b.Schedule(s), b.ShortSchedule(s), b.Session(next, now), b.ShortSession(next, now)} {
				if strings.ContainsAny(got, "{}") || strings.Contains(got, "%!") {
					t.Errorf("%s: %q renders as %q", l.Code, text, got)
				}
			}
		}
	})
}

// TestTranslatedAndMarked: a list item, a description and the details use
// the catalogue's translation into the book's language where it has one,
// and an activity held in the book's language is marked; English marks
// nothing and keeps the catalogue's words.
func TestTranslatedAndMarked(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London)
	a := cafe()
	a.Languages = []string{"Polish"}
	a.Translations = map[string]catalogue.Translation{"pl": {Title: "Kawiarnia dziedzictwa", Access: "Sala na parterze"}}
	r := catalogue.Result{Activity: a, Miles: 0.3}
	pl := For(Polish)
	if got := pl.ListItem(1, r); !strings.HasPrefix(got, "1 Kawiarnia dziedzictwa,") || !strings.Contains(got, ", po polsku,") {
		t.Errorf("pl ListItem = %q; want the Polish title, marked po polsku", got)
	}
	if got := pl.Describe(r, now); !strings.HasPrefix(got, "Kawiarnia dziedzictwa.") || !strings.Contains(got, "Sala na parterze.") || !strings.HasSuffix(got, pl.OfferedIn()) {
		t.Errorf("pl Describe = %q; want the Polish title and access, ending %q", got, pl.OfferedIn())
	}
	if got := pl.Details(r, now); !strings.HasPrefix(got, "Kawiarnia dziedzictwa\n") {
		t.Errorf("pl Details = %q; want the Polish title first", got)
	}
	if got := For(Welsh).ListItem(1, r); !strings.HasPrefix(got, "1 Heritage Café,") || strings.Contains(got, For(Welsh).OfferedInShort()) {
		t.Errorf("cy ListItem = %q; want the catalogue's title, unmarked", got)
	}
	if got := For(English).ListItem(1, r); got != "1 Heritage Café, 1st Thu 10:30, Free, 0.5mi" {
		t.Errorf("en ListItem = %q; want it as before", got)
	}
}
