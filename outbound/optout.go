package outbound

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// OptOut records that number wants no more texts; OptIn reverses it. The
// number is kept only as its privacy hash. Errors come from Redis.
func (s *Sender) OptOut(ctx context.Context, number string) error {
	if err := s.rdb.SAdd(ctx, optOutKey, s.hasher.Hash(number)).Err(); err != nil {
		return fmt.Errorf("outbound: opt out: %w", err)
	}
	return nil
}

// OptOutHash is OptOut for a number known only by its keyed hash (an
// opt-out kept on disk while Redis was down). Errors come from Redis.
func (s *Sender) OptOutHash(ctx context.Context, hash string) error {
	if err := s.rdb.SAdd(ctx, optOutKey, hash).Err(); err != nil {
		return fmt.Errorf("outbound: opt out: %w", err)
	}
	return nil
}

// OptIn reverses OptOut. Opting in a number that never opted out is not an
// error. Errors come from Redis.
func (s *Sender) OptIn(ctx context.Context, number string) error {
	if err := s.rdb.SRem(ctx, optOutKey, s.hasher.Hash(number)).Err(); err != nil {
		return fmt.Errorf("outbound: opt in: %w", err)
	}
	return nil
}

// OptedOut reports whether number has opted out. Errors come from Redis.
func (s *Sender) OptedOut(ctx context.Context, number string) (bool, error) {
	pipe := s.rdb.Pipeline()
	opted := s.QueueOptedOut(ctx, pipe, number)
	_, _ = pipe.Exec(ctx) // the error is read by opted
	return opted()
}

// QueueOptedOut queues the OptedOut check on pipe, to go in one round trip
// with other commands; the returned function reads its answer once the
// pipeline has run.
func (s *Sender) QueueOptedOut(ctx context.Context, pipe redis.Pipeliner, number string) func() (bool, error) {
	cmd := pipe.SIsMember(ctx, optOutKey, s.hasher.Hash(number))
	return func() (bool, error) {
		out, err := cmd.Result()
		if err != nil {
			return false, fmt.Errorf("outbound: opted out: %w", err)
		}
		return out, nil
	}
}
