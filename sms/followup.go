package sms

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/followup"
	"github.com/heritage-line/heritageline/smstext"
	"github.com/heritage-line/heritageline/words"
)

// FollowUps is what the SMS line uses of the follow-up (issue 19):
// *followup.Diary, or followup.Off when FOLLOWUP=off.
type FollowUps interface {
	// QueuePending queues the read of a texter's follow-up with their state.
	QueuePending(ctx context.Context, pipe redis.Pipeliner, hash string) func() (followup.Pending, error)
	// Reply answers a text that answers what the follow-up last asked.
	Reply(ctx context.Context, from, hash string, p followup.Pending, body string) (string, bool, error)
	// MayOffer reports whether the follow-up may be offered to number.
	MayOffer(ctx context.Context, number string) (bool, error)
	// Offer records the offer and returns when the follow-up would go.
	Offer(ctx context.Context, number string, a followup.Activity, via string, lang words.Lang) (time.Time, error)
	// Stop ends every follow-up of number at once (STOP).
	Stop(ctx context.Context, number string) error
	// FollowUpDue is when the follow-up would go if agreed at now.
	FollowUpDue(now time.Time) time.Time
}

var (
	_ FollowUps = (*followup.Diary)(nil)
	_ FollowUps = followup.Off{}
)

// followUpReply answers a text that answers the follow-up's open question
// (YES to the offer, a wellbeing answer, 1, 2 or 3 to "did you go?", or
// BUDDY), reporting false when the text is no such answer.
func (l *Line) followUpReply(ctx context.Context, from, hash string, tx texter, body string) (string, bool, error) {
	if tx.pending == nil {
		return "", false, nil
	}
	p, err := tx.pending()
	if err != nil {
		// The follow-up cannot be read: treat the text as any other.
		l.deps.Log.WarnContext(ctx, "read follow-up", "person", hash, "err", err)
		return "", false, nil
	}
	if p.Question == "" && !p.Agreed {
		return "", false, nil
	}
	reply, ok, err := l.deps.FollowUps.Reply(ctx, from, hash, p, body)
	if err != nil {
		return "", true, fmt.Errorf("sms: follow-up reply: %w", err)
	}
	return reply, ok, nil
}

// withFollowUpOffer adds, once ever, to an activity's details texted to
// from the offer of a follow-up text about it ("Reply YES"), when the
// details leave room for it within the reply's segments and the number may
// be texted. Trouble offering is logged; the details go anyway.
func (l *Line) withFollowUpOffer(ctx context.Context, from, hash string, a catalogue.Activity, details string) string {
	log := l.deps.Log.With("person", hash)
	ok, err := l.deps.FollowUps.MayOffer(ctx, from)
	if err != nil {
		log.WarnContext(ctx, "follow-up: may offer", "err", err)
		return details
	}
	if !ok {
		return details
	}
	now := l.cfg.Now()
	// The offer must fit the reply with the date it will say.
	trial := details + "\n" + l.book.FollowUpOffer(l.book.ShortDate(l.deps.FollowUps.FollowUpDue(now), now))
	if smstext.Segments(smstext.Normalise(trial)) > smstext.MaxSegments {
		return details // offered with a shorter reply another time
	}
	when, err := l.deps.FollowUps.Offer(ctx, from, followup.Activity{ID: a.ID, Title: a.Title, Town: a.Town}, followup.ViaSMS, l.cfg.Language)
	if err != nil {
		log.WarnContext(ctx, "follow-up: offer", "err", err)
		return details
	}
	return details + "\n" + l.book.FollowUpOffer(l.book.ShortDate(when, now))
}

// stopFollowUps ends every follow-up of from at once: they texted STOP.
func (l *Line) stopFollowUps(ctx context.Context, log func() *slog.Logger, from string) {
	if err := l.deps.FollowUps.Stop(ctx, from); err != nil {
		log().ErrorContext(ctx, "stop follow-ups", "err", err)
	}
}
