// Package volunteers is the roster of Heritage Connectors who take forwarded
// calls, their hours and duty, and the queue of callback requests they handle.
//
// The voice side rings Desk.Available; the SMS side sends a rostered number's
// texts to Desk.HandleText. The only numbers this package ever has dialled are
// roster numbers and, on a callback a volunteer has taken, the resident's own
// number (within the allowed country codes).
package volunteers

import (
	"context"
	"crypto/cipher"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/spool"
	"github.com/heritage-line/heritageline/phonepolicy"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/words"
)

// Texter sends a text from the line's number (outbound.Sender does).
type Texter interface {
	SendText(ctx context.Context, to, body string) error
}

// Caller rings a number from the line's number and does what answer says
// when it is answered, returning the call's SID (ivr.Ringer writes answer as
// TwiML for outbound.Sender). When statusCallback is not empty, Twilio posts
// the call's final status (completed, busy, no-answer, failed, canceled)
// there when it ends.
type Caller interface {
	Ring(ctx context.Context, to string, answer Answer, statusCallback string) (string, error)
}

var (
	// ErrNoNumber: the request has no number that could be rung back (a
	// withheld or malformed caller ID).
	ErrNoNumber = errors.New("volunteers: no number to ring back")
	// ErrCannotRing: the number policy (phonepolicy) refuses the resident's
	// number: outside the allowed countries, or a kind of number the line
	// does not ring (premium rate, personal, freephone ...). The error
	// returned matches the policy's refusal too (phonepolicy.ReasonOf).
	ErrCannotRing = errors.New("volunteers: the line may not ring this number")
	// ErrUnknownCallback: no callback has that reference (or it has expired).
	ErrUnknownCallback = errors.New("volunteers: no such callback")
)

// Desk runs forwarding decisions, duty and the callback queue. Safe for
// concurrent use; its state lives in Redis, so any instance may serve.
type Desk struct {
	fileRoster Roster // the roster the desk was made with (the volunteers file)
	cur        atomic.Pointer[rosterState]
	rosterMu   sync.Mutex // one read of the roster from Redis at a time
	rosterAEAD cipher.AEAD
	rdb        redis.UniversalClient
	texter     Texter
	caller     Caller
	line       string
	urls       URLs
	now        func() time.Time
	log        *slog.Logger

	ttl      time.Duration
	book     *words.Book // what volunteers hear and read
	lineName string      // "Heritage Line"
	voice    string
	numbers  *phonepolicy.Policy
	onChange func(context.Context, Timing)
	hasher   privacy.Hasher

	noticesPerHour int

	spool      *spool.Spool // callbacks kept on disk while Redis is down; nil: none
	onSpooled  func(kind string)
	dutyBudget time.Duration

	refMark RefMark
	refMu   sync.Mutex
	refHigh int64 // the highest reference number this desk knows was given
}

// Option changes a Desk's defaults.
type Option func(*Desk)

// URLs builds the URLs of the line's voice steps a volunteer's call needs
// (web.URLs does): one package owns every route and every URL.
type URLs interface {
	// VoiceStep is the absolute URL of a step of a call, with query (if
	// not empty) added as it is.
	VoiceStep(step, query string) string
}

// WithURLs sets where the desk's calls send Twilio (the line passes
// web.URLs). Default: publicURLs, the same URLs built from the public URL
// given to NewDesk, for a desk made without the web package (tests).
func WithURLs(u URLs) Option { return func(k *Desk) { k.urls = u } }

// publicURLs is the default URLs: a voice step is the public URL, then
// /twilio/voice/ and the step, as web.URLs builds it.
type publicURLs string

func (p publicURLs) VoiceStep(step, query string) string {
	s := string(p) + "/twilio/voice/" + step
	if query != "" {
		s += "?" + query
	}
	return s
}

// WithCallbackTTL sets how long a callback record (and the resident's number
// in it) is kept; default 7 days.
func WithCallbackTTL(d time.Duration) Option { return func(k *Desk) { k.ttl = d } }

// WithHasher sets the keyed hash that stands in for a number in Redis keys
// and records (duty, who holds a callback, a resident's open callback), so
// that Redis never holds a volunteer's number and a resident's only while a
// callback is open. Default: privacy's zero Hasher (an empty key); the line
// passes the one keyed with ANALYTICS_SALT.
func WithHasher(h privacy.Hasher) Option { return func(k *Desk) { k.hasher = h } }

// WithNoticesPerHour sets how many callbacks in a clock hour get a text to
// the volunteers on duty each; past that, a flood gets one summary every 15
// minutes instead. Default 4.
func WithNoticesPerHour(n int) Option { return func(k *Desk) { k.noticesPerHour = n } }

// WithVoice sets the Twilio voice for what a volunteer hears; default the
// language's (Polly.Amy for English).
func WithVoice(v string) Option { return func(k *Desk) { k.voice = v } }

// WithLanguage sets the language volunteers hear and read (the book of
// words'); default English.
func WithLanguage(l words.Lang) Option { return func(k *Desk) { k.book = words.For(l) } }

// WithLineName sets the line's name, as volunteers hear and read it;
// default "Heritage Line".
func WithLineName(name string) Option { return func(k *Desk) { k.lineName = name } }

// WithNumbers sets the number policy a resident's number must pass to be
// queued for a callback and again to be dialled; default phonepolicy.UK.
func WithNumbers(p *phonepolicy.Policy) Option { return func(k *Desk) { k.numbers = p } }

// WithOnChange is called when a callback is requested, taken and closed with
// DONE, with its timings so far (Timing.Stage says which), for the figures:
// callbacks requested, taken and done, and the time to callback.
func WithOnChange(f func(context.Context, Timing)) Option { return func(k *Desk) { k.onChange = f } }

// changed reports a callback's new stage to the OnChange hook, if any.
func (d *Desk) changed(ctx context.Context, ref string) {
	if d.onChange == nil {
		return
	}
	t, err := d.Timing(ctx, ref)
	if err != nil {
		d.log.WarnContext(ctx, "callback timings", "ref", ref, "err", err)
		return
	}
	d.onChange(ctx, t)
}

// NewDesk returns a Desk for roster that keeps duty and callbacks in rdb,
// texts volunteers through texter, rings them through caller from line (the
// line's E.164 number), and reads the time from now. publicURL is the line's
// base URL, kept for TwiML that needs to call back into the line.
func NewDesk(roster Roster, rdb redis.UniversalClient, texter Texter, caller Caller, line, publicURL string, now func() time.Time, log *slog.Logger, opts ...Option) *Desk {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if roster.RingSeconds <= 0 {
		roster.RingSeconds = DefaultRingSeconds
	}
	d := &Desk{
		fileRoster: roster, rdb: rdb, texter: texter, caller: caller,
		line: line, urls: publicURLs(strings.TrimSuffix(publicURL, "/")), now: now, log: log,
		ttl: 7 * 24 * time.Hour, book: words.For(words.English), lineName: "Heritage Line", numbers: phonepolicy.UK, noticesPerHour: 4,
		dutyBudget: 300 * time.Millisecond,
	}
	for _, o := range opts {
		o(d)
	}
	if d.voice == "" {
		d.voice = d.book.Language().Voice
	}
	if d.rosterAEAD == nil {
		d.rosterAEAD = rosterAEAD(nil)
	}
	// The file's roster until the first read from Redis (ImportFile,
	// or the first request).
	d.cur.Store(&rosterState{roster: roster})
	d.loadRefMark()
	return d
}

// Roster returns the roster in use (duty as the roster says, not as texts
// changed it): the one kept in Redis once imported (ImportFile) or
// changed from the console, else the one the desk was made with.
func (d *Desk) Roster() Roster { return d.current(context.Background()) }

// IsVolunteerHash reports whether hash is the keyed hash (WithHasher) of a
// rostered volunteer's number.
func (d *Desk) IsVolunteerHash(hash string) bool {
	for _, v := range d.current(context.Background()).Volunteers {
		if d.volunteerKey(v) == hash {
			return true
		}
	}
	return false
}

// IsVolunteer reports whether phone is a rostered volunteer's number, in any
// form privacy.Normalise understands.
func (d *Desk) IsVolunteer(phone string) bool {
	_, ok := d.current(context.Background()).find(phone)
	return ok
}

// Duty set by text is kept under one key per volunteer, named by the keyed
// hash of their number (never the number), and expires dutyTTL after the
// last ON or OFF: then the file's on_duty holds again.
const (
	dutyPrefix = "{hl:vol}:duty:"
	// legacyDutyKey was a hash of duty by volunteers' numbers; setDuty
	// removes the volunteer's field from it.
	legacyDutyKey = "{hl:vol}:duty"
	dutyTTL       = 90 * 24 * time.Hour
)

// volunteerKey is the keyed hash that stands for v in Redis.
func (d *Desk) volunteerKey(v Volunteer) string { return d.hasher.Hash(v.Phone) }

func (d *Desk) dutyKey(v Volunteer) string { return dutyPrefix + d.volunteerKey(v) }

// Available returns the volunteers to ring now, in roster order: within hours
// and on duty, at most MaxRinging. An empty slice means nobody can be rung.
// Duty set by text wins over the file until the file's on_duty for that
// volunteer changes. When Redis fails it returns the volunteers on duty by
// the file, with the error.
func (d *Desk) Available(ctx context.Context, now time.Time) ([]Volunteer, error) {
	if !d.current(ctx).Hours.Open(now) {
		return nil, nil
	}
	on, err := d.onDuty(ctx)
	if len(on) > MaxRinging {
		on = on[:MaxRinging]
	}
	return on, err
}

// onDuty returns every volunteer on duty, whatever the hours.
func (d *Desk) onDuty(ctx context.Context) ([]Volunteer, error) {
	vs := d.current(ctx).Volunteers
	// A short budget: a Redis that is down or slow must not keep a caller
	// who pressed 0 from the volunteers the roster has on duty.
	bctx, cancel := context.WithTimeout(ctx, d.dutyBudget)
	defer cancel()
	on, err := d.dutyOf(bctx, vs)
	var out []Volunteer
	for i, v := range vs {
		if on[i] {
			v.OnDuty = true
			out = append(out, v)
		}
	}
	return out, err
}

// Duty values are "<by text>/<file at the time>", each 1 or 0: the text wins
// while the file still says what it said when the text came.
func dutyValue(text, file bool) string { return b01(text) + "/" + b01(file) }

func effectiveDuty(stored string, file bool) bool {
	text, fileThen, ok := strings.Cut(stored, "/")
	if !ok || fileThen != b01(file) {
		return file
	}
	return text == "1"
}

func b01(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// setDuty records duty set by text for v, for dutyTTL.
func (d *Desk) setDuty(ctx context.Context, v Volunteer, on bool) error {
	_, err := d.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, d.dutyKey(v), dutyValue(on, v.OnDuty), dutyTTL)
		p.HDel(ctx, legacyDutyKey, v.Phone)
		return nil
	})
	if err != nil {
		return fmt.Errorf("volunteers: set duty: %w", err)
	}
	return nil
}

// allowedNumber reports whether the number policy lets the line ring n.
func (d *Desk) allowedNumber(n string) bool {
	return d.numbers.Allowed(n)
}

// ringable returns the number a resident asked to be rung back on, in E.164,
// when the number policy allows it. Otherwise the error matches the policy's
// refusal and ErrNoNumber (nothing that is a phone number: empty, withheld,
// a short code) or ErrCannotRing (a number the line may not ring).
func (d *Desk) ringable(raw string) (string, error) {
	n, err := d.numbers.Check(raw)
	switch {
	case err == nil:
		return n.E164, nil
	case errors.Is(err, phonepolicy.ErrNotANumber):
		return "", fmt.Errorf("%w: %w", ErrNoNumber, err)
	}
	return "", fmt.Errorf("%w: %w", ErrCannotRing, err)
}

// OnDuty returns every volunteer on duty now, whatever the hours, in roster
// order (for the console). When Redis fails it returns those on duty by the
// roster, with the error.
func (d *Desk) OnDuty(ctx context.Context) ([]Volunteer, error) { return d.onDuty(ctx) }
