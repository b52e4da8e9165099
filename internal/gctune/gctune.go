// Package gctune holds the line's settings for Go's garbage collector, so
// that the line and the tools that measure it (catgen) run the same way.
package gctune

import "runtime/debug"

// The line's live heap is small (its catalogue and a few hundred requests
// in flight) while every webhook allocates some tens of kilobytes, so with
// Go's default GOGC=100 the collector runs dozens of times a second under
// load. Unless the environment says otherwise, the line lets its heap grow to
// five times the live heap between collections, held under a soft limit of
// 180 MiB, which keeps a reload of a national catalogue (200,000 activities,
// about 125 MB live at its peak) under 250 MB resident: at 200 MiB it went
// over in some runs, as the process holds more than its heap
// (docs/performance.md has the measurements, docs/deploy.md the knobs).
const (
	GOGC     = 400
	MemLimit = 180 << 20
)

// Apply applies the defaults above for each of GOGC and GOMEMLIMIT that the
// environment leaves unset, and reports what it applied (-1 for one left
// as the environment set it).
func Apply(getenv func(string) string) (gogc int, memLimit int64) {
	gogc, memLimit = -1, -1
	if getenv("GOGC") == "" {
		debug.SetGCPercent(GOGC)
		gogc = GOGC
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemLimit)
		memLimit = MemLimit
	}
	return gogc, memLimit
}
