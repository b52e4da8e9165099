package llm

import (
	"sync"
	"time"
)

// breaker is a consecutive-failure circuit breaker. After threshold failures
// in a row it opens for cooldown; then it lets one trial call through, which
// closes it on success or opens it again on failure.
type breaker struct {
	threshold int
	cooldown  time.Duration
	now       func() time.Time

	mu        sync.Mutex
	failures  int
	openUntil time.Time
	trial     bool // a trial call is in flight
}

// allow reports whether a call may go ahead now. When it returns true the
// caller must report the outcome with done.
func (b *breaker) allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.failures < b.threshold {
		return true
	}
	if b.trial || b.now().Before(b.openUntil) {
		return false
	}
	b.trial = true
	return true
}

// done records the outcome of a call that allow let through, and reports
// whether the breaker opened because of it.
func (b *breaker) done(ok bool) (opened bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.trial = false
	if ok {
		b.failures = 0
		return false
	}
	b.failures++
	if b.failures >= b.threshold {
		b.openUntil = b.now().Add(b.cooldown)
		return true
	}
	return false
}
