package places

import (
	"strings"
	"unicode"
)

// Find looks for a place anywhere inside free text ("anything near gorleston
// for my mum"), longest match first. It returns the match and the words of
// text that named it, as written.
//
// A postcode or an outcode in the data matches wherever it is. A name needs a
// cue: the whole message is the place (give or take filler words); a
// preposition comes straight before it ("in", "near", "around", "round", "at",
// "from", "nr"); it is written with a capital letter in text that is not all
// capitals; or one of its places is within PreferMiles of a preferred point.
// Towns that are also first names or everyday nouns ("Barry", "Reading") need
// a preposition other than "from" ("love from Barry" is a signature).
// Everyday words that are also villages ("Street", "Wells", "March") need
// "near", "around" or "nr", or "in"/"at" after "live", "based" and the like
// ("I live in Street"; "what's on in March" is a month). When nothing matches
// exactly, the whole message or the words after a preposition are tried as a
// misspelling (Sure false). ok is false when no place is found.
func (ix *Index) Find(text string) (m Match, words string, ok bool) {
	toks := tokenise(text)
	if len(toks) == 0 {
		return Match{}, "", false
	}
	if len(toks) > maxTokens {
		toks = toks[:maxTokens]
	}
	prefer := ix.preferred()
	if m, lo, hi, ok := ix.resolveExact(toks, prefer); ok {
		return m, span(text, toks[lo:hi]), true
	}
	capitals := hasLower(text)

	type found struct {
		m        Match
		lo, hi   int
		postcode bool
		chars    int
	}
	var best *found
	better := func(f found) {
		if best == nil || f.postcode && !best.postcode ||
			f.postcode == best.postcode && f.chars > best.chars {
			best = &f
		}
	}
	// Only a run of words with a digit or a number word in it can be a postcode.
	lastDigit := -1 << 30
	nextDigit := make([]int, len(toks)) // the first digit-ish word at or after i, or less than i if none
	for i := len(toks) - 1; i >= 0; i-- {
		if digitish(toks[i].norm) {
			lastDigit = i
		}
		nextDigit[i] = lastDigit
	}
	for i := range toks {
		after := i > 0 && prepositions[toks[i-1].norm]
		// Postcodes and outcodes: one word ("BA11", "ba111at") or a spelled-out
		// run ("b a 1 1 1 a t") that does not start with an ordinary word.
		for n := min(maxSpokenTokens, len(toks)-i); n >= 1 && nextDigit[i] >= i && nextDigit[i] < i+n; n-- {
			if n > 1 && fillers[toks[i].norm] {
				break
			}
			if m, ok := ix.postcodeSpan(toks[i : i+n]); ok {
				better(found{m, i, i + n, m.Place.Kind == KindPostcode, len(m.Place.Name)})
				break
			}
		}
		for n := min(ix.b.maxWords, len(toks)-i); n >= 1; n-- {
			key := joinNorm(toks[i : i+n])
			e := ix.b.names[key]
			if e == nil {
				continue
			}
			var cued bool
			switch e.class {
			case classCommon:
				cued = strongCue(toks, i)
			case classCue:
				cued = after && toks[i-1].norm != "from"
			default:
				cued = after
			}
			if !cued && e.class == classPlain {
				cued = capitals && toks[i].capital
				if !cued {
					for _, p := range ix.candidates(e, prefer) {
						if prefer.nearest(p) <= PreferMiles {
							cued = true
							break
						}
					}
				}
			}
			if cued {
				better(found{ix.matchEntry(e, prefer), i, i + n, false, len(key)})
				break
			}
		}
	}
	// A venue's or activity's own name, longer than any place name found
	// ("Tolhouse Museum" rather than a village called Tolhouse).
	if p, lo, hi, ok := ix.findNamed(toks); ok && (best == nil || !best.postcode && hi-lo > best.hi-best.lo) {
		return Match{Place: p, Sure: true}, span(text, toks[lo:hi]), true
	}
	if best != nil {
		return best.m, span(text, toks[best.lo:best.hi]), true
	}
	// A misspelling: the whole message ("frume"), or right after a
	// preposition ("near gorlestn").
	if lo, hi := core(toks); lo < hi && hi-lo <= 4 && !hasPreposition(toks[lo:hi]) {
		if m, ok := ix.fuzzy(toks[lo:hi], prefer); ok {
			return m, span(text, toks[lo:hi]), true
		}
	}
	for i := 1; i < len(toks); i++ {
		if !prepositions[toks[i-1].norm] || fillers[toks[i].norm] {
			continue
		}
		for n := min(3, len(toks)-i); n >= 1; n-- {
			if fillers[toks[i+n-1].norm] {
				continue
			}
			if m, ok := ix.fuzzy(toks[i:i+n], prefer); ok {
				return m, span(text, toks[i:i+n]), true
			}
		}
	}
	return Match{}, "", false
}

// digitish says whether a word has a digit or is a number word, so may be
// part of a postcode.
func digitish(w string) bool {
	if _, ok := spokenDigits[w]; ok || w == "double" || w == "treble" {
		return true
	}
	return strings.ContainsAny(w, "0123456789")
}

func hasPreposition(toks []token) bool {
	for _, t := range toks {
		if prepositions[t.norm] {
			return true
		}
	}
	return false
}

// strongCue says whether the words before toks[i] make an everyday word a
// place: "near", "around", or "in"/"at" after "live", "based" and the like.
func strongCue(toks []token, i int) bool {
	if i == 0 {
		return false
	}
	p := toks[i-1].norm
	if strongCues[p] {
		return true
	}
	return (p == "in" || p == "at") && i >= 2 && livesIn[toks[i-2].norm]
}

// span is the original text from the first token to the last.
func span(text string, toks []token) string {
	return strings.TrimSpace(text[toks[0].start:toks[len(toks)-1].end])
}

// hasLower says whether text has any lower-case letter, so that a capital
// means something.
func hasLower(text string) bool {
	for _, r := range text {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}
