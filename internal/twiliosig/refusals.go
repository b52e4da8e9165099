package twiliosig

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
)

// RefusalLog logs refused webhook requests as counts, at most once per
// interval, so a flood of forged requests cannot flood the logs. A line
// names only what the line itself chose: route names and reasons, never a
// path, a SID or any other value from the request.
type RefusalLog struct {
	log   *slog.Logger
	every time.Duration

	mu     sync.Mutex
	counts map[string]int // "route reason" -> refused since the last line
	last   time.Time      // when the last line was written
	timer  *time.Timer    // the next line, when one is scheduled
	closed bool
}

// NewRefusalLog logs through log at most once per every (one second when
// every is zero or less).
func NewRefusalLog(log *slog.Logger, every time.Duration) *RefusalLog {
	if every <= 0 {
		every = time.Second
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &RefusalLog{log: log, every: every, counts: map[string]int{}}
}

// Add counts one request refused on route for reason. The first refusal
// after a quiet interval is logged at once; later ones are logged together
// when the interval since the last line has passed.
func (l *RefusalLog) Add(route, reason string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.counts[route+" "+reason]++
	if l.timer != nil || l.closed {
		return
	}
	if wait := l.every - time.Since(l.last); wait > 0 {
		l.timer = time.AfterFunc(wait, l.flush)
		return
	}
	l.writeLocked()
}

func (l *RefusalLog) flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return
	}
	l.timer = nil
	l.writeLocked()
}

// Close writes the refusals not yet logged and logs nothing after.
func (l *RefusalLog) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return
	}
	l.closed = true
	if l.timer != nil {
		l.timer.Stop()
		l.timer = nil
	}
	l.writeLocked()
}

// writeLocked writes one line with the counts so far and starts them again.
func (l *RefusalLog) writeLocked() {
	if len(l.counts) == 0 {
		return
	}
	total := 0
	byRoute, byReason := map[string]int{}, map[string]int{}
	for k, n := range l.counts {
		route, reason, _ := strings.Cut(k, " ")
		byRoute[route] += n
		byReason[reason] += n
		total += n
	}
	clear(l.counts)
	l.last = time.Now()
	l.log.LogAttrs(context.Background(), slog.LevelWarn, "webhook requests refused",
		slog.Int("count", total), slog.String("routes", tally(byRoute)), slog.String("reasons", tally(byReason)))
}

// tally writes counts as "a=2 b=1", in name order.
func tally(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, m[k])
	}
	return strings.Join(parts, " ")
}
