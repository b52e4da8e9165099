package coordinators

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// issuer names the line in a coordinator's authenticator app.
const issuer = "Heritage Line"

// EnableTOTP gives the account a second factor, replacing any it had, and
// returns the otpauth:// URL to put in an authenticator app (it holds the
// secret: show it once, to the coordinator only). From then on SignIn wants
// the app's six-digit code. Errors: ErrNoAccount, or a wrapped error.
func (s *Store) EnableTOTP(ctx context.Context, email string) (string, error) {
	a, err := s.Get(ctx, email)
	if err != nil {
		return "", err
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: a.Email})
	if err != nil {
		return "", fmt.Errorf("coordinators: totp for %s: %w", a.Email, err)
	}
	if err := s.rdb.HSet(ctx, accountKey(a.Email), "totp", key.Secret()).Err(); err != nil {
		return "", fmt.Errorf("coordinators: totp for %s: %w", a.Email, err)
	}
	return key.URL(), nil
}

// DisableTOTP removes the account's second factor. Errors: ErrNoAccount, or
// a wrapped Redis error.
func (s *Store) DisableTOTP(ctx context.Context, email string) error {
	a, err := s.Get(ctx, email)
	if err != nil {
		return err
	}
	if err := s.rdb.HDel(ctx, accountKey(a.Email), "totp").Err(); err != nil {
		return fmt.Errorf("coordinators: totp for %s: %w", a.Email, err)
	}
	return nil
}

// validCode reports whether code is the six-digit code for secret at t (or
// thirty seconds either side, for a phone's clock).
func validCode(secret, code string, t time.Time) bool {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	ok, err := totp.ValidateCustom(code, secret, t, totp.ValidateOpts{
		Period: 30, Skew: 1, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1,
	})
	return err == nil && ok
}
