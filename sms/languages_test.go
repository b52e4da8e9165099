package sms

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/smstext"
	"github.com/heritage-line/heritageline/words"
)

var allSix = []words.Lang{words.English, words.Welsh, words.Polish, words.Romanian, words.Arabic, words.Cantonese}

// as is what book says, as the line sends it (GSM-7 where it can be).
func as(s string) string { return smstext.Normalise(s) }

// TestTextChoosesLanguage: a texter chooses a language by texting its name
// in that language, is answered in it from then on, and the choice is kept
// 90 days under the keyed hash of their number, never the number.
func TestTextChoosesLanguage(t *testing.T) {
	names := map[string]words.Lang{
		"CYMRAEG": words.Welsh, "Polski": words.Polish, "ROMÂNĂ": words.Romanian, "romana": words.Romanian,
		"العربية": words.Arabic, "中文": words.Cantonese, "廣東話": words.Cantonese, "ENGLISH": words.English,
	}
	for name, lang := range names {
		t.Run(name, func(t *testing.T) {
			rdb, mr := redistest.Mini(t)
			rg := newRig(t, rdb, Config{Languages: allSix})
			b := words.For(lang)
			if got, want := rg.send(t, resident, name), as(b.LanguageChosen("Heritage Line")); got != want {
				t.Fatalf("%s: got %q; want %q", name, got, want)
			}
			key := "hl:" + langKey(privacy.NewHasher([]byte("test salt")).Hash(resident))
			if ttl := mr.TTL(key); ttl < 89*24*time.Hour || ttl > 90*24*time.Hour {
				t.Errorf("%s: choice kept for %v; want 90 days", name, ttl)
			}
			for _, k := range mr.Keys() {
				if strings.Contains(k, "7700900123") {
					t.Errorf("key %q holds the texter's number", k)
				}
			}
			got := rg.send(t, resident, "Frome")
			if want := as(b.Heading(words.Filters{}, "Frome")); !strings.HasPrefix(got, want) {
				t.Errorf("%s then Frome: got %q; want it to start %q", name, got, want)
			}
		})
	}
}

// TestWritingInALanguageChoosesIt: a first text written in another
// language on is answered in it, and the language is remembered.
func TestWritingInALanguageChoosesIt(t *testing.T) {
	tests := []struct {
		text string
		lang words.Lang
	}{
		{"muzeum w Frome", words.Polish},
		{"amgueddfa yn Frome", words.Welsh},
		{"muzee în Frome", words.Romanian},
		{"متحف في Frome", words.Arabic},
		{"Frome 有冇博物館", words.Cantonese},
		{"museum in Frome", words.English},
	}
	for _, tt := range tests {
		rdb, _ := redistest.Mini(t)
		rg := newRig(t, rdb, Config{Languages: allSix})
		b := words.For(tt.lang)
		head := as(b.Heading(words.Filters{Categories: []catalogue.Category{catalogue.Museum}}, "Frome"))
		if got := rg.send(t, resident, tt.text); !strings.HasPrefix(got, head) {
			t.Errorf("%q: got %q; want it to start %q", tt.text, got, head)
		}
		// Remembered: a bare place, in no language, is answered in it.
		if got, want := rg.send(t, resident, "Frome"), as(b.Heading(words.Filters{}, "Frome")); !strings.HasPrefix(got, want) {
			t.Errorf("%q then Frome: got %q; want it to start %q", tt.text, got, want)
		}
	}
}

// TestLanguageList: LANGUAGE, in English or the texter's language, lists
// the languages on, each named in itself; a language that is not on is
// answered with the list; a line of one language chooses nothing.
func TestLanguageList(t *testing.T) {
	cyEn := Config{Languages: []words.Lang{words.Welsh, words.English}}
	cy := words.For(words.Welsh)
	list := as(cy.LanguageList("CYMRAEG, ENGLISH"))
	for _, text := range []string{"iaith", "Ieithoedd", "POLSKI", "language"} {
		rdb, _ := redistest.Mini(t)
		rg := newRig(t, rdb, cyEn)
		if text == "language" {
			// Written in English: answered in English, on a Welsh line too.
			list = as(words.For(words.English).LanguageList("CYMRAEG, ENGLISH"))
		}
		if got := rg.send(t, resident, text); got != list {
			t.Errorf("%s: got %q; want %q", text, got, list)
		}
	}
	rdb, _ := redistest.Mini(t)
	rg := newRig(t, rdb, cyEn)
	rg.send(t, resident, "ENGLISH")
	if got, want := rg.send(t, resident, "languages"), as(words.For(words.English).LanguageList("CYMRAEG, ENGLISH")); got != want {
		t.Errorf("languages after ENGLISH: got %q; want %q", got, want)
	}

	rdb, _ = redistest.Mini(t)
	one := newRig(t, rdb, Config{})
	if got := one.send(t, resident, "CYMRAEG"); strings.Contains(got, "Cymraeg") || strings.Contains(got, "CYMRAEG") {
		t.Errorf("CYMRAEG on an English-only line: got %q; want no language choice", got)
	}
}

// TestCommandsInEveryLanguage: STOP, START and HELP work in every language
// on, in English and in each language's own words, and HELP is answered in
// the texter's language.
func TestCommandsInEveryLanguage(t *testing.T) {
	for _, lang := range allSix {
		lx := words.For(lang).Lexicon()
		for _, stop := range append([]string{"STOP"}, lx.OptOut...) {
			rdb, _ := redistest.Mini(t)
			rg := newRig(t, rdb, Config{Languages: allSix})
			if lang != words.English {
				rg.send(t, resident, words.For(lang).Language().Name)
			}
			if got := rg.send(t, resident, strings.ToUpper(stop)); got != "" {
				t.Errorf("%s %s: got %q; want an empty <Response/>", lang, stop, got)
			}
			if !rg.optOuts.out[resident] {
				t.Errorf("%s %s: not opted out", lang, stop)
			}
			if got := rg.send(t, resident, "Frome"); got != "" {
				t.Errorf("%s: after %s got %q; want silence", lang, stop, got)
			}
			start := lx.OptIn[0]
			if got, want := rg.send(t, resident, start), as(words.For(lang).OptedIn("Heritage Line")); got != want {
				t.Errorf("%s %s: got %q; want %q", lang, start, got, want)
			}
			if rg.optOuts.out[resident] {
				t.Errorf("%s %s: still opted out", lang, start)
			}
		}
		for _, help := range append([]string{"HELP"}, lx.Help...) {
			rdb, _ := redistest.Mini(t)
			rg := newRig(t, rdb, Config{Languages: allSix})
			if lang != words.English {
				rg.send(t, resident, words.For(lang).Language().Name)
			}
			want := as(words.For(lang).Help("Heritage Line", lineNum, "Frome", "BA11 1AT"))
			if got := rg.send(t, resident, help); got != want {
				t.Errorf("%s %s: got %q; want %q", lang, help, got, want)
			}
		}
	}
}

// TestEveryTextFitsThreeSegments sends every kind of reply the SMS line
// makes, in every language, and checks that each fits three segments,
// counting UCS-2 where the text needs it, without being cut ("...").
func TestEveryTextFitsThreeSegments(t *testing.T) {
	for _, lang := range allSix {
		t.Run(string(lang), func(t *testing.T) {
			rdb, _ := redistest.Mini(t)
			rg := newRig(t, rdb, Config{Languages: allSix, RepliesPerHour: 1000})
			b := words.For(lang)
			check := func(kind, got string) {
				t.Helper()
				if got == "" {
					t.Errorf("%s: no reply", kind)
					return
				}
				if n := smstext.Segments(got); n > smstext.MaxSegments || strings.HasSuffix(got, "...") {
					t.Errorf("%s: %d segments (UCS-2 %v), cut %v: %q", kind, n, !smstext.IsGSM(got), strings.HasSuffix(got, "..."), got)
				}
			}
			check("language chosen", rg.send(t, resident, b.Language().Name))
			check("language list", rg.send(t, resident, "LANGUAGE"))
			check("help", rg.send(t, resident, "HELP"))
			check("not understood", rg.send(t, resident, "zzz qqq xxx"))
			check("empty", rg.send(t, resident, " "))
			check("picture only", rg.send(t, resident, "", "NumMedia", "1"))
			check("no list yet", rg.send(t, resident, "MORE"))
			check("where to look", rg.send(t, resident, b.Lexicon().Free[0]))
			check("nothing near", rg.send(t, resident, "Penzance"))
			check("list", rg.send(t, resident, "BA11 1AT"))
			check("more", rg.send(t, resident, "MORE"))
			check("all shown", rg.send(t, resident, "MORE"))
			for n := 1; n <= 8; n++ {
				check("details", rg.send(t, resident, itoa(n)))
			}
			check("no such number", rg.send(t, resident, "99"))
			check("filtered", rg.send(t, resident, "Great Yarmouth "+firstKey(b.Lexicon().Tags, "women-only")))
			check("callback booked", rg.send(t, resident, b.Lexicon().Callback[0]))
			rg.finder.err = errors.New("catalogue down")
			check("fallback", rg.send(t, resident, "Frome"))
			rg.finder.err = nil
			check("opted in", rg.send(t, resident, b.Lexicon().OptIn[0]))
			check("too many", as(rg.line.in[lang].tooMany()))
		})
	}
}

func itoa(n int) string { return string(rune('0' + n)) }

// firstKey returns a key of m whose value is v, the shortest.
func firstKey(m map[string]string, v string) string {
	best := ""
	for k, val := range m {
		if val == v && (best == "" || len(k) < len(best) || len(k) == len(best) && k < best) {
			best = k
		}
	}
	return best
}

var _ = context.Background

// TestListsHoldActivitiesInEveryLanguage: a list is measured as it is sent,
// so Welsh, Polish and Romanian, sent without diacritics in GSM-7, hold
// four activities or more (one, when a Polish "ę" in the foot counted as
// UCS-2), and Arabic and Cantonese, in UCS-2, at least two.
func TestListsHoldActivitiesInEveryLanguage(t *testing.T) {
	for _, lang := range allSix {
		rdb, _ := redistest.Mini(t)
		rg := newRig(t, rdb, Config{Languages: []words.Lang{lang}})
		got := rg.send(t, resident, "BA11 1AT")
		items := 0
		for _, line := range strings.Split(got, "\n") {
			if len(line) > 1 && line[0] >= '1' && line[0] <= '9' && line[1] == ' ' {
				items++
			}
		}
		want := 4 // the longer words of Welsh, Polish and Romanian leave room for four
		switch lang {
		case words.English:
			want = 5
		case words.Arabic, words.Cantonese:
			want = 2
		}
		if items < want {
			t.Errorf("%s: %d activities in the list; want at least %d:\n%s", lang, items, want, got)
		}
	}
}

// TestSharedWordsKeepTheDefault: a word several languages share ("HELP",
// "info", "STOP") says nothing of the texter's language, so a first HELP to
// a Welsh line is answered in Welsh and chooses nothing.
func TestSharedWordsKeepTheDefault(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	rg := newRig(t, rdb, Config{Languages: []words.Lang{words.Welsh, words.English}})
	cy := words.For(words.Welsh)
	if got, want := rg.send(t, resident, "HELP"), as(cy.Help("Heritage Line", lineNum, "Frome", "BA11 1AT")); got != want {
		t.Errorf("HELP: got %q; want Welsh %q", got, want)
	}
	if got, want := rg.send(t, resident, "Frome"), as(cy.Heading(words.Filters{}, "Frome")); !strings.HasPrefix(got, want) {
		t.Errorf("Frome after HELP: got %q; want it to start %q", got, want)
	}
}

// TestActivitiesInTheTextersLanguage: a texter can ask for activities
// offered in their language ("po polsku"); those offered in it are marked
// in every list, and the catalogue's translation is used where it has one.
func TestActivitiesInTheTextersLanguage(t *testing.T) {
	inPolish := func(f *fakeFinder) {
		for i := range f.acts {
			if a := &f.acts[i]; a.ID == "frome-lace" {
				a.Languages = []string{"Polish"}
				a.Translations = map[string]catalogue.Translation{"pl": {Title: "Koło koronki i tkaniny"}}
			}
		}
	}
	rdb, _ := redistest.Mini(t)
	rg := newRig(t, rdb, Config{Languages: allSix})
	inPolish(rg.finder)
	got := rg.send(t, resident, "zajęcia po polsku w Frome")
	if !strings.Contains(got, "1 Kolo koronki i tkaniny, ") || !strings.Contains(got, ", po polsku, ") || strings.Contains(got, "2 ") {
		t.Errorf("po polsku w Frome: got %q; want only the lace circle, in Polish, marked po polsku", got)
	}
	got = rg.send(t, resident, "BA11 1AT")
	if !strings.Contains(got, "Kolo koronki i tkaniny, ") && strings.Contains(got, "Lace") {
		t.Errorf("BA11 1AT: got %q; want the lace circle under its Polish title", got)
	}
	// In English, the same activity is the catalogue's, unmarked.
	rdb, _ = redistest.Mini(t)
	en := newRig(t, rdb, Config{})
	inPolish(en.finder)
	if got := en.send(t, resident, "crafts in Frome"); !strings.Contains(got, "Lace and textile craft circle") || strings.Contains(got, "po polsku") {
		t.Errorf("crafts in Frome in English: got %q; want the catalogue's title, unmarked", got)
	}
}
