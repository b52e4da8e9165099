package main

import (
	"math"
	"time"
)

// maxPrebuilt bounds the webhook requests signed before a phase, across all
// connections: at about 320 bytes each, some 180 MiB.
const maxPrebuilt = 600_000

// queue is one connection's walks, signed before a phase so that the phase
// measures the line rather than loadgen's signing. When it runs dry, its
// walker signs walks as they are needed. One queue (and so one walker) serves
// a connection for the whole run, warm-up included, so no SID is used twice.
type queue struct {
	w        *walker
	walks    []walk
	next     int
	spare    walk
	onTheFly int // walks signed as needed since the last fill
}

// fill signs walks until n are waiting, keeping those left unsent by the
// last phase (never sent, so their SIDs are still unused).
func (q *queue) fill(n int) {
	left := q.walks[q.next:]
	walks := make([]walk, 0, max(n, len(left)))
	walks = append(walks, left...)
	for len(walks) < n {
		walks = append(walks, q.w.walk())
	}
	q.walks, q.next, q.onTheFly = walks, 0, 0
}

// pop returns the next walk: a signed one waiting, or one signed now. It is
// valid until the next pop.
func (q *queue) pop() *walk {
	if q.next < len(q.walks) {
		q.next++
		return &q.walks[q.next-1]
	}
	q.onTheFly++
	q.spare = q.w.walk()
	return &q.spare
}

// prebuiltWalks is how many walks each of o.conns connections signs before a
// phase of d: enough for o.prebuild requests a second (or the -rate, or the
// -requests budget, when lower), within maxPrebuilt.
func prebuiltWalks(o options, d time.Duration) int {
	if o.prebuild <= 0 {
		return 0
	}
	total := float64(o.prebuild) * d.Seconds()
	if o.rate > 0 {
		total = min(total, float64(o.rate)*d.Seconds())
	}
	if o.requests > 0 {
		total = min(total, float64(o.requests))
	}
	total = min(total, maxPrebuilt)
	return int(math.Ceil(total/float64(o.conns)/float64(len(walk{})))) + 1
}
