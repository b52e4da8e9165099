package main

import (
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"time"
)

// peakWatch samples the live heap (bytes in heap objects) every few
// milliseconds while a measurement runs, remembering the largest, and, when
// asked, writes a heap profile each time the heap grows well past the largest
// seen, so the last profile written shows what was alive at the peak.
type peakWatch struct {
	stop chan struct{}
	done chan struct{}

	mu   sync.Mutex
	peak uint64
}

// watchPeak starts sampling; profile, if not empty, is the file the heap
// profile at the peak is written to.
func watchPeak(profile string) *peakWatch {
	w := &peakWatch{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var written uint64
		for {
			select {
			case <-w.stop:
				return
			case <-t.C:
			}
			metrics.Read(s)
			v := s[0].Value.Uint64()
			w.mu.Lock()
			if v > w.peak {
				w.peak = v
			}
			w.mu.Unlock()
			if profile != "" && v > written+written/10+1<<20 {
				written = v
				writeHeapProfile(profile)
			}
		}
	}()
	return w
}

// Peak stops sampling and returns the largest heap seen, in bytes.
func (w *peakWatch) Peak() uint64 {
	close(w.stop)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.peak
}

func writeHeapProfile(path string) {
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	pprof.Lookup("heap").WriteTo(f, 0)
}
