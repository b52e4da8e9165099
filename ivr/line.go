// Package ivr is Heritage Line's voice line: it answers Twilio's voice webhooks
// with TwiML that leads a caller from a one-sentence greeting to heritage
// activities near them, one at a time, and to a volunteer (now, or by a
// message or callback) from every menu.
//
// The call's state lives in Redis (session.Store) keyed by CallSid, so any
// instance can answer the next webhook. Every response is valid TwiML: an
// internal error becomes a short apology and a way to a person.
package ivr

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/mux"
	"github.com/twilio/twilio-go/twiml"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/followup"
	"github.com/heritage-line/heritageline/internal/twimlout"
	"github.com/heritage-line/heritageline/outbound"
	"github.com/heritage-line/heritageline/phonepolicy"
	"github.com/heritage-line/heritageline/places"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/session"
	"github.com/heritage-line/heritageline/volunteers"
	"github.com/heritage-line/heritageline/words"
)

// Config is what the voice line says and where its webhooks live.
type Config struct {
	PublicURL  string // "https://line.example.org": every TwiML URL is built from it
	LineName   string // "Heritage Line": the greeting is "Welcome to <LineName>."
	LineNumber string // the line's own number, E.164: Dial callerId and the goodbye's SMS hint
	// Lang is the language the line speaks (default English); what it says
	// is the book of words' (words.For(Lang)).
	Lang words.Lang
	// Languages are the languages the line offers, in the order the call
	// offers them (LANGUAGES); the first is the default and Lang. With more
	// than one, every call starts with the choice of language. Empty means
	// Lang alone.
	Languages []words.Lang
	// Voice and Language override the default language's Twilio voice and
	// Say and Gather language (Polly.Amy and en-GB for English); the other
	// languages always speak in their own.
	Voice    string
	Language string
	// TakesTexts says the line's number can receive texts (a mobile number;
	// a UK landline cannot): only then are callers told they can text it.
	TakesTexts bool
	// Unstaffed, when set, says whether nobody takes calls or rings back
	// (a real line whose roster is empty): the line then never promises a
	// person or a call back; asking for one is told so and offered
	// activities by text.
	Unstaffed func() bool
	// Numbers is the number policy a caller's number must pass to be
	// offered a message or a call back (volunteers.Desk checks it again);
	// default phonepolicy.UK.
	Numbers         *phonepolicy.Policy
	StateTTL        time.Duration // how long a call's state lives; default 2 hours
	MaxTextsPerCall int           // default 3
	Now             func() time.Time
}

// Desk is what the voice line needs from the volunteers desk
// (*volunteers.Desk).
type Desk interface {
	// Available returns the volunteers to ring now; empty means nobody.
	Available(ctx context.Context, now time.Time) ([]volunteers.Volunteer, error)
	Roster() volunteers.Roster
	RequestCallback(ctx context.Context, req volunteers.CallbackRequest) (volunteers.Callback, error)
	// Connect answers a volunteer's key press on a callback call: a decision
	// (written as TwiML by AnswerTwiML) that dials the resident only for the
	// volunteer who took it and pressed 1.
	Connect(ctx context.Context, ref, volunteerPhone, digits string) (volunteers.Answer, error)
	// CallEnded takes the final status of the call that rang a volunteer for
	// a callback, and gives the callback back if they never pressed 1.
	CallEnded(ctx context.Context, ref, volunteerPhone, callSID, status string) error
}

var _ Desk = (*volunteers.Desk)(nil)

// Texter sends a text from the line's number (*outbound.Sender, which enforces
// country codes, caps and opt-outs).
type Texter interface {
	SendText(ctx context.Context, to, body string) error
}

var _ Texter = (*outbound.Sender)(nil)

// Resolver turns what a caller said into a place (*places.Index).
type Resolver interface {
	Resolve(text string) (places.Match, bool)
}

var _ Resolver = (*places.Index)(nil)

// Deps are the voice line's collaborators. All are required except Figures
// (default figures.Discard), FollowUps (default followup.Off) and Log
// (default: discard).
type Deps struct {
	Finder       catalogue.Finder
	Towns        catalogue.TownLister
	Places       Resolver
	Sessions     *session.Store
	Desk         Desk
	Texter       Texter
	Understander catalogue.Understander
	Figures      figures.Recorder
	Hasher       privacy.Hasher
	Log          *slog.Logger
	// FollowUps offers the follow-up after details sent by text; default
	// followup.Off.
	FollowUps FollowUps
}

// Line answers the voice webhooks.
//
// A Line speaks one language; a line with several languages is one Line per
// language, sharing everything but the words (langs), and every step runs
// on the Line of the caller's language.
type Line struct {
	cfg  Config
	deps Deps
	book *words.Book    // what the line says
	lex  *words.Lexicon // the words it understands
	keys *stepWords     // those words, by step, as keys
	log  *slog.Logger
	docs twimlout.Cache // the greeting and first question are the same for every caller

	// voice and sayLang go on every Say; speech is the Gather language, ""
	// when Twilio cannot recognise the language (then Gathers take keys).
	voice, sayLang, speech string
	// lang is the language's code in every URL the line hands Twilio
	// ("lang=cy"), "" for the default language.
	lang  words.Lang
	langs *lineSet

	hintsMade sync.Map // of *madeHints by their extra words
}

// lineSet is the Lines of a line's languages.
type lineSet struct {
	order []*Line // as Languages lists them: the default first
	by    map[words.Lang]*Line
}

// New returns the Line of the default language, filling Config defaults
// (English, with its voice Polly.Amy and en-GB, state kept 2 hours, 3
// texts per call, time.Now). A language the book of words lacks is
// English.
func New(cfg Config, deps Deps) *Line {
	if cfg.Numbers == nil {
		cfg.Numbers = phonepolicy.UK
	}
	langs := cfg.Languages
	if len(langs) == 0 {
		langs = []words.Lang{cfg.Lang}
	}
	cfg.Languages = nil
	for _, code := range langs {
		if _, ok := words.Lookup(code); !ok {
			code = words.English
		}
		if !slices.Contains(cfg.Languages, code) {
			cfg.Languages = append(cfg.Languages, code)
		}
	}
	cfg.Lang = cfg.Languages[0]
	if cfg.StateTTL <= 0 {
		cfg.StateTTL = 2 * time.Hour
	}
	if cfg.MaxTextsPerCall <= 0 {
		cfg.MaxTextsPerCall = 3
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.LineName == "" {
		cfg.LineName = "Heritage Line"
	}
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	if deps.Figures == nil {
		deps.Figures = figures.Discard{}
	}
	if deps.FollowUps == nil {
		deps.FollowUps = followup.Off{}
	}
	log := deps.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	set := &lineSet{by: map[words.Lang]*Line{}}
	for i, code := range cfg.Languages {
		book := words.For(code)
		lang := book.Language()
		ln := &Line{cfg: cfg, deps: deps, book: book, lex: book.Lexicon(), keys: newStepWords(book.Lexicon()), log: log,
			voice: lang.Voice, sayLang: lang.SayLanguage, speech: lang.Speech, langs: set}
		ln.cfg.Lang = code
		if i == 0 {
			if cfg.Voice != "" {
				ln.voice = cfg.Voice
			}
			if cfg.Language != "" {
				ln.sayLang = cfg.Language
				if ln.speech != "" {
					ln.speech = cfg.Language
				}
			}
		} else {
			ln.lang = code
		}
		set.order = append(set.order, ln)
		set.by[code] = ln
	}
	return set.order[0]
}

// in returns the Line of language code ("" or one not on: the default's).
func (l *Line) in(code words.Lang) *Line {
	if ln, ok := l.langs.by[code]; ok {
		return ln
	}
	return l.langs.order[0]
}

// home is the Line of the default language.
func (l *Line) home() *Line { return l.langs.order[0] }

// url is the absolute URL of a voice step, naming the line's language when
// it is not the default (step may carry a query of its own).
func (l *Line) url(step string) string {
	u := l.cfg.PublicURL + "/twilio/voice"
	if step != "" {
		u += "/" + step
	}
	if l.lang != "" {
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		u += sep + "lang=" + string(l.lang)
	}
	return u
}

// Incoming answers POST /twilio/voice: the greeting and the main menu. It
// saves nothing, and gathers to newCallMenu, where Step reads nothing
// either: a call with no state is a call at the main menu. Each call is
// spared two Redis round trips.
func (l *Line) Incoming() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			l.writeFallback(w, r, err)
			return
		}
		defer l.recovered(w, r)
		ctx, cancel := context.WithTimeout(r.Context(), stepTimeout)
		defer cancel()
		if len(l.langs.order) > 1 {
			l.write(w, r, l.languageChoice(true, "", 0))
			return
		}
		verbs := []twiml.Element{l.say(l.book.Greeting(l.cfg.LineName))}
		verbs = append(verbs, l.menuAt(ctx, &call{}, newCallMenu)...)
		l.write(w, r, verbs)
	})
}

// stepTimeout bounds the work of one step (Redis, the catalogue), well inside
// Twilio's 15 seconds, so a hung dependency still leaves time for the fallback.
const stepTimeout = 6 * time.Second

// stateless steps run on a volunteer's leg, or after a Dial, or from the
// fallback: they must work without the call state (and with Redis down).
// (Set in init: the handlers write through stamped, which reads the map.)
var stateless map[string]func(l *Line, w http.ResponseWriter, r *http.Request)

func init() {
	stateless = map[string]func(l *Line, w http.ResponseWriter, r *http.Request){
		"screen":   (*Line).screen,
		"screened": (*Line).screened,
		"dialed":   (*Line).dialed,
		"recorded": (*Line).recorded,
		"callback": (*Line).callbackOffer,
		"hidden":   (*Line).hidden,
		"connect":  (*Line).connect,
		"taken":    (*Line).taken,
		"lang":     (*Line).chooseLanguage,
	}
}

// Step answers POST /twilio/voice/{step}: every step after the greeting. At
// the main menu a call with no state is a new one (the greeting saves none);
// at any other step, or an unknown one, a call whose state was lost or
// expired restarts politely at the main menu. A step whose URL says new=1
// (newCallMenu, newPlace) reads no state: the URL carries it all.
func (l *Line) Step() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			l.writeFallback(w, r, err)
			return
		}
		defer l.recovered(w, r)
		step := stepName(r)
		q := r.URL.Query()
		l := l.in(words.Lang(q.Get("lang")))
		if h, ok := stateless[step]; ok {
			if personSteps[step] && l.unstaffed() {
				l.write(w, r, append([]twiml.Element{l.say(l.book.NoPeopleVoice())}, l.menuAt(r.Context(), &call{}, newCallMenu)...))
				return
			}
			h(l, w, r)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), stepTimeout)
		defer cancel()
		ctx = context.WithValue(ctx, understoodKey{}, &understood{})
		st := &call{}
		found := false
		var err error
		if q.Get("new") == "1" && (step == "menu" || step == "place") {
			st, found = &call{Step: step, Week: q.Get("week") == "1", Lang: l.lang}, true
		} else {
			found, err = bounded(ctx, func(ctx context.Context) (bool, error) {
				return l.deps.Sessions.Load(ctx, callKey(r.PostForm.Get("CallSid")), st)
			})
			if err != nil {
				l.writeFallback(w, r, err)
				return
			}
		}
		if found && st.Lang != l.lang {
			l = l.in(st.Lang) // the state knows the caller's language
		}
		if !found && step == "menu" {
			st, found = &call{Step: "menu"}, true
		}
		var verbs []twiml.Element
		if !found {
			st = &call{}
			verbs = append([]twiml.Element{l.say(l.book.LostPlace())}, l.mainMenu(ctx, st)...)
		} else {
			verbs, err = l.dispatch(ctx, r, step, st, readInput(r))
			if err != nil {
				l.writeFallback(w, r, err)
				return
			}
		}
		st.Lang = l.lang
		if !st.inURL {
			if err := l.save(ctx, r, st); err != nil {
				if st.Step == "handoff" {
					// The caller is being put through or offered a
					// message: that needs no state, so Redis failing
					// does not take it away.
					l.log.WarnContext(ctx, "voice: save state at handoff", "call_sid", r.PostForm.Get("CallSid"), "err", err)
					l.write(w, r, verbs)
					return
				}
				l.writeFallback(w, r, err)
				return
			}
		}
		l.write(w, r, verbs)
	})
}

func stepName(r *http.Request) string {
	if s := mux.Vars(r)["step"]; s != "" {
		return s
	}
	return path.Base(r.URL.Path)
}

// Status answers POST /twilio/status, Twilio's call status callback: when the
// call has ended it forgets the call's state and records the contact (with
// its length) for the figures. It always answers 200 with an empty Response.
func (l *Line) Status() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			l.log.WarnContext(r.Context(), "voice status: bad form", "err", err)
		}
		f := r.PostForm
		sid := f.Get("CallSid")
		switch f.Get("CallStatus") {
		case "completed", "busy", "failed", "no-answer", "canceled":
			// The call's language, for the figures, before its state goes.
			var st call
			if _, err := l.deps.Sessions.Load(r.Context(), callKey(sid), &st); err != nil {
				l.log.WarnContext(r.Context(), "voice status: read call", "call_sid", sid, "err", err)
			}
			if err := l.deps.Sessions.Delete(r.Context(), callKey(sid)); err != nil {
				l.log.ErrorContext(r.Context(), "voice status: forget call", "call_sid", sid, "err", err)
			}
			l.deps.Figures.Record(r.Context(), figures.Event{
				Time:    l.cfg.Now(),
				Channel: figures.Voice,
				Kind:    figures.Contact,
				Person:  l.person(r),
				Outcome: f.Get("CallStatus"),
				Seconds: atoi(f.Get("CallDuration")),
				// The language the caller chose, else the line's default.
				Language: string(cmp.Or(st.Lang, l.cfg.Lang)),
			})
		}
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(emptyResponse))
	})
}

const emptyResponse = `<?xml version="1.0" encoding="UTF-8"?><Response/>`

func (l *Line) save(ctx context.Context, r *http.Request, st *call) error {
	_, err := bounded(ctx, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, l.deps.Sessions.Save(ctx, callKey(r.PostForm.Get("CallSid")), st, l.cfg.StateTTL)
	})
	return err
}

// callKey is where a call's state lives in the session store, apart from the
// SMS line's conversations in the same store.
func callKey(sid string) string { return "call:" + sid }

// person is the keyed hash of the caller's number, for the figures.
func (l *Line) person(r *http.Request) string {
	from := r.PostForm.Get("From")
	if withheld(from) {
		return ""
	}
	return l.deps.Hasher.Hash(from)
}

// unstaffed reports whether nobody takes calls or rings back now.
func (l *Line) unstaffed() bool { return l.cfg.Unstaffed != nil && l.cfg.Unstaffed() }

// offers is the book the line's choices come from: on an unstaffed line
// its menus offer no volunteer and no 0 (0 still answers, with
// NoPeopleVoice and the menu).
func (l *Line) offers() *words.Book {
	if l.unstaffed() {
		return l.book.Unstaffed()
	}
	return l.book
}

// personSteps are the stateless steps that follow a volunteer's Dial or
// offer a message or callback; on an unstaffed line only a replayed or
// made-up request reaches them, and it hears NoPeopleVoice and the menu.
var personSteps = map[string]bool{"dialed": true, "recorded": true, "callback": true, "hidden": true}
