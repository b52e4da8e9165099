package ivr

import (
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/words"
)

func languages(codes ...words.Lang) func(*Config) {
	return func(c *Config) { c.Languages = codes }
}

func lookup(t *testing.T, code words.Lang) *words.Language {
	t.Helper()
	l, ok := words.Lookup(code)
	if !ok {
		t.Fatalf("no language %q", code)
	}
	return l
}

// saysIn checks n's Says in order: each want is in the Say of the same
// index, in language code's voice.
func saysIn(t *testing.T, n *node, want ...string) {
	t.Helper()
	says := n.all("Say")
	if len(says) < len(want)/2 {
		t.Fatalf("got %d Says; want at least %d in:\n%s", len(says), len(want)/2, n.canonical())
	}
	for i := 0; i+1 < len(want); i += 2 {
		s, l := says[i/2], lookup(t, words.Lang(want[i]))
		if !strings.Contains(s.Text, want[i+1]) || s.Attrs["voice"] != l.Voice || s.Attrs["language"] != l.SayLanguage {
			t.Errorf("Say %d: got %q in %s %s; want %q in %s %s", i/2, s.Text, s.Attrs["voice"], s.Attrs["language"], want[i+1], l.Voice, l.SayLanguage)
		}
	}
}

func TestLanguageChoice(t *testing.T) {
	t.Run("Welsh first", func(t *testing.T) {
		h := newHarness(t, languages(words.Welsh, words.English))
		n := h.incoming()
		saysIn(t, n, "cy", "Croeso i Heritage Line.", "en", "Welcome to Heritage Line.",
			"cy", "Am Gymraeg, pwyswch 1.", "en", "For English, press 2.")
		g := hasVerb(t, n, "Gather")
		if g.Attrs["input"] != "dtmf" || g.Attrs["action"] != publicURL+"/twilio/voice/lang?try=0" {
			t.Errorf("got Gather input %q action %q; want keys only (Welsh has no recogniser) to lang?try=0", g.Attrs["input"], g.Attrs["action"])
		}
		h.lang = lookup(t, words.Welsh)
		n = h.step("lang", "Digits", "1")
		says(t, n, "Am weithgareddau gerllaw, pwyswch 1.")
		if g := hasVerb(t, n, "Gather"); g.Attrs["action"] != publicURL+"/twilio/voice/menu?new=1&t=1" {
			t.Errorf("got Gather action %q; want the default language's menu?new=1&t=1", g.Attrs["action"])
		}
		n = h.step("menu", "Digits", "1")
		says(t, n, "Dywedwch enw eich tref")
		if g := hasVerb(t, n, "Gather"); g.Attrs["language"] != "en-GB" || !strings.Contains(g.Attrs["input"], "speech") {
			t.Errorf("place question: got Gather input %q language %q; want speech in en-GB, for place names", g.Attrs["input"], g.Attrs["language"])
		}
		// Activity details are in English: said once a call, before the first.
		inEnglish := words.For(words.Welsh).DetailsInEnglish()
		says(t, h.step("place", "SpeechResult", "Frome"), inEnglish, "Frome Heritage Walk")
		if n := h.step("result", "Digits", "1"); strings.Contains(n.canonical(), inEnglish) {
			t.Errorf("the next activity: got %q again; want it said once a call:\n%s", inEnglish, n.canonical())
		}
	})

	t.Run("activities in Polish, asked in Polish on a Polish-first line", func(t *testing.T) {
		// The default language's speech is read with its own words, as
		// another's is: "po polsku" means held in Polish.
		h := newHarness(t, languages(words.Polish, words.English))
		h.finder.acts[1].Languages = []string{"Polish"} // the museum
		h.incoming()
		h.lang = lookup(t, words.Polish)
		h.step("lang", "Digits", "1")
		says(t, h.step("menu", "SpeechResult", "zajęcia po polsku Frome"), "Frome Heritage Museum")
		h.step("result", "Digits", "*")
		h.step("menu", "Digits", "1")
		says(t, h.step("place", "SpeechResult", "Frome"), "Frome Heritage Walk")
		h.step("result", "Digits", "5")
		says(t, h.step("kind", "SpeechResult", "po polsku proszę"), "Frome Heritage Museum")
		// A day said with the town, in Polish (the museum opens on Saturdays).
		h.step("result", "Digits", "*")
		says(t, h.step("menu", "SpeechResult", "Frome w sobotę"), "Frome Heritage Museum")
	})

	t.Run("Polish kept in the state", func(t *testing.T) {
		h := newHarness(t, languages(words.English, words.Polish))
		n := h.incoming()
		saysIn(t, n, "en", "Welcome to Heritage Line.", "en", "For English, press 1.", "pl", "Po polsku: proszę nacisnąć 2.")
		if len(n.all("Say")) != 3 {
			t.Errorf("got %d Says; want a greeting in English only and two offers", len(n.all("Say")))
		}
		g := hasVerb(t, n, "Gather")
		if g.Attrs["input"] != "dtmf speech" || g.Attrs["language"] != "en-GB" || !strings.Contains(g.Attrs["hints"], "Polski") {
			t.Errorf("got Gather input %q language %q hints %q; want speech in en-GB hinting Polski", g.Attrs["input"], g.Attrs["language"], g.Attrs["hints"])
		}
		h.lang = lookup(t, words.Polish)
		n = h.step("lang", "SpeechResult", "Polski")
		if g := hasVerb(t, n, "Gather"); g.Attrs["action"] != publicURL+"/twilio/voice/menu?new=1&lang=pl&t=1" || g.Attrs["language"] != "pl-PL" {
			t.Errorf("got Gather action %q language %q; want menu?new=1&lang=pl&t=1 in pl-PL", g.Attrs["action"], g.Attrs["language"])
		}
		n = h.step("menu", "SpeechResult", "Frome")
		says(t, n, "Frome Heritage Walk")
		var st call
		if ok, err := h.sessions.Load(t.Context(), callKey(h.sid), &st); !ok || err != nil || st.Lang != words.Polish {
			t.Fatalf("got state lang %q (found %v, %v); want pl", st.Lang, ok, err)
		}
		// A step whose URL has lost the language still speaks Polish: the
		// state knows it.
		h.last = nil
		h.step("result", "Digits", "1")
		n = h.step("result", "Digits", "0")
		num := hasVerb(t, n, "Number")
		if num.Attrs["url"] != publicURL+"/twilio/voice/screen?lang=pl" {
			t.Errorf("got screening url %q; want screen?lang=pl", num.Attrs["url"])
		}
		n = h.post(num.Attrs["url"])
		saysIn(t, n, "en", "Heritage Line call, in Polish. Press 1 to take it.")
		n = h.post(publicURL+"/twilio/voice/dialed?lang=pl", "DialCallStatus", "no-answer")
		if r := hasVerb(t, n, "Record"); r.Attrs["action"] != publicURL+"/twilio/voice/recorded?lang=pl" {
			t.Errorf("got Record action %q; want recorded?lang=pl", r.Attrs["action"])
		}
		n = h.post(publicURL+"/twilio/voice/recorded?lang=pl", "RecordingDuration", "0")
		if g := hasVerb(t, n, "Gather"); g.Attrs["language"] != "pl-PL" {
			t.Errorf("got callback Gather language %q; want pl-PL", g.Attrs["language"])
		}
		// The figures count the call as a Polish one.
		h.post("/twilio/status", "CallStatus", "completed", "CallDuration", "95")
		h.figs.mu.Lock()
		last := h.figs.events[len(h.figs.events)-1]
		h.figs.mu.Unlock()
		if last.Kind != figures.Contact || last.Language != "pl" {
			t.Errorf("got last event %s in %q; want the contact in pl", last.Kind, last.Language)
		}
	})

	t.Run("silence goes on in the default language", func(t *testing.T) {
		h := newHarness(t, languages(words.English, words.Welsh, words.Cantonese))
		n := h.silence(h.incoming())
		says(t, n, "Sorry, I didn't hear anything.", "For English, press 1.", "Am Gymraeg, pwyswch 2.", "廣東話，請按3。")
		if len(n.all("Say")) != 4 {
			t.Errorf("got %d Says after silence; want the apology and the three offers, without the greeting", len(n.all("Say")))
		}
		says(t, h.silence(n), "To find activities, say your town or press 1")
	})

	t.Run("a volunteer from the choice", func(t *testing.T) {
		h := newHarness(t, languages(words.English, words.Arabic))
		h.incoming()
		hasVerb(t, h.step("lang", "Digits", "0"), "Dial")
	})
}

// TestWordBudgetLanguages counts what a caller hears in their language from
// the greeting to the first activity, when they choose "near" and say a
// town: at most 60 words, or 120 characters in Cantonese. On a line with
// all six languages the language choice comes first: what the caller hears
// in their own language counts against the budget as before, and the whole
// choice (the greeting in Welsh and English and an offer in each language,
// each Say counted against its own language's budget) takes at most half a
// budget.
func TestWordBudgetLanguages(t *testing.T) {
	for _, lang := range words.All() {
		for _, all := range []bool{false, true} {
			name := string(lang.Code)
			codes := []words.Lang{lang.Code}
			if all {
				name += " after the choice"
				codes = nil
				for _, l := range words.All() {
					codes = append(codes, l.Code)
				}
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				h := newHarness(t, languages(codes...))
				var steps [][]string
				if all {
					steps = append(steps, []string{"lang", "Digits", ""})
					for i, c := range codes {
						if c == lang.Code {
							steps[0][2] = string(rune('1' + i))
						}
					}
				}
				steps = append(steps, []string{"menu", "Digits", "1"}, []string{"place", "SpeechResult", "Frome"})
				share, choice, length := 0.0, 0.0, 0
				if !all {
					h.lang = lang
				}
				n := h.incoming()
				for i := 0; ; i++ {
					for _, say := range n.all("Say") {
						if strings.HasPrefix(say.Text, "Frome Heritage Walk") {
							if length > lang.SpeechBudget() {
								t.Errorf("got %d in %s before the first activity; want at most %d", length, lang.Code, lang.SpeechBudget())
							}
							if choice > 0.5 {
								t.Errorf("the language choice took %.2f of a budget; want at most half", choice)
							}
							t.Logf("%s: %d of %d (%.2f of a budget in all, the choice %.2f)", lang.Code, length, lang.SpeechBudget(), share, choice)
							return
						}
						sayer := sayerOf(say)
						part := float64(sayer.Length(say.Text)) / float64(sayer.SpeechBudget())
						share += part
						if all && i == 0 {
							choice += part
						}
						if sayer == lang {
							length += lang.Length(say.Text)
						}
					}
					if i == len(steps) {
						t.Fatalf("never heard the first activity")
					}
					h.lang = lang
					n = h.step(steps[i][0], steps[i][1:]...)
				}
			})
		}
	}
}
