package main

import (
	"runtime/debug"
)

// The line's live heap is small (its catalogue and a few hundred requests
// in flight) while every webhook allocates some tens of kilobytes, so with
// Go's default GOGC=100 the collector runs dozens of times a second under
// load. Unless the environment says otherwise, the line lets its heap grow to
// five times the live heap between collections, held under a soft limit of
// 400 MiB, which keeps a reload of a national catalogue (200,000 activities,
// about 210 MB live at its peak) within the 500 MB it is measured against
// (docs/performance.md has the measurements, docs/deploy.md the knobs).
const (
	defaultGOGC     = 400
	defaultMemLimit = 400 << 20
)

// tuneGC applies the defaults above for each of GOGC and GOMEMLIMIT that the
// environment leaves unset, and reports what it applied.
func tuneGC(getenv func(string) string) (gogc int, memLimit int64) {
	gogc, memLimit = -1, -1
	if getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGOGC)
		gogc = defaultGOGC
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemLimit)
		memLimit = defaultMemLimit
	}
	return gogc, memLimit
}
