// Package followup closes the loop after signposting (issue 19): with a
// resident's consent, the line texts them once, some days after they had an
// activity's details, to ask whether they went; offers other activities, a
// volunteer's call or a buddy (a volunteer to go along the first time) to
// those who did not; and, with a separate consent, asks the ONS personal
// wellbeing questions when they agree and again some weeks later.
//
// Everything lives in Redis under the resident's keyed hash (privacy.Hasher).
// The one thing that must be read back, the number to text, is kept sealed
// with AES-256-GCM (Sealer) and only until the last follow-up has gone;
// wellbeing answers are kept apart from it, never with the number. The
// Scheduler sends each follow-up exactly once, even with several instances
// of the line sharing one Redis.
package followup

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/volunteers"
	"github.com/heritage-line/heritageline/words"
)

// Defaults for Config.
const (
	DefaultAfter          = 14 * 24 * time.Hour // FOLLOWUP_AFTER
	DefaultWellbeingAfter = 8 * 7 * 24 * time.Hour
	DefaultMinGap         = 24 * time.Hour
	DefaultReplyWindow    = 7 * 24 * time.Hour
	DefaultRetention      = 396 * 24 * time.Hour
)

// Config is the follow-up's settings. Zero values take the defaults.
type Config struct {
	LineName   string // "Heritage Line", in the texts the line starts
	LineNumber string // the line's number as a resident writes it: "01632 960000"
	// After is how long after consent the follow-up goes (FOLLOWUP_AFTER).
	After time.Duration
	// WellbeingAfter is how long after the first wellbeing answers the
	// questions are asked again (WELLBEING_AFTER).
	WellbeingAfter time.Duration
	// MinGap is the least time between two texts the line starts to one
	// person (FOLLOWUP_MIN_GAP).
	MinGap time.Duration
	// Hours are when the line may start a text (FOLLOWUP_HOURS); the zero
	// Hours means DefaultHours.
	Hours *Hours
	// ReplyWindow is how long a question waits for its answer; a text
	// after it is read as a new request.
	ReplyWindow time.Duration
	// Retention is how long a consent record and the wellbeing answers are
	// kept after their last change (RETENTION_DAYS).
	Retention time.Duration
	// Questionnaire is the wellbeing measure; default ONS4.
	Questionnaire Questionnaire
	// Unstaffed, when set, says whether nobody rings back or goes along (a
	// real line whose roster is empty): replies then offer no CALL or
	// BUDDY, and BUDDY queues nothing.
	Unstaffed func() bool
	Now       func() time.Time
}

// Texter sends a text the line starts (*outbound.Sender: country codes,
// caps and opt-outs).
type Texter interface {
	SendText(ctx context.Context, to, body string) error
}

// Desk queues a buddy request as a callback of kind "buddy"
// (*volunteers.Desk).
type Desk interface {
	RequestCallback(ctx context.Context, req volunteers.CallbackRequest) (volunteers.Callback, error)
}

// Deps are the Diary's collaborators. Sealer, Hasher and Texter are
// required; Textable (the number policy: may this number be texted?)
// defaults to UK mobiles only; Desk may be nil (no buddies); Figures
// defaults to figures.Discard; Log discards by default.
type Deps struct {
	Sealer   *Sealer
	Hasher   privacy.Hasher
	Texter   Texter
	Textable func(number string) bool
	Desk     Desk
	Figures  figures.Recorder
	Log      *slog.Logger
}

// Diary keeps the follow-ups: offers, consents, the questions waiting for
// an answer, the due-queue and the wellbeing answers. Safe for concurrent
// use; any instance of the line may serve any resident.
type Diary struct {
	cfg  Config
	deps Deps
	rdb  redis.UniversalClient
	wake chan struct{} // nudges a Scheduler in this process when something is queued
}

// New returns a Diary keeping its records in rdb.
func New(cfg Config, rdb redis.UniversalClient, deps Deps) *Diary {
	cfg.LineName = cmp.Or(cfg.LineName, "Heritage Line")
	cfg.After = cmp.Or(cfg.After, DefaultAfter)
	cfg.WellbeingAfter = cmp.Or(cfg.WellbeingAfter, DefaultWellbeingAfter)
	cfg.MinGap = cmp.Or(cfg.MinGap, DefaultMinGap)
	cfg.ReplyWindow = cmp.Or(cfg.ReplyWindow, DefaultReplyWindow)
	cfg.Retention = cmp.Or(cfg.Retention, DefaultRetention)
	if cfg.Hours == nil {
		h := MustHours(DefaultHours)
		cfg.Hours = &h
	}
	if cfg.Questionnaire == nil {
		cfg.Questionnaire = ONS4{}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if deps.Textable == nil {
		deps.Textable = UKMobile
	}
	if deps.Figures == nil {
		deps.Figures = figures.Discard{}
	}
	if deps.Log == nil {
		deps.Log = slog.New(slog.DiscardHandler)
	}
	return &Diary{cfg: cfg, deps: deps, rdb: rdb, wake: make(chan struct{}, 1)}
}

// UKMobile reports whether number is a UK mobile (+447, not the +4470
// personal numbers): the numbers the line texts when no number policy is
// given.
func UKMobile(number string) bool {
	n := privacy.Normalise(number)
	return strings.HasPrefix(n, "+447") && !strings.HasPrefix(n, "+4470") && len(n) == 13
}

// Questionnaire returns the wellbeing measure asked.
func (d *Diary) Questionnaire() Questionnaire { return d.cfg.Questionnaire }

// Keys share the {hl:fu} hash tag, so a script's keys live in one slot of a
// Redis Cluster.
const (
	prefix     = "{hl:fu}:"
	dueKey     = prefix + "due"     // sorted set of items by when they are due (ms)
	claimedKey = prefix + "claimed" // sorted set of items being sent, by when the claim lapses (ms)
	answersKey = prefix + "wb"      // sorted set of people with answers, by their last (ms)
)

func personKey(hash string) string  { return prefix + "p:" + hash }
func answerKey(hash string) string  { return prefix + "wb:" + hash }
func gapKey(hash string) string     { return prefix + "gap:" + hash }
func item(hash, kind string) string { return hash + ":" + kind }

// The texts the line starts, by item kind.
const (
	kindWent  = "went"  // did you go to the activity?
	kindAgain = "again" // the wellbeing questions again
)

// Channels a consent or a question came by.
const (
	ViaSMS   = "sms"
	ViaVoice = "voice"
)

// Questions the line may be waiting for an answer to, by text.
const (
	askOffer     = "offer"     // a follow-up text? YES
	askWellbeing = "wellbeing" // the wellbeing questions? YES or NO
	askWent      = "went"      // did you go? 1, 2 or 3
	askAgain     = "again"     // the questions again? YES
	askItem      = "ons"       // "ons:<round>:<item>": a wellbeing question
)

// Activity is what a follow-up is about: the activity whose details the
// resident had.
type Activity struct {
	ID, Title, Town string
}

// Pending is what the line knows of a texter's follow-up when their text
// arrives: read with their conversation state in one round trip
// (QueuePending).
type Pending struct {
	Offered  bool      // the follow-up has been offered once: it is never offered again
	Question string    // the question waiting for an answer, "" for none
	Asked    time.Time // when it was asked
	Activity Activity
	Lang     words.Lang
	Agreed   bool // they agreed to the follow-up
	Stopped  bool // they texted STOP: nothing more
}

var pendingFields = []string{"asked", "q", "q_at", "act", "title", "town", "lang", "fu_at", "stopped"}

// QueuePending queues, on pipe, the read of hash's follow-up; the returned
// function reads it once the pipeline has run. A person the line has never
// offered a follow-up gives the zero Pending.
func (d *Diary) QueuePending(ctx context.Context, pipe redis.Pipeliner, hash string) func() (Pending, error) {
	cmd := pipe.HMGet(ctx, personKey(hash), pendingFields...)
	return func() (Pending, error) {
		vals, err := cmd.Result()
		if err != nil {
			return Pending{}, fmt.Errorf("followup: read %s: %w", hash, err)
		}
		s := func(i int) string { v, _ := vals[i].(string); return v }
		return Pending{
			Offered: s(0) != "", Question: s(1), Asked: millis(s(2)),
			Activity: Activity{ID: s(3), Title: s(4), Town: s(5)}, Lang: words.Lang(s(6)),
			Agreed: s(7) != "", Stopped: s(8) != "",
		}, nil
	}
}

// Pending reads hash's follow-up on its own.
func (d *Diary) Pending(ctx context.Context, hash string) (Pending, error) {
	pipe := d.rdb.Pipeline()
	read := d.QueuePending(ctx, pipe, hash)
	_, _ = pipe.Exec(ctx) // the error is read by read
	return read()
}

// MayOffer reports whether the follow-up may be offered to number now: it
// may be texted (the number policy) and has never been offered it.
func (d *Diary) MayOffer(ctx context.Context, number string) (bool, error) {
	if !d.deps.Textable(number) {
		return false, nil
	}
	n, err := d.rdb.HExists(ctx, personKey(d.deps.Hasher.Hash(number)), "asked").Result()
	if err != nil {
		return false, fmt.Errorf("followup: may offer: %w", err)
	}
	return !n, nil
}

// Offer records that the follow-up about a was offered to number, by via
// (ViaSMS: the offer then waits for YES by text), and returns when the
// follow-up would go if they agreed now, for the offer's words.
func (d *Diary) Offer(ctx context.Context, number string, a Activity, via string, lang words.Lang) (time.Time, error) {
	hash := d.deps.Hasher.Hash(number)
	now := d.cfg.Now()
	f := []any{"asked", ms(now), "act", a.ID, "title", a.Title, "town", a.Town, "lang", string(lang)}
	if via == ViaSMS {
		f = append(f, "q", askOffer, "q_at", ms(now))
	}
	if err := d.write(ctx, hash, f...); err != nil {
		return time.Time{}, fmt.Errorf("followup: offer: %w", err)
	}
	d.deps.Figures.Record(ctx, figures.Event{Time: now, Channel: channel(via), Kind: figures.FollowUp, Outcome: "offered"})
	return d.WhenDue(now.Add(d.cfg.After)), nil
}

// WhenDue is when a text due at t would go: the next time within hours.
func (d *Diary) WhenDue(t time.Time) time.Time { return d.cfg.Hours.Next(t) }

// FollowUpDue is when the follow-up would go if its offer were agreed at
// now: Config.After later, within hours.
func (d *Diary) FollowUpDue(now time.Time) time.Time { return d.WhenDue(now.Add(d.cfg.After)) }

// write sets fields on hash's record and keeps it for the retention period.
func (d *Diary) write(ctx context.Context, hash string, fields ...any) error {
	_, err := d.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, personKey(hash), fields...)
		p.PExpire(ctx, personKey(hash), d.cfg.Retention)
		return nil
	})
	return err
}

// ErrNotTextable means the number may not be texted (the number policy), so
// no follow-up can be arranged.
var ErrNotTextable = errors.New("followup: the line may not text this number")

// ErrNothingOffered means a consent came for a person who was never
// offered a follow-up.
var ErrNothingOffered = errors.New("followup: no follow-up was offered")

// Consent records that number agreed, by via, to the follow-up they were
// offered, with the time, channel and the exact wording version, seals the
// number, and queues the follow-up after Config.After. It returns when the
// text will go (within hours). Errors: ErrNotTextable, ErrNothingOffered, or
// a wrapped Redis error.
func (d *Diary) Consent(ctx context.Context, number, via string) (time.Time, error) {
	if !d.deps.Textable(number) {
		return time.Time{}, ErrNotTextable
	}
	hash := d.deps.Hasher.Hash(number)
	p, err := d.Pending(ctx, hash)
	if err != nil {
		return time.Time{}, err
	}
	if p.Activity.ID == "" {
		return time.Time{}, ErrNothingOffered
	}
	now := d.cfg.Now()
	due := now.Add(d.cfg.After)
	book := words.For(p.Lang)
	_, err = d.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pk := personKey(hash)
		pipe.HSet(ctx, pk, "fu_at", ms(now), "fu_via", via, "fu_wording", book.ConsentWording("followup", via == ViaVoice),
			"num", d.deps.Sealer.Seal(privacy.Normalise(number), hash), kindWent+"_state", "due", kindWent+"_due", ms(due))
		pipe.HDel(ctx, pk, "stopped", "q", "q_at")
		if via == ViaSMS {
			pipe.HSet(ctx, pk, "q", askWellbeing, "q_at", ms(now))
		}
		pipe.PExpire(ctx, pk, d.cfg.Retention)
		pipe.ZAdd(ctx, dueKey, redis.Z{Score: float64(ms(due)), Member: item(hash, kindWent)})
		return nil
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("followup: consent: %w", err)
	}
	d.deps.Log.InfoContext(ctx, "follow-up agreed", "person", hash, "via", via)
	d.deps.Figures.Record(ctx, figures.Event{Time: now, Channel: channel(via), Kind: figures.FollowUp, Outcome: "agreed"})
	d.nudge()
	return d.WhenDue(due), nil
}

// ConsentWellbeing records that number agreed, by via, to the wellbeing
// questions (a consent apart from the follow-up's: they are health
// information), queues the questions again after Config.WellbeingAfter,
// and, by text, waits for the first answer. Errors: ErrNotTextable, or a
// wrapped Redis error.
func (d *Diary) ConsentWellbeing(ctx context.Context, number, via string, lang words.Lang) error {
	if !d.deps.Textable(number) {
		return ErrNotTextable
	}
	hash := d.deps.Hasher.Hash(number)
	now := d.cfg.Now()
	due := now.Add(d.cfg.WellbeingAfter)
	_, err := d.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pk := personKey(hash)
		pipe.HSet(ctx, pk, "wb_at", ms(now), "wb_via", via, "wb_wording", words.For(lang).ConsentWording("wellbeing", via == ViaVoice),
			"num", d.deps.Sealer.Seal(privacy.Normalise(number), hash), kindAgain+"_state", "due", kindAgain+"_due", ms(due))
		if via == ViaSMS {
			pipe.HSet(ctx, pk, "q", askQuestion(1, 0), "q_at", ms(now))
		} else {
			pipe.HDel(ctx, pk, "q", "q_at")
		}
		pipe.PExpire(ctx, pk, d.cfg.Retention)
		pipe.ZAdd(ctx, dueKey, redis.Z{Score: float64(ms(due)), Member: item(hash, kindAgain)})
		return nil
	})
	if err != nil {
		return fmt.Errorf("followup: wellbeing consent: %w", err)
	}
	d.deps.Log.InfoContext(ctx, "wellbeing questions agreed", "person", hash, "via", via)
	d.deps.Figures.Record(ctx, figures.Event{Time: now, Channel: channel(via), Kind: figures.FollowUp, Outcome: "wellbeing"})
	d.nudge()
	return nil
}

// Answer keeps one wellbeing answer of round (1 when they agreed, 2 when
// asked again) to question i of the questionnaire, under hash only, apart
// from anything that could name them. It returns an error for a question or
// value out of range, or a wrapped Redis error.
func (d *Diary) Answer(ctx context.Context, hash string, round, i, value int) error {
	items := d.cfg.Questionnaire.Items()
	if round < 1 || round > 2 || i < 0 || i >= len(items) || value < items[i].Min || value > items[i].Max {
		return fmt.Errorf("followup: answer round %d question %d: %d is out of range", round, i, value)
	}
	now := d.cfg.Now()
	name := d.cfg.Questionnaire.Name()
	_, err := d.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		ak := answerKey(hash)
		p.HSet(ctx, ak, answerField(name, round, items[i].ID), value, answerField(name, round, "at"), ms(now))
		p.PExpire(ctx, ak, d.cfg.Retention)
		p.ZAdd(ctx, answersKey, redis.Z{Score: float64(ms(now)), Member: hash})
		return nil
	})
	if err != nil {
		return fmt.Errorf("followup: answer: %w", err)
	}
	return nil
}

// answerField names one stored answer: "ons4:1:life".
func answerField(questionnaire string, round int, id string) string {
	return questionnaire + ":" + strconv.Itoa(round) + ":" + id
}

// askQuestion is the open question for item i of round.
func askQuestion(round, i int) string {
	return askItem + ":" + strconv.Itoa(round) + ":" + strconv.Itoa(i)
}

// parseQuestion reads askQuestion's form.
func parseQuestion(q string) (round, i int, ok bool) {
	parts := strings.Split(q, ":")
	if len(parts) != 3 || parts[0] != askItem {
		return 0, 0, false
	}
	r, err1 := strconv.Atoi(parts[1])
	n, err2 := strconv.Atoi(parts[2])
	return r, n, err1 == nil && err2 == nil
}

// stopScript ends everything for one person at once (STOP): the items
// leave the queue, the number and the open question are forgotten, and
// the wellbeing answers are erased, their consent withdrawn. A text being
// sent at that moment cannot be called back.
var stopScript = redis.NewScript(`
for _, kind in ipairs({'went', 'again'}) do
  local m = ARGV[1] .. ':' .. kind
  redis.call('ZREM', KEYS[1], m)
  redis.call('ZREM', KEYS[2], m)
  local st = redis.call('HGET', KEYS[3], kind .. '_state')
  if st == 'due' or (st and (string.sub(st, 1, 8) == 'claimed:' or string.sub(st, 1, 8) == 'sending:')) then
    redis.call('HSET', KEYS[3], kind .. '_state', 'cancelled')
  end
end
if redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('HDEL', KEYS[3], 'num', 'q', 'q_at')
  redis.call('HSET', KEYS[3], 'stopped', ARGV[2])
end
redis.call('DEL', KEYS[4])
redis.call('ZREM', KEYS[5], ARGV[1])
return 0
`)

// Stop ends every follow-up of number at once, forgets the number and
// erases their wellbeing answers (STOP). It is safe to call for anyone,
// whether or not they had a follow-up. Errors are wrapped Redis errors.
func (d *Diary) Stop(ctx context.Context, number string) error {
	hash := d.deps.Hasher.Hash(number)
	keys := []string{dueKey, claimedKey, personKey(hash), answerKey(hash), answersKey}
	if err := stopScript.Run(ctx, d.rdb, keys, hash, ms(d.cfg.Now())).Err(); err != nil {
		return fmt.Errorf("followup: stop: %w", err)
	}
	d.deps.Log.InfoContext(ctx, "follow-up stopped", "person", hash)
	return nil
}

// nudge wakes a Scheduler in this process to look at the queue again.
func (d *Diary) nudge() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

func channel(via string) figures.Channel {
	if via == ViaVoice {
		return figures.Voice
	}
	return figures.SMS
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func millis(s string) time.Time {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n == 0 {
		return time.Time{}
	}
	return time.UnixMilli(n)
}
