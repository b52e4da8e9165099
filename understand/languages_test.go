package understand

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/words"
)

// TestEveryLanguage: the rules read places, kinds of activity, days, free,
// languages, numbers and commands in every language of the book, each with
// English's words too.
func TestEveryLanguage(t *testing.T) {
	r := testRules()
	find := catalogue.IntentFind
	tests := []struct {
		lang words.Lang
		text string
		want catalogue.Request
	}{
		{words.Welsh, "amgueddfa yn Frome dydd Sadwrn", catalogue.Request{Intent: find, Place: "frome", Categories: []catalogue.Category{catalogue.Museum}, When: catalogue.When{Weekday: day(time.Saturday)}}},
		{words.Welsh, "teithiau cerdded am ddim yn Bath", catalogue.Request{Intent: find, Place: "bath", Categories: []catalogue.Category{catalogue.Walk}, FreeOnly: true}},
		{words.Welsh, "rhif 3 plis", catalogue.Request{Intent: catalogue.IntentDetails, Item: 3}},
		{words.Welsh, "Mwy", catalogue.Request{Intent: catalogue.IntentMore}},
		{words.Welsh, "STOP", catalogue.Request{Intent: catalogue.IntentStop}},
		{words.Polish, "muzeum w Frome w sobotę", catalogue.Request{Intent: find, Place: "frome", Categories: []catalogue.Category{catalogue.Museum}, When: catalogue.When{Weekday: day(time.Saturday)}}},
		{words.Polish, "spacery za darmo dla osób z demencją", catalogue.Request{Intent: find, Categories: []catalogue.Category{catalogue.Walk}, FreeOnly: true, Tags: []string{catalogue.TagDementiaFriendly}}},
		{words.Polish, "zajęcia po polsku w Nottingham", catalogue.Request{Intent: find, Place: "nottingham", Languages: []string{"Polish"}}},
		{words.Polish, "numer trzy proszę", catalogue.Request{Intent: catalogue.IntentDetails, Item: 3}},
		{words.Polish, "więcej", catalogue.Request{Intent: catalogue.IntentMore}},
		{words.Polish, "POMOC", catalogue.Request{Intent: catalogue.IntentHelp}},
		{words.Polish, "museum in Frome", catalogue.Request{Intent: find, Place: "frome", Categories: []catalogue.Category{catalogue.Museum}}},
		{words.Romanian, "muzee gratuite în Lowestoft sâmbătă", catalogue.Request{Intent: find, Place: "lowestoft", Categories: []catalogue.Category{catalogue.Museum}, FreeOnly: true, When: catalogue.When{Weekday: day(time.Saturday)}}},
		{words.Romanian, "plimbări în Bath", catalogue.Request{Intent: find, Place: "bath", Categories: []catalogue.Category{catalogue.Walk}}},
		{words.Romanian, "ajutor", catalogue.Request{Intent: catalogue.IntentHelp}},
		{words.Arabic, "متحف في Frome يوم السبت", catalogue.Request{Intent: find, Place: "frome", Categories: []catalogue.Category{catalogue.Museum}, When: catalogue.When{Weekday: day(time.Saturday)}}},
		{words.Arabic, "رقم ٣", catalogue.Request{Intent: catalogue.IntentDetails, Item: 3}},
		{words.Arabic, "المزيد", catalogue.Request{Intent: catalogue.IntentMore}},
		{words.Arabic, "توقف", catalogue.Request{Intent: catalogue.IntentStop}},
		{words.Cantonese, "Frome 週六有冇博物館", catalogue.Request{Intent: find, Place: "frome", Categories: []catalogue.Category{catalogue.Museum}, When: catalogue.When{Weekday: day(time.Saturday)}}},
		{words.Cantonese, "免費導賞 Great Yarmouth", catalogue.Request{Intent: find, Place: "great yarmouth", Categories: []catalogue.Category{catalogue.Walk}, FreeOnly: true}},
		{words.Cantonese, "第2", catalogue.Request{Intent: catalogue.IntentDetails, Item: 2}},
		{words.Cantonese, "下一頁", catalogue.Request{Intent: catalogue.IntentMore}},
		{words.Cantonese, "停止", catalogue.Request{Intent: catalogue.IntentStop}},
	}
	for _, tt := range tests {
		ctx := catalogue.WithLanguage(context.Background(), string(tt.lang))
		got := r.Understand(ctx, tt.text)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s Understand(%q) =\n %s; want\n %s", tt.lang, tt.text, showRequest(got), showRequest(tt.want))
		}
	}
}

// TestLanguageWordsStayInTheirLanguage: a text read as English does not
// take another language's words ("muzeum" is no museum to English), and an
// unknown language code reads as English.
func TestLanguageWordsStayInTheirLanguage(t *testing.T) {
	r := testRules()
	for _, code := range []string{"", "en", "fr"} {
		ctx := catalogue.WithLanguage(context.Background(), code)
		if got := r.Understand(ctx, "muzeum"); len(got.Categories) != 0 {
			t.Errorf("%q Understand(muzeum) = %s; want no category", code, showRequest(got))
		}
		if got := r.Understand(ctx, "museum in Frome"); got.Place != "frome" || len(got.Categories) != 1 {
			t.Errorf("%q Understand(museum in Frome) = %s; want a museum in frome", code, showRequest(got))
		}
	}
}

func TestSegment(t *testing.T) {
	v := vocabFor(string(words.Cantonese))
	for in, want := range map[string]string{
		"週六有冇博物館":   "週六 有冇 博物館",
		"曼城有冇免費導賞":  "曼城 有冇 免費 導賞",
		"frome 博物館": "frome 博物館",
		"abc":       "abc",
	} {
		if got := v.segment(in); got != want {
			t.Errorf("segment(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestWelshMutations: a place after a word that mutates it is found in its
// radical form ("ym Mangor", "i Fangor", "yng Nghaerdydd"), and only in a
// Welsh text.
func TestWelshMutations(t *testing.T) {
	r := newRules(fakePlaces{"bangor": {Name: "Bangor"}, "caerdydd": {Name: "Caerdydd"}, "pwllheli": {Name: "Pwllheli"}}, []string{"Tenby", "Frome"})
	cy := catalogue.WithLanguage(context.Background(), string(words.Welsh))
	tests := []struct{ text, place string }{
		{"amgueddfa ym Mangor", "bangor"},
		{"teithiau cerdded i Fangor", "bangor"},
		{"caffi yng Nghaerdydd", "caerdydd"},
		{"ym Mhwllheli", "pwllheli"},
		{"cestyll yn Nhenby", "tenby"},
		{"amgueddfa yn Frome", "frome"},
	}
	for _, tt := range tests {
		if got := r.Understand(cy, tt.text); got.Place != tt.place {
			t.Errorf("cy Understand(%q) place = %q; want %q", tt.text, got.Place, tt.place)
		}
	}
	if got := r.Understand(context.Background(), "museum near Mangor"); got.Place == "bangor" {
		t.Errorf("en Understand(museum near Mangor) place = bangor; want no Welsh mutation in English")
	}
	for w, want := range map[string]string{"mangor": "bangor", "nghaerdydd": "caerdydd", "fangor": "bangor", "nhenby": "tenby", "ddinbych": "dinbych"} {
		if got := radicals(w); len(got) == 0 || !slices.Contains(got, want) {
			t.Errorf("radicals(%q) = %v; want %q among them", w, got, want)
		}
	}
}

// FuzzEveryLanguage: whatever a resident sends, in whatever language it is
// read, the rules answer with valid categories and item numbers, and
// segmenting Cantonese only adds spaces.
func FuzzEveryLanguage(f *testing.F) {
	for _, s := range []string{"週六有冇博物館", "muzeum w Frome", "ym Mangor", "رقم ٣", "第2", "ngh", "", "\xff"} {
		f.Add(s)
	}
	r := testRules()
	yue := vocabFor(string(words.Cantonese))
	f.Fuzz(func(t *testing.T, text string) {
		for _, l := range words.All() {
			got := r.Understand(catalogue.WithLanguage(context.Background(), string(l.Code)), text)
			for _, c := range got.Categories {
				if !c.Valid() {
					t.Errorf("%s Understand(%q) category %q is not valid", l.Code, text, c)
				}
			}
			if got.Intent == catalogue.IntentDetails && got.Item < 1 {
				t.Errorf("%s Understand(%q) details of item %d; want >= 1", l.Code, text, got.Item)
			}
		}
		n := Normalise(text)
		if got := yue.segment(n); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(n, " ", "") {
			t.Errorf("segment(%q) = %q; want the same characters", n, got)
		}
	})
}
