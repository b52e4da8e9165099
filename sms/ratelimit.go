package sms

import (
	"context"
	"fmt"
	"time"
)

// rate counts the replies sent to one number in the current hour.
type rate struct {
	Start  time.Time `json:"start"`
	Count  int       `json:"n"`
	Warned bool      `json:"warned,omitempty"`
}

// verdict is what the rate limit allows for one more reply.
type verdict int

const (
	allow verdict = iota // reply as usual
	warn                 // say once that the line will be quiet for a while
	quiet                // send nothing
)

// spend counts one reply to the number with this hash and says whether it
// may be sent. The window is an hour from the first reply in it. Two
// instances answering the same number in the same instant may each count
// one; the limit is a courtesy and a guard, not an exact meter.
func (l *Line) spend(ctx context.Context, hash string) (verdict, error) {
	key := "sms:rate:" + hash
	now := l.cfg.Now()
	var r rate
	if _, err := l.deps.Sessions.Load(ctx, key, &r); err != nil {
		return allow, fmt.Errorf("sms: load rate: %w", err)
	}
	if r.Start.IsZero() || now.Sub(r.Start) >= time.Hour || now.Before(r.Start) {
		r = rate{Start: now}
	}
	v := allow
	switch {
	case r.Count < l.cfg.RepliesPerHour:
		r.Count++
	case !r.Warned:
		r.Warned = true
		v = warn
	default:
		return quiet, nil
	}
	ttl := max(time.Hour-now.Sub(r.Start), time.Second)
	if err := l.deps.Sessions.Save(ctx, key, r, ttl); err != nil {
		return v, fmt.Errorf("sms: save rate: %w", err)
	}
	return v, nil
}
