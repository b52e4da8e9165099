package outbound

import (
	"context"
	"fmt"
)

// OptOut records that number wants no more texts; OptIn reverses it. The
// number is kept only as its privacy hash. Errors come from Redis.
func (s *Sender) OptOut(ctx context.Context, number string) error {
	if err := s.rdb.SAdd(ctx, optOutKey, s.hasher.Hash(number)).Err(); err != nil {
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
	out, err := s.rdb.SIsMember(ctx, optOutKey, s.hasher.Hash(number)).Result()
	if err != nil {
		return false, fmt.Errorf("outbound: opted out: %w", err)
	}
	return out, nil
}
