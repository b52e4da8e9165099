package understand

import "strings"

// Welsh changes the first letter of a word after certain words (mutation):
// "Bangor" is "ym Mangor" (in Bangor) and "i Fangor" (to Bangor),
// "Caerdydd" is "yng Nghaerdydd". Place names are found as the places
// index and the catalogue know them, unmutated, so a Welsh text's words
// that name no place as they are are tried in their radical forms.

// radicals returns the forms w may be a mutation of, most likely first:
// nasal (ngh, mh, nh, ng, m, n), aspirate (ch, ph, th) and soft (g, b, d,
// f, dd, l, r, or a vowel that lost its g).
func radicals(w string) []string {
	var out []string
	add := func(prefix, radical string) {
		if rest, ok := strings.CutPrefix(w, prefix); ok && rest != "" {
			out = append(out, radical+rest)
		}
	}
	add("ngh", "c")
	add("mh", "p")
	add("nh", "t")
	add("ng", "g")
	add("ch", "c")
	add("ph", "p")
	add("th", "t")
	add("dd", "d")
	if !strings.HasPrefix(w, "ng") && !strings.HasPrefix(w, "nh") {
		add("n", "d")
	}
	if !strings.HasPrefix(w, "mh") {
		add("m", "b")
	}
	if !strings.HasPrefix(w, "ll") {
		add("l", "ll")
	}
	if !strings.HasPrefix(w, "rh") {
		add("r", "rh")
	}
	add("f", "b")
	add("f", "m")
	add("g", "c")
	add("b", "p")
	if !strings.HasPrefix(w, "dd") {
		add("d", "t")
	}
	if w != "" && strings.ContainsRune("aeiouwy", rune(w[0])) {
		out = append(out, "g"+w)
	}
	return out
}

// unmutate returns words with each word that names no place as it is, but
// does in a radical form (a catalogue town's word, or a place the index is
// sure of), put in that form. Known words and filler are left alone.
func (r *Rules) unmutate(v *vocab, words []string) []string {
	out := words
	for i, w := range words {
		if len(w) < 3 || v.knownWords[w] || v.fillerWords[w] || r.townWord(w) || r.isPlace(w) || !ascii(w) {
			continue
		}
		for _, c := range radicals(w) {
			if r.townWord(c) || r.isPlace(c) {
				if &out[0] == &words[0] {
					out = append([]string(nil), words...)
				}
				out[i] = c
				break
			}
		}
	}
	return out
}
