// Package outbound is the only way the line sends a text or places a call:
// through Twilio's REST API (twilio-go), behind the guards against SMS pumping
// and toll fraud (the number policy, per-number and global hourly caps,
// opt-outs).
package outbound

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/twilio/twilio-go"
	"github.com/twilio/twilio-go/client"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"

	"github.com/heritage-line/heritageline/phonepolicy"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/smstext"
)

var (
	// ErrCountry: the number policy (phonepolicy) refused the number, for
	// any reason: outside the allowed countries, a kind of number the line
	// does not use, or not a phone number at all. It is phonepolicy.ErrRefused.
	ErrCountry     = phonepolicy.ErrRefused
	ErrRateLimited = errors.New("outbound: too many texts to this number this hour")
	ErrCapReached  = errors.New("outbound: hourly cap on texts reached")
	ErrOptedOut    = errors.New("outbound: number has opted out of texts")
	// ErrNumberRange: the number policy refused the number for its kind
	// (premium rate, personal, UAN, freephone ...) even though its country is
	// allowed. Such an error matches ErrCountry too, so a caller that knows
	// only ErrCountry treats it as a number the line may not use. It is
	// phonepolicy.ErrKind.
	ErrNumberRange = phonepolicy.ErrKind
)

// Defaults used when a Config field is left zero.
const (
	DefaultPerNumberPerHour = 5
	DefaultGlobalPerHour    = 200
	// twilioStopCode is Twilio's error for a recipient who texted STOP to the
	// line's number ("Attempt to send to unsubscribed recipient").
	twilioStopCode = 21610
)

// DefaultAllowedPrefixes is the country allow-list when Config has none.
var DefaultAllowedPrefixes = []string{"+44"}

// Config is what a Sender needs. Only AccountSID, AuthToken and From are
// required; everything else has a default.
type Config struct {
	AccountSID string // TWILIO_ACCOUNT_SID
	AuthToken  string // TWILIO_AUTH_TOKEN
	From       string // the line's own number, E.164

	// Numbers is the number policy every text and call must pass. When nil
	// it is made from AllowedPrefixes (default ["+44"]); prefixes that are
	// not country calling codes then allow nothing.
	Numbers          *phonepolicy.Policy
	AllowedPrefixes  []string // country calling codes, when Numbers is nil
	PerNumberPerHour int      // texts to one number per clock hour; default 5
	GlobalPerHour    int      // texts to all numbers per clock hour; default 200
	// Unlimited numbers (the volunteers) are exempt from the per-number cap,
	// so a busy day's callback texts reach them; the other guards still apply.
	Unlimited []string
	// UnlimitedHash, when set, also exempts the number whose keyed hash it
	// is true for (the roster as it is now: volunteers added from the
	// console).
	UnlimitedHash func(hash string) bool

	// APIBase, when set, sends every REST request to this base URL instead of
	// https://api.twilio.com (a fake Twilio in tests or a demo).
	APIBase string
	// HTTPClient, when set, carries the REST requests (its Transport is
	// wrapped when APIBase is set). Default: 10 s timeout, no redirects.
	HTTPClient *http.Client
	// OnSent, when set, is told the segments of every text Twilio accepted.
	OnSent func(segments int)
	// Now is the clock for the hourly windows; default time.Now.
	Now func() time.Time
	// Stopped, when set, reports whether a STOP from the number with this
	// keyed hash is waiting to be recorded (kept on disk while Redis was
	// down): such a number is not texted.
	Stopped func(hash string) bool
	// RedisBudget is the most one look in Redis (opt-out, caps) may take
	// before the Sender decides without it; default 500 ms.
	RedisBudget time.Duration
}

// Sender sends texts and places calls. Safe for concurrent use.
type Sender struct {
	cfg    Config
	rest   *twilio.RestClient
	rdb    redis.UniversalClient
	hasher privacy.Hasher
	log    *slog.Logger
	stats  counters

	unlimited map[string]bool // privacy hashes of Config.Unlimited
	local     localCaps       // the caps in this process, while Redis fails
}

// New returns a Sender that talks to Twilio with cfg's account and keeps its
// counters and opt-outs in rdb, keyed by hasher's pseudonyms (never a number).
func New(cfg Config, rdb redis.UniversalClient, hasher privacy.Hasher, log *slog.Logger) *Sender {
	if len(cfg.AllowedPrefixes) == 0 {
		cfg.AllowedPrefixes = DefaultAllowedPrefixes
	}
	if cfg.PerNumberPerHour <= 0 {
		cfg.PerNumberPerHour = DefaultPerNumberPerHour
	}
	if cfg.GlobalPerHour <= 0 {
		cfg.GlobalPerHour = DefaultGlobalPerHour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.RedisBudget <= 0 {
		cfg.RedisBudget = 500 * time.Millisecond
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Numbers == nil {
		p, err := phonepolicy.New(cfg.AllowedPrefixes)
		if err != nil {
			log.Error("outbound: no number will be texted or rung", "err", err)
			p = &phonepolicy.Policy{}
		}
		cfg.Numbers = p
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{
			Timeout:       10 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	if cfg.APIBase != "" {
		base, err := url.Parse(cfg.APIBase)
		if err == nil {
			copied := *hc
			next := copied.Transport
			if next == nil {
				next = http.DefaultTransport
			}
			copied.Transport = rewriteTransport{base: base, next: next}
			hc = &copied
		}
	}
	c := &client.Client{Credentials: client.NewCredentials(cfg.AccountSID, cfg.AuthToken), HTTPClient: hc}
	c.SetAccountSid(cfg.AccountSID)
	rest := twilio.NewRestClientWithParams(twilio.ClientParams{Client: c})
	unlimited := map[string]bool{}
	for _, n := range cfg.Unlimited {
		unlimited[hasher.Hash(n)] = true
	}
	return &Sender{cfg: cfg, rest: rest, rdb: rdb, hasher: hasher, log: log, unlimited: unlimited}
}

// rewriteTransport sends every request to base, keeping path and query.
type rewriteTransport struct {
	base *url.URL
	next http.RoundTripper
}

func (t rewriteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme = t.base.Scheme
	r.URL.Host = t.base.Host
	r.URL.Path = strings.TrimSuffix(t.base.Path, "/") + r.URL.Path
	r.Host = t.base.Host
	return t.next.RoundTrip(r)
}

// SendText sends body to the number to from the line's number. It returns one
// of the errors above, wrapped, when a guard refuses, and sends nothing then.
// The guards run in this order: the number policy (ErrCountry, and also
// ErrNumberRange for a refused kind of number; the text goes to the number
// in the E.164 form the policy read),
// opt-out (ErrOptedOut), per-number cap (ErrRateLimited), global cap
// (ErrCapReached); Config.Unlimited numbers skip the per-number cap. A text
// refused by a cap is not counted against either cap.
// Other errors come from Redis or from Twilio; a Twilio refusal because the
// recipient texted STOP is returned as ErrOptedOut and recorded as an opt-out.
func (s *Sender) SendText(ctx context.Context, to, body string) error {
	to, hash, err := s.check(to)
	if err != nil {
		s.refused(&s.stats.refusedCountry, "text", hash, err)
		return fmt.Errorf("outbound: send text: %w", err)
	}
	if s.cfg.Stopped != nil && s.cfg.Stopped(hash) {
		s.refused(&s.stats.refusedOptOut, "text", hash, ErrOptedOut)
		return fmt.Errorf("outbound: send text: %w", ErrOptedOut)
	}
	rctx, cancel := context.WithTimeout(ctx, s.cfg.RedisBudget)
	defer cancel()
	out, err := s.OptedOut(rctx, to)
	if err != nil && !s.unlimited[hash] {
		// Never text someone who may have said STOP. A volunteer (a
		// roster number) is still texted: a voicemail kept while Redis is
		// down must reach them.
		return fmt.Errorf("outbound: send text: %w", err)
	}
	if out {
		s.refused(&s.stats.refusedOptOut, "text", hash, ErrOptedOut)
		return fmt.Errorf("outbound: send text: %w", ErrOptedOut)
	}
	if err := s.reserve(rctx, hash); err != nil {
		if !errors.Is(err, errRedis) {
			return fmt.Errorf("outbound: send text: %w", err)
		}
		// Redis cannot count: the same caps, counted in this process.
		s.log.WarnContext(ctx, "text counted in memory", "to_hash", hash, "err", err)
		if err := s.local.reserve(s, hash); err != nil {
			return fmt.Errorf("outbound: send text: %w", err)
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("outbound: send text: %w", err)
	}
	params := &openapi.CreateMessageParams{}
	params.SetTo(to).SetFrom(s.cfg.From).SetBody(body)
	msg, err := s.rest.Api.CreateMessage(params)
	if err != nil {
		s.stats.failed.Add(1)
		var te *client.TwilioRestError
		if errors.As(err, &te) && te.Code == twilioStopCode {
			if oerr := s.OptOut(ctx, to); oerr != nil {
				s.log.WarnContext(ctx, "record opt-out reported by twilio", "to_hash", hash, "err", oerr)
			}
			return fmt.Errorf("outbound: send text: twilio %d: %w", te.Code, ErrOptedOut)
		}
		s.log.ErrorContext(ctx, "send text", "to_hash", hash, "err", err)
		return fmt.Errorf("outbound: send text: %w", err)
	}
	s.stats.texts.Add(1)
	if s.cfg.OnSent != nil {
		s.cfg.OnSent(smstext.Segments(body))
	}
	s.log.InfoContext(ctx, "text sent", "to_hash", hash, "message_sid", deref(msg.Sid))
	return nil
}

// StartCall rings to from the line's number and runs twiml when answered.
// When statusCallback is not empty, Twilio posts the call's final status
// there (its default "completed" event: completed, busy, no-answer, failed
// or canceled). It returns the call SID. Only the number policy applies:
// ErrCountry (and ErrNumberRange for a refused kind), wrapped, and nothing
// is dialled then. Other errors come from Twilio.
func (s *Sender) StartCall(ctx context.Context, to, twiml, statusCallback string) (string, error) {
	to, hash, err := s.check(to)
	if err != nil {
		s.refused(&s.stats.refusedCountry, "call", hash, err)
		return "", fmt.Errorf("outbound: start call: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("outbound: start call: %w", err)
	}
	params := &openapi.CreateCallParams{}
	params.SetTo(to).SetFrom(s.cfg.From).SetTwiml(twiml)
	if statusCallback != "" {
		params.SetStatusCallback(statusCallback).SetStatusCallbackMethod("POST")
	}
	call, err := s.rest.Api.CreateCall(params)
	if err != nil {
		s.stats.failed.Add(1)
		s.log.ErrorContext(ctx, "start call", "to_hash", hash, "err", err)
		return "", fmt.Errorf("outbound: start call: %w", err)
	}
	s.stats.calls.Add(1)
	sid := deref(call.Sid)
	s.log.InfoContext(ctx, "call started", "to_hash", hash, "call_sid", sid)
	return sid, nil
}

// check applies the number policy to to, and returns the number in E.164
// form and its pseudonym. When the policy refuses it, the pseudonym is of
// the number as given.
func (s *Sender) check(to string) (e164, hash string, err error) {
	n, err := s.cfg.Numbers.Check(to)
	if err != nil {
		return "", s.hasher.Hash(to), err
	}
	return n.E164, s.hasher.Hash(n.E164), nil
}

func (s *Sender) refused(c *atomic.Int64, what, hash string, err error) {
	c.Add(1)
	reason := string(phonepolicy.ReasonOf(err))
	if reason == "" {
		reason = err.Error()
	}
	s.log.Info("outbound refused", "kind", what, "to_hash", hash, "reason", reason)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
