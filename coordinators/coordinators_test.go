package coordinators_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"golang.org/x/crypto/bcrypt"

	"github.com/heritage-line/heritageline/coordinators"
	"github.com/heritage-line/heritageline/internal/redistest"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newStore(t *testing.T) (*coordinators.Store, *clock) {
	t.Helper()
	rdb, _ := redistest.Start(t)
	c := &clock{t: time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)}
	return coordinators.New(rdb, coordinators.WithCost(bcrypt.MinCost), coordinators.WithClock(c.now)), c
}

func TestAddListRemove(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	if _, err := s.Add(ctx, " Jo@Example.org ", "correct horse", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(ctx, "ann@example.org", "battery staple", "07700 900333"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		email, pw, phone string
		want             error
	}{
		{"jo@example.org", "another password", "", coordinators.ErrExists},
		{"not an address", "long enough pw", "", coordinators.ErrBadEmail},
		{"Jo <jo@example.org>", "long enough pw", "", coordinators.ErrBadEmail},
		{"new@example.org", "short", "", coordinators.ErrWeakPassword},
		{"new@example.org", "long enough pw", "12345", coordinators.ErrBadPhone},
	} {
		if _, err := s.Add(ctx, tc.email, tc.pw, tc.phone); !errors.Is(err, tc.want) {
			t.Errorf("Add(%q, %q, %q): got %v; want %v", tc.email, tc.pw, tc.phone, err, tc.want)
		}
	}
	list, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Email != "ann@example.org" || list[0].Phone != "+447700900333" || list[1].Email != "jo@example.org" {
		t.Fatalf("List: got %+v; want ann (+447700900333) then jo", list)
	}
	sess, err := s.SignIn(ctx, "jo@example.org", "correct horse", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(ctx, "JO@example.org"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, sess.Token); !errors.Is(err, coordinators.ErrNoSession) {
		t.Errorf("session after Remove: got %v; want ErrNoSession", err)
	}
	if err := s.Remove(ctx, "jo@example.org"); !errors.Is(err, coordinators.ErrNoAccount) {
		t.Errorf("Remove twice: got %v; want ErrNoAccount", err)
	}
}

func TestSignInAndSessions(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	s.Add(ctx, "jo@example.org", "correct horse", "")
	for _, tc := range []struct{ email, pw string }{
		{"jo@example.org", "wrong horse!"},
		{"nobody@example.org", "correct horse"},
	} {
		if _, err := s.SignIn(ctx, tc.email, tc.pw, ""); !errors.Is(err, coordinators.ErrWrongPassword) {
			t.Errorf("SignIn(%q, %q): got %v; want ErrWrongPassword", tc.email, tc.pw, err)
		}
	}
	sess, err := s.SignIn(ctx, "Jo@example.org", "correct horse", "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Session(ctx, sess.Token)
	if err != nil || got.Email != "jo@example.org" {
		t.Fatalf("Session: got %+v, %v; want jo@example.org", got, err)
	}
	if _, err := s.Session(ctx, sess.Token+"x"); !errors.Is(err, coordinators.ErrNoSession) {
		t.Errorf("Session(other token): got %v; want ErrNoSession", err)
	}
	if err := s.SignOut(ctx, sess.Token); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, sess.Token); !errors.Is(err, coordinators.ErrNoSession) {
		t.Errorf("Session after SignOut: got %v; want ErrNoSession", err)
	}
}

// TestLockOut: five wrong passwords lock the account for fifteen minutes,
// when even the right one fails, saying until when.
func TestLockOut(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	s.Add(ctx, "jo@example.org", "correct horse", "")
	for i := 1; i <= coordinators.MaxFailures; i++ {
		_, err := s.SignIn(ctx, "jo@example.org", "wrong horse!", "")
		var locked *coordinators.LockedError
		if i < coordinators.MaxFailures && !errors.Is(err, coordinators.ErrWrongPassword) {
			t.Fatalf("wrong password %d: got %v; want ErrWrongPassword", i, err)
		}
		if i == coordinators.MaxFailures && !errors.As(err, &locked) {
			t.Fatalf("wrong password %d: got %v; want *LockedError", i, err)
		}
	}
	_, err := s.SignIn(ctx, "jo@example.org", "correct horse", "")
	var locked *coordinators.LockedError
	if !errors.As(err, &locked) {
		t.Fatalf("right password while locked: got %v; want *LockedError", err)
	}
	if d := locked.Until.Sub(c.t); d < 14*time.Minute || d > coordinators.LockFor {
		t.Errorf("locked for %v; want about %v", d, coordinators.LockFor)
	}
}

func TestTOTP(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	s.Add(ctx, "jo@example.org", "correct horse", "")
	u, err := s.EnableTOTP(ctx, "jo@example.org")
	if err != nil {
		t.Fatal(err)
	}
	key, err := otpKey(u)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignIn(ctx, "jo@example.org", "correct horse", ""); !errors.Is(err, coordinators.ErrCodeNeeded) {
		t.Errorf("no code: got %v; want ErrCodeNeeded", err)
	}
	code, _ := totp.GenerateCode(key, c.t)
	if _, err := s.SignIn(ctx, "jo@example.org", "correct horse", code); err != nil {
		t.Errorf("right code: got %v; want a session", err)
	}
}

func TestAudit(t *testing.T) {
	ctx := context.Background()
	rdb, _ := redistest.Start(t)
	c := &clock{t: time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)}
	a := coordinators.NewAudit(rdb, c.now)
	a.Record(ctx, "jo@example.org", "old change")
	c.t = c.t.Add(coordinators.AuditRetention + time.Hour)
	a.Record(ctx, "ann@example.org", "added volunteer Sam")
	a.Record(ctx, "ann@example.org", "added volunteer Sam")
	got, err := a.Recent(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].What != "added volunteer Sam" || got[0].Who != "ann@example.org" {
		t.Fatalf("Recent: got %+v; want two entries by ann, the old one gone", got)
	}
	if n, _ := rdb.ZCard(ctx, "{hl:audit}:log").Result(); n != 2 {
		t.Errorf("entries kept: got %d; want 2 (13 months old forgotten)", n)
	}
}

func otpKey(u string) (string, error) {
	k, err := otp.NewKeyFromURL(u)
	if err != nil {
		return "", err
	}
	return k.Secret(), nil
}
