package places

import "strings"

// Named is a place of the catalogue's own: a venue ("Delapre Abbey") or an
// activity ("Hippodrome Circus tour") and where it is.
type Named struct {
	Name     string
	Lat, Lon float64
	Outcode  string // its postcode district, if known
}

// namedSpread is how far apart two points of one name may be and still be
// one place: a name the catalogue gives to places farther apart (two "Memory
// Café"s in two towns) names none of them.
const namedSpread = 2.0

// SetNamed makes the catalogue's venues and activities findable by their own
// names, as towns are ("Hippodrome Circus", "walks near Delapre Abbey"),
// replacing the names of the last call. A town, village or postcode of the
// same name wins over a venue's. Names of one or two letters, names made
// only of filler words, names outside Great Britain and names given to
// places more than two miles apart are left out. A resolved venue is a Place
// of KindTown named as the catalogue writes it, Sure.
func (ix *Index) SetNamed(names []Named) {
	named := make(map[string]Place, len(names))
	spread := map[string]bool{}
	most := 0
	for _, n := range names {
		if !inBounds(n.Lat, n.Lon) {
			continue
		}
		p := Place{Name: strings.TrimSpace(n.Name), Outcode: n.Outcode, Lat: n.Lat, Lon: n.Lon, Kind: KindTown}
		key := normalise(n.Name)
		for _, k := range []string{key, strings.TrimPrefix(key, "the ")} {
			if !usableKey(k) || ix.b.names[k] != nil || spread[k] {
				continue
			}
			if old, ok := named[k]; ok {
				if Miles(old.Lat, old.Lon, p.Lat, p.Lon) > namedSpread {
					delete(named, k)
					spread[k] = true
				}
				continue
			}
			named[k] = p
			most = max(most, strings.Count(k, " ")+1)
		}
	}
	ix.mu.Lock()
	ix.named, ix.namedN = named, most
	ix.mu.Unlock()
}

// namedPlace is the venue or activity whose normalised name is key.
func (ix *Index) namedPlace(key string) (Place, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	p, ok := ix.named[key]
	return p, ok
}

// findNamed is the longest venue or activity name inside toks that has a
// cue: two words or more, or a preposition before it ("at Tolhouse"). It
// returns its span.
func (ix *Index) findNamed(toks []token) (p Place, lo, hi int, ok bool) {
	ix.mu.RLock()
	most := ix.namedN
	ix.mu.RUnlock()
	best := 0
	for i := range toks {
		for n := min(most, len(toks)-i); n >= 1 && n > best; n-- {
			if n == 1 && !(i > 0 && prepositions[toks[i-1].norm]) {
				continue
			}
			if q, found := ix.namedPlace(joinNorm(toks[i : i+n])); found {
				p, lo, hi, ok, best = q, i, i+n, true, n
				break
			}
		}
	}
	return p, lo, hi, ok
}

// SameName reports whether two place names are one name as the index reads
// them ("Saint Ives" and "St Ives", "Newport" and "newport").
func SameName(a, b string) bool { return normalise(a) == normalise(b) }
