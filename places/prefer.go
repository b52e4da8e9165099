package places

import (
	"math"
	"sync"
)

// preferred holds the points same-named places are preferred near (Prefer),
// bucketed in cells at least PreferMiles wide, so asking how near a place is
// to the nearest of them looks at nine cells, not at every point: a national
// catalogue has thousands of points, and a name shared by many places
// ("Newport", "Richmond") asks once for each.
type preferred struct {
	n     int
	cells map[[2]int32][]Point
	far   []Point // beyond cellMaxLat, where a fixed cell width in longitude is too narrow
	// memo keeps each place's answer (Point to float64): the places asked
	// about are the gazetteer's, a bounded set, and a town in a dense
	// catalogue has hundreds of points around it.
	memo sync.Map
}

// cellMaxLat bounds the latitudes the cells serve; Great Britain's northernmost
// point is at 60.9°. A cell's width in longitude is PreferMiles at this
// latitude, so it is wider still further south.
const cellMaxLat = 62.0

var (
	// A degree of latitude is 69.09 miles (Miles' earth radius); a little
	// less is used so a cell is never narrower than PreferMiles.
	cellLat = PreferMiles / 68.0
	cellLon = PreferMiles / (68.0 * math.Cos(cellMaxLat*math.Pi/180))
)

func preferCell(p Point) [2]int32 {
	return [2]int32{int32(math.Floor(p.Lat / cellLat)), int32(math.Floor(p.Lon / cellLon))}
}

func newPreferred(points []Point) *preferred {
	pr := &preferred{n: len(points), cells: make(map[[2]int32][]Point)}
	for _, p := range points {
		if math.Abs(p.Lat) > cellMaxLat {
			pr.far = append(pr.far, p)
			continue
		}
		c := preferCell(p)
		pr.cells[c] = append(pr.cells[c], p)
	}
	return pr
}

// len is the number of points held.
func (pr *preferred) len() int {
	if pr == nil {
		return 0
	}
	return pr.n
}

// nearest is the distance in miles from p to the nearest point when that is
// at most PreferMiles, and +Inf otherwise (which is all the ranking asks).
func (pr *preferred) nearest(p Place) float64 {
	best := math.Inf(1)
	if pr == nil || pr.n == 0 {
		return best
	}
	key := Point{p.Lat, p.Lon}
	if d, ok := pr.memo.Load(key); ok {
		return d.(float64)
	}
	d := pr.scan(p)
	pr.memo.Store(key, d)
	return d
}

func (pr *preferred) scan(p Place) float64 {
	best := math.Inf(1)
	for _, q := range pr.far {
		best = min(best, Miles(q.Lat, q.Lon, p.Lat, p.Lon))
	}
	if math.Abs(p.Lat) > cellMaxLat {
		// Every point within PreferMiles of p is beyond about 61.6°: in
		// far, or in a cell's top rows; look at all of them.
		for _, ps := range pr.cells {
			for _, q := range ps {
				best = min(best, Miles(q.Lat, q.Lon, p.Lat, p.Lon))
			}
		}
	} else {
		c := preferCell(Point{p.Lat, p.Lon})
		for dy := int32(-1); dy <= 1; dy++ {
			for dx := int32(-1); dx <= 1; dx++ {
				for _, q := range pr.cells[[2]int32{c[0] + dy, c[1] + dx}] {
					best = min(best, Miles(q.Lat, q.Lon, p.Lat, p.Lon))
				}
			}
		}
	}
	if best > PreferMiles {
		return math.Inf(1)
	}
	return best
}
