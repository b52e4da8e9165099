package followup

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/words"
)

// Off is the follow-up switched off (FOLLOWUP=off): it never offers a
// follow-up, takes no text as an answer and keeps nothing. It has the
// Diary's methods the SMS and voice lines use, so they need no "if" of
// their own.
type Off struct{}

// QueuePending queues nothing and reads the zero Pending.
func (Off) QueuePending(context.Context, redis.Pipeliner, string) func() (Pending, error) {
	return func() (Pending, error) { return Pending{}, nil }
}

// Reply takes no text as an answer.
func (Off) Reply(context.Context, string, string, Pending, string) (string, bool, error) {
	return "", false, nil
}

// MayOffer is always false.
func (Off) MayOffer(context.Context, string) (bool, error) { return false, nil }

// Offer records nothing; it is never called while MayOffer is false.
func (Off) Offer(context.Context, string, Activity, string, words.Lang) (time.Time, error) {
	return time.Time{}, nil
}

// Consent refuses: nothing was offered.
func (Off) Consent(context.Context, string, string) (time.Time, error) {
	return time.Time{}, ErrNothingOffered
}

// Stop has nothing to stop.
func (Off) Stop(context.Context, string) error { return nil }

// ConsentWellbeing refuses: nothing was offered.
func (Off) ConsentWellbeing(context.Context, string, string, words.Lang) error {
	return ErrNothingOffered
}

// Answer keeps nothing.
func (Off) Answer(context.Context, string, int, int, int) error { return nil }

// Questionnaire is ONS4, never asked.
func (Off) Questionnaire() Questionnaire { return ONS4{} }

// Question is never asked.
func (Off) Question(words.Lang, int, bool) string { return "" }

// FollowUpDue is DefaultAfter after now: nothing is ever due.
func (Off) FollowUpDue(now time.Time) time.Time { return now.Add(DefaultAfter) }
