package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/spool"
	"github.com/heritage-line/heritageline/outbound"
	"github.com/heritage-line/heritageline/volunteers"
)

// spoolEvery is how often the requests kept on disk while Redis was down are
// tried again.
const spoolEvery = time.Second

// openSpool opens DATA_DIR/spool, where callbacks and STOPs wait while Redis
// is down (docs/security.md).
func openSpool(dataDir string) (*spool.Spool, error) {
	sp, err := spool.Open(filepath.Join(dataDir, "spool"))
	if err != nil {
		return nil, fmt.Errorf("DATA_DIR: %w", err)
	}
	return sp, nil
}

// drainSpool applies, every spoolEvery until ctx ends, the requests kept
// on disk once Redis answers again: a callback is queued (volunteers are
// texted its reference, its request time kept), a STOP recorded. Each
// applied entry is counted by applied.
func drainSpool(ctx context.Context, sp *spool.Spool, rdb redis.UniversalClient, desk *volunteers.Desk, sender *outbound.Sender, applied func(what string), log *slog.Logger) {
	t := time.NewTicker(spoolEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if len(sp.Pending()) == 0 {
			continue
		}
		pctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		err := rdb.Ping(pctx).Err()
		cancel()
		if err != nil {
			continue // still down
		}
		n, err := sp.Drain(func(e spool.Entry) error {
			actx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			switch e.What {
			case spool.Stop:
				if err := sender.OptOutHash(actx, e.Hash); err != nil {
					return err
				}
				applied("stop")
			case spool.Callback:
				cb, err := desk.Requeue(actx, e)
				if err != nil {
					return err
				}
				log.InfoContext(ctx, "spooled callback queued", "ref", cb.Ref, "kind", e.Kind)
				applied(e.Kind)
			default:
				log.WarnContext(ctx, "spool: unknown entry dropped", "what", e.What)
			}
			return nil
		})
		if err != nil {
			log.WarnContext(ctx, "spool: applying what was kept while redis was down", "applied", n, "err", err)
		} else if n > 0 {
			log.InfoContext(ctx, "spool: applied what was kept while redis was down", "applied", n)
		}
	}
}
