// Package coordinators keeps the accounts of the people who run the line
// from the console: their email addresses and password hashes, an optional
// second factor and phone, their sessions, the lock-out after repeated wrong
// passwords, and the audit log of every change they make. Everything lives
// in Redis, so any instance of the line serves any coordinator.
package coordinators

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/redis/go-redis/v9"
	"golang.org/x/crypto/bcrypt"

	"github.com/heritage-line/heritageline/privacy"
)

var (
	// ErrExists: an account with that email address already exists.
	ErrExists = errors.New("coordinators: account already exists")
	// ErrNoAccount: no account has that email address.
	ErrNoAccount = errors.New("coordinators: no such account")
	// ErrBadEmail: the email address is not one.
	ErrBadEmail = errors.New("coordinators: not an email address")
	// ErrWeakPassword: the password is shorter than MinPassword characters.
	ErrWeakPassword = errors.New("coordinators: password too short")
	// ErrBadPhone: the phone number is not in E.164 form.
	ErrBadPhone = errors.New("coordinators: phone not in E.164 form, like +447700900123")
	// ErrWrongPassword: the email address or password (or code) is wrong.
	ErrWrongPassword = errors.New("coordinators: wrong email address or password")
	// ErrCodeNeeded: the account has a second factor and no code, or a wrong
	// one, was given.
	ErrCodeNeeded = errors.New("coordinators: the six-digit code is missing or wrong")
	// ErrNoSession: the session token is unknown or has expired.
	ErrNoSession = errors.New("coordinators: no such session")
)

// LockedError says an account is locked after too many wrong passwords, and
// until when. Even the right password fails while it lasts.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string {
	return "coordinators: account locked after " + strconv.Itoa(MaxFailures) + " wrong passwords until " + e.Until.Format(time.RFC3339)
}

const (
	// MinPassword is the shortest password accepted, in characters.
	MinPassword = 10
	// MaxPassword is the longest (bcrypt reads at most 72 bytes).
	MaxPassword = 72
	// MaxFailures wrong passwords in a row lock an account for LockFor.
	MaxFailures = 5
	// LockFor is how long an account stays locked.
	LockFor = 15 * time.Minute
	// SessionTTL is how long a session lasts without use.
	SessionTTL = 12 * time.Hour
)

// Account is one coordinator.
type Account struct {
	Email   string
	Phone   string // E.164; empty unless they ring residents back from the console
	TOTP    bool   // a second factor is set up
	Created time.Time
}

// Store keeps accounts, sessions and lock-outs in Redis. Safe for concurrent use.
type Store struct {
	rdb  redis.UniversalClient
	now  func() time.Time
	cost int
}

// Option changes a Store's defaults.
type Option func(*Store)

// WithClock reads the time from now (tests).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithCost sets bcrypt's cost; default bcrypt.DefaultCost. Tests use
// bcrypt.MinCost.
func WithCost(c int) Option { return func(s *Store) { s.cost = c } }

// New returns a Store on rdb.
func New(rdb redis.UniversalClient, opts ...Option) *Store {
	s := &Store{rdb: rdb, now: time.Now, cost: bcrypt.DefaultCost}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Every key shares one hash tag, so a Redis Cluster keeps them in one slot.
const (
	prefix      = "{hl:coord}:"
	accountsKey = prefix + "accounts" // set of email addresses
)

func accountKey(email string) string { return prefix + "acct:" + email }
func failKey(email string) string    { return prefix + "fail:" + email }
func lockKey(email string) string    { return prefix + "lock:" + email }

// NormaliseEmail returns the address lower-cased and trimmed, or ErrBadEmail.
func NormaliseEmail(email string) (string, error) {
	e := strings.ToLower(strings.TrimSpace(email))
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || a.Name != "" || !strings.Contains(e[strings.LastIndexByte(e, '@'):], ".") {
		return "", fmt.Errorf("%w: %q", ErrBadEmail, email)
	}
	return e, nil
}

func checkPassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinPassword {
		return fmt.Errorf("%w: %d characters, want at least %d", ErrWeakPassword, n, MinPassword)
	}
	if len(pw) > MaxPassword {
		return fmt.Errorf("coordinators: password longer than %d bytes", MaxPassword)
	}
	return nil
}

// Add makes an account. phone may be empty. Errors: ErrBadEmail,
// ErrWeakPassword, ErrBadPhone, ErrExists, or a wrapped Redis error.
func (s *Store) Add(ctx context.Context, email, password, phone string) (Account, error) {
	email, err := NormaliseEmail(email)
	if err != nil {
		return Account{}, err
	}
	if err := checkPassword(password); err != nil {
		return Account{}, err
	}
	if phone != "" {
		phone = privacy.Normalise(phone)
		if !privacy.IsE164(phone) {
			return Account{}, ErrBadPhone
		}
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.cost)
	if err != nil {
		return Account{}, fmt.Errorf("coordinators: add %s: %w", email, err)
	}
	now := s.now()
	ok, err := s.rdb.HSetNX(ctx, accountKey(email), "hash", string(hash)).Result()
	if err != nil {
		return Account{}, fmt.Errorf("coordinators: add %s: %w", email, err)
	}
	if !ok {
		return Account{}, fmt.Errorf("%w: %s", ErrExists, email)
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, accountKey(email), "phone", phone, "created", now.UnixMilli())
		p.SAdd(ctx, accountsKey, email)
		return nil
	})
	if err != nil {
		return Account{}, fmt.Errorf("coordinators: add %s: %w", email, err)
	}
	return Account{Email: email, Phone: phone, Created: now}, nil
}

// Get returns one account. Errors: ErrNoAccount, or a wrapped Redis error.
func (s *Store) Get(ctx context.Context, email string) (Account, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	m, err := s.rdb.HGetAll(ctx, accountKey(email)).Result()
	if err != nil {
		return Account{}, fmt.Errorf("coordinators: get %s: %w", email, err)
	}
	if m["hash"] == "" {
		return Account{}, fmt.Errorf("%w: %s", ErrNoAccount, email)
	}
	return account(email, m), nil
}

func account(email string, m map[string]string) Account {
	ms, _ := strconv.ParseInt(m["created"], 10, 64)
	return Account{Email: email, Phone: m["phone"], TOTP: m["totp"] != "", Created: time.UnixMilli(ms)}
}

// List returns every account, by email address. Errors are wrapped Redis errors.
func (s *Store) List(ctx context.Context) ([]Account, error) {
	emails, err := s.rdb.SMembers(ctx, accountsKey).Result()
	if err != nil {
		return nil, fmt.Errorf("coordinators: list: %w", err)
	}
	slices.Sort(emails)
	var out []Account
	for _, e := range emails {
		a, err := s.Get(ctx, e)
		if errors.Is(err, ErrNoAccount) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// Remove deletes an account and ends its sessions. Errors: ErrNoAccount, or
// a wrapped Redis error.
func (s *Store) Remove(ctx context.Context, email string) error {
	email = strings.ToLower(strings.TrimSpace(email))
	n, err := s.rdb.Del(ctx, accountKey(email)).Result()
	if err != nil {
		return fmt.Errorf("coordinators: remove %s: %w", email, err)
	}
	s.rdb.SRem(ctx, accountsKey, email)
	s.rdb.Del(ctx, failKey(email), lockKey(email))
	if err := s.endSessions(ctx, email); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%w: %s", ErrNoAccount, email)
	}
	return nil
}

// SetPhone sets (or, with "", clears) the number the line rings first when
// the coordinator rings a resident back. Errors: ErrBadPhone, ErrNoAccount,
// or a wrapped Redis error.
func (s *Store) SetPhone(ctx context.Context, email, phone string) error {
	if phone != "" {
		phone = privacy.Normalise(phone)
		if !privacy.IsE164(phone) {
			return ErrBadPhone
		}
	}
	if _, err := s.Get(ctx, email); err != nil {
		return err
	}
	if err := s.rdb.HSet(ctx, accountKey(email), "phone", phone).Err(); err != nil {
		return fmt.Errorf("coordinators: set phone %s: %w", email, err)
	}
	return nil
}

// dummyHash is compared against when the account does not exist, so that a
// wrong address takes as long to refuse as a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("heritage line dummy password"), bcrypt.DefaultCost)

// failScript counts a wrong password and locks the account at the limit:
// KEYS fail, lock; ARGV limit, lock seconds. It returns the lock's seconds
// left, or 0.
var failScript = redis.NewScript(`
local n = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
if n >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[2])
  redis.call('DEL', KEYS[1])
  return tonumber(ARGV[2])
end
return 0
`)

// SignIn checks an email address, password and (for an account with a second
// factor) six-digit code, and opens a session. Five wrong passwords in a row
// lock the account for LockFor: then it returns *LockedError whatever the
// password. Errors: *LockedError, ErrWrongPassword (a wrong address gives the
// same), ErrCodeNeeded, or a wrapped Redis error.
func (s *Store) SignIn(ctx context.Context, email, password, code string) (Session, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if ttl, err := s.rdb.TTL(ctx, lockKey(email)).Result(); err != nil {
		return Session{}, fmt.Errorf("coordinators: sign in: %w", err)
	} else if ttl > 0 {
		return Session{}, &LockedError{Until: s.now().Add(ttl)}
	}
	m, err := s.rdb.HGetAll(ctx, accountKey(email)).Result()
	if err != nil {
		return Session{}, fmt.Errorf("coordinators: sign in: %w", err)
	}
	hash := []byte(m["hash"])
	if len(hash) == 0 {
		hash = dummyHash
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || m["hash"] == "" {
		left, err := failScript.Run(ctx, s.rdb, []string{failKey(email), lockKey(email)}, MaxFailures, int(LockFor.Seconds())).Int()
		if err != nil {
			return Session{}, fmt.Errorf("coordinators: sign in: %w", err)
		}
		if left > 0 {
			return Session{}, &LockedError{Until: s.now().Add(time.Duration(left) * time.Second)}
		}
		return Session{}, ErrWrongPassword
	}
	if secret := m["totp"]; secret != "" && !validCode(secret, code, s.now()) {
		// A wrong code counts as a wrong password: six digits are too few
		// to leave unguarded.
		left, err := failScript.Run(ctx, s.rdb, []string{failKey(email), lockKey(email)}, MaxFailures, int(LockFor.Seconds())).Int()
		if err != nil {
			return Session{}, fmt.Errorf("coordinators: sign in: %w", err)
		}
		if left > 0 {
			return Session{}, &LockedError{Until: s.now().Add(time.Duration(left) * time.Second)}
		}
		return Session{}, ErrCodeNeeded
	}
	s.rdb.Del(ctx, failKey(email))
	return s.newSession(ctx, email)
}
