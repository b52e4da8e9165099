package outbound

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Keys share the {hl:out} hash tag so the script's keys live in one slot of a
// Redis Cluster.
const (
	keyPrefix = "{hl:out}:"
	optOutKey = keyPrefix + "optout" // set of privacy hashes
)

// reserveScript counts one text against the per-number and the global window
// for the current hour, or neither: it returns 1 when the per-number cap
// refuses, 2 when the global cap refuses, 0 when the text may go.
var reserveScript = redis.NewScript(`
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then return 1 end
local g = tonumber(redis.call('GET', KEYS[2]) or '0')
if g >= tonumber(ARGV[2]) then return 2 end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return 0
`)

// window names the clock hour (UTC) that t falls in.
func window(t time.Time) string { return t.UTC().Format("2006010215") }

// reserve counts a text to the number with pseudonym hash against both caps,
// or returns ErrRateLimited or ErrCapReached and counts nothing.
func (s *Sender) reserve(ctx context.Context, hash string) error {
	w := window(s.cfg.Now())
	keys := []string{keyPrefix + "n:" + w + ":" + hash, keyPrefix + "g:" + w}
	perNumber := s.cfg.PerNumberPerHour
	if s.unlimited[hash] || (s.cfg.UnlimitedHash != nil && s.cfg.UnlimitedHash(hash)) {
		perNumber = s.cfg.GlobalPerHour + 1
	}
	res, err := reserveScript.Run(ctx, s.rdb, keys, perNumber, s.cfg.GlobalPerHour, int((2 * time.Hour).Seconds())).Int()
	if err != nil {
		return fmt.Errorf("count text: %w", err)
	}
	switch res {
	case 1:
		s.refused(&s.stats.refusedPerNumber, "text", hash, ErrRateLimited)
		return ErrRateLimited
	case 2:
		s.refused(&s.stats.refusedGlobal, "text", hash, ErrCapReached)
		return ErrCapReached
	}
	return nil
}
