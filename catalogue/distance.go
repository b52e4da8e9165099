package catalogue

import "math"

// Nearness is a step of the one scale on which the line tells distances, by
// voice and by text, in every language: no finer than the point searched
// from deserves (a postcode district's centre, or a town's, unless the
// resident gave a venue's own postcode), so "about" under a mile.
type Nearness int

const (
	UnderQuarterMile Nearness = iota // under a quarter of a mile
	AboutHalfMile                    // a quarter to three quarters of a mile
	AboutAMile                       // three quarters of a mile to a mile and a half
	WholeMiles                       // a mile and a half or more, told in whole miles
)

// HowFar places miles on the scale and, for WholeMiles, rounds them to
// whole miles (2 from a mile and a half). NaN counts as nearest.
func HowFar(miles float64) (Nearness, int) {
	switch {
	case !(miles >= 0.25):
		return UnderQuarterMile, 0
	case miles < 0.75:
		return AboutHalfMile, 0
	case miles < 1.5:
		return AboutAMile, 1
	}
	return WholeMiles, max(2, int(math.Round(miles)))
}
