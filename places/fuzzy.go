package places

import (
	"sort"
	"strings"
)

// maxTypos is how many edits a typed or misheard name may be from a real one:
// none below five letters, one up to seven, two from eight.
func maxTypos(key string) int {
	n := len(key) - strings.Count(key, " ")
	switch {
	case n < 5:
		return 0
	case n < 8:
		return 1
	default:
		return 2
	}
}

// fuzzy finds the names within maxTypos edits of the words, for a typo
// ("frume", "great yarmoth"). The nearest spelling wins, biggest place on a
// tie; the rest go in Others. Sure is always false. Words that are everyday
// activity words ("walks", "museum") are never corrected into places.
func (ix *Index) fuzzy(toks []token, prefer *preferred) (Match, bool) {
	if everyday(toks) {
		return Match{}, false
	}
	key := joinNorm(toks)
	if ix.b.names[key] != nil || ix.b.areas[key] {
		// Spelled right: the exact rules have spoken. A county or region
		// ("Cornwall") is no misspelling of a village ("Crondall").
		return Match{}, false
	}
	limit := maxTypos(key)
	if limit == 0 {
		return Match{}, false
	}
	hits := ix.near(key, limit)
	if len(hits) == 0 {
		return Match{}, false
	}
	best := hits[0].dist
	var places []Place
	for _, h := range hits {
		if h.dist > best && len(places) >= 6 {
			break
		}
		places = append(places, ix.candidates(h.e, prefer)...)
	}
	if len(places) > 6 {
		places = places[:6]
	}
	return Match{Place: places[0], Sure: false, Others: places[1:]}, true
}

// everyday says whether the words are everyday words rather than a
// misspelt place: all activity words or fillers, or a single word that is an
// everyday word or a first name ("send" is not a misspelling of "Seend").
func everyday(toks []token) bool {
	if len(toks) == 1 && (commonWords[toks[0].norm] || cueWords[toks[0].norm]) {
		return true
	}
	for _, t := range toks {
		if !vocabulary[t.norm] && !fillers[t.norm] {
			return false
		}
	}
	return true
}

type hit struct {
	e    *entry
	dist int
}

// near returns the names within limit edits of key, nearest first, then the
// biggest (most rows of the data name it), then alphabetically.
func (ix *Index) near(key string, limit int) []hit {
	var hits []hit
	h := histogram(key)
	scratch := make([]int, 3*(len(key)+limit+1))
	for n := len(key) - limit; n <= len(key)+limit; n++ {
		for _, e := range ix.b.byLen[n] {
			// Each edit changes the letter counts by two at most: a cheap
			// test that rules out nearly every name before the real one.
			if histDiff(&h, &e.hist) > 2*limit {
				continue
			}
			if d := editDistance(key, e.key, limit, scratch); d <= limit {
				hits = append(hits, hit{e, d})
			}
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].dist != hits[j].dist {
			return hits[i].dist < hits[j].dist
		}
		return weight(hits[i].e) > weight(hits[j].e)
	})
	return hits
}

func weight(e *entry) int {
	w := 0
	for _, c := range e.strong {
		w = max(w, c.weight)
	}
	return w
}

// Suggest returns up to n places whose names are close to text, for "did you
// mean": names within a few edits of it, and names it begins ("great yarm"),
// nearest spelling first, places near preferred points first among equals.
// Filler words are ignored; an empty or wordless text gives nil.
func (ix *Index) Suggest(text string, n int) []Place {
	toks := tokenise(text)
	if n <= 0 || len(toks) == 0 || len(toks) > maxTokens {
		return nil
	}
	lo, hi := core(toks)
	if lo >= hi {
		return nil
	}
	key := joinNorm(toks[lo:hi])
	if len(key) < 3 {
		return nil
	}
	limit := max(1, maxTypos(key))
	hits := ix.near(key, limit)
	seen := make(map[*entry]bool, len(hits))
	for _, h := range hits {
		seen[h.e] = true
	}
	if len(key) >= 4 {
		var prefixed []hit
		for l, es := range ix.b.byLen {
			if l <= len(key) {
				continue
			}
			for _, e := range es {
				if !seen[e] && strings.HasPrefix(e.key, key) {
					prefixed = append(prefixed, hit{e, limit + 1})
				}
			}
		}
		sort.Slice(prefixed, func(i, j int) bool {
			if wi, wj := weight(prefixed[i].e), weight(prefixed[j].e); wi != wj {
				return wi > wj
			}
			return prefixed[i].e.key < prefixed[j].e.key
		})
		hits = append(hits, prefixed...)
	}
	prefer := ix.preferred()
	var out []Place
	for _, h := range hits {
		for _, p := range ix.candidates(h.e, prefer) {
			if len(out) == n {
				return out
			}
			out = append(out, p)
		}
	}
	return out
}

// histogram counts the letters of a normalised key: a to z, then digits,
// spaces and anything else.
func histogram(key string) [29]uint8 {
	var h [29]uint8
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case 'a' <= c && c <= 'z':
			h[c-'a']++
		case '0' <= c && c <= '9':
			h[26]++
		case c == ' ':
			h[27]++
		default:
			h[28]++
		}
	}
	return h
}

func histDiff(a, b *[29]uint8) int {
	d := 0
	for i := range a {
		if a[i] > b[i] {
			d += int(a[i] - b[i])
		} else {
			d += int(b[i] - a[i])
		}
	}
	return d
}

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours each cost
// one). Once it must exceed limit it stops and returns limit+1. scratch, if
// long enough (3*(len(b)+1)), saves allocating.
func editDistance(a, b string, limit int, scratch []int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if a == b {
		return 0
	}
	w := len(b) + 1
	if len(scratch) < 3*w {
		scratch = make([]int, 3*w)
	}
	prev2, prev, cur := scratch[:w], scratch[w:2*w], scratch[2*w:3*w]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
}
