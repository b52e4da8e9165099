// Package places resolves what a resident says or texts (a full postcode, an
// outcode, a town or village name) to a point in the UK, from embedded open data.
//
// STUB: the API below is fixed; the implementation is being written.
package places

import "math"

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

// Index looks places up. It is safe for concurrent use once built.
type Index struct{}

// Load builds the index from the embedded outcode and place data.
func Load() (*Index, error) { return &Index{}, nil }

// Resolve treats the whole text as a place ("ba111at", "b a 11", "great
// yarmouth please", "Frome"). It returns false when nothing plausible matches.
func (ix *Index) Resolve(text string) (Match, bool) { return Match{}, false }

// Find looks for a place anywhere inside free text ("anything near gorleston for
// my mum"), longest match first, with the cues of docs/places.md. It returns the
// match and the words of text that named it.
func (ix *Index) Find(text string) (m Match, words string, ok bool) { return Match{}, "", false }

// Suggest returns up to n places whose names are close to text, for "did you mean".
func (ix *Index) Suggest(text string, n int) []Place { return nil }

// AddVenue records an exact point for a full postcode (a catalogue venue), so
// that postcode resolves to the venue rather than to its district's centre.
func (ix *Index) AddVenue(postcode string, lat, lon float64) {}

// Prefer makes same-named places near any of these points win (the catalogue's
// activities), so "Newport" means the Newport the line serves.
func (ix *Index) Prefer(points []Point) {}

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

// ParsePostcode recognises a full UK postcode in any case and spacing
// ("ba111at", "BA11 1AT") and returns it normalised ("BA11 1AT") with its outcode.
func ParsePostcode(s string) (postcode, outcode string, ok bool) { return "", "", false }

// ParseOutcode recognises a postcode district alone ("ba11") and returns it
// upper-cased ("BA11").
func ParseOutcode(s string) (string, bool) { return "", false }
