// Package understand turns a resident's free text (an SMS body or a speech
// result) into a catalogue.Request with plain keyword rules: no network, no
// model, the same answer every time. It is the line's default Understander;
// a language-model adapter may sit in front of it and fall back to it.
package understand

import (
	"context"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/places"
)

// placeFinder is what Rules uses of *places.Index.
type placeFinder interface {
	Resolve(text string) (places.Match, bool)
	Find(text string) (m places.Match, words string, ok bool)
}

// Rules is the keyword understander. It is safe for concurrent use.
type Rules struct {
	places placeFinder // may be nil: then only postcodes and catalogue towns are found
	towns  [][]string  // catalogue town names, normalised and split, longest first
	// Now gives "tomorrow" its weekday; it defaults to time.Now.
	Now func() time.Time
}

var _ catalogue.Understander = (*Rules)(nil)

// New returns Rules that find places with ix (which may be nil) and,
// whatever ix knows, the catalogue's own towns by name anywhere in the text.
func New(ix *places.Index, towns []string) *Rules {
	var pf placeFinder
	if ix != nil {
		pf = ix
	}
	return newRules(pf, towns)
}

func newRules(pf placeFinder, towns []string) *Rules {
	r := &Rules{places: pf, Now: time.Now}
	for _, t := range towns {
		if w := strings.Fields(Normalise(t)); len(w) > 0 {
			r.towns = append(r.towns, w)
		}
	}
	sort.SliceStable(r.towns, func(i, j int) bool { return len(r.towns[i]) > len(r.towns[j]) })
	return r
}

// Understand reads text and says what the resident asked for. It never fails:
// when it cannot tell, the Intent is IntentUnknown. Opt-out, opt-in, HELP,
// MORE and CALL words count only when they are the whole message.
//
// The text is read in the language ctx names (catalogue.WithLanguage)
// together with English; with none it is read in English.
func (r *Rules) Understand(ctx context.Context, text string) catalogue.Request {
	v := vocabFor(catalogue.LanguageOf(ctx))
	norm := v.segment(Normalise(text))
	req := catalogue.Request{Intent: catalogue.IntentUnknown}
	if norm == "" {
		return req
	}
	if in, ok := v.exactCommands[norm]; ok {
		req.Intent = in
		return req
	}
	words := strings.Fields(norm)
	if n, ok := v.detailsNumber(words); ok {
		req.Intent = catalogue.IntentDetails
		req.Item = n
		return req
	}
	if v.onlyPhrase(words, v.morePhrases) {
		req.Intent = catalogue.IntentMore
		return req
	}

	words = r.correctSpelling(v, words)
	if v.lang == welsh {
		words = r.unmutate(v, words)
		text = strings.Join(words, " ") // the places index reads it unmutated too
	}
	used := make([]bool, len(words))
	req.Place = r.findPlace(v, text, words, used)
	if d, ok := v.findDate(words, used, catalogue.DateOf(r.now())); ok {
		req.When.Date = d
	}
	callback, helpMe := false, false
	for _, ru := range v.table {
		for _, at := range find(words, used, ru.words) {
			for i := range ru.words {
				used[at+i] = true
			}
			ru.apply(&req, r.now())
			callback = callback || ru.callback
			helpMe = helpMe || ru.helpMe
		}
	}
	if req.Place == "" {
		req.Place = r.resolveRest(v, words, used)
	}
	// Canonical order, whatever the order of the words.
	req.Categories = dedupe(req.Categories)
	slices.SortFunc(req.Categories, func(a, b catalogue.Category) int {
		return slices.Index(catalogue.Categories, a) - slices.Index(catalogue.Categories, b)
	})
	req.Tags = dedupe(req.Tags)
	slices.Sort(req.Tags)
	req.Languages = dedupe(req.Languages)

	asked := req.Place != "" || len(req.Categories) > 0
	switch {
	case callback, helpMe && !asked:
		req.Intent = catalogue.IntentCallback
	case asked || len(req.Tags) > 0 || req.FreeOnly || req.When != (catalogue.When{}) || len(req.Languages) > 0:
		req.Intent = catalogue.IntentFind
	}
	return req
}

func (r *Rules) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}

// postcodeRE finds full postcodes and outcodes as whole words of normalised
// text. Full postcodes may be written with or without the space.
var (
	postcodeRE = regexp.MustCompile(`(?:^| )([a-z]{1,2}[0-9][a-z0-9]?) ?([0-9][a-z]{2})(?: |$)`)
	outcodeRE  = regexp.MustCompile(`(?:^| )([a-z]{1,2}[0-9][a-z0-9]?)(?: |$)`)
)

// findPlace returns the place named in the text, marking its words used: a
// postcode or outcode anywhere, else the longest catalogue town, else what
// the places index finds inside the text (with its cues). After the phrase
// rules, resolveRest tries what is left over as a whole place name.
func (r *Rules) findPlace(v *vocab, text string, words []string, used []bool) string {
	joined := strings.Join(words, " ")
	if m := postcodeRE.FindStringSubmatch(joined); m != nil {
		markPhrase(words, used, strings.Fields(strings.TrimSpace(m[0])))
		return strings.ToUpper(m[1] + " " + m[2])
	}
	for _, m := range outcodeRE.FindAllStringSubmatch(joined, -1) {
		oc := m[1]
		if isOutcode(oc) {
			markPhrase(words, used, []string{oc})
			return strings.ToUpper(oc)
		}
	}
	for _, t := range r.towns {
		if at := find(words, used, t); len(at) > 0 {
			markPhrase(words, used, t)
			return strings.Join(t, " ")
		}
	}
	if r.places == nil {
		return ""
	}
	if _, w, ok := r.places.Find(text); ok && w != "" {
		pw := strings.Fields(Normalise(w))
		if len(find(words, used, pw)) > 0 && !v.allKnown(pw) {
			markPhrase(words, used, pw)
			return strings.Join(pw, " ")
		}
	}
	return ""
}

// resolveRest treats the words no rule used as a place name ("Ravenshed
// walks" leaves "ravenshed"), when there are a few of them and the places
// index resolves them whole.
func (r *Rules) resolveRest(v *vocab, words []string, used []bool) string {
	if r.places == nil {
		return ""
	}
	var rest []string
	for i, w := range words {
		if !used[i] {
			rest = append(rest, w)
		}
	}
	if len(rest) == 0 || len(rest) > 4 || v.allFiller(rest) {
		return ""
	}
	text := strings.Join(rest, " ")
	if _, ok := r.places.Resolve(text); !ok {
		// Without the filler words around it ("w Frome", "yn Aberteifi").
		var named []string
		for _, w := range rest {
			if !v.fillerWords[w] {
				named = append(named, w)
			}
		}
		if len(named) == len(rest) {
			return ""
		}
		text = strings.Join(named, " ")
		if _, ok := r.places.Resolve(text); !ok {
			return ""
		}
	}
	for i := range used {
		used[i] = true
	}
	return text
}

// allKnown reports whether every word is one the rules' table knows, so
// "museum" is never taken for a village called Museum.
func (v *vocab) allKnown(words []string) bool {
	for _, w := range words {
		if !v.knownWords[w] {
			return false
		}
	}
	return true
}

// allFiller reports whether the words are only filler ("please", "in").
func (v *vocab) allFiller(words []string) bool {
	for _, w := range words {
		if !v.fillerWords[w] {
			return false
		}
	}
	return true
}

// isOutcode rules out words that look like outcodes but are not: a letter
// and a digit ("a1", "m6") are roads as often as districts, so an outcode
// needs two letters or two digits.
func isOutcode(w string) bool {
	letters := 0
	for _, c := range w {
		if c >= 'a' && c <= 'z' {
			letters++
		}
	}
	return len(w) >= 3 && letters >= 1 && letters < len(w)
}

// detailsNumber recognises "3", "no 3", "number 3 please", "tell me about
// 3", "number three", "the second one".
func (v *vocab) detailsNumber(words []string) (int, bool) {
	n, found, afterOrdinal := 0, false, false
	for _, w := range words {
		if (w == "one" || w == "ones") && afterOrdinal {
			continue
		}
		if k, ordinal, ok := v.itemNumber(w); ok {
			if found || k < 1 || k > 999 {
				return 0, false
			}
			n, found, afterOrdinal = k, true, ordinal
			continue
		}
		if !v.detailWords[w] {
			return 0, false
		}
	}
	return n, found
}

// onlyPhrase reports whether words are one of phrases, give or take "please"
// (or, in another language, its filler words: "wiecej prosze").
func (v *vocab) onlyPhrase(words []string, phrases []string) bool {
	var kept []string
	for _, w := range words {
		if w != "please" && w != "pls" && w != "thanks" && w != "ok" && (v == english || !v.fillerWords[w]) {
			kept = append(kept, w)
		}
	}
	return slices.Contains(phrases, strings.Join(kept, " "))
}

// find returns the starting positions of phrase among words, none of whose
// words are used yet.
func find(words []string, used []bool, phrase []string) []int {
	var at []int
	for i := 0; i+len(phrase) <= len(words); i++ {
		ok := true
		for j, p := range phrase {
			if used[i+j] || words[i+j] != p {
				ok = false
				break
			}
		}
		if ok {
			at = append(at, i)
			i += len(phrase) - 1
		}
	}
	return at
}

func markPhrase(words []string, used []bool, phrase []string) {
	for _, at := range find(words, used, phrase) {
		for j := range phrase {
			used[at+j] = true
		}
		return
	}
}

func dedupe[T comparable](s []T) []T {
	var out []T
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
