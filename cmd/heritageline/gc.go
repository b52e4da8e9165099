package main

import "github.com/heritage-line/heritageline/internal/gctune"

// The line's collector settings (GOGC=400 under a 180 MiB soft limit unless
// the environment sets them) live in internal/gctune, which catgen's
// measurements apply too.
const (
	defaultGOGC     = gctune.GOGC
	defaultMemLimit = gctune.MemLimit
)

// tuneGC applies the defaults for each of GOGC and GOMEMLIMIT that the
// environment leaves unset, and reports what it applied.
func tuneGC(getenv func(string) string) (gogc int, memLimit int64) {
	return gctune.Apply(getenv)
}
