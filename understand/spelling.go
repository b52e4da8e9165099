package understand

import (
	"strings"
)

// Misspellings of the rules' own words are corrected before the phrase rules
// run, when the correction is safe: one word of the message, not a place, is
// a single slip away from exactly one category, tag or day word:
//
//   - two neighbouring letters swapped ("musuem", "histroy"), five letters
//     or more;
//   - one letter added ("walkes"), six letters or more;
//   - one letter left out ("musems", "knittin") of a word of seven or more;
//   - one letter wrong ("dimentia", "saterday"), eight letters or more.
//
// The lengths keep everyday words from being "corrected" ("wales" is not
// "walks", "seeing" is not "sewing"); neverCorrect lists the few everyday
// words that are still one slip from a rule word.

// neverCorrect are English words a single slip from a rule word.
var neverCorrect = map[string]bool{
	"careers": true, "waking": true, "waving": true, "rafting": true, "stalks": true,
	"talking": true, "walker": true, "walkers": true, "museum": true, "taking": true,
}

// correctSpelling returns words with misspelt rule words corrected. A word
// is left alone when the rules know it, it has a digit, it is a catalogue
// town's word or isPlace says it names a place.
func (r *Rules) correctSpelling(v *vocab, words []string) []string {
	out := words
	copied := false
	for i, w := range words {
		if len(w) < 5 || v.knownWords[w] || neverCorrect[w] || v.fillerWords[w] || !ascii(w) || strings.ContainsAny(w, "0123456789") || r.townWord(w) {
			continue
		}
		to := ""
		for _, c := range v.correctable {
			if oneSlip(w, c) {
				if to != "" && to != c {
					to = ""
					break
				}
				to = c
			}
		}
		if to == "" || r.isPlace(w) {
			continue
		}
		if !copied {
			out = append([]string(nil), words...)
			copied = true
		}
		out[i] = to
	}
	return out
}

// ascii reports whether w is written in ASCII letters alone: the slips are
// counted in bytes, which only they are.
func ascii(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return false
		}
	}
	return true
}

func (r *Rules) townWord(w string) bool {
	for _, t := range r.towns {
		for _, tw := range t {
			if tw == w {
				return true
			}
		}
	}
	return false
}

// isPlace reports whether w alone surely names a place.
func (r *Rules) isPlace(w string) bool {
	if r.places == nil {
		return false
	}
	m, ok := r.places.Resolve(w)
	return ok && m.Sure
}

// oneSlip reports whether typed is one slip (see above) from word.
func oneSlip(typed, word string) bool {
	lt, lw := len(typed), len(word)
	switch {
	case lt == lw && lt >= 5:
		diff := -1
		n := 0
		for i := 0; i < lt; i++ {
			if typed[i] != word[i] {
				if diff < 0 {
					diff = i
				}
				n++
			}
		}
		if n == 2 && diff+1 < lt && typed[diff] == word[diff+1] && typed[diff+1] == word[diff] {
			return true // neighbours swapped
		}
		return n == 1 && lt >= 8
	case lt == lw+1 && lt >= 6:
		return dropsOne(typed, word)
	case lt+1 == lw && lw >= 7:
		return dropsOne(word, typed)
	}
	return false
}

// dropsOne reports whether short is long with one letter taken out.
func dropsOne(long, short string) bool {
	i := 0
	for i < len(short) && long[i] == short[i] {
		i++
	}
	return long[i+1:] == short[i:]
}
