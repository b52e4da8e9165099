package figures

import (
	"time"
	_ "time/tzdata" // Europe/London even where the system has no zone files
)

// london is Europe/London, where the line's weeks begin and end.
var london = mustLocation("Europe/London")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// time/tzdata is embedded, so this cannot happen.
		return time.UTC
	}
	return loc
}

// WeekStart returns the start of t's ISO week in loc: Monday at midnight,
// local time (so 00:00 GMT in winter, 00:00 BST in summer).
func WeekStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	return time.Date(t.Year(), t.Month(), t.Day()-back, 0, 0, 0, 0, loc)
}

// dayStart returns midnight at the start of t's day in loc.
func dayStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}
