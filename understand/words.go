package understand

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/words"
)

// The rules' phrases are the book of words' (words.Lexicon): each written
// normalised (lower case, no accents, words separated by single spaces); a
// phrase matches whole words only, longest phrases first, and each word of a
// message is used by at most one phrase. Extend the rules by adding words to
// the lexicon.
//
// The rules read one vocabulary per language: English's own, or another
// language's lexicon together with English's, since residents writing in
// Polish or Welsh still write STOP, postcodes and "cafe", and speech in any
// language may carry English words. Which language a text is in comes with
// its context (catalogue.WithLanguage); none, or one the book lacks, is
// English.

// vocab is the rules' words in one language (with English's).
type vocab struct {
	lang words.Lang
	// exactCommands are whole-message commands: they count only when the
	// message is exactly the word, in any case, as carriers treat opt-out
	// words.
	exactCommands map[string]catalogue.Intent
	// morePhrases ask for the next page when they are all a message says
	// (with filler words around them).
	morePhrases []string
	// table is every phrase rule, longest first; knownWords every word of
	// its phrases.
	table      []rule
	knownWords map[string]bool
	// fillerWords carry no meaning of their own; a message of only these
	// and known phrases names no place.
	fillerWords map[string]bool
	// detailWords may surround a bare number asking for details ("number 3
	// please", "tell me about 2").
	detailWords map[string]bool
	// monthWords name the months, with the usual short forms.
	monthWords map[string]time.Month
	// cardinals (one to twelve) and ordinals are list numbers in words.
	cardinals, ordinals map[string]int
	// correctable are the words misspellings are corrected to.
	correctable []string
	// hanPhrases are the phrases in Chinese characters, the longest
	// hanLongest characters, for segment.
	hanPhrases map[string]bool
	hanLongest int
}

// vocabs holds one vocabulary per language of the book, made once.
var vocabs = func() map[words.Lang]*vocab {
	m := map[words.Lang]*vocab{}
	en := words.For(words.English).Lexicon()
	for _, l := range words.All() {
		lx := []*words.Lexicon{en}
		if l.Code != words.English {
			// The language's own words first, so that its meaning of a
			// word both languages use wins.
			lx = []*words.Lexicon{words.For(l.Code).Lexicon(), en}
		}
		m[l.Code] = newVocab(l.Code, lx...)
	}
	return m
}()

// english is the vocabulary of text in no particular language.
var english = vocabs[words.English]

// welsh is the language whose words mutate (see unmutate).
const welsh = words.Welsh

// vocabFor returns the vocabulary of the language code ("pl"); an unknown
// or empty code gives English's.
func vocabFor(code string) *vocab {
	if v, ok := vocabs[words.Lang(code)]; ok {
		return v
	}
	return english
}

// newVocab merges lexicons, the first's meaning winning where two give a
// phrase different meanings.
func newVocab(lang words.Lang, lxs ...*words.Lexicon) *vocab {
	v := &vocab{
		lang:          lang,
		exactCommands: map[string]catalogue.Intent{},
		fillerWords:   map[string]bool{},
		detailWords:   map[string]bool{},
		monthWords:    map[string]time.Month{},
		cardinals:     map[string]int{},
		ordinals:      map[string]int{},
	}
	var p phrases
	p.categories = map[string]catalogue.Category{}
	p.tags = map[string]string{}
	p.languages = map[string]string{}
	p.days = map[string]time.Weekday{}
	for _, lx := range lxs {
		for intent, ws := range map[catalogue.Intent][]string{
			catalogue.IntentStop: lx.OptOut, catalogue.IntentStart: lx.OptIn,
			catalogue.IntentHelp: lx.Help, catalogue.IntentMore: lx.More,
			catalogue.IntentCallback: lx.Callback,
		} {
			for _, w := range ws {
				if _, ok := v.exactCommands[w]; !ok {
					v.exactCommands[w] = intent
				}
			}
		}
		v.morePhrases = appendNew(v.morePhrases, lx.MorePhrases...)
		p.callback = appendNew(p.callback, lx.CallbackPhrases...)
		p.helpMe = appendNew(p.helpMe, lx.HelpMePhrases...)
		p.free = appendNew(p.free, lx.Free...)
		p.today = appendNew(p.today, lx.Today...)
		p.tomorrow = appendNew(p.tomorrow, lx.Tomorrow...)
		p.week = appendNew(p.week, lx.Week...)
		mergeInto(p.categories, lx.Categories)
		mergeInto(p.tags, lx.Tags)
		mergeInto(p.languages, lx.Languages)
		mergeInto(p.days, lx.Days)
		mergeInto(v.detailWords, lx.DetailWords)
		mergeInto(v.monthWords, lx.Months)
		mergeInto(v.ordinals, lx.Ordinals)
		for w, n := range lx.Numbers {
			if _, ok := v.cardinals[w]; !ok && n >= 1 && n <= 12 {
				v.cardinals[w] = n
			}
		}
		for _, w := range lx.Filler {
			v.fillerWords[w] = true
		}
	}
	v.table, v.knownWords = buildTable(p)
	v.correctable = correctableWords(p)
	v.indexHan()
	return v
}

// phrases are the lexicons' phrase lists the table is built from.
type phrases struct {
	callback, helpMe, free, today, tomorrow, week []string
	categories                                    map[string]catalogue.Category
	tags, languages                               map[string]string
	days                                          map[string]time.Weekday
}

func appendNew(to []string, ws ...string) []string {
	for _, w := range ws {
		if !slices.Contains(to, w) {
			to = append(to, w)
		}
	}
	return to
}

func mergeInto[V any](to, from map[string]V) {
	for k, val := range from {
		if _, ok := to[k]; !ok {
			to[k] = val
		}
	}
}

// correctableWords are the one-word category, tag and day phrases of at
// least five letters, sorted.
func correctableWords(p phrases) []string {
	var out []string
	add := func(w string) {
		if !strings.Contains(w, " ") && len(w) >= 5 {
			out = append(out, w)
		}
	}
	for w := range p.categories {
		add(w)
	}
	for w := range p.tags {
		add(w)
	}
	for w := range p.days {
		add(w)
	}
	slices.Sort(out) // the maps' order is random
	return out
}

// segment splits the runs of Chinese characters in norm, which Cantonese
// writes without spaces, into the vocabulary's phrases, longest first
// ("週六有冇博物館" gives "週六 有冇 博物館"); characters no phrase covers
// stay together as one word (a name). Other words are left as they are.
func (v *vocab) segment(norm string) string {
	if v.hanLongest == 0 || !strings.ContainsFunc(norm, isHan) {
		return norm
	}
	var out []string
	for _, w := range strings.Fields(norm) {
		if !strings.ContainsFunc(w, isHan) {
			out = append(out, w)
			continue
		}
		rs := []rune(w)
		rest := -1 // start of the characters no phrase covers
		for i := 0; i < len(rs); {
			n := min(v.hanLongest, len(rs)-i)
			for ; n > 0 && !v.hanPhrases[string(rs[i:i+n])]; n-- {
			}
			if n == 0 {
				if rest < 0 {
					rest = i
				}
				i++
				continue
			}
			if rest >= 0 {
				out = append(out, string(rs[rest:i]))
				rest = -1
			}
			out = append(out, string(rs[i:i+n]))
			i += n
		}
		if rest >= 0 {
			out = append(out, string(rs[rest:]))
		}
	}
	return strings.Join(out, " ")
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// indexHan lists the vocabulary's phrases written in Chinese characters,
// for segment.
func (v *vocab) indexHan() {
	v.hanPhrases = map[string]bool{}
	add := func(p string) {
		if strings.ContainsFunc(p, isHan) && !strings.Contains(p, " ") {
			v.hanPhrases[p] = true
			v.hanLongest = max(v.hanLongest, utf8.RuneCountInString(p))
		}
	}
	for _, ru := range v.table {
		add(strings.Join(ru.words, " "))
	}
	for _, m := range []map[string]bool{v.fillerWords, v.detailWords} {
		for p := range m {
			add(p)
		}
	}
	for p := range v.exactCommands {
		add(p)
	}
	for _, p := range v.morePhrases {
		add(p)
	}
	for p := range v.monthWords {
		add(p)
	}
	for _, m := range []map[string]int{v.cardinals, v.ordinals} {
		for p := range m {
			add(p)
		}
	}
}
