package ivr

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

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
			if got := spokenPhone(tt.in); got != tt.want {
				t.Errorf("spokenPhone(%q): got %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSpokenClock(t *testing.T) {
	tests := []struct {
		c    catalogue.Clock
		want string
	}{
		{600, "ten o'clock"}, {630, "half past ten"}, {615, "quarter past ten"}, {705, "quarter to twelve"},
		{720, "noon"}, {0, "midnight"}, {885, "quarter to three"}, {620, "10:20"}, {840, "two o'clock"},
	}
	for _, tt := range tests {
		if got := spokenClock(tt.c); got != tt.want {
			t.Errorf("spokenClock(%d): got %q; want %q", tt.c, got, tt.want)
		}
	}
}

func TestSpokenSchedule(t *testing.T) {
	tests := []struct {
		name string
		s    catalogue.Schedule
		want string
	}{
		{"weekly", weekly(time.Tuesday, 630, 720), "Every Tuesday from half past ten to noon"},
		{"fortnightly", catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Weekly, Interval: 2, Days: []time.Weekday{time.Friday}, Opens: 840, Closes: 960}}},
			"Every other Friday from two o'clock to four o'clock"},
		{"monthly", catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Monthly, Weeks: []int{1, 3}, Days: []time.Weekday{time.Thursday}, Opens: 630, Closes: 720}}},
			"On the first and third Thursday of the month from half past ten to noon"},
		{"last", catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Monthly, Weeks: []int{-1}, Days: []time.Weekday{time.Friday}, Opens: 840}}},
			"On the last Friday of the month at two o'clock"},
		{"two rules", catalogue.Schedule{Rules: []catalogue.Rule{
			{Freq: catalogue.Weekly, Days: []time.Weekday{time.Monday, time.Wednesday}, Opens: 600, Closes: 720},
			{Freq: catalogue.Weekly, Days: []time.Weekday{time.Saturday}, Opens: 600, Closes: 660}}},
			"Every Monday and Wednesday from ten o'clock to noon, and every Saturday from ten o'clock to eleven o'clock"},
		{"words only", catalogue.Schedule{Text: "Ring for dates."}, "Ring for dates"},
		{"nothing", catalogue.Schedule{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := spokenSchedule(tt.s); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	f := testFinder()
	tests := []struct {
		name string
		res  catalogue.Result
		want string
	}{
		{"walk", catalogue.Result{Activity: f.acts[0], Miles: 0.2, Next: f.next["walk"]},
			"Frome Heritage Walk. At Market Place, Frome, about half a mile away. Every Tuesday from half past ten to noon, next Tuesday 1 December. Free. Mostly level, with benches on the way."},
		{"tomorrow, no access line", catalogue.Result{Activity: f.acts[3], Miles: 6.4, Next: meets(catalogue.Date{Year: 2026, Month: 11, Day: 26}, 840, 960)},
			"Memory Café. At Town Hall, Warminster, 6 miles away. Every Friday from two o'clock to four o'clock, next tomorrow. £2 with tea."},
		{"no schedule", catalogue.Result{Activity: catalogue.Activity{Title: "Archive group", Town: "Frome"}, Miles: 1.2},
			"Archive group. At Frome, about a mile away. Please ring them for dates."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(tt.res, now); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestChoice(t *testing.T) {
	tests := []struct {
		digits, speech string
		want           string
	}{
		{"1", "", "1"},
		{"*", "", "*"},
		{"", "Two.", "2"},
		{"", "near me please", "1"},
		{"", "can I talk to someone", "0"},
		{"", "back to the menu", "*"},
		{"", "erm", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.digits+tt.speech, func(t *testing.T) {
			if got := choice(input{Digits: tt.digits, Speech: tt.speech}, menuWords); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

// FuzzInput feeds Twilio's Gather parameters (outside input) through the
// parsing and word matching every step uses: it must never panic.
func FuzzInput(f *testing.F) {
	f.Add("1", "", "")
	f.Add("", "erm, museums I think", "0.4")
	f.Add("*#", "B A one one one A T", "NaN")
	f.Fuzz(func(t *testing.T, digits, speech, confidence string) {
		form := url.Values{"Digits": {digits}, "SpeechResult": {speech}, "Confidence": {confidence}}
		r := httptest.NewRequest("POST", "/twilio/voice/menu", strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := r.ParseForm(); err != nil {
			return
		}
		in := readInput(r)
		if in.Confidence != -1 && (in.Confidence < 0 || in.Confidence > 1) {
			t.Errorf("confidence %v out of range", in.Confidence)
		}
		for _, keys := range []map[string]string{menuWords, resultWords, kindWords, endWords, yesNoWords} {
			_ = choice(in, keys)
		}
	})
}

// FuzzSpokenPhone reads catalogue phone numbers (outside input): only digit
// words and commas come out.
func FuzzSpokenPhone(f *testing.F) {
	f.Add("01632 960101")
	f.Add("+44 (0)20 7946 0000")
	f.Add("ring 0800-123-4567 ext. 2")
	f.Fuzz(func(t *testing.T, number string) {
		for _, w := range strings.Fields(strings.ReplaceAll(spokenPhone(number), ",", "")) {
			if !strings.Contains(" oh one two three four five six seven eight nine ", " "+w+" ") {
				t.Errorf("spokenPhone(%q) says %q", number, w)
			}
		}
	})
}
