package words

import (
	"strings"
	"unicode"
)

// Detect says which of the languages among a text is written in, when it
// can tell: Arabic by its script, Cantonese by Chinese characters, and the
// languages written in Latin letters by their own letters (Polish "ł",
// "ą"; Romanian "ș", "ț", "ă"; Welsh "ŵ", "ŷ") and by words of their
// lexicon that no other language's has ("muzeum", "sobota", "amgueddfa";
// "museum" for English). ok is false when no language is ahead of every
// other, when text names only places and numbers, or when the one ahead is
// not among the given languages. Words of fewer than three letters are not
// counted: they are too often another language's too.
func Detect(text string, among []Lang) (Lang, bool) {
	score := map[Lang]int{}
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Arabic, r):
			score[Arabic] += 3
		case unicode.Is(unicode.Han, r):
			score[Cantonese] += 3
		case strings.ContainsRune("ąćęłńśźżĄĆĘŁŃŚŹŻ", r):
			score[Polish] += 3
		case strings.ContainsRune("ășşțţĂȘŞȚŢ", r):
			score[Romanian] += 3
		case strings.ContainsRune("ŵŷŴŶ", r):
			score[Welsh] += 3
		}
	}
	for _, w := range strings.Fields(Normalise(text)) {
		if len(w) < 3 {
			continue
		}
		for code, vocab := range detectWords {
			if vocab[w] {
				score[code]++
			}
		}
	}
	best, top, tied := Lang(""), 0, false
	for _, l := range languages {
		switch s := score[l.Code]; {
		case s > top:
			best, top, tied = l.Code, s, false
		case s == top && s > 0:
			tied = true
		}
	}
	if top == 0 || tied {
		return "", false
	}
	for _, l := range among {
		if l == best {
			return best, true
		}
	}
	return "", false
}

// detectWords are, for each language, the single words of its lexicon that
// no other language's has: "help", which Welsh texters send too, and
// "stop", which every language understands, tell nothing.
var detectWords = func() map[Lang]map[string]bool {
	all := map[Lang]map[string]bool{}
	for _, l := range languages {
		all[l.Code] = lexiconWords(For(l.Code).Lexicon())
	}
	m := map[Lang]map[string]bool{}
	for code, ws := range all {
		m[code] = map[string]bool{}
	next:
		for w := range ws {
			for other, ows := range all {
				if other != code && ows[w] {
					continue next
				}
			}
			m[code][w] = true
		}
	}
	return m
}()

// lexiconWords returns every word of lx's phrases, as Normalise leaves
// them.
func lexiconWords(lx *Lexicon) map[string]bool {
	out := map[string]bool{}
	add := func(ps ...string) {
		for _, p := range ps {
			for _, w := range strings.Fields(p) {
				out[w] = true
			}
		}
	}
	add(lx.OptOut...)
	add(lx.OptIn...)
	add(lx.Help...)
	add(lx.More...)
	add(lx.Callback...)
	add(lx.LanguageList...)
	add(lx.MorePhrases...)
	add(lx.CallbackPhrases...)
	add(lx.HelpMePhrases...)
	add(lx.Free...)
	add(lx.Today...)
	add(lx.Tomorrow...)
	add(lx.Week...)
	add(lx.Filler...)
	for p := range lx.Categories {
		add(p)
	}
	for p := range lx.Tags {
		add(p)
	}
	for p := range lx.Languages {
		add(p)
	}
	for p := range lx.Days {
		add(p)
	}
	for p := range lx.Months {
		add(p)
	}
	for p := range lx.Numbers {
		add(p)
	}
	for p := range lx.Ordinals {
		add(p)
	}
	for p := range lx.DetailWords {
		add(p)
	}
	return out
}
