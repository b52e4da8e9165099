package coordinators

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// AuditRetention is how long the audit log keeps an entry: 13 months.
const AuditRetention = 396 * 24 * time.Hour

// Entry is one change in the audit log: who made it, what it was, when.
// What never holds a resident's number.
type Entry struct {
	At   time.Time `json:"at"`
	Who  string    `json:"who"`
	What string    `json:"what"`
	ID   string    `json:"id"` // makes equal entries distinct members
}

// Audit is the log of every change made from the console or the command
// line, kept AuditRetention, in Redis. Safe for concurrent use.
type Audit struct {
	rdb redis.UniversalClient
	now func() time.Time
}

// NewAudit returns the audit log on rdb; now may be nil (time.Now).
func NewAudit(rdb redis.UniversalClient, now func() time.Time) *Audit {
	if now == nil {
		now = time.Now
	}
	return &Audit{rdb: rdb, now: now}
}

const auditKey = "{hl:audit}:log" // sorted set of JSON entries, scored by time

// Record writes who did what, now, and forgets entries older than
// AuditRetention. Errors are wrapped Redis errors.
func (a *Audit) Record(ctx context.Context, who, what string) error {
	b := make([]byte, 6)
	rand.Read(b)
	e := Entry{At: a.now(), Who: who, What: what, ID: hex.EncodeToString(b)}
	raw, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("coordinators: audit: %w", err)
	}
	_, err = a.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.ZAdd(ctx, auditKey, redis.Z{Score: float64(e.At.UnixMilli()), Member: raw})
		p.ZRemRangeByScore(ctx, auditKey, "-inf", fmt.Sprint("(", e.At.Add(-AuditRetention).UnixMilli()))
		return nil
	})
	if err != nil {
		return fmt.Errorf("coordinators: audit: %w", err)
	}
	return nil
}

// Recent returns at most n entries, newest first, none older than
// AuditRetention. Errors are wrapped Redis errors, or a decoding error.
func (a *Audit) Recent(ctx context.Context, n int) ([]Entry, error) {
	min := fmt.Sprint(a.now().Add(-AuditRetention).UnixMilli())
	raws, err := a.rdb.ZRevRangeByScore(ctx, auditKey, &redis.ZRangeBy{Min: min, Max: "+inf", Count: int64(n)}).Result()
	if err != nil {
		return nil, fmt.Errorf("coordinators: audit: %w", err)
	}
	out := make([]Entry, 0, len(raws))
	for _, r := range raws {
		var e Entry
		if err := json.Unmarshal([]byte(r), &e); err != nil {
			return nil, fmt.Errorf("coordinators: audit entry: %w", err)
		}
		out = append(out, e)
	}
	return out, nil
}
