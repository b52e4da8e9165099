// Package config reads Heritage Line's settings from the environment. It is
// the only package that knows the names of the variables; cmd/heritageline
// hands the values to everything else.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of the line. The README documents each variable.
type Config struct {
	ListenAddr string // LISTEN_ADDR
	PublicURL  string // PUBLIC_URL, without a trailing slash; empty means LocalURL(the listening address)

	AccountSID string // TWILIO_ACCOUNT_SID
	AuthToken  string // TWILIO_AUTH_TOKEN
	// AuthTokenSecondary is also accepted on incoming webhooks, so the token
	// can be rotated without refusing Twilio mid-change (docs/deploy.md).
	AuthTokenSecondary string // TWILIO_AUTH_TOKEN_SECONDARY
	// WebhookSigningKey checks webhooks Twilio signed with a shared key
	// (those with an X-Twilio-Webhooks-Signature-Settings header).
	WebhookSigningKey string // TWILIO_WEBHOOK_SIGNING_KEY
	PhoneNumber       string // TWILIO_PHONE_NUMBER, E.164
	// TwilioAPIBase sends REST requests (texts, callback calls) to another
	// base URL than https://api.twilio.com: a fake Twilio in tests.
	TwilioAPIBase string // TWILIO_API_BASE
	// DemoToken is true when no TWILIO_AUTH_TOKEN was set and a random one was
	// made; the line then listens on loopback only.
	DemoToken bool

	RedisURL         string        // REDIS_URL; empty runs an embedded in-process Redis
	RedisPoolSize    int           // REDIS_POOL_SIZE; 0 = go-redis default
	RedisDialTimeout time.Duration // REDIS_DIAL_TIMEOUT
	RedisReadTimeout time.Duration // REDIS_READ_TIMEOUT (also used for writes)
	// RedisAutoPipeline sends webhooks' conversation state and searches
	// through go-redis's autopipeliner, so concurrent webhooks share round
	// trips (docs/redis.md). False sends each webhook's on its own.
	RedisAutoPipeline bool          // REDIS_AUTOPIPELINE
	Catalogue         string        // CATALOGUE: path or http(s) URL; empty = bundled sample
	PostcodesFile     string        // POSTCODES_FILE: optional full postcode file for exact points
	CatalogueRefresh  time.Duration // CATALOGUE_REFRESH
	// CatalogueMaxDrop is the largest share (0 to 1] of the active
	// activities in service one reload may take out; more is held until a
	// coordinator accepts it (docs/catalogue.md).
	CatalogueMaxDrop float64 // CATALOGUE_MAX_DROP: "0.25" or "25%"
	// DataDir is where the line keeps what must outlive the process: the
	// embedded store when REDIS_URL is empty, and a coordinator's marks.
	DataDir       string        // DATA_DIR
	TaxonomyMap   string        // TAXONOMY_MAP: Open Referral term -> category table
	Volunteers    string        // VOLUNTEERS: path of the volunteers file
	OpenAIKey     string        // OPENAI_API_KEY
	OpenAIBaseURL string        // OPENAI_BASE_URL
	OpenAIModel   string        // OPENAI_MODEL
	OpenAITimeout time.Duration // OPENAI_TIMEOUT
	LogLevel      slog.Level    // LOG_LEVEL
	// DebugAddr, when set, serves Go's profiler (net/http/pprof) on a
	// loopback address, apart from the webhooks (docs/performance.md).
	DebugAddr string // DEBUG_ADDR
	LineName  string // LINE_NAME
	Voice     string // VOICE; empty means the default language's voice
	// Languages are the languages the line offers, in order (LANGUAGES,
	// codes separated by commas); the first is the default. Default "en".
	Languages         []string      // LANGUAGES
	AnalyticsSalt     string        // ANALYTICS_SALT
	Retention         time.Duration // RETENTION_DAYS
	WebhookTimeout    time.Duration // WEBHOOK_TIMEOUT
	SMSAllowedPrefix  []string      // SMS_ALLOWED_PREFIXES (comma-separated, "+44")
	SMSPerNumberHour  int           // SMS_PER_NUMBER_PER_HOUR (outbound REST texts)
	SMSGlobalPerHour  int           // SMS_GLOBAL_PER_HOUR
	SMSRepliesPerHour int           // SMS_REPLIES_PER_HOUR (replies to one resident)
	// SMSRepliesGlobal is SMS_REPLIES_GLOBAL_PER_HOUR: replies to all texters
	// in a clock hour, on top of the per-number cap (default 500).
	SMSRepliesGlobal int
	// LineTakesTexts says whether TWILIO_PHONE_NUMBER can receive texts, so
	// callers are told they can text it: "yes", "no", or "auto" (the
	// default), which cmd/heritageline infers from the kind of number.
	LineTakesTexts string // LINE_TAKES_TEXTS

	// FollowUp switches the follow-up (issue 19, docs/followup.md) "on",
	// "off", or, when not set (""), on wherever a key is at hand:
	// FOLLOWUP_KEY, or the demo's own kept in DATA_DIR.
	FollowUp string // FOLLOWUP
	// FollowUpKey seals the numbers the follow-up must text: 32 random
	// bytes in hex or base64 (cmd/heritageline checks it). Never echoed.
	FollowUpKey    string        // FOLLOWUP_KEY
	FollowUpAfter  time.Duration // FOLLOWUP_AFTER: from consent to "did you go?"
	FollowUpHours  string        // FOLLOWUP_HOURS: when the line may start a text; "" is Mon-Sat 09:00-19:00
	FollowUpMinGap time.Duration // FOLLOWUP_MIN_GAP: the least time between two texts the line starts to one person
	WellbeingAfter time.Duration // WELLBEING_AFTER: from the first wellbeing answers to the second
}

// DefaultDataDir is DATA_DIR when it is not set: beside where the line runs.
const DefaultDataDir = "./heritageline-data"

// Demo values used when the line runs with no Twilio account: a number from
// Ofcom's range reserved for drama, and an obviously fake account SID.
const (
	DemoPhoneNumber = "+441632960000"
	DemoAccountSID  = "AC00000000000000000000000000000000"
)

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)

// FromEnv reads the configuration through getenv. A missing or malformed value
// stops start-up: the error names every problem at once, one per line.
func FromEnv(getenv func(string) string) (Config, error) {
	p := parser{getenv: getenv}
	c := Config{
		ListenAddr:         p.str("LISTEN_ADDR", ""),
		PublicURL:          strings.TrimRight(p.str("PUBLIC_URL", ""), "/"),
		AccountSID:         p.str("TWILIO_ACCOUNT_SID", ""),
		AuthToken:          p.str("TWILIO_AUTH_TOKEN", ""),
		AuthTokenSecondary: p.str("TWILIO_AUTH_TOKEN_SECONDARY", ""),
		WebhookSigningKey:  p.str("TWILIO_WEBHOOK_SIGNING_KEY", ""),
		PhoneNumber:        strings.ReplaceAll(p.str("TWILIO_PHONE_NUMBER", ""), " ", ""),
		TwilioAPIBase:      strings.TrimRight(p.str("TWILIO_API_BASE", ""), "/"),
		RedisURL:           p.str("REDIS_URL", ""),
		RedisPoolSize:      p.integer("REDIS_POOL_SIZE", 0, 0, 10000),
		RedisDialTimeout:   p.duration("REDIS_DIAL_TIMEOUT", 2*time.Second),
		RedisReadTimeout:   p.duration("REDIS_READ_TIMEOUT", time.Second),
		RedisAutoPipeline:  p.boolean("REDIS_AUTOPIPELINE", true),
		Catalogue:          p.str("CATALOGUE", ""),
		PostcodesFile:      p.str("POSTCODES_FILE", ""),
		CatalogueRefresh:   p.duration("CATALOGUE_REFRESH", 15*time.Minute),
		CatalogueMaxDrop:   p.fraction("CATALOGUE_MAX_DROP", 0.25),
		DataDir:            p.str("DATA_DIR", DefaultDataDir),
		TaxonomyMap:        p.str("TAXONOMY_MAP", ""),
		Volunteers:         p.str("VOLUNTEERS", ""),
		OpenAIKey:          p.str("OPENAI_API_KEY", ""),
		OpenAIBaseURL:      p.str("OPENAI_BASE_URL", "https://api.openai.com/v1"),
		OpenAIModel:        p.str("OPENAI_MODEL", "gpt-4o-mini"),
		OpenAITimeout:      p.duration("OPENAI_TIMEOUT", 2*time.Second),
		LogLevel:           p.level("LOG_LEVEL"),
		DebugAddr:          p.str("DEBUG_ADDR", ""),
		LineName:           p.str("LINE_NAME", "Heritage Line"),
		Voice:              p.str("VOICE", ""),
		Languages:          p.languages("LANGUAGES"),
		AnalyticsSalt:      p.str("ANALYTICS_SALT", ""),
		Retention:          time.Duration(p.integer("RETENTION_DAYS", 396, 1, 36500)) * 24 * time.Hour,
		WebhookTimeout:     p.duration("WEBHOOK_TIMEOUT", 3*time.Second),
		SMSAllowedPrefix:   p.list("SMS_ALLOWED_PREFIXES", "+44"),
		SMSPerNumberHour:   p.integer("SMS_PER_NUMBER_PER_HOUR", 5, 1, 1000),
		SMSGlobalPerHour:   p.integer("SMS_GLOBAL_PER_HOUR", 200, 1, 1000000),
		SMSRepliesPerHour:  p.integer("SMS_REPLIES_PER_HOUR", 20, 1, 1000),
		SMSRepliesGlobal:   p.integer("SMS_REPLIES_GLOBAL_PER_HOUR", 500, 1, 1000000),
		LineTakesTexts:     strings.ToLower(p.str("LINE_TAKES_TEXTS", "auto")),
		FollowUp:           strings.ToLower(p.str("FOLLOWUP", "")),
		FollowUpKey:        p.str("FOLLOWUP_KEY", ""),
		FollowUpAfter:      p.duration("FOLLOWUP_AFTER", 14*24*time.Hour),
		FollowUpHours:      p.str("FOLLOWUP_HOURS", ""),
		FollowUpMinGap:     p.duration("FOLLOWUP_MIN_GAP", 24*time.Hour),
		WellbeingAfter:     p.duration("WELLBEING_AFTER", 8*7*24*time.Hour),
	}
	switch c.FollowUp {
	case "", "on", "off":
	default:
		p.fail("FOLLOWUP", c.FollowUp, "must be on or off")
	}
	if c.FollowUp == "on" && c.FollowUpKey == "" && c.RedisURL != "" {
		p.fail("FOLLOWUP_KEY", "", "is required when FOLLOWUP=on and REDIS_URL is set: 32 random bytes in hex (openssl rand -hex 32), the same for every instance")
	}
	switch c.LineTakesTexts {
	case "auto", "yes", "no":
	default:
		p.fail("LINE_TAKES_TEXTS", c.LineTakesTexts, "must be auto, yes or no")
	}

	if c.AuthToken == "" {
		// The embedded default: a random token, printed once by the caller,
		// and loopback only so nobody else can reach an unconfigured line.
		c.AuthToken = randomHex(16)
		c.DemoToken = true
		if c.ListenAddr == "" {
			c.ListenAddr = "127.0.0.1:8080"
		}
		if c.AccountSID == "" {
			c.AccountSID = DemoAccountSID
		}
		if c.PhoneNumber == "" {
			c.PhoneNumber = DemoPhoneNumber
		}
		if host, _, err := net.SplitHostPort(c.ListenAddr); err == nil && !isLoopback(host) {
			p.fail("LISTEN_ADDR", c.ListenAddr, "must be a loopback address when TWILIO_AUTH_TOKEN is not set")
		}
	} else {
		if c.ListenAddr == "" {
			c.ListenAddr = ":8080"
		}
		if c.AccountSID == "" {
			p.fail("TWILIO_ACCOUNT_SID", "", "is required when TWILIO_AUTH_TOKEN is set")
		}
		if c.PhoneNumber == "" {
			p.fail("TWILIO_PHONE_NUMBER", "", "is required when TWILIO_AUTH_TOKEN is set")
		}
		if c.PublicURL == "" {
			p.fail("PUBLIC_URL", "", "is required when TWILIO_AUTH_TOKEN is set: it is the base URL Twilio calls, used to check signatures")
		}
		if c.Catalogue == "" {
			p.fail("CATALOGUE", "", "is required when TWILIO_AUTH_TOKEN is set: the bundled sample's phone numbers are made up")
		}
	}
	if _, _, err := net.SplitHostPort(c.ListenAddr); err != nil {
		p.fail("LISTEN_ADDR", c.ListenAddr, "must be host:port, for example :8080")
	}
	if c.DebugAddr != "" {
		if host, _, err := net.SplitHostPort(c.DebugAddr); err != nil || !isLoopback(host) {
			p.fail("DEBUG_ADDR", c.DebugAddr, "must be a loopback host:port, for example 127.0.0.1:6060: the profiler is never public")
		}
	}
	if c.AccountSID != "" && !regexp.MustCompile(`^AC[0-9a-fA-F]{32}$`).MatchString(c.AccountSID) {
		p.fail("TWILIO_ACCOUNT_SID", c.AccountSID, "must be AC followed by 32 hexadecimal characters")
	}
	if c.PhoneNumber != "" && !e164.MatchString(c.PhoneNumber) {
		p.fail("TWILIO_PHONE_NUMBER", c.PhoneNumber, "must be in E.164 form, for example +441632960000")
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p.fail("PUBLIC_URL", c.PublicURL, "must be an absolute http(s) URL, for example https://line.example.org")
		}
	}
	if c.RedisURL != "" {
		if u, err := url.Parse(c.RedisURL); err != nil || (u.Scheme != "redis" && u.Scheme != "rediss" && u.Scheme != "unix") {
			p.fail("REDIS_URL", redactURL(c.RedisURL), "must be a redis://, rediss:// or unix:// URL")
		}
	}
	if c.TwilioAPIBase != "" {
		if u, err := url.Parse(c.TwilioAPIBase); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p.fail("TWILIO_API_BASE", c.TwilioAPIBase, "must be an absolute http(s) URL")
		}
	}
	if c.Catalogue != "" && strings.Contains(c.Catalogue, "://") {
		if u, err := url.Parse(c.Catalogue); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			p.fail("CATALOGUE", c.Catalogue, "must be a file path or an http(s) URL")
		}
	}
	for _, pre := range c.SMSAllowedPrefix {
		if !regexp.MustCompile(`^\+[1-9][0-9]{0,3}$`).MatchString(pre) {
			p.fail("SMS_ALLOWED_PREFIXES", pre, "each entry must be a country code such as +44")
		}
	}
	if c.AnalyticsSalt == "" {
		// Without a salt, counts of unique people still work within one run;
		// a deployment sets one so they survive restarts. The token is secret
		// too, so derive from it rather than from nothing.
		c.AnalyticsSalt = "token:" + c.AuthToken
	}
	return c, p.err()
}

// LocalURL is the URL of a line listening on addr (host:port) as seen from
// this machine: the PUBLIC_URL to use when none was configured.
func LocalURL(addr string) string {
	return "http://" + loopbackURLHost(addr)
}

// Problem is one bad setting.
type Problem struct {
	Name, Value, Reason string
}

func (p Problem) Error() string {
	if p.Value == "" {
		return fmt.Sprintf("%s %s", p.Name, p.Reason)
	}
	return fmt.Sprintf("%s=%q %s", p.Name, p.Value, p.Reason)
}

// Error lists every problem found, so one start-up attempt shows them all.
type Error struct{ Problems []Problem }

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = "  " + p.Error()
	}
	return "config: the line cannot start:\n" + strings.Join(lines, "\n")
}

type parser struct {
	getenv   func(string) string
	problems []Problem
}

func (p *parser) fail(name, value, reason string) {
	p.problems = append(p.problems, Problem{name, value, reason})
}

func (p *parser) err() error {
	if len(p.problems) == 0 {
		return nil
	}
	return &Error{Problems: p.problems}
}

func (p *parser) str(name, def string) string {
	if v := strings.TrimSpace(p.getenv(name)); v != "" {
		return v
	}
	return def
}

// KnownLanguages are the codes LANGUAGES may list: the languages the book
// of words has (package words; cmd/heritageline's tests keep the two the
// same).
var KnownLanguages = []string{"en", "cy", "pl", "ro", "ar", "yue"}

// languages reads LANGUAGES: known codes, each once, any case; empty is
// English alone.
func (p *parser) languages(name string) []string {
	raw := p.str(name, "")
	var out []string
	for _, code := range p.list(name, "en") {
		code = strings.ToLower(code)
		switch {
		case !slices.Contains(KnownLanguages, code):
			p.fail(name, raw, fmt.Sprintf("names an unknown language %q: use codes from %s, the first the default", code, strings.Join(KnownLanguages, ", ")))
			return []string{"en"}
		case slices.Contains(out, code):
			p.fail(name, raw, fmt.Sprintf("lists %q twice", code))
			return []string{"en"}
		}
		out = append(out, code)
	}
	if len(out) == 0 {
		return []string{"en"}
	}
	return out
}

func (p *parser) list(name, def string) []string {
	var out []string
	for _, s := range strings.Split(p.str(name, def), ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (p *parser) integer(name string, def, lo, hi int) int {
	v := p.str(name, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		p.fail(name, v, fmt.Sprintf("must be a whole number from %d to %d", lo, hi))
		return def
	}
	return n
}

func (p *parser) duration(name string, def time.Duration) time.Duration {
	v := p.str(name, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		p.fail(name, v, "must be a positive duration such as 15m, 3s or 1h")
		return def
	}
	return d
}

// fraction reads a share from 0 (exclusive) to 1: "0.25" or "25%".
func (p *parser) fraction(name string, def float64) float64 {
	v := p.str(name, "")
	if v == "" {
		return def
	}
	num, pct := strings.CutSuffix(v, "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if pct {
		f /= 100
	}
	if err != nil || !(f > 0 && f <= 1) {
		p.fail(name, v, "must be a share above 0 and at most 1, as a fraction (0.25) or a percentage (25%)")
		return def
	}
	return f
}

func (p *parser) boolean(name string, def bool) bool {
	v := p.str(name, "")
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		p.fail(name, v, "must be true or false")
		return def
	}
	return b
}

func (p *parser) level(name string) slog.Level {
	v := p.str(name, "info")
	var l slog.Level
	if err := l.UnmarshalText([]byte(v)); err != nil {
		p.fail(name, v, "must be debug, info, warn or error")
		return slog.LevelInfo
	}
	return l
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func loopbackURLHost(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

// redactURL hides a password in a Redis URL before it is echoed.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
