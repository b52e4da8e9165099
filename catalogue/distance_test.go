package catalogue

import (
	"math"
	"testing"
)

func TestHowFar(t *testing.T) {
	tests := []struct {
		miles float64
		near  Nearness
		whole int
	}{
		{0, UnderQuarterMile, 0},
		{0.249, UnderQuarterMile, 0},
		{0.25, AboutHalfMile, 0},
		{0.6, AboutHalfMile, 0},
		{0.75, AboutAMile, 1},
		{1.49, AboutAMile, 1},
		{1.5, WholeMiles, 2},
		{2.49, WholeMiles, 2},
		{2.5, WholeMiles, 3},
		{14.2, WholeMiles, 14},
		{math.NaN(), UnderQuarterMile, 0},
	}
	for _, tt := range tests {
		if near, whole := HowFar(tt.miles); near != tt.near || whole != tt.whole {
			t.Errorf("HowFar(%v) = %v, %d; want %v, %d", tt.miles, near, whole, tt.near, tt.whole)
		}
	}
}
