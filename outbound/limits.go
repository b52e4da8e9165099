package outbound

import (
	"context"
	"errors"
	"fmt"
	"sync"
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
		return fmt.Errorf("count text: %w: %w", errRedis, err)
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

// errRedis marks a cap that could not be counted because Redis failed.
var errRedis = errors.New("redis failed")

// localCaps counts texts against the same caps in this process, for the
// hours Redis cannot count them: per number and in all, per clock hour.
type localCaps struct {
	mu     sync.Mutex
	window string
	per    map[string]int
	all    int
}

// reserve is Sender.reserve counted in memory.
func (c *localCaps) reserve(s *Sender, hash string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if w := window(s.cfg.Now()); w != c.window {
		c.window, c.per, c.all = w, map[string]int{}, 0
	}
	if !s.unlimited[hash] && c.per[hash] >= s.cfg.PerNumberPerHour {
		s.refused(&s.stats.refusedPerNumber, "text", hash, ErrRateLimited)
		return ErrRateLimited
	}
	if c.all >= s.cfg.GlobalPerHour {
		s.refused(&s.stats.refusedGlobal, "text", hash, ErrCapReached)
		return ErrCapReached
	}
	c.per[hash]++
	c.all++
	return nil
}
