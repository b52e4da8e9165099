// Package roundtrip sends the Redis commands of one webhook together and,
// when the line's client is go-redis's autopipeliner, in the same round trips
// as the commands of the other webhooks under way at that moment: under load
// Redis then reads and answers a few dozen commands per system call instead
// of one webhook's.
package roundtrip

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// ErrGaveUp is wrapped in Exec's error when ctx ended before the replies
// came. The commands may still run: a caller must not read them (reading one
// would wait for it, up to the client's read timeout).
var ErrGaveUp = errors.New("roundtrip: gave up waiting for redis")

// Exec sends the commands queued on pipe (from rdb.Pipeline()) and waits for
// their replies, no longer than ctx allows.
//
// When rdb is the deferred face of an autopipeliner (rdb.AsyncAutoPipeline()),
// the commands join its single ordered stream, one after another, and share
// round trips with other callers' commands; Exec stops waiting when ctx is
// done, with an error wrapping ErrGaveUp. Any other client runs pipe as one
// pipeline, which stops at ctx's deadline when the client was made with
// ContextTimeoutEnabled.
//
// Like Pipeliner.Exec it returns the first failed command's error (redis.Nil
// included); each command carries its own.
func Exec(ctx context.Context, rdb redis.UniversalClient, pipe redis.Pipeliner) error {
	ap, ok := rdb.(*redis.AutoPipeliner)
	if !ok || ap.IsBlocking() {
		_, err := pipe.Exec(ctx)
		return err
	}
	cmds := pipe.Cmds()
	var buf [8]redis.AutoFuture
	sent := buf[:0]
	for _, c := range cmds {
		sent = append(sent, ap.Submit(ctx, c))
	}
	var first error
	for _, f := range sent {
		err := f.WaitContext(ctx)
		if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
			return fmt.Errorf("%w: %w", ErrGaveUp, ctxErr)
		}
		if err != nil && first == nil {
			first = err
		}
	}
	return first
}
