package sms

import (
	"context"
	"fmt"
	"time"
)

// verdict is what the rate limit allows for one more reply.
type verdict int

const (
	allow verdict = iota // reply as usual
	warn                 // say once that the line will be quiet for a while
	quiet                // send nothing
)

// spend counts one reply to the number with this hash and says whether it
// may be sent: RepliesPerHour replies in an hour from the first, then one
// "quiet for a while", then silence until the hour is over. The count is one
// atomic Redis increment, exact across instances.
func (l *Line) spend(ctx context.Context, hash string) (verdict, error) {
	n, err := l.deps.Sessions.Count(ctx, "sms:rate:"+hash, time.Hour)
	if err != nil {
		return allow, fmt.Errorf("sms: rate: %w", err)
	}
	switch limit := int64(l.cfg.RepliesPerHour); {
	case n <= limit:
		return allow, nil
	case n == limit+1:
		return warn, nil
	}
	return quiet, nil
}
