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
)

// Store reads and writes state under keys with a fixed prefix.
type Store struct {
	rdb    redis.UniversalClient
	prefix string
}

// New returns a Store that keeps keys under prefix (for example "hl:call:").
func New(rdb redis.UniversalClient, prefix string) *Store {
	return &Store{rdb: rdb, prefix: prefix}
}

// Load decodes the state saved under key into v. It reports false, with no
// error, when there is none (never saved, or expired).
func (s *Store) Load(ctx context.Context, key string, v any) (bool, error) {
	return decode(s.rdb.Get(ctx, s.prefix+key), v)
}

// LoadAlso is Load with other reads, queued on the pipeline by also, sent in
// the same round trip. Its result and error are the state's alone; each
// queued command carries its own.
func (s *Store) LoadAlso(ctx context.Context, key string, v any, also func(redis.Pipeliner)) (bool, error) {
	pipe := s.rdb.Pipeline()
	get := pipe.Get(ctx, s.prefix+key)
	also(pipe)
	_, _ = pipe.Exec(ctx) // each command's error is read from it
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
	if err := s.rdb.Set(ctx, s.prefix+key, b, ttl).Err(); err != nil {
		return fmt.Errorf("session: save: %w", err)
	}
	return nil
}

// Delete forgets the state under key.
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := s.rdb.Del(ctx, s.prefix+key).Err(); err != nil {
		return fmt.Errorf("session: delete: %w", err)
	}
	return nil
}

// Count adds one to the counter under key and returns its new value. The
// counter starts when first counted and vanishes window later, so it counts
// events in a fixed window. It is atomic across instances.
func (s *Store) Count(ctx context.Context, key string, window time.Duration) (int64, error) {
	n, err := s.rdb.Incr(ctx, s.prefix+key).Result()
	if err != nil {
		return 0, fmt.Errorf("session: count: %w", err)
	}
	if n == 1 {
		if err := s.rdb.Expire(ctx, s.prefix+key, window).Err(); err != nil {
			return n, fmt.Errorf("session: count: %w", err)
		}
	}
	return n, nil
}

// ErrSave marks an error of SaveAndCount in which the state may not have
// been saved.
var ErrSave = errors.New("session: save")

// SaveAndCount stores v under key for ttl, as Save, and adds one to the
// counter under countKey, as Count, in one round trip (two when the counter
// is new and its window must be set). It returns the counter's new value.
// When the state may not have been saved the error wraps ErrSave (and the
// Redis error); when only the count failed it does not, and the value is 0.
func (s *Store) SaveAndCount(ctx context.Context, key string, v any, ttl time.Duration, countKey string, window time.Duration) (int64, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return 0, fmt.Errorf("%w: encode: %w", ErrSave, err)
	}
	pipe := s.rdb.Pipeline()
	set := pipe.Set(ctx, s.prefix+key, b, ttl)
	incr := pipe.Incr(ctx, s.prefix+countKey)
	_, _ = pipe.Exec(ctx) // each command's error is read below
	if err := set.Err(); err != nil {
		return 0, fmt.Errorf("%w: %w", ErrSave, err)
	}
	n, err := incr.Result()
	if err != nil {
		return 0, fmt.Errorf("session: count: %w", err)
	}
	if n == 1 {
		if err := s.rdb.Expire(ctx, s.prefix+countKey, window).Err(); err != nil {
			return n, fmt.Errorf("session: count: %w", err)
		}
	}
	return n, nil
}
