package understand

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/places"
)

// fakePlaces plays places.Index for a handful of names, so these tests do not
// depend on the embedded data. Find needs a cue word before the name.
type fakePlaces map[string]places.Place

func (f fakePlaces) Resolve(text string) (places.Match, bool) {
	p, ok := f[Normalise(text)]
	return places.Match{Place: p, Sure: ok}, ok
}

func (f fakePlaces) Find(text string) (places.Match, string, bool) {
	words := strings.Fields(Normalise(text))
	for n := 3; n >= 1; n-- {
		for i := 1; i+n <= len(words); i++ {
			switch words[i-1] {
			case "in", "near", "around", "at", "from":
			default:
				continue
			}
			name := strings.Join(words[i:i+n], " ")
			if p, ok := f[name]; ok {
				return places.Match{Place: p, Sure: true}, name, true
			}
		}
	}
	return places.Match{}, "", false
}

var testTowns = []string{"Frome", "Nottingham", "Ravenshead", "Great Yarmouth", "Gorleston", "Lowestoft"}

func testRules() *Rules {
	r := newRules(fakePlaces{
		"norwich": {Name: "Norwich"}, "bath": {Name: "Bath"}, "beccles": {Name: "Beccles"},
		"newport": {Name: "Newport"}, "bradford on avon": {Name: "Bradford-on-Avon"},
	}, testTowns)
	r.Now = func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London) } // a Wednesday
	return r
}

func day(d time.Weekday) *time.Weekday { return &d }

// rulesCases is the start of the rules' test set: realistic texts and speech
// results, each with the request expected. Add rows freely.
var rulesCases = []struct {
	text string
	want catalogue.Request
}{
	// Exact-word commands.
	{"STOP", catalogue.Request{Intent: catalogue.IntentStop}},
	{"stop", catalogue.Request{Intent: catalogue.IntentStop}},
	{" Unsubscribe ", catalogue.Request{Intent: catalogue.IntentStop}},
	{"STOPALL", catalogue.Request{Intent: catalogue.IntentStop}},
	{"Quit", catalogue.Request{Intent: catalogue.IntentStop}},
	{"optout", catalogue.Request{Intent: catalogue.IntentStop}},
	{"please stop the walks", catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Walk}}},
	{"START", catalogue.Request{Intent: catalogue.IntentStart}},
	{"yes", catalogue.Request{Intent: catalogue.IntentStart}},
	{"Unstop", catalogue.Request{Intent: catalogue.IntentStart}},
	{"HELP", catalogue.Request{Intent: catalogue.IntentHelp}},
	{"info", catalogue.Request{Intent: catalogue.IntentHelp}},
	{"MORE", catalogue.Request{Intent: catalogue.IntentMore}},
	{"more please", catalogue.Request{Intent: catalogue.IntentMore}},
	{"Next", catalogue.Request{Intent: catalogue.IntentMore}},
	{"CALL", catalogue.Request{Intent: catalogue.IntentCallback}},
	{"call me", catalogue.Request{Intent: catalogue.IntentCallback}},
	{"Ring me please", catalogue.Request{Intent: catalogue.IntentCallback}},
	{"help me", catalogue.Request{Intent: catalogue.IntentCallback}},
	{"Could someone ring me back about the walks", catalogue.Request{Intent: catalogue.IntentCallback, Categories: []catalogue.Category{catalogue.Walk}}},
	{"I'd like to talk to someone", catalogue.Request{Intent: catalogue.IntentCallback}},
	{"help me find a walk in frome", catalogue.Request{Intent: catalogue.IntentFind, Place: "frome", Categories: []catalogue.Category{catalogue.Walk}}},

	// Numbers.
	{"2", catalogue.Request{Intent: catalogue.IntentDetails, Item: 2}},
	{" 7 ", catalogue.Request{Intent: catalogue.IntentDetails, Item: 7}},
	{"number 3 please", catalogue.Request{Intent: catalogue.IntentDetails, Item: 3}},
	{"#4", catalogue.Request{Intent: catalogue.IntentDetails, Item: 4}},
	{"Tell me about 12", catalogue.Request{Intent: catalogue.IntentDetails, Item: 12}},
	{"more about 1", catalogue.Request{Intent: catalogue.IntentDetails, Item: 1}},
	{"0", catalogue.Request{Intent: catalogue.IntentUnknown}},
	{"1 2", catalogue.Request{Intent: catalogue.IntentUnknown}},

	// Places.
	{"BA11 1AT", catalogue.Request{Intent: catalogue.IntentFind, Place: "BA11 1AT"}},
	{"ba111at", catalogue.Request{Intent: catalogue.IntentFind, Place: "BA11 1AT"}},
	{"ba11", catalogue.Request{Intent: catalogue.IntentFind, Place: "BA11"}},
	{"NR31", catalogue.Request{Intent: catalogue.IntentFind, Place: "NR31"}},
	{"Frome", catalogue.Request{Intent: catalogue.IntentFind, Place: "frome"}},
	{"great yarmouth", catalogue.Request{Intent: catalogue.IntentFind, Place: "great yarmouth"}},
	{"Great Yarmouth please", catalogue.Request{Intent: catalogue.IntentFind, Place: "great yarmouth"}},
	{"Norwich", catalogue.Request{Intent: catalogue.IntentFind, Place: "norwich"}},
	{"anything near beccles", catalogue.Request{Intent: catalogue.IntentFind, Place: "beccles"}},
	{"I live in Bradford on Avon", catalogue.Request{Intent: catalogue.IntentFind, Place: "bradford on avon"}},
	{"my postcode is ng15 9hj", catalogue.Request{Intent: catalogue.IntentFind, Place: "NG15 9HJ"}},
	{"take the A1 to Lowestoft", catalogue.Request{Intent: catalogue.IntentFind, Place: "lowestoft"}},

	// Categories, with and without a place.
	{"walks", catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Walk}}},
	{"museum frome", catalogue.Request{Intent: catalogue.IntentFind, Place: "frome", Categories: []catalogue.Category{catalogue.Museum}}},
	{"dig", catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Archaeology}}},
	{"crafts", catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Crafts}}},
	{"Any excavations near Gorleston?", catalogue.Request{Intent: catalogue.IntentFind, Place: "gorleston", Categories: []catalogue.Category{catalogue.Archaeology}}},
	{"knitting or lace in nottingham", catalogue.Request{Intent: catalogue.IntentFind, Place: "nottingham", Categories: []catalogue.Category{catalogue.Crafts}}},
	{"Café", catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Cafe}}},
	{"coffee morning in ravenshead", catalogue.Request{Intent: catalogue.IntentFind, Place: "ravenshead", Categories: []catalogue.Category{catalogue.Cafe}}},
	{"local history group", catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.HistoryGroup}}},
	{"erm museums I think", catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Museum}}},
	{"castles and galleries", catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Museum}}},
	{"walks and talks in Frome", catalogue.Request{Intent: catalogue.IntentFind, Place: "frome", Categories: []catalogue.Category{catalogue.Walk, catalogue.HistoryGroup}}},

	// Audience, access, cost, language.
	{"is there anything on near Gorleston for my mum, she has dementia", catalogue.Request{Intent: catalogue.IntentFind, Place: "gorleston", Tags: []string{catalogue.TagDementiaFriendly}}},
	{"memory cafe lowestoft", catalogue.Request{Intent: catalogue.IntentFind, Place: "lowestoft", Categories: []catalogue.Category{catalogue.Cafe}, Tags: []string{catalogue.TagDementiaFriendly}}},
	{"step free museum", catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Museum}, Tags: []string{catalogue.TagStepFree}}},
	{"I use a wheelchair", catalogue.Request{Intent: catalogue.IntentFind, Tags: []string{catalogue.TagStepFree}}},
	{"free walks", catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Walk}, FreeOnly: true}},
	{"something for carers", catalogue.Request{Intent: catalogue.IntentFind, Tags: []string{catalogue.TagCarersWelcome}}},
	{"womens craft group", catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Crafts}, Tags: []string{catalogue.TagWomenOnly}}},
	{"anything in Polish", catalogue.Request{Intent: catalogue.IntentFind, Languages: []string{"Polish"}}},

	// When.
	{"WEEK", catalogue.Request{Intent: catalogue.IntentFind, When: catalogue.When{ThisWeek: true}}},
	{"today", catalogue.Request{Intent: catalogue.IntentFind, When: catalogue.When{Today: true}}},
	{"what's on this week in frome", catalogue.Request{Intent: catalogue.IntentFind, Place: "frome", When: catalogue.When{ThisWeek: true}}},
	{"walks on saturday", catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Walk}, When: catalogue.When{Weekday: day(time.Saturday)}}},
	{"anything tomorrow", catalogue.Request{Intent: catalogue.IntentFind, When: catalogue.When{Weekday: day(time.Thursday)}}},
	{"Wensday crafts", catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Crafts}, When: catalogue.When{Weekday: day(time.Wednesday)}}},

	// Nonsense and edge cases.
	{"", catalogue.Request{Intent: catalogue.IntentUnknown}},
	{"   ", catalogue.Request{Intent: catalogue.IntentUnknown}},
	{"hello", catalogue.Request{Intent: catalogue.IntentUnknown}},
	{"😀👍", catalogue.Request{Intent: catalogue.IntentUnknown}},
	{"asdfgh jkl", catalogue.Request{Intent: catalogue.IntentUnknown}},
	{"Thank you so much!", catalogue.Request{Intent: catalogue.IntentUnknown}},
	{"stop it", catalogue.Request{Intent: catalogue.IntentUnknown}},
}

func TestRules(t *testing.T) {
	r := testRules()
	for _, tt := range rulesCases {
		t.Run(tt.text, func(t *testing.T) {
			got := r.Understand(context.Background(), tt.text)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Understand(%q) = %+v; want %+v", tt.text, got, tt.want)
			}
		})
	}
}

func TestNilIndex(t *testing.T) {
	r := New(nil, testTowns)
	got := r.Understand(context.Background(), "walks near Frome")
	if got.Intent != catalogue.IntentFind || got.Place != "frome" {
		t.Errorf("Understand with no index = %+v; want find in frome", got)
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Café’s  OPEN!!", "cafes open"},
		{"step-free", "step free"},
		{"  Gorleston-on-Sea\n", "gorleston on sea"},
		{"BA11\u00a01AT", "ba11 1at"},
	}
	for _, tt := range tests {
		if got := Normalise(tt.in); got != tt.want {
			t.Errorf("Normalise(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzUnderstand(f *testing.F) {
	for _, c := range rulesCases {
		f.Add(c.text)
	}
	r := testRules()
	f.Fuzz(func(t *testing.T, text string) {
		got := r.Understand(context.Background(), text)
		switch got.Intent {
		case catalogue.IntentFind, catalogue.IntentDetails, catalogue.IntentMore, catalogue.IntentCallback,
			catalogue.IntentHelp, catalogue.IntentStop, catalogue.IntentStart, catalogue.IntentUnknown:
		default:
			t.Fatalf("Understand(%q) intent %q; want a known intent", text, got.Intent)
		}
		for _, c := range got.Categories {
			if !c.Valid() {
				t.Errorf("Understand(%q) category %q is not valid", text, c)
			}
		}
		if got.Intent == catalogue.IntentDetails && got.Item < 1 {
			t.Errorf("Understand(%q) details of item %d; want >= 1", text, got.Item)
		}
		if got.Intent == catalogue.IntentStop && !exactStop(text) {
			t.Errorf("Understand(%q) = stop; want stop only for an exact opt-out word", text)
		}
	})
}

func exactStop(text string) bool {
	in, ok := english.exactCommands[Normalise(text)]
	return ok && in == catalogue.IntentStop
}
