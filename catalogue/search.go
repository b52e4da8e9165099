package catalogue

import (
	"context"
	"time"
)

// Query is a search for activities near a point.
type Query struct {
	Lat, Lon    float64
	WithinMiles float64    // 0 means no limit
	Categories  []Category // any of these; empty means all
	Tags        []string   // every one of these (dementia-friendly, step-free...)
	FreeOnly    bool
	Languages   []string // offered in one of these (English names: "Polish"); empty means any
	// Now and WithinDays ask for activities with a session starting between Now
	// and Now+WithinDays days. WithinDays 0 means no time filter. Now is also the
	// moment Result.Next is computed from.
	Now        time.Time
	WithinDays int
	Offset     int // results to skip, for paging
	Limit      int // at most this many; 0 means a default of 10
}

// Result is one activity found by a search.
type Result struct {
	Activity Activity
	Miles    float64 // from the query point
	Next     Session // the next session after Query.Now; zero if unknown
}

// Finder finds activities. Implementations return results ordered by distance,
// then by next session, and never return an inactive activity.
type Finder interface {
	// Near returns the activities matching q, nearest first, and the total number
	// that match (before Offset and Limit). It returns ErrNoCatalogue if no
	// catalogue has been loaded yet.
	Near(ctx context.Context, q Query) (results []Result, total int, err error)
	// Get returns one activity by id, or ErrNotFound.
	Get(ctx context.Context, id string) (Activity, error)
}

// Town is a town the catalogue has activities in, for speech hints and the
// keypad menu of towns.
type Town struct {
	Name       string
	Lat, Lon   float64
	Activities int
}

// TownLister lists the catalogue's towns, most activities first.
type TownLister interface {
	Towns(ctx context.Context) ([]Town, error)
}
