package redisstore

import (
	"context"

	"github.com/heritage-line/heritageline/catalogue"
)

// Activities returns the version in service and its activities (the active
// ones: inactive activities are never stored), sorted by id, for readers of the
// whole catalogue such as the Open Referral feed. The slice is the store's own
// copy in memory: the caller must not change it. Like Get it answers from
// memory when Redis is away, and returns catalogue.ErrNoCatalogue or
// ErrUnavailable when it has nothing to answer from.
func (s *Store) Activities(ctx context.Context) (string, []catalogue.Activity, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return "", nil, err
	}
	return snap.version, snap.acts, nil
}
