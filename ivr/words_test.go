package ivr

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/words"
)

func TestDescribe(t *testing.T) {
	f := testFinder()
	tests := []struct {
		name string
		res  catalogue.Result
		want string
	}{
		{"walk", catalogue.Result{Activity: f.acts[0], Miles: 0.2, Next: f.next["walk"]},
			"Frome Heritage Walk. At Market Place, Frome, under a quarter of a mile away. Every Tuesday, half past ten to twelve. The next is this Tuesday, the first of December. Free. Mostly level, with benches on the way."},
		{"tomorrow, no access line", catalogue.Result{Activity: f.acts[3], Miles: 6.4, Next: meets(catalogue.Date{Year: 2026, Month: 11, Day: 26}, 840, 960)},
			"Memory Café. At Town Hall, Warminster, 6 miles away. Every Friday, two till four. The next is tomorrow. £2 with tea."},
		{"no schedule", catalogue.Result{Activity: catalogue.Activity{Title: "Archive group", Town: "Frome"}, Miles: 1.2},
			"Archive group. At Frome, about a mile away. The dates vary, so please ask the organiser."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := words.For(words.English).Describe(tt.res, now); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

// english are the English words for each step.
var english = newStepWords(words.For(words.English).Lexicon())

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
			if got := english.choice(input{Digits: tt.digits, Speech: tt.speech}, english.menu); got != tt.want {
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
		for _, keys := range []map[string]string{english.menu, english.result, english.kind, english.end, english.yesNo} {
			_ = english.choice(in, keys)
		}
	})
}
