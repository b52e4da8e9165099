package understand

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

func TestOneSlip(t *testing.T) {
	tests := []struct {
		typed, word string
		want        bool
	}{
		{"musuem", "museum", true},    // swapped
		{"histroy", "history", true},  // swapped
		{"walkes", "walks", true},     // one added
		{"musems", "museums", true},   // one left out
		{"knittin", "knitting", true}, // one left out
		{"dimentia", "dementia", true},
		{"saterday", "saturday", true},
		{"wales", "walks", false},   // one wrong, too short
		{"seeing", "sewing", false}, // one wrong, too short
		{"walk", "walks", false},    // too short to add to
		{"museum", "museum", false}, // no slip at all
		{"mseumu", "museum", false},
	}
	for _, tt := range tests {
		if got := oneSlip(tt.typed, tt.word); got != tt.want {
			t.Errorf("oneSlip(%q, %q) = %v; want %v", tt.typed, tt.word, got, tt.want)
		}
	}
}

func TestCorrectSpelling(t *testing.T) {
	r := testRules()
	tests := []struct{ in, want string }{
		{"musuem in frome", "museum in frome"},
		{"walkes", "walks"},
		{"dimentia friendly", "dementia friendly"},
		{"anything in wales", "anything in wales"},
		{"careers advice", "careers advice"},
		{"talking to people", "talking to people"},
		{"nottingham", "nottingham"}, // a catalogue town
		{"beccles", "beccles"},
	}
	for _, tt := range tests {
		got := strings.Join(r.correctSpelling(english, strings.Fields(tt.in)), " ")
		if got != tt.want {
			t.Errorf("correctSpelling(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindDate(t *testing.T) {
	today := catalogue.Date{Year: 2026, Month: time.November, Day: 25}
	tests := []struct {
		text string
		want catalogue.Date
	}{
		{"walks on 5th december", catalogue.Date{Year: 2026, Month: time.December, Day: 5}},
		{"the 12th of dec", catalogue.Date{Year: 2026, Month: time.December, Day: 12}},
		{"december the 1st", catalogue.Date{Year: 2026, Month: time.December, Day: 1}},
		{"jan 3", catalogue.Date{Year: 2027, Month: time.January, Day: 3}},
		{"25 november", catalogue.Date{Year: 2026, Month: time.November, Day: 25}},
		{"24 november", catalogue.Date{Year: 2027, Month: time.November, Day: 24}},
		{"29 feb", catalogue.Date{}}, // none in the next twelve months
		{"31 november", catalogue.Date{}},
		{"march", catalogue.Date{}},
		{"in march 2", catalogue.Date{Year: 2027, Month: time.March, Day: 2}},
		{"may i come", catalogue.Date{}},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.text)
		got, _ := english.findDate(words, make([]bool, len(words)), today)
		if got != tt.want {
			t.Errorf("findDate(%q) = %v; want %v", tt.text, got, tt.want)
		}
	}
}

func TestDetailsInWords(t *testing.T) {
	r := testRules()
	tests := []struct {
		text string
		want catalogue.Request
	}{
		{"the second one", catalogue.Request{Intent: catalogue.IntentDetails, Item: 2}},
		{"number three please", catalogue.Request{Intent: catalogue.IntentDetails, Item: 3}},
		{"two", catalogue.Request{Intent: catalogue.IntentDetails, Item: 2}},
		{"the 3rd one", catalogue.Request{Intent: catalogue.IntentDetails, Item: 3}},
		{"one", catalogue.Request{Intent: catalogue.IntentDetails, Item: 1}},
		{"two three", catalogue.Request{Intent: catalogue.IntentUnknown}},
		{"the second one and the third", catalogue.Request{Intent: catalogue.IntentUnknown}},
	}
	for _, tt := range tests {
		got := r.Understand(context.Background(), tt.text)
		if got.Intent != tt.want.Intent || got.Item != tt.want.Item {
			t.Errorf("Understand(%q) = %s item %d; want %s item %d", tt.text, got.Intent, got.Item, tt.want.Intent, tt.want.Item)
		}
	}
	if !slices.Contains(english.correctable, "museum") {
		t.Errorf("correctable lacks museum: %v", english.correctable)
	}
}
