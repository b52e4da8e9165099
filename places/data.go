package places

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Embedded open data; see docs/places.md for sources and attribution.
var (
	//go:embed data/gb-outcodes.csv
	outcodesCSV []byte
	//go:embed data/gb-places.csv
	placesCSV []byte
	//go:embed data/gb-altnames.csv
	altNamesCSV []byte
)

// Attribution is the text that must accompany any use of the embedded data
// (README, the program's about output).
const Attribution = "Contains OS data © Crown copyright and database right; contains Royal Mail data © Royal Mail copyright and database right; contains National Statistics data © Crown copyright and database right. Place names from GeoNames (geonames.org), CC BY 4.0."

// ErrData means the embedded data could not be read; it cannot happen with the
// data shipped in the module and is there for tests of parse.
var ErrData = errors.New("places: bad embedded data")

// source says where a candidate name came from; a lower value is stronger.
type source int

const (
	srcPlace   source = iota // a row of gb-places.csv
	srcAlias                 // the post_town or areas column of gb-outcodes.csv
	srcDerived               // a shortened form: "Gorleston" from "Gorleston-on-Sea"
)

// wordClass says what a place name needs before it counts inside free text.
type wordClass int

const (
	classPlain  wordClass = iota
	classCue              // a first name or everyday noun: whole message or a preposition
	classCommon           // an everyday word: only after a preposition, even in Resolve
)

type candidate struct {
	place  Place
	src    source
	weight int // how many rows of the data name it: a rough measure of size
	n      int // points averaged into place, for aliases
}

type entry struct {
	key    string
	hist   [29]uint8 // letter counts of key, for fuzzy matching
	words  int
	class  wordClass
	strong []*candidate
	weak   []*candidate // derived forms that clash with a stronger name
}

type outcode struct {
	code     string
	lat, lon float64
	postTown string
	area     string // local authority, or region when that repeats the post town
	la       string // local authority, normalised
	region   string // region, normalised
}

// base is the immutable part of an Index, built once from the embedded data
// and shared by every Index.
type base struct {
	outcodes map[string]*outcode
	grid     map[[2]int][]*outcode
	names    map[string]*entry
	areas    map[string]bool // every local authority and region, normalised
	maxWords int
	byLen    map[int][]*entry // fuzzy targets by key length
}

const (
	minLat, maxLat = 49.8, 60.9 // the UK and its waters; see inBounds
	minLon, maxLon = -8.7, 1.8
	areaMerge      = 15.0 // miles: an areas alias this close to a same-named place is that place
	townMerge      = 40.0 // miles: the same for post towns, which reach far into the country
	nearOutcode    = 10.0 // miles: farther than this, a place's nearest district is not given
)

var loadBase = sync.OnceValues(func() (*base, error) {
	b, err := build(outcodesCSV, placesCSV)
	if err != nil {
		return nil, err
	}
	return b, b.addAltNames(altNamesCSV)
})

// build parses the two data files and builds the name index.
func build(outcodesData, placesData []byte) (*base, error) {
	b := &base{
		outcodes: make(map[string]*outcode, 3000),
		grid:     make(map[[2]int][]*outcode),
		names:    make(map[string]*entry, 16000),
		areas:    make(map[string]bool, 400),
		byLen:    make(map[int][]*entry),
	}
	type aliasRow struct {
		names []string
		oc    *outcode
		merge float64
	}
	var aliases []aliasRow
	err := readCSV(outcodesData, "gb-outcodes.csv", 7, func(line int, rec []string) error {
		lat, lon, err := coords(rec[1], rec[2])
		if err != nil {
			return fmt.Errorf("places: gb-outcodes.csv line %d: %w", line, err)
		}
		code, ok := ParseOutcode(rec[0])
		if !ok {
			return fmt.Errorf("places: gb-outcodes.csv line %d: outcode %q: %w", line, rec[0], ErrData)
		}
		oc := &outcode{code: code, lat: lat, lon: lon, postTown: strings.TrimSpace(rec[3]), area: strings.TrimSpace(rec[5])}
		oc.la, oc.region = normalise(rec[5]), normalise(rec[6])
		b.areas[oc.la], b.areas[oc.region] = true, true
		if oc.area == "" || oc.la == normalise(oc.postTown) {
			oc.area = strings.TrimSpace(rec[6])
		}
		b.outcodes[code] = oc
		cell := cellOf(lat, lon)
		b.grid[cell] = append(b.grid[cell], oc)
		aliases = append(aliases, aliasRow{splitList(rec[3]), oc, townMerge}, aliasRow{splitList(rec[4]), oc, areaMerge})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readCSV(placesData, "gb-places.csv", 5, func(line int, rec []string) error {
		lat, lon, err := coords(rec[1], rec[2])
		if err != nil {
			return nil // a few GeoNames rows lie outside the UK (Dhekelia): not ours
		}
		name := strings.TrimSpace(rec[0])
		p := Place{Name: name, Lat: lat, Lon: lon, Kind: KindTown}
		if rec[3] == "NIR" {
			p.Area = NorthernIreland // no BT districts in the data
		} else if oc, miles := b.nearest(lat, lon); oc != nil {
			p.Area = oc.area
			if miles <= nearOutcode {
				p.Outcode = oc.code
			}
		}
		if normalise(p.Area) == normalise(name) {
			p.Area = ""
		}
		b.add(normalise(name), p, srcPlace, 0)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Aliases after places, so an alias near a same-named place joins it.
	// Post towns before areas, as they are the stronger claim.
	sort.SliceStable(aliases, func(i, j int) bool { return aliases[i].merge > aliases[j].merge })
	for _, a := range aliases {
		for _, n := range a.names {
			p := Place{Name: n, Area: a.oc.area, Outcode: a.oc.code, Lat: a.oc.lat, Lon: a.oc.lon, Kind: KindTown}
			if normalise(p.Area) == normalise(n) {
				p.Area = ""
			}
			b.add(normalise(n), p, srcAlias, a.merge)
		}
	}
	b.derive()
	for _, e := range b.names {
		e.words = strings.Count(e.key, " ") + 1
		if e.words > b.maxWords {
			b.maxWords = e.words
		}
		switch {
		case commonWords[e.key]:
			e.class = classCommon
		case cueWords[e.key]:
			e.class = classCue
		}
		if e.class != classCommon {
			e.hist = histogram(e.key)
			n := len(e.key)
			b.byLen[n] = append(b.byLen[n], e)
		}
		sortCandidates(e.strong)
		sortCandidates(e.weak)
	}
	for _, es := range b.byLen {
		sort.Slice(es, func(i, j int) bool { return es[i].key < es[j].key })
	}
	return b, nil
}

// usableKey says whether a normalised name may be looked up: three letters at
// least, and not made only of filler and generic words ("the city", "town
// centre").
func usableKey(key string) bool {
	if len(key) < 3 {
		return false
	}
	for _, w := range strings.Fields(key) {
		if !fillers[w] && !generic[w] {
			return true
		}
	}
	return false
}

// add records a candidate for key. A candidate within merge miles of one the
// key already has is the same place: it adds weight rather than a candidate.
func (b *base) add(key string, p Place, src source, merge float64) {
	if !usableKey(key) {
		return
	}
	e := b.names[key]
	if e == nil {
		e = &entry{key: key}
		b.names[key] = e
	}
	if merge > 0 {
		for _, c := range e.strong {
			if Miles(c.place.Lat, c.place.Lon, p.Lat, p.Lon) <= merge {
				c.weight++
				if c.src == srcAlias {
					// An alias alone stands at the mean of the districts naming it.
					c.n++
					c.place.Lat += (p.Lat - c.place.Lat) / float64(c.n)
					c.place.Lon += (p.Lon - c.place.Lon) / float64(c.n)
				}
				return
			}
		}
	} else {
		// Two gb-places rows of one name a mile or two apart are one place.
		for _, c := range e.strong {
			if Miles(c.place.Lat, c.place.Lon, p.Lat, p.Lon) <= 2 {
				return
			}
		}
	}
	e.strong = append(e.strong, &candidate{place: p, src: src, weight: 1, n: 1})
}

// suffixWords start the tail of a name that people leave off: "Gorleston-on-
// Sea" is "Gorleston", "Newcastle upon Tyne" is "Newcastle".
var suffixWords = set("on", "upon", "under", "by", "in", "le", "next", "super", "juxta", "cum", "de", "en", "sub")

// derive adds the shortened forms of names: without a qualifier after a comma
// ("Basford, Stoke-on-Trent"), without a suffix ("Gorleston-on-Sea"), and
// without "Great" or "Little" ("Great Yarmouth" answers to "Yarmouth" when
// that is unique). A shortened form that another place already has by right
// is kept as a weak candidate (see Index.lookup).
func (b *base) derive() {
	type form struct {
		key string
		c   *candidate
		gl  bool // made by dropping Great or Little
	}
	var forms []form
	for key, e := range b.names {
		for _, c := range e.strong {
			if i := strings.IndexByte(c.place.Name, ','); i > 0 {
				forms = append(forms, form{normalise(c.place.Name[:i]), c, false})
			}
			words := strings.Fields(key)
			for i := 1; i < len(words)-1; i++ {
				if suffixWords[words[i]] {
					forms = append(forms, form{strings.Join(words[:i], " "), c, false})
					break
				}
			}
			if len(words) >= 2 && (words[0] == "great" || words[0] == "little") {
				forms = append(forms, form{strings.Join(words[1:], " "), c, true})
			}
		}
	}
	sort.Slice(forms, func(i, j int) bool {
		if forms[i].key != forms[j].key {
			return forms[i].key < forms[j].key
		}
		return forms[i].c.place.Name < forms[j].c.place.Name
	})
	derived := make(map[string][]*candidate)
	greatLittle := make(map[string]int)
	for _, f := range forms {
		if !usableKey(f.key) {
			continue
		}
		if f.gl {
			greatLittle[f.key]++
		}
		dup := false
		for _, c := range derived[f.key] {
			if Miles(c.place.Lat, c.place.Lon, f.c.place.Lat, f.c.place.Lon) <= areaMerge {
				dup = true
				break
			}
		}
		if !dup {
			c := *f.c
			c.src = srcDerived
			derived[f.key] = append(derived[f.key], &c)
		}
	}
	for key, cs := range derived {
		if greatLittle[key] > 0 && len(cs) > 1 {
			continue // "Great"/"Little" only where unique
		}
		e := b.names[key]
		if e == nil {
			b.names[key] = &entry{key: key, strong: cs}
			continue
		}
	next:
		for _, c := range cs {
			for _, s := range e.strong {
				if Miles(c.place.Lat, c.place.Lon, s.place.Lat, s.place.Lon) <= areaMerge {
					continue next
				}
			}
			e.weak = append(e.weak, c)
		}
	}
}

// sortCandidates orders same-named places biggest first (most rows of the
// data name them), then by the strength of the source, then by name.
func sortCandidates(cs []*candidate) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].weight != cs[j].weight {
			return cs[i].weight > cs[j].weight
		}
		if cs[i].src != cs[j].src {
			return cs[i].src < cs[j].src
		}
		return cs[i].place.Name < cs[j].place.Name
	})
}

func cellOf(lat, lon float64) [2]int {
	return [2]int{int(math.Floor(lat * 4)), int(math.Floor(lon * 4))}
}

// nearest returns the district whose centre is nearest the point, and how
// far it is in miles, searching outward ring by ring over a quarter-degree
// grid. Distances are compared on a flat projection, good enough at the scale
// of a few cells.
func (b *base) nearest(lat, lon float64) (*outcode, float64) {
	c := cellOf(lat, lon)
	k := math.Cos(lat * math.Pi / 180)
	var best *outcode
	bestSq := math.Inf(1)
	for r := 0; r <= 12; r++ {
		for dy := -r; dy <= r; dy++ {
			for dx := -r; dx <= r; dx++ {
				if max(abs(dy), abs(dx)) != r {
					continue
				}
				for _, oc := range b.grid[[2]int{c[0] + dy, c[1] + dx}] {
					y, x := oc.lat-lat, (oc.lon-lon)*k
					if d := y*y + x*x; d < bestSq {
						best, bestSq = oc, d
					}
				}
			}
		}
		// Every cell of the next ring is at least r cells away.
		if reach := float64(r) * 0.25 * k; best != nil && bestSq <= reach*reach {
			break
		}
	}
	if best == nil {
		return nil, math.Inf(1)
	}
	return best, Miles(lat, lon, best.lat, best.lon)
}

// hasAreaNear says whether a district within miles of the point has area
// (normalised) as its local authority or region: "Newport, Shropshire" names
// the Newport whose neighbouring districts are in Shropshire, though its own
// is in Telford and Wrekin.
func (b *base) hasAreaNear(lat, lon float64, area string, miles float64) bool {
	c := cellOf(lat, lon)
	for dy := -2; dy <= 2; dy++ {
		for dx := -3; dx <= 3; dx++ {
			for _, oc := range b.grid[[2]int{c[0] + dy, c[1] + dx}] {
				if (oc.la == area || oc.region == area) && Miles(lat, lon, oc.lat, oc.lon) <= miles {
					return true
				}
			}
		}
	}
	return false
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func coords(latText, lonText string) (lat, lon float64, err error) {
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(latText), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(lonText), 64)
	if err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("coordinates %q, %q: %w", latText, lonText, ErrData)
	}
	if !inBounds(lat, lon) {
		return 0, 0, fmt.Errorf("coordinates %v, %v outside the UK: %w", lat, lon, ErrData)
	}
	return lat, lon, nil
}

// inBounds reports whether lat, lon lies in the UK's box. NaN (which
// ParseFloat accepts, and a grid reference far off the grid becomes) does
// not: every comparison with it is false.
func inBounds(lat, lon float64) bool {
	return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon
}

// readCSV calls row for each record after the header, with its 1-based line.
func readCSV(data []byte, name string, fields int, row func(line int, rec []string) error) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = fields
	r.Comment = '#' // a file's own notes: its source and licence
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil {
		return fmt.Errorf("places: %s header: %w", name, errors.Join(ErrData, err))
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("places: %s: %w", name, errors.Join(ErrData, err))
		}
		line, _ := r.FieldPos(0)
		if err := row(line, rec); err != nil {
			return err
		}
	}
}
