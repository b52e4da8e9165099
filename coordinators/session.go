package coordinators

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Session is a signed-in coordinator. Token goes in their cookie; Redis
// keeps only its hash.
type Session struct {
	Token   string
	Email   string
	Created time.Time
}

func sessionKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return prefix + "sess:" + hex.EncodeToString(sum[:])
}

func sessionsKey(email string) string { return prefix + "sessions:" + email }

func (s *Store) newSession(ctx context.Context, email string) (Session, error) {
	b := make([]byte, 32)
	rand.Read(b)
	token := base64.RawURLEncoding.EncodeToString(b)
	now := s.now()
	key := sessionKey(token)
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, key, "email", email, "created", now.UnixMilli())
		p.Expire(ctx, key, SessionTTL)
		p.SAdd(ctx, sessionsKey(email), key)
		p.Expire(ctx, sessionsKey(email), SessionTTL)
		return nil
	})
	if err != nil {
		return Session{}, fmt.Errorf("coordinators: new session: %w", err)
	}
	return Session{Token: token, Email: email, Created: now}, nil
}

// Session returns the session for token and keeps it alive for another
// SessionTTL. A session whose account was removed is gone too. Errors:
// ErrNoSession, or a wrapped Redis error.
func (s *Store) Session(ctx context.Context, token string) (Session, error) {
	if token == "" || len(token) > 100 {
		return Session{}, ErrNoSession
	}
	key := sessionKey(token)
	m, err := s.rdb.HGetAll(ctx, key).Result()
	if err != nil {
		return Session{}, fmt.Errorf("coordinators: session: %w", err)
	}
	if m["email"] == "" {
		return Session{}, ErrNoSession
	}
	s.rdb.Expire(ctx, key, SessionTTL)
	s.rdb.Expire(ctx, sessionsKey(m["email"]), SessionTTL)
	ms, _ := strconv.ParseInt(m["created"], 10, 64)
	return Session{Token: token, Email: m["email"], Created: time.UnixMilli(ms)}, nil
}

// SignOut ends the session for token. Errors are wrapped Redis errors.
func (s *Store) SignOut(ctx context.Context, token string) error {
	if err := s.rdb.Del(ctx, sessionKey(token)).Err(); err != nil {
		return fmt.Errorf("coordinators: sign out: %w", err)
	}
	return nil
}

// endSessions ends every session of email.
func (s *Store) endSessions(ctx context.Context, email string) error {
	keys, err := s.rdb.SMembers(ctx, sessionsKey(email)).Result()
	if err != nil {
		return fmt.Errorf("coordinators: end sessions of %s: %w", email, err)
	}
	keys = append(keys, sessionsKey(email))
	// One key at a time: Redis Cluster refuses a DEL across slots, and
	// these share one only by their hash tag.
	for _, k := range keys {
		if err := s.rdb.Del(ctx, k).Err(); err != nil {
			return fmt.Errorf("coordinators: end sessions of %s: %w", email, err)
		}
	}
	return nil
}
