// Package llm is an Understander that asks a language model, through any
// OpenAI-compatible chat-completions API, to classify what a resident wrote
// or said, and falls back to another Understander (the keyword rules)
// whenever the model is slow, failing, rate-limited or talks nonsense.
//
// The model only classifies. It receives the message, with anything shaped
// like a phone number or an e-mail address removed, and the lists of valid
// categories and tags; nothing else about the resident. Its answer is
// checked: unknown categories and tags are dropped, and a place is kept only
// if it is written in the message and the rules (and the places index, when
// given) can resolve it. Every word a resident hears about activities comes
// from the catalogue, never from the model.
package llm

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/places"
	book "github.com/heritage-line/heritageline/words"
	"github.com/redis/go-redis/v9"
	"github.com/sashabaranov/go-openai"
)

// Defaults for the zero values of Config.
const (
	DefaultDeadline        = 2 * time.Second
	DefaultBreakerFailures = 5
	DefaultBreakerCooldown = 60 * time.Second
	DefaultCacheTTL        = 24 * time.Hour
	DefaultCachePrefix     = "hl:llm:"
)

// The reasons passed to Config.OnFallback when the fallback answers a message
// the model was to be asked about. They are fixed strings, fit for a metric
// label.
const (
	ReasonDeadline      = "deadline"       // no answer within Config.Deadline
	ReasonCancelled     = "cancelled"      // the caller's context ended first
	ReasonRateLimited   = "rate_limited"   // HTTP 429
	ReasonServerError   = "server_error"   // HTTP 5xx
	ReasonError         = "error"          // any other failure to get an answer
	ReasonInvalidJSON   = "invalid_json"   // tool-call arguments that are not JSON
	ReasonInvalidAnswer = "invalid_answer" // JSON of the wrong shape or an impossible answer
	ReasonNoToolCall    = "no_tool_call"   // an answer without the tool call
	ReasonBreakerOpen   = "breaker_open"   // the model failed too often lately: not asked
)

// PlaceResolver is what the Understander uses of *places.Index: a place the
// model names is kept only if it resolves.
type PlaceResolver interface {
	Resolve(text string) (places.Match, bool)
}

var _ PlaceResolver = (*places.Index)(nil)

// Config says which model to ask and how patiently. Only APIKey and Model are
// required; zero values take the defaults above.
type Config struct {
	APIKey  string
	BaseURL string // an OpenAI-compatible server, including /v1; empty means OpenAI's
	Model   string

	// Deadline bounds the whole model path (cache lookup and request): after
	// it the fallback's answer is returned whatever the server is doing.
	Deadline time.Duration
	// After BreakerFailures failures in a row the model is not asked for
	// BreakerCooldown; then one trial request decides whether to ask again.
	BreakerFailures int
	BreakerCooldown time.Duration
	// Answers are cached in Redis for CacheTTL under CachePrefix plus a hash
	// of the model and the normalised, redacted text.
	CacheTTL    time.Duration
	CachePrefix string

	// HTTPClient sends the requests; nil means a plain http.Client (the
	// deadline comes from the context).
	HTTPClient *http.Client
	// Places, when set, must resolve a place the model names for it to be kept.
	Places PlaceResolver
	// OnFallback, when set, is called with one of the Reason constants each
	// time the fallback answers instead of the model. It must be quick.
	OnFallback func(reason string)
}

// Understander asks a language model first and the fallback whenever the
// model cannot answer well and in time. It is safe for concurrent use.
type Understander struct {
	cfg      Config
	client   *openai.Client
	fallback catalogue.Understander
	rdb      redis.UniversalClient
	log      *slog.Logger
	breaker  *breaker
}

var _ catalogue.Understander = (*Understander)(nil)

// New returns an Understander for cfg that falls back to fallback (the
// rules), caches answers in rdb (nil means no cache) and logs to log (nil
// means nowhere). It makes no request until Understand is called.
func New(cfg Config, fallback catalogue.Understander, rdb redis.UniversalClient, log *slog.Logger) *Understander {
	if cfg.Deadline <= 0 {
		cfg.Deadline = DefaultDeadline
	}
	if cfg.BreakerFailures <= 0 {
		cfg.BreakerFailures = DefaultBreakerFailures
	}
	if cfg.BreakerCooldown <= 0 {
		cfg.BreakerCooldown = DefaultBreakerCooldown
	}
	if cfg.CacheTTL <= 0 {
		cfg.CacheTTL = DefaultCacheTTL
	}
	if cfg.CachePrefix == "" {
		cfg.CachePrefix = DefaultCachePrefix
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	if cfg.HTTPClient != nil {
		oc.HTTPClient = cfg.HTTPClient
	}
	return &Understander{
		cfg:      cfg,
		client:   openai.NewClientWithConfig(oc),
		fallback: fallback,
		rdb:      rdb,
		log:      log,
		breaker:  &breaker{threshold: cfg.BreakerFailures, cooldown: cfg.BreakerCooldown, now: time.Now},
	}
}

// Understand says what text asks for. The fallback reads it first; when its
// answer settles the message (see settled) the model is not asked. Otherwise
// the model's checked answer is returned, merged with the fallback's where
// the model left a field empty. Whatever happens to the model, Understand
// returns within Config.Deadline plus a few milliseconds, with the
// fallback's answer when the model's is missing, late or invalid.
func (u *Understander) Understand(ctx context.Context, text string) catalogue.Request {
	rules := u.fallback.Understand(ctx, text)
	if settled(rules, text) {
		return rules
	}
	redacted := Redact(text)

	mctx, cancel := context.WithTimeout(ctx, u.cfg.Deadline)
	defer cancel()
	type result struct {
		req    catalogue.Request
		reason string
	}
	ch := make(chan result, 1) // buffered: a late answer never blocks the goroutine
	go func() {
		req, reason, args := u.ask(mctx, redacted)
		ch <- result{req, reason}
		if args != "" {
			// After the answer is handed over, so a slow Redis never delays it.
			sctx, cancel := context.WithTimeout(context.WithoutCancel(mctx), u.cfg.Deadline/4)
			defer cancel()
			u.cacheSet(sctx, u.cacheKey(catalogue.LanguageOf(ctx), redacted), args)
		}
	}()
	select {
	case r := <-ch:
		if r.reason != "" {
			u.fellBack(r.reason)
			return rules
		}
		return merge(r.req, rules)
	case <-mctx.Done():
		if ctx.Err() != nil {
			u.fellBack(ReasonCancelled)
		} else {
			u.fellBack(ReasonDeadline)
		}
		return rules
	}
}

// settled reports whether the fallback's answer r to text leaves nothing for
// a model to add: a command (stop, start, help, more), a number, a short
// request for a callback ("ring me please"), a place (a postcode, an outcode,
// a town) with at most three other words around it, or any search of three
// words or fewer ("erm walks", "museum frome"). An empty message is settled
// too. Everything else, free text the keywords may have half understood,
// goes to the model.
func settled(r catalogue.Request, text string) bool {
	n := len(words(text))
	switch r.Intent {
	case catalogue.IntentStop, catalogue.IntentStart, catalogue.IntentHelp, catalogue.IntentMore,
		catalogue.IntentDetails:
		return true
	case catalogue.IntentCallback:
		return n <= 4
	case catalogue.IntentFind:
		placeOnly := r.Place != "" && len(r.Categories) == 0 && len(r.Tags) == 0 && !r.FreeOnly &&
			len(r.Languages) == 0 && r.When == (catalogue.When{})
		return n <= 3 || placeOnly && n-len(words(r.Place)) <= 3
	}
	return n == 0
}

// merge takes the model's answer m and fills what it left out from the
// rules' answer r. Times come from the rules when they found one ("tomorrow"
// needs today's date, which the model is not told). When the model could not
// tell but the rules could, the rules' answer stands; when the rules heard a
// request for a callback, it stays one, so no one who asked to be rung is
// missed.
func merge(m, r catalogue.Request) catalogue.Request {
	if m.Intent == catalogue.IntentUnknown && r.Intent != catalogue.IntentUnknown {
		return r
	}
	if r.Intent == catalogue.IntentCallback && m.Intent != catalogue.IntentCallback {
		m.Intent = catalogue.IntentCallback
		m.Item = 0
	}
	if m.Intent != catalogue.IntentFind && m.Intent != catalogue.IntentCallback {
		return m
	}
	if m.Place == "" {
		m.Place = r.Place
	}
	if r.When != (catalogue.When{}) {
		m.When = r.When
	}
	return m
}

// ask returns the model's checked answer for redacted text, from the cache
// or the server, or the reason there is none. args, when not empty, are the
// server's fresh tool-call arguments, to be cached.
func (u *Understander) ask(ctx context.Context, redacted string) (req catalogue.Request, reason, args string) {
	if args, ok := u.cacheGet(ctx, u.cacheKey(catalogue.LanguageOf(ctx), redacted)); ok {
		if req, err := u.check(ctx, args, redacted); err == nil {
			return req, "", ""
		}
	}
	if !u.breaker.allow() {
		return catalogue.Request{}, ReasonBreakerOpen, ""
	}
	args, reason = u.call(ctx, redacted)
	if reason == "" {
		var err error
		if req, err = u.check(ctx, args, redacted); err != nil {
			reason = ReasonInvalidAnswer
			if !json.Valid([]byte(args)) {
				reason = ReasonInvalidJSON
			}
		}
	}
	if u.breaker.done(reason == "") {
		u.log.Warn("language model failing: not asking it for a while",
			"failures", u.cfg.BreakerFailures, "cooldown", u.cfg.BreakerCooldown.String())
	}
	if reason != "" {
		return catalogue.Request{}, reason, ""
	}
	return req, "", args
}

// call sends redacted text to the model and returns the tool call's
// arguments, or the reason there are none.
func (u *Understander) call(ctx context.Context, redacted string) (string, string) {
	resp, err := u.client.CreateChatCompletion(ctx, chatRequest(u.cfg.Model, catalogue.LanguageOf(ctx), redacted))
	if err != nil {
		reason, status := classify(ctx, err)
		u.log.Warn("language model request failed", "reason", reason, "status", status)
		return "", reason
	}
	if len(resp.Choices) == 0 {
		return "", ReasonNoToolCall
	}
	msg := resp.Choices[0].Message
	for _, tc := range msg.ToolCalls {
		if tc.Function.Name == toolName {
			return tc.Function.Arguments, ""
		}
	}
	if msg.FunctionCall != nil && msg.FunctionCall.Name == toolName { // older servers
		return msg.FunctionCall.Arguments, ""
	}
	return "", ReasonNoToolCall
}

// classify turns a request error into a fallback reason and the HTTP status
// (0 if none).
func classify(ctx context.Context, err error) (string, int) {
	status := 0
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr):
		status = apiErr.HTTPStatusCode
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
	}
	switch {
	case status == http.StatusTooManyRequests:
		return ReasonRateLimited, status
	case status >= 500:
		return ReasonServerError, status
	case ctx.Err() != nil:
		return ReasonDeadline, status
	}
	return ReasonError, status
}

// check parses the model's arguments and keeps only what can be trusted.
func (u *Understander) check(ctx context.Context, args, redacted string) (catalogue.Request, error) {
	req, err := parseAnswer(args)
	if err != nil {
		return catalogue.Request{}, err
	}
	req.Place = u.place(ctx, req.Place, redacted)
	return req, nil
}

// place returns the model's place in the rules' form if it is written in the
// message and resolves, else "".
func (u *Understander) place(ctx context.Context, place, text string) string {
	if place == "" || !writtenIn(words(place), words(text)) {
		return ""
	}
	p := u.fallback.Understand(ctx, place).Place
	if p == "" {
		return ""
	}
	if u.cfg.Places != nil {
		if _, ok := u.cfg.Places.Resolve(p); !ok {
			return ""
		}
	}
	return p
}

// writtenIn reports whether the place words p appear together in the text
// words t, allowing for spaces a postcode was written with or without.
func writtenIn(p, t []string) bool {
	if len(p) == 0 {
		return false
	}
	joined := strings.Join(p, "")
	for i := range t {
		if i+len(p) <= len(t) && strings.Join(t[i:i+len(p)], " ") == strings.Join(p, " ") {
			return true
		}
		for k := 1; k <= 3 && i+k <= len(t); k++ {
			if strings.Join(t[i:i+k], "") == joined {
				return true
			}
		}
	}
	return false
}

// words splits text into lower-case runs of letters and digits.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && unicode.IsLetter(r))
	})
}

func (u *Understander) fellBack(reason string) {
	if reason != ReasonBreakerOpen {
		u.log.Info("language model not used", "reason", reason)
	}
	if u.cfg.OnFallback != nil {
		u.cfg.OnFallback(reason)
	}
}

// cacheKey is the Redis key for redacted text: a hash, so no message text is
// stored in key names.
func (u *Understander) cacheKey(lang, redacted string) string {
	in := u.cfg.Model + "\x00" + normalise(redacted)
	if lang != "" && lang != string(book.English) {
		// The same letters may mean something else in another language.
		in = lang + "\x00" + in
	}
	h := sha256.Sum256([]byte(in))
	return u.cfg.CachePrefix + hex.EncodeToString(h[:16])
}

func (u *Understander) cacheGet(ctx context.Context, key string) (string, bool) {
	if u.rdb == nil {
		return "", false
	}
	// A slow or unreachable Redis must leave the model most of its time.
	ctx, cancel := context.WithTimeout(ctx, u.cfg.Deadline/4)
	defer cancel()
	v, err := u.rdb.Get(ctx, key).Result()
	if err != nil {
		if !errors.Is(err, redis.Nil) {
			u.log.Warn("language model cache read failed", "err", err)
		}
		return "", false
	}
	return v, true
}

func (u *Understander) cacheSet(ctx context.Context, key, args string) {
	if u.rdb == nil {
		return
	}
	if err := u.rdb.Set(ctx, key, args, u.cfg.CacheTTL).Err(); err != nil {
		u.log.Warn("language model cache write failed", "err", err)
	}
}
