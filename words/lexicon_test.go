package words

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var lexicons = map[Lang]*Lexicon{
	English: enLexicon, Welsh: cyLexicon, Polish: plLexicon, Romanian: roLexicon, Arabic: arLexicon, Cantonese: yueLexicon,
}

var meanings = []Meaning{
	SayVolunteer, SayMenu, SayNear, SayWeek, SayRepeat, SayNext, SayText, SayPhone, SayKind, SayGoodbye,
	SayElsewhere, SayTryAgain, SayYes, SayNo, SayWalks, SayMuseums, SayGroups, SayHandsOn, SayAnything,
	SayRingBack, SayMessage,
}

var prompts = []Prompt{PromptMenu, PromptConfirm, PromptNone, PromptResult, PromptKind, PromptEnd, PromptCallback}

// TestLexiconsComplete checks that every language has words for every
// command, every voice menu meaning and every prompt's hints, and that its
// phrases keep their meaning once normalised (no two spellings of one
// phrase mean different things).
func TestLexiconsComplete(t *testing.T) {
	if len(lexicons) != len(All()) {
		t.Fatalf("got %d lexicons; want one for each of the %d languages", len(lexicons), len(All()))
	}
	for lang, lx := range lexicons {
		if _, collisions := lx.normalised(); len(collisions) > 0 {
			t.Errorf("%s: these phrases mean different things once normalised: %v", lang, collisions)
		}
		for name, list := range map[string][]string{
			"OptOut": lx.OptOut, "OptIn": lx.OptIn, "Help": lx.Help, "More": lx.More, "Callback": lx.Callback,
			"LanguageList": lx.LanguageList, "MorePhrases": lx.MorePhrases, "CallbackPhrases": lx.CallbackPhrases,
			"Free": lx.Free, "Today": lx.Today, "Tomorrow": lx.Tomorrow, "Week": lx.Week,
		} {
			if len(list) == 0 {
				t.Errorf("%s: no %s words", lang, name)
			}
		}
		for name, n := range map[string]int{
			"Categories": len(lx.Categories), "Tags": len(lx.Tags), "Languages": len(lx.Languages),
			"Days": len(lx.Days), "Months": len(lx.Months), "Numbers": len(lx.Numbers), "Ordinals": len(lx.Ordinals),
		} {
			if n == 0 {
				t.Errorf("%s: no %s", lang, name)
			}
		}
		for _, m := range meanings {
			if len(lx.Spoken[m]) == 0 {
				t.Errorf("%s: no words for %s", lang, m)
			}
		}
		for _, p := range prompts {
			if len(lx.Hints[p]) == 0 {
				t.Errorf("%s: no hints for the %s prompt", lang, p)
			}
		}
		l, _ := Lookup(lang)
		for m, ws := range For(lang).Lexicon().Spoken {
			for _, w := range ws {
				if l.Spaced && strings.Contains(w, " ") {
					t.Errorf("%s: %s word %q is more than one word; a menu hears one word at a time", lang, m, w)
				}
			}
		}
		cats := map[string]bool{}
		for _, c := range lx.Categories {
			cats[string(c)] = true
		}
		if len(cats) != 6 {
			t.Errorf("%s: words for %d categories; want all 6", lang, len(cats))
		}
	}
}

// TestOptOutWordsAreOnlyOptOut makes sure no language's word for opting
// out means something else in another language, and the same for opting
// in: a texter must never be opted out, or back in, by a word meant
// otherwise.
func TestOptOutWordsAreOnlyOptOut(t *testing.T) {
	others := func(lx *Lexicon) []string {
		var out []string
		out = append(out, lx.Help...)
		out = append(out, lx.More...)
		out = append(out, lx.Callback...)
		out = append(out, lx.LanguageList...)
		out = append(out, lx.MorePhrases...)
		for w := range lx.Numbers {
			out = append(out, w)
		}
		for w := range lx.Days {
			out = append(out, w)
		}
		return out
	}
	for la := range lexicons {
		a := For(la).Lexicon()
		for lb := range lexicons {
			b := For(lb).Lexicon()
			for _, w := range a.OptOut {
				if slices.Contains(others(b), w) || slices.Contains(b.OptIn, w) {
					t.Errorf("%s opt-out word %q means something else in %s", la, w, lb)
				}
			}
			for _, w := range a.OptIn {
				if slices.Contains(others(b), w) || slices.Contains(b.OptOut, w) {
					t.Errorf("%s opt-in word %q means something else in %s", la, w, lb)
				}
			}
		}
		for _, l := range All() {
			for _, c := range l.Choose {
				if n := Normalise(c); slices.Contains(a.OptOut, n) || slices.Contains(a.OptIn, n) {
					t.Errorf("%s's name %q is an opt-out or opt-in word in %s", l.Code, c, la)
				}
			}
		}
	}
}

func TestChoosing(t *testing.T) {
	tests := []struct {
		text string
		want Lang
	}{
		{"CYMRAEG", Welsh}, {"Cymraeg", Welsh}, {"gymraeg", Welsh}, {"POLSKI", Polish}, {"po polsku", Polish},
		{"ROMÂNĂ", Romanian}, {"romana", Romanian}, {"العربية", Arabic}, {"عربي", Arabic},
		{"中文", Cantonese}, {"廣東話", Cantonese}, {"English", English}, {"  English. ", English},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, ok := Choosing(tt.text)
			if !ok || got != tt.want {
				t.Errorf("Choosing(%q): got %q, %v; want %q", tt.text, got, ok, tt.want)
			}
		})
	}
	for _, text := range []string{"walks in Frome", "cymraeg walks", "", "stop"} {
		if got, ok := Choosing(text); ok {
			t.Errorf("Choosing(%q): got %q; want none", text, got)
		}
	}
	seen := map[string]Lang{}
	for _, l := range All() {
		for _, c := range l.Choose {
			n := Normalise(c)
			if other, ok := seen[n]; ok && other != l.Code {
				t.Errorf("%q chooses both %s and %s", c, other, l.Code)
			}
			seen[n] = l.Code
		}
	}
}

func TestParseLanguages(t *testing.T) {
	tests := []struct {
		in      string
		want    []Lang
		wantErr bool
	}{
		{"", []Lang{English}, false},
		{"en", []Lang{English}, false},
		{"cy,en", []Lang{Welsh, English}, false},
		{" CY , en ,", []Lang{Welsh, English}, false},
		{"en,cy,pl,ro,ar,yue", []Lang{English, Welsh, Polish, Romanian, Arabic, Cantonese}, false},
		{"fr", nil, true},
		{"en,en", nil, true},
		{",", []Lang{English}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseLanguages(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v; want error %v", err, tt.wantErr)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v; want %v", got, tt.want)
			}
		})
	}
}

func TestLanguages(t *testing.T) {
	for _, l := range All() {
		if l.Voice == "" || l.SayLanguage == "" || l.Name == "" || l.EnglishName == "" || len(l.Choose) == 0 {
			t.Errorf("%s: incomplete: %+v", l.Code, l)
		}
		if !strings.HasPrefix(l.Voice, "Polly.") {
			t.Errorf("%s: voice %q; want an Amazon Polly voice", l.Code, l.Voice)
		}
		if !l.Chooses(l.Name) {
			t.Errorf("%s: its own name %q does not choose it", l.Code, l.Name)
		}
		if got := For(l.Code).Language(); got != l {
			t.Errorf("For(%s).Language(): got %s", l.Code, got.Code)
		}
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Café", "cafe"}, {"What's on?", "whats on"}, {"ROMÂNĂ", "romana"}, {"Łódź", "łodz"},
		{"  Frome,  walks!  ", "frome walks"}, {"٣", "3"}, {"۱۲", "12"}, {"ابدأ", "ابدا"}, {"中文", "中文"},
		{"Ŵyl", "wyl"},
	}
	for _, tt := range tests {
		if got := Normalise(tt.in); got != tt.want {
			t.Errorf("Normalise(%q): got %q; want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNormalise(f *testing.F) {
	for _, s := range []string{"Café", "ROMÂNĂ", "العربية ٣", "廣東話", "what's", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalise(s)
		if !utf8.ValidString(n) {
			t.Errorf("Normalise(%q) = %q, not UTF-8", s, n)
		}
		if again := Normalise(n); again != n {
			t.Errorf("Normalise is not idempotent: %q gives %q, then %q", s, n, again)
		}
		_, _ = Choosing(s)
	})
}

func FuzzParseLanguages(f *testing.F) {
	for _, s := range []string{"", "cy,en", "en,en", "xx", ",,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		langs, err := ParseLanguages(s)
		if err != nil {
			return
		}
		if len(langs) == 0 {
			t.Errorf("ParseLanguages(%q) gave no language and no error", s)
		}
		for _, l := range langs {
			if _, ok := Lookup(l); !ok {
				t.Errorf("ParseLanguages(%q) gave unknown %q", s, l)
			}
		}
	})
}
