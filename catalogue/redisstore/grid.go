package redisstore

import (
	"math"
	"slices"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/places"
)

// grid is the snapshot's own index of where its activities are: the
// activities in each cell of about 1.7 miles a side (cellLat by cellLon),
// with their points beside their positions in acts so that a search reads
// only the cells, not the activities, until one is in range. A search reads
// the cells nearest its point first, ring by ring, and stops once the page
// it wants cannot change and it has counted enough for the total (see
// near), so it costs no round trip to Redis and grows with the activities
// it returns, not with the catalogue or the city.
type grid map[uint64][]gridPoint

type gridPoint struct {
	i int32
	// till is the last day the activity may be offered (dayNumber of its
	// schedule's ValidTo), noEnd if it has none, and notOffered if it is
	// inactive: a search skips what has ended without reading the activity,
	// which in a city is most of a search's memory traffic.
	till int32
	// cat is the activity's category as a bit (1 << its index in
	// catalogue.Categories), 0 for any other: a search for a category reads
	// only the activities of that category.
	cat      uint8
	lat, lon float64
}

// categoryBit is c's bit for gridPoint.cat, or 0.
func categoryBit(c catalogue.Category) uint8 {
	if i := slices.Index(catalogue.Categories, c); i >= 0 && i < 8 {
		return 1 << i
	}
	return 0
}

const (
	noEnd      = math.MaxInt32
	notOffered = math.MinInt32
)

// dayNumber numbers days in order (days since 1970-01-01).
func dayNumber(d catalogue.Date) int32 {
	return int32(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// tillOf is a gridPoint's till for a.
func tillOf(a *catalogue.Activity) int32 {
	switch {
	case !a.Active:
		return notOffered
	case a.Schedule.ValidTo.IsZero():
		return noEnd
	}
	return dayNumber(a.Schedule.ValidTo)
}

const (
	cellLat = 0.025 // degrees: 1.73 miles
	cellLon = 0.04  // degrees: 1.7 miles at 52°N
)

func cellOf(lat, lon float64) (int32, int32) {
	return int32(math.Floor(lat / cellLat)), int32(math.Floor(lon / cellLon))
}

func cellKey(i, j int32) uint64 { return uint64(uint32(i))<<32 | uint64(uint32(j)) }

func gridOf(acts []catalogue.Activity) grid {
	g := grid{}
	for i := range acts {
		a := &acts[i]
		k := cellKey(cellOf(a.Lat, a.Lon))
		g[k] = append(g[k], gridPoint{int32(i), tillOf(a), categoryBit(a.Category), a.Lat, a.Lon})
	}
	return g
}

// gridMaxMiles is the widest range searched through the grid; a wider one
// (or none) considers every activity, which is as quick when the circle
// covers much of the country.
const gridMaxMiles = 150

// milesPerDegree is a little less than a degree of latitude is long on
// places.Miles's Earth (69.09 miles), so that the cells read always cover
// the circle and a ring's distance is never overstated.
const milesPerDegree = 68.5

// minMilesPerDegreeLat is a little less than a degree of latitude is long on
// places.Miles's Earth (69.09 miles): two points are at least their
// difference in latitude times this apart.
const minMilesPerDegreeLat = 69.0

// countAtLeast is how many matches a search counts, nearest first, before
// it may stop short of the edge of its range: the total it reports is exact
// when fewer lie in range, and otherwise at least this many (as many as the
// rings it read hold), which is all a resident is told ("more than ...")
// and all paging needs.
const countAtLeast = 100

// near answers q from memory: the page search would give, and the same
// total whenever fewer than countAtLeast activities match within range
// (otherwise at least countAtLeast), reading the cells in rings outwards
// from q's point.
func (s *snapshot) near(q catalogue.Query) ([]catalogue.Result, int) {
	return s.nearCounting(q, countAtLeast)
}

func (s *snapshot) nearCounting(q catalogue.Query, enough int) ([]catalogue.Result, int) {
	r := q.WithinMiles
	if r <= 0 || r > gridMaxMiles || s.grid == nil {
		return s.search(q)
	}
	dLat := r / milesPerDegree
	far := min(math.Abs(q.Lat)+dLat, 89)
	cosFar := math.Cos(far * math.Pi / 180)
	dLon := r / (milesPerDegree * cosFar)
	i0, j0 := cellOf(q.Lat-dLat, q.Lon-dLon)
	i1, j1 := cellOf(q.Lat+dLat, q.Lon+dLon)
	ci, cj := cellOf(q.Lat, q.Lon)
	rings := max(ci-i0, i1-ci, cj-j0, j1-cj)
	// A cell k rings out is at least k-1 whole cells from the point.
	step := min(cellLat, cellLon*cosFar) * milesPerDegree
	need := max(q.Offset, 0) + limitOf(q)

	pooled := getHits()
	defer putHits(pooled)
	hits := *pooled
	today := catalogue.DateOf(q.Now)
	day := dayNumber(today)
	// With no filter but categories (or none), an activity in range that
	// may be offered today and is of a category asked for is a hit: its own
	// fields need not be read (plainMatch).
	var cats uint8 // the categories asked for, as bits; 0 for any
	plain := len(q.Tags) == 0 && len(q.Languages) == 0 && !q.FreeOnly && q.WithinDays <= 0
	for _, c := range q.Categories {
		b := categoryBit(c)
		if b == 0 {
			plain = false // not one of Categories: match compares it
		}
		cats |= b
	}
	// count is the matches in range read so far; hits holds those that may
	// still be on the page. Once hits outgrows the page, it is cut to the
	// page's nearest (ties kept) and bound set to the farthest of them:
	// nothing farther can be on the page, so it is counted but not kept, and
	// once enough are counted, not even measured when its latitude alone
	// puts it farther (a city's cell holds thousands).
	count := 0
	bound := math.Inf(1)
	read := func(i, j int32) {
		if i < i0 || i > i1 || j < j0 || j > j1 {
			return
		}
		for _, p := range s.grid[cellKey(i, j)] {
			if p.till < day {
				continue // ended, or inactive
			}
			if plain && cats != 0 && p.cat&cats == 0 {
				continue
			}
			if count >= enough && math.Abs(p.lat-q.Lat)*minMilesPerDegreeLat > bound {
				continue
			}
			mi := places.Miles(q.Lat, q.Lon, p.lat, p.lon)
			if mi > r {
				continue
			}
			h := hit{candidate: candidate{&s.acts[p.i], mi}}
			if !plain {
				var ok bool
				if h, ok = match(h.candidate, q, today); !ok {
					continue
				}
			}
			count++
			if mi > bound {
				continue
			}
			hits = append(hits, h)
			if len(hits) >= 4*need+64 {
				hits = nearest(hits, need)
				bound = farthest(hits)
			}
		}
	}
	for k := int32(0); k <= rings; k++ {
		if k > 0 && count >= max(need, enough) {
			// Stop when every cell not yet read is farther than the
			// page's farthest: what remains cannot be on the page.
			if float64(k-1)*step > farthest(nearest(hits, need)) {
				break
			}
		}
		if k == 0 {
			read(ci, cj)
			continue
		}
		for t := -k; t <= k; t++ {
			read(ci-k, cj+t)
			read(ci+k, cj+t)
		}
		for t := -k + 1; t <= k-1; t++ {
			read(ci+t, cj-k)
			read(ci+t, cj+k)
		}
	}
	*pooled = hits // what append grew, for the pool
	return s.page(hits, count, q)
}
