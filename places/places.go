// Package places resolves what a resident says or texts (a full postcode, an
// outcode, a town or village name) to a point in the UK, from embedded open data:
// postcode district centres from OS Code-Point Open and ONS data (via Doogal),
// and town and village names from GeoNames. docs/places.md says how matching
// works and carries the attribution lines.
package places

import (
	"math"
	"sort"
	"strings"
	"sync"
)

// Kind is what sort of place text resolved to.
type Kind int

const (
	KindTown     Kind = iota // a town, village or city name, or an area alias
	KindOutcode              // a postcode district: "BA11"
	KindPostcode             // a full postcode: "BA11 1AT"
)

// Place is a resolved point.
type Place struct {
	Name    string // for speech and SMS: "Frome", "BA11 1AT", "Newport"
	Area    string // county or region, to tell same-named places apart: "Shropshire"
	Outcode string // postcode district if known: "BA11"
	Lat     float64
	Lon     float64
	Kind    Kind
}

// Match is the answer to a lookup.
type Match struct {
	Place Place
	// Sure is true when the text matched exactly one place exactly (after
	// normalising case, spacing and filler words). It is false for a fuzzy
	// (typo) match or when several places share the name; then voice confirms.
	Sure bool
	// Others are the other candidates: same-named places, or close spellings.
	Others []Place
}

// Index looks places up. It is safe for concurrent use once built: Resolve,
// Find and Suggest may run while Prefer and AddVenue are called.
type Index struct {
	b *base

	mu     sync.RWMutex
	prefer *preferred
	venues map[string]Point // normalised full postcode to exact point
	named  map[string]Place // SetNamed: a venue's or activity's own name, normalised
	namedN int              // the most words of a key of named
	exact  []exactPoint     // from LoadPostcodes, sorted by key
}

// PreferMiles is how near a catalogue point a same-named place must be to win
// ("Newport" means the Newport the line serves), and how near a place word in
// free text must be to one to count without another cue.
const PreferMiles = 25.0

// maxTokens bounds the words of text looked at, so a long message costs a
// bounded amount of work.
const maxTokens = 120

// Load builds an index from the embedded outcode and place data. The data is
// parsed once per process (the first call takes some milliseconds; see
// docs/places.md); each call returns a new Index with no venues or preferred
// points. It returns an error wrapping ErrData only if the embedded data is
// corrupt.
func Load() (*Index, error) {
	b, err := loadBase()
	if err != nil {
		return nil, err
	}
	return &Index{b: b, venues: make(map[string]Point)}, nil
}

// Resolve treats the whole text as a place ("ba111at", "b a 11", "great
// yarmouth please", "Frome", "Newport in Wales"). Filler words at either end
// ("it's", "I live in", "please") are ignored. A full postcode resolves to its
// district's centre unless AddVenue gave its exact point or LoadPostcodes
// loaded a file that has it; a postcode whose
// district is not in the data does not resolve. A name that is an everyday
// word ("Street", "Wells") resolves only after a preposition ("in Street").
// When nothing matches exactly, a close spelling is offered with Sure false.
// It returns false when nothing plausible matches.
func (ix *Index) Resolve(text string) (Match, bool) {
	toks := tokenise(text)
	if len(toks) == 0 || len(toks) > maxTokens {
		return Match{}, false
	}
	prefer := ix.preferred()
	if m, _, _, ok := ix.resolveExact(toks, prefer); ok {
		return m, true
	}
	lo, hi := core(toks)
	if lo >= hi || hi-lo > 4 {
		return Match{}, false
	}
	return ix.fuzzy(toks[lo:hi], prefer)
}

// core returns the span of toks left once filler words are taken off both ends.
func core(toks []token) (lo, hi int) {
	lo, hi = 0, len(toks)
	for lo < hi && fillers[toks[lo].norm] {
		lo++
	}
	for hi > lo && fillers[toks[hi-1].norm] {
		hi--
	}
	return lo, hi
}

// resolveExact tries every span of toks left by taking filler words off the
// ends, longest first, as a postcode, an outcode or a name, then a name
// followed by its county ("Newport Wales"). It returns the span that matched.
func (ix *Index) resolveExact(toks []token, prefer *preferred) (m Match, lo, hi int, ok bool) {
	a, b := core(toks)
	for length := len(toks); length >= b-a && length > 0; length-- {
		for lo := 0; lo <= a; lo++ {
			hi := lo + length
			if hi < b || hi > len(toks) {
				continue
			}
			if m, ok := ix.postcodeSpan(toks[lo:hi]); ok {
				return m, lo, hi, true
			}
			key := joinNorm(toks[lo:hi])
			if e := ix.b.names[key]; e != nil {
				if e.class == classCommon && !(lo > 0 && prepositions[toks[lo-1].norm]) {
					continue
				}
				return ix.matchEntry(e, prefer), lo, hi, true
			}
			if p, ok := ix.namedPlace(key); ok {
				return Match{Place: p, Sure: true}, lo, hi, true
			}
		}
	}
	if a < b {
		if m, ok := ix.withArea(toks[a:b], prefer); ok {
			return m, a, b, true
		}
	}
	return Match{}, 0, 0, false
}

// areaNear is how near a place a district must be for its local authority or
// region to qualify the place's name ("Newport, Shropshire").
const areaNear = 12.0

// withArea resolves "Newport Wales", "Newport in Shropshire", "Richmond,
// North Yorkshire": a name followed by the area of one of its candidates, or
// the local authority or region of a district within areaNear miles of it.
func (ix *Index) withArea(toks []token, prefer *preferred) (Match, bool) {
	for k := len(toks) - 1; k >= 1; k-- {
		e := ix.b.names[joinNorm(toks[:k])]
		if e == nil || e.class == classCommon {
			continue
		}
		rest := toks[k:]
		if len(rest) > 1 && rest[0].norm == "in" {
			rest = rest[1:]
		}
		area := joinNorm(rest)
		if area == "" {
			continue
		}
		cands := ix.candidates(e, prefer)
		pick := -1
		for i, c := range cands {
			if normalise(c.Area) == area {
				pick = i
				break
			}
		}
		if pick < 0 {
			for i, c := range cands {
				if ix.b.hasAreaNear(c.Lat, c.Lon, area, areaNear) {
					pick = i
					break
				}
			}
		}
		if pick >= 0 {
			others := append(append([]Place(nil), cands[:pick]...), cands[pick+1:]...)
			return Match{Place: cands[pick], Sure: true, Others: others}, true
		}
		if ix.b.areas[area] {
			// An area we know, but not near any place of this name ("Frome,
			// Somerset", where the data says Mendip): the name, to be confirmed.
			m := ix.matchEntry(e, prefer)
			m.Sure = false
			return m, true
		}
	}
	return Match{}, false
}

// postcodeSpan reads toks as a full postcode or an outcode in the data.
func (ix *Index) postcodeSpan(toks []token) (Match, bool) {
	s, ok := spoken(toks)
	if !ok || s == "" || s[0] < 'a' || s[0] > 'z' {
		return Match{}, false
	}
	if pc, out, ok := ParsePostcode(s); ok {
		oc := ix.b.outcodes[out]
		if oc == nil {
			return northernIreland(pc, out, KindPostcode)
		}
		p := Place{Name: pc, Area: oc.area, Outcode: out, Lat: oc.lat, Lon: oc.lon, Kind: KindPostcode}
		ix.mu.RLock()
		v, exact := ix.venues[pc]
		if !exact {
			v, exact = ix.exactLocked(pc)
		}
		ix.mu.RUnlock()
		if exact {
			p.Lat, p.Lon = v.Lat, v.Lon
		}
		return Match{Place: p, Sure: true}, true
	}
	if out, ok := ParseOutcode(s); ok {
		oc := ix.b.outcodes[out]
		if oc == nil {
			return northernIreland(out, out, KindOutcode)
		}
		p := Place{Name: out, Area: oc.area, Outcode: out, Lat: oc.lat, Lon: oc.lon, Kind: KindOutcode}
		return Match{Place: p, Sure: true}, true
	}
	return Match{}, false
}

// matchEntry answers for an exactly matched name: sure when it names one place.
func (ix *Index) matchEntry(e *entry, prefer *preferred) Match {
	cands := ix.candidates(e, prefer)
	return Match{Place: cands[0], Sure: len(cands) == 1, Others: cands[1:]}
}

// candidates lists the places a name may mean, best first: those within
// PreferMiles of a preferred point, nearest first, then the rest biggest
// first. A weak candidate (a shortened form another place has by right, such
// as "Yarmouth" for Great Yarmouth) is included only when it is near a
// preferred point or bigger than every place that has the name by right.
func (ix *Index) candidates(e *entry, prefer *preferred) []Place {
	type ranked struct {
		p      Place
		near   float64
		weight int
	}
	maxStrong := 0
	for _, c := range e.strong {
		maxStrong = max(maxStrong, c.weight)
	}
	rs := make([]ranked, 0, len(e.strong)+len(e.weak))
	for _, c := range e.strong {
		rs = append(rs, ranked{c.place, prefer.nearest(c.place), c.weight})
	}
	for _, c := range e.weak {
		d := prefer.nearest(c.place)
		if d <= PreferMiles || c.weight > maxStrong {
			rs = append(rs, ranked{c.place, d, c.weight})
		}
	}
	sort.SliceStable(rs, func(i, j int) bool {
		ni, nj := rs[i].near <= PreferMiles, rs[j].near <= PreferMiles
		if ni != nj {
			return ni
		}
		if ni {
			return rs[i].near < rs[j].near
		}
		return rs[i].weight > rs[j].weight
	})
	out := make([]Place, len(rs))
	for i, r := range rs {
		out[i] = r.p
	}
	return out
}

func (ix *Index) preferred() *preferred {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.prefer
}

// AddVenue records an exact point for a full postcode (a catalogue venue), so
// that postcode resolves to the venue rather than to its district's centre.
// A postcode that does not parse, or a point outside the UK, is ignored.
func (ix *Index) AddVenue(postcode string, lat, lon float64) {
	pc, _, ok := ParsePostcode(postcode)
	if !ok || !inBounds(lat, lon) {
		return
	}
	ix.mu.Lock()
	ix.venues[pc] = Point{lat, lon}
	ix.mu.Unlock()
}

// Prefer makes same-named places near any of these points win (the catalogue's
// activities), so "Newport" means the Newport the line serves. Each call
// replaces the points of the last. Points closer together than about half a
// mile count once, so a catalogue of many activities in few towns stays cheap.
func (ix *Index) Prefer(points []Point) {
	seen := make(map[[2]int32]bool, len(points))
	var ps []Point
	for _, p := range points {
		k := [2]int32{int32(math.Round(p.Lat * 100)), int32(math.Round(p.Lon * 100))}
		if !seen[k] {
			seen[k] = true
			ps = append(ps, p)
		}
	}
	ix.mu.Lock()
	ix.prefer = newPreferred(ps)
	ix.mu.Unlock()
}

// Point is a latitude and longitude.
type Point struct{ Lat, Lon float64 }

// Miles is the great-circle distance between two points in miles.
func Miles(lat1, lon1, lat2, lon2 float64) float64 {
	const earthMiles = 3958.8
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * earthMiles * math.Asin(math.Sqrt(a))
}

// NorthernIreland is the Area of a place in Northern Ireland. The embedded
// data is Great Britain's (no BT postcode districts, and no activities), so
// a line answering for one says plainly that it covers Great Britain.
const NorthernIreland = "Northern Ireland"

// InNorthernIreland reports whether p is in Northern Ireland: a BT postcode
// or district, or a town there.
func (p Place) InNorthernIreland() bool { return p.Area == NorthernIreland }

// northernIreland answers for a BT postcode or district, which the data does
// not hold: a place in Northern Ireland, at the middle of Northern Ireland
// (no exact point is known), so that the line can say it covers Great
// Britain rather than that it did not understand.
func northernIreland(name, out string, kind Kind) (Match, bool) {
	if !strings.HasPrefix(out, "BT") {
		return Match{}, false
	}
	return Match{Place: Place{Name: name, Area: NorthernIreland, Outcode: out, Lat: 54.6, Lon: -6.7, Kind: kind}, Sure: true}, true
}
