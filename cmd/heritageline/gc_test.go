package main

import (
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	beforeLimit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(before); debug.SetMemoryLimit(beforeLimit) })

	env := map[string]string{}
	gogc, limit := tuneGC(func(k string) string { return env[k] })
	if gogc != defaultGOGC || debug.SetGCPercent(defaultGOGC) != defaultGOGC {
		t.Errorf("GOGC unset: applied %d; want %d", gogc, defaultGOGC)
	}
	if limit != defaultMemLimit || debug.SetMemoryLimit(-1) != defaultMemLimit {
		t.Errorf("GOMEMLIMIT unset: applied %d; want %d", limit, defaultMemLimit)
	}

	debug.SetGCPercent(100)
	debug.SetMemoryLimit(1 << 40)
	env = map[string]string{"GOGC": "100", "GOMEMLIMIT": "1TiB"}
	gogc, limit = tuneGC(func(k string) string { return env[k] })
	if gogc != -1 || limit != -1 || debug.SetGCPercent(100) != 100 || debug.SetMemoryLimit(-1) != 1<<40 {
		t.Errorf("GOGC and GOMEMLIMIT set: the line changed them (applied %d, %d)", gogc, limit)
	}
}
