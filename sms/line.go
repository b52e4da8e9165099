// Package sms is the SMS line: it answers Twilio's messaging webhook with one
// <Message> of at most three segments, keeping each texter's last place, list
// and page in Redis under a keyed hash of their number.
package sms

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/followup"
	"github.com/heritage-line/heritageline/internal/spool"
	"github.com/heritage-line/heritageline/internal/twimlout"
	"github.com/heritage-line/heritageline/phonepolicy"
	"github.com/heritage-line/heritageline/places"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/session"
	"github.com/heritage-line/heritageline/volunteers"
	"github.com/heritage-line/heritageline/words"
)

// Config is the SMS line's settings. Zero values take the defaults noted.
type Config struct {
	LineName       string        // "Heritage Line"
	LineNumber     string        // the line's own number, for voice and callbacks: "01632 960000"
	PublicURL      string        // the line's base URL (unused by replies today; kept for links)
	StateTTL       time.Duration // how long a texter's list is remembered; default 7 days
	RepliesPerHour int           // replies to one number in an hour; default 20
	// RepliesGlobalPerHour bounds the replies to all texters in a clock
	// hour (SMS_REPLIES_GLOBAL_PER_HOUR), on top of RepliesPerHour, so a
	// flood from many numbers costs a known most; default 500.
	RepliesGlobalPerHour int
	// Unstaffed, when set, says whether nobody rings back (a real line
	// whose roster is empty): CALL is then told so, and no callback is
	// queued.
	Unstaffed func() bool
	// Numbers is the number policy a texter's number must pass to get any
	// reply (another country, a short code, an alphanumeric sender or a
	// premium number gets an empty <Response/>); default phonepolicy.UK.
	Numbers  *phonepolicy.Policy
	PageSize int // activities per reply at most; default 5
	// Language is the language replies are in; default English. What
	// they say is the book of words' (words.For(Language)).
	Language words.Lang
	// Languages are the languages a texter may choose (LANGUAGES), the
	// first the default; empty means Language alone. A texter chooses one
	// by texting its name, or by writing in it, and is answered in it.
	Languages []words.Lang
	// LanguageTTL is how long a texter's choice of language is
	// remembered; default 90 days.
	LanguageTTL time.Duration
	Now         func() time.Time
}

// Desk is what the SMS line uses of *volunteers.Desk.
type Desk interface {
	// IsVolunteer reports whether phone is a rostered volunteer's number.
	IsVolunteer(phone string) bool
	// HandleText answers a volunteer's text and returns the reply.
	HandleText(ctx context.Context, from, body string) string
	// RequestCallback queues a callback for a volunteer to ring a resident.
	RequestCallback(ctx context.Context, req volunteers.CallbackRequest) (volunteers.Callback, error)
}

// OptOuts records who wants no texts; *outbound.Sender satisfies it.
type OptOuts interface {
	OptOut(ctx context.Context, number string) error
	OptIn(ctx context.Context, number string) error
	// QueueOptedOut queues the check of whether number opted out on pipe,
	// so that it goes with the texter's state in one round trip.
	QueueOptedOut(ctx context.Context, pipe redis.Pipeliner, number string) func() (bool, error)
}

// Places resolves the place a resident named; *places.Index satisfies it.
type Places interface {
	Resolve(text string) (places.Match, bool)
}

// Deps are the SMS line's collaborators. All are required except Figures
// (default figures.Discard), FollowUps (default followup.Off) and Log
// (default discards).
type Deps struct {
	Finder     catalogue.Finder
	Towns      catalogue.TownLister
	Places     Places
	Sessions   *session.Store
	Understand catalogue.Understander
	Desk       Desk
	OptOuts    OptOuts
	Figures    figures.Recorder
	Hasher     privacy.Hasher
	Log        *slog.Logger
	// OnReply, when set, is told the segments of every reply sent (metrics).
	OnReply func(segments int)
	// FollowUps offers and answers the follow-up; default followup.Off.
	FollowUps FollowUps
	// Spool, when set, keeps a STOP on disk when Redis cannot record it,
	// and is consulted before every reply until the STOP is applied.
	Spool *spool.Spool
	// OnSpooled, when set, is told what was kept on disk ("stop").
	OnSpooled func(what string)
	// OnUnanswered, when set, is told why a text got no reply: the number
	// policy's reason (phonepolicy.Reason) or "global_cap" (metrics).
	OnUnanswered func(reason string)
}

// Line answers texts. Safe for concurrent use.
type Line struct {
	cfg  Config
	deps Deps
	book *words.Book    // what replies say
	docs twimlout.Cache // a list asked for again is the same reply
	// in holds the line in each language of cfg.Languages (this one is
	// the default's); they share the configuration and collaborators.
	in map[words.Lang]*Line
	// optOut and optIn are the opt-out and opt-in words of every
	// language on, English's always among them, as Normalise leaves them.
	optOut, optIn map[string]bool
	// listWords ask for the list of languages, in any language on.
	listWords map[string]bool

	counting *sync.WaitGroup // replies being added to the global count, shared by every language's line
}

// New returns the SMS line with cfg's defaults filled in.
func New(cfg Config, deps Deps) *Line {
	cfg.LineName = cmp.Or(cfg.LineName, "Heritage Line")
	cfg.StateTTL = cmp.Or(cfg.StateTTL, 7*24*time.Hour)
	cfg.RepliesPerHour = cmp.Or(cfg.RepliesPerHour, 20)
	cfg.PageSize = cmp.Or(cfg.PageSize, 5)
	cfg.LanguageTTL = cmp.Or(cfg.LanguageTTL, 90*24*time.Hour)
	cfg.RepliesGlobalPerHour = cmp.Or(cfg.RepliesGlobalPerHour, 500)
	if cfg.Numbers == nil {
		cfg.Numbers = phonepolicy.UK
	}
	if len(cfg.Languages) > 0 {
		cfg.Language = cfg.Languages[0]
	}
	cfg.Language = cmp.Or(cfg.Language, words.English)
	if len(cfg.Languages) == 0 {
		cfg.Languages = []words.Lang{cfg.Language}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if deps.Figures == nil {
		deps.Figures = figures.Discard{}
	}
	if deps.FollowUps == nil {
		deps.FollowUps = followup.Off{}
	}
	if deps.Log == nil {
		deps.Log = slog.New(slog.DiscardHandler)
	}
	l := &Line{cfg: cfg, deps: deps, book: words.For(cfg.Language), in: map[words.Lang]*Line{}, counting: &sync.WaitGroup{}}
	l.optOut, l.optIn, l.listWords = commandWords(cfg.Languages)
	for _, code := range cfg.Languages {
		if code == cfg.Language {
			l.in[code] = l
			continue
		}
		c := cfg
		c.Language = code
		l.in[code] = &Line{cfg: c, deps: deps, book: words.For(code), in: l.in, optOut: l.optOut, optIn: l.optIn, listWords: l.listWords, counting: l.counting}
	}
	return l
}

// Handler answers POST /twilio/sms. Signature checking and the body limit
// are the caller's middleware. It always answers 200 with valid TwiML.
func (l *Line) Handler() http.Handler {
	return http.HandlerFunc(l.serveSMS)
}

// unstaffed reports whether nobody rings back now.
func (l *Line) unstaffed() bool { return l.cfg.Unstaffed != nil && l.cfg.Unstaffed() }

// offers is the book a reply's choices come from: on an unstaffed line its
// footers, HELP and apologies offer no CALL and nobody to talk to (CALL
// still answers, with NoPeopleText).
func (l *Line) offers() *words.Book {
	if l.unstaffed() {
		return l.book.Unstaffed()
	}
	return l.book
}
