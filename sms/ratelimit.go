package sms

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/heritage-line/heritageline/session"
)

// verdict is what the rate limit allows for one more reply.
type verdict int

const (
	allow verdict = iota // reply as usual
	warn                 // say once that the line will be quiet for a while
	quiet                // send nothing
)

// spend saves the turn's state, if any, and counts one reply to the number
// with this hash, in one round trip, and says whether the reply may be
// sent: RepliesPerHour replies in an hour from the first, then one "quiet
// for a while", then silence until the hour is over. The count is one
// atomic Redis increment, exact across instances. saveErr is set when the
// state could not be saved; err when the count failed (the reply is then
// allowed).
func (l *Line) spend(ctx context.Context, t *turn) (v verdict, saveErr, err error) {
	var n int64
	if t.save != nil {
		n, err = l.deps.Sessions.SaveAndCount(ctx, stateKey(t.hash), *t.save, l.cfg.StateTTL, "sms:rate:"+t.hash, time.Hour)
		if errors.Is(err, session.ErrSave) {
			return allow, fmt.Errorf("sms: save state: %w", err), nil
		}
	} else {
		n, err = l.deps.Sessions.Count(ctx, "sms:rate:"+t.hash, time.Hour)
	}
	if err != nil {
		return allow, nil, fmt.Errorf("sms: rate: %w", err)
	}
	switch limit := int64(l.cfg.RepliesPerHour); {
	case n <= limit:
		return allow, nil, nil
	case n == limit+1:
		return warn, nil, nil
	}
	return quiet, nil, nil
}
