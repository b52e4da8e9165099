package places

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestPreferredNearestIsExact checks the grid's answer against every point,
// across Great Britain and beyond its cells' latitude, near cell edges too.
func TestPreferredNearestIsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var points []Point
	for range 2000 {
		points = append(points, Point{49 + rng.Float64()*15, -8 + rng.Float64()*10})
	}
	pr := newPreferred(points)
	if pr.len() != len(points) {
		t.Fatalf("len %d; want %d", pr.len(), len(points))
	}
	for range 3000 {
		p := Place{Lat: 49 + rng.Float64()*15, Lon: -8 + rng.Float64()*10}
		want := math.Inf(1)
		for _, q := range points {
			want = min(want, Miles(q.Lat, q.Lon, p.Lat, p.Lon))
		}
		if want > PreferMiles {
			want = math.Inf(1)
		}
		for range 2 { // the second answer is remembered
			if got := pr.nearest(p); got != want {
				t.Fatalf("nearest(%.4f, %.4f) = %v; want %v", p.Lat, p.Lon, got, want)
			}
		}
	}
	if got := (*preferred)(nil).nearest(Place{Lat: 51, Lon: -2}); !math.IsInf(got, 1) {
		t.Errorf("no points: %v; want +Inf", got)
	}
}
