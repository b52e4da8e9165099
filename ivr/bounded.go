package ivr

import (
	"context"
	"fmt"
	"net/http"
)

// bounded runs f and returns its answer, or ctx's error as soon as ctx is
// done, whichever comes first, so a slow Redis cannot hold a webhook past its
// deadline even when a client ignores the context. When it gives up, f runs on
// in the background and its answer is dropped.
func bounded[T any](ctx context.Context, f func(context.Context) (T, error)) (T, error) {
	type answer struct {
		v   T
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		v, err := f(ctx)
		ch <- answer{v, err}
	}()
	select {
	case a := <-ch:
		return a.v, a.err
	case <-ctx.Done():
		var zero T
		return zero, fmt.Errorf("ivr: gave up: %w", ctx.Err())
	}
}

// recovered turns a panic in a step (a bug) into the fallback TwiML.
func (l *Line) recovered(w http.ResponseWriter, r *http.Request) {
	if v := recover(); v != nil {
		l.writeFallback(w, r, fmt.Errorf("ivr: panic: %v", v))
	}
}
