// Package session keeps short-lived conversation state (a call's step, a
// texter's last list) in Redis as JSON, with a time to live, so any instance of
// the line can answer the next webhook.
package session

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/roundtrip"
)

// Store reads and writes state under keys with a fixed prefix.
type Store struct {
	rdb    redis.UniversalClient
	prefix string
}

// New returns a Store that keeps keys under prefix (for example "hl:call:").
// Every command goes through roundtrip.Exec, so when rdb is an autopipeliner's
// deferred face, state shares round trips with other webhooks' commands.
func New(rdb redis.UniversalClient, prefix string) *Store {
	return &Store{rdb: rdb, prefix: prefix}
}

// Load decodes the state saved under key into v. It reports false, with no
// error, when there is none (never saved, or expired). A *json.RawMessage
// receives the saved bytes as they are, for a caller that decodes them only
// if it needs them.
func (s *Store) Load(ctx context.Context, key string, v any) (bool, error) {
	return s.LoadAlso(ctx, key, v, func(redis.Pipeliner) {})
}

// LoadAlso is Load with other commands, queued on the pipeline by also, sent
// with it. Its result and error are the state's alone; each queued command
// carries its own, except that when the error wraps roundtrip.ErrGaveUp (ctx
// ended first) none may be read.
func (s *Store) LoadAlso(ctx context.Context, key string, v any, also func(redis.Pipeliner)) (bool, error) {
	pipe := s.rdb.Pipeline()
	get := pipe.Get(ctx, s.prefix+key)
	also(pipe)
	if err := roundtrip.Exec(ctx, s.rdb, pipe); errors.Is(err, roundtrip.ErrGaveUp) {
		return false, fmt.Errorf("session: load: %w", err)
	}
	return decode(get, v)
}

func decode(get *redis.StringCmd, v any) (bool, error) {
	b, err := get.Bytes()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("session: load: %w", err)
	}
	if raw, ok := v.(*json.RawMessage); ok {
		*raw = append((*raw)[:0], b...) // unchecked: the caller decodes it if need be
		return true, nil
	}
	if err := json.Unmarshal(b, v); err != nil {
		return false, fmt.Errorf("session: decode: %w", err)
	}
	return true, nil
}

// Save stores v under key for ttl.
func (s *Store) Save(ctx context.Context, key string, v any, ttl time.Duration) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("session: encode: %w", err)
	}
	pipe := s.rdb.Pipeline()
	pipe.Set(ctx, s.prefix+key, b, ttl)
	if err := roundtrip.Exec(ctx, s.rdb, pipe); err != nil {
		return fmt.Errorf("session: save: %w", err)
	}
	return nil
}

// Delete forgets the state under key.
func (s *Store) Delete(ctx context.Context, key string) error {
	pipe := s.rdb.Pipeline()
	pipe.Del(ctx, s.prefix+key)
	if err := roundtrip.Exec(ctx, s.rdb, pipe); err != nil {
		return fmt.Errorf("session: delete: %w", err)
	}
	return nil
}

// QueueCount queues on pipe, to go in one round trip with other commands,
// adding one to the counter under key; the returned function reads its new
// value once the pipeline has run. The counter starts when first counted and
// vanishes window later, so it counts events in a fixed window: the window
// is set when the counter is created (SET NX with a TTL), so no second round
// trip is needed. It is atomic across instances.
func (s *Store) QueueCount(ctx context.Context, pipe redis.Pipeliner, key string, window time.Duration) func() (int64, error) {
	pipe.SetNX(ctx, s.prefix+key, 0, window)
	incr := pipe.Incr(ctx, s.prefix+key)
	return func() (int64, error) {
		n, err := incr.Result()
		if err != nil {
			return 0, fmt.Errorf("session: count: %w", err)
		}
		return n, nil
	}
}

// QueueLoad queues on pipe, to go in one round trip with other commands
// (LoadAlso's), the reading of the state under key; the returned function
// decodes it into v once the pipeline has run, reporting false, with no
// error, when there is none.
func (s *Store) QueueLoad(ctx context.Context, pipe redis.Pipeliner, key string, v any) func() (bool, error) {
	get := pipe.Get(ctx, s.prefix+key)
	return func() (bool, error) { return decode(get, v) }
}

// QueuePeek queues on pipe a read of the counter under key (as QueueCount
// keeps it) without adding to it; the returned function reads its value
// once the pipeline has run, 0 when there is none.
func (s *Store) QueuePeek(ctx context.Context, pipe redis.Pipeliner, key string) func() (int64, error) {
	get := pipe.Get(ctx, s.prefix+key)
	return func() (int64, error) {
		n, err := get.Int64()
		if errors.Is(err, redis.Nil) {
			return 0, nil
		}
		if err != nil {
			return 0, fmt.Errorf("session: peek: %w", err)
		}
		return n, nil
	}
}

// Add adds one to the counter under key, which vanishes window after it
// was first counted (as QueueCount's), and returns its new value.
func (s *Store) Add(ctx context.Context, key string, window time.Duration) (int64, error) {
	pipe := s.rdb.Pipeline()
	n := s.QueueCount(ctx, pipe, key, window)
	if err := roundtrip.Exec(ctx, s.rdb, pipe); errors.Is(err, roundtrip.ErrGaveUp) {
		return 0, fmt.Errorf("session: count: %w", err)
	}
	return n()
}
