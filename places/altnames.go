package places

import (
	"fmt"
	"math"
	"strings"
)

// altNameMiles is how near its outcode's centre the place an alternate name
// stands for must be.
const altNameMiles = 10.0

// addAltNames adds the Welsh and Scottish Gaelic names of data
// (gb-altnames.csv: name, lang, place, outcode) to an index built by build.
// Each name is the place of that name nearest the outcode, found among the
// names already indexed; a Welsh name also answers in its mutated forms
// ("Nghaerdydd", "Gaerdydd", "Chaerdydd") where no other place has them. A
// row whose outcode or place cannot be found is an error wrapping ErrData.
func (b *base) addAltNames(data []byte) error {
	err := readCSV(data, "gb-altnames.csv", 4, func(line int, rec []string) error {
		name, lang, place, out := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1]), strings.TrimSpace(rec[2]), strings.TrimSpace(rec[3])
		oc := b.outcodes[out]
		if oc == nil {
			return fmt.Errorf("places: gb-altnames.csv line %d: outcode %q is not in gb-outcodes.csv: %w", line, out, ErrData)
		}
		var best *candidate
		bestMiles := math.Inf(1)
		if e := b.names[normalise(place)]; e != nil {
			for _, c := range e.strong {
				if m := Miles(oc.lat, oc.lon, c.place.Lat, c.place.Lon); m < bestMiles {
					best, bestMiles = c, m
				}
			}
		}
		if best == nil || bestMiles > altNameMiles {
			return fmt.Errorf("places: gb-altnames.csv line %d: no place %q within %v miles of %s: %w", line, place, altNameMiles, out, ErrData)
		}
		p := best.place
		p.Name = name
		if normalise(p.Area) == normalise(name) {
			p.Area = ""
		}
		key := normalise(name)
		if e := b.names[key]; e != nil {
			// The name is also another place's own (rare): this one joins it.
			b.add(key, p, srcAlias, areaMerge)
			sortCandidates(e.strong)
		} else {
			b.addIndexed(key, p, srcAlias)
		}
		if lang == "cy" {
			for _, m := range welshMutations(key) {
				if b.names[m] == nil {
					b.addIndexed(m, p, srcDerived)
				}
			}
		}
		return nil
	})
	return err
}

// addIndexed adds a new name to a built index: the entry and its place in
// the fuzzy index, as build does for every name.
func (b *base) addIndexed(key string, p Place, src source) {
	if !usableKey(key) {
		return
	}
	e := &entry{key: key, strong: []*candidate{{place: p, src: src, weight: 1, n: 1}}}
	e.words = strings.Count(key, " ") + 1
	if e.words > b.maxWords {
		b.maxWords = e.words
	}
	b.names[key] = e
	if src == srcAlias {
		// Only the name as written is a target for misspellings; a
		// mutated form is matched exactly.
		e.hist = histogram(key)
		n := len(key)
		es := b.byLen[n]
		i := 0
		for i < len(es) && es[i].key < key {
			i++
		}
		b.byLen[n] = append(es[:i], append([]*entry{e}, es[i:]...)...)
	}
}

// welshMutations are the forms Welsh gives a name's first letter after
// certain words: soft ("i Gaerdydd"), nasal ("yng Nghaerdydd") and aspirate
// ("a Chaerdydd"). key is normalised (lower case, accents folded).
func welshMutations(key string) []string {
	for _, digraph := range []string{"ch", "dd", "ff", "ng", "ph", "th"} {
		if strings.HasPrefix(key, digraph) {
			return nil // already mutated, or a letter that does not mutate
		}
	}
	var rules [][2]string
	switch {
	case strings.HasPrefix(key, "ll"):
		rules = [][2]string{{"ll", "l"}}
	case strings.HasPrefix(key, "rh"):
		rules = [][2]string{{"rh", "r"}}
	case strings.HasPrefix(key, "p"):
		rules = [][2]string{{"p", "b"}, {"p", "mh"}, {"p", "ph"}}
	case strings.HasPrefix(key, "t"):
		rules = [][2]string{{"t", "d"}, {"t", "nh"}, {"t", "th"}}
	case strings.HasPrefix(key, "c"):
		rules = [][2]string{{"c", "g"}, {"c", "ngh"}, {"c", "ch"}}
	case strings.HasPrefix(key, "b"):
		rules = [][2]string{{"b", "f"}, {"b", "m"}}
	case strings.HasPrefix(key, "d"):
		rules = [][2]string{{"d", "dd"}, {"d", "n"}}
	case strings.HasPrefix(key, "g"):
		rules = [][2]string{{"g", ""}, {"g", "ng"}}
	case strings.HasPrefix(key, "m"):
		rules = [][2]string{{"m", "f"}}
	}
	var forms []string
	for _, r := range rules {
		forms = append(forms, r[1]+strings.TrimPrefix(key, r[0]))
	}
	return forms
}
