// Package web is the line's HTTP edge: it lists every route (Routes), builds
// every URL the line hands Twilio or a browser (URLs), checks Twilio's
// signatures, and serves the coordinator's console, one file and one
// template per page (docs/console.md).
package web

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"github.com/heritage-line/heritageline/internal/twiliosig"
)

// Config is what the routes need to know of the line.
type Config struct {
	PublicURL  string   // PUBLIC_URL: signatures are checked against it
	AuthTokens []string // Twilio auth tokens accepted (the second only during a rotation)
	SigningKey string   // TWILIO_WEBHOOK_SIGNING_KEY: the shared-key scheme's key, if any
	// Refused counts refused webhooks by route and reason, logged at most
	// once a second; the caller closes it. Nil makes one that is never closed.
	Refused        *twiliosig.RefusalLog
	WebhookTimeout time.Duration // a webhook's deadline
	// Replays lets each webhook request act once (Twilio's retries, replayed
	// requests); nil guards nothing.
	Replays *Replays
	Log     *slog.Logger
}

// Handlers are the line's handlers, made by their own packages. A nil
// Console serves no console.
type Handlers struct {
	SMS       http.Handler // POST /twilio/sms
	Voice     http.Handler // POST /twilio/voice
	VoiceStep http.Handler // POST /twilio/voice/{step}
	Status    http.Handler // POST /twilio/status
	Ready     http.Handler // GET /readyz
	Metrics   http.Handler // GET /metrics
	// The catalogue in service, read only, as an Open Referral UK API
	// (feed.Feed); nil handlers serve none.
	OpenReferral         http.Handler // GET /openreferral/
	OpenReferralServices http.Handler // GET /openreferral/services
	OpenReferralService  http.Handler // GET /openreferral/services/{id}
	// SMSReplay and VoiceReplay name requests for Config.Replays and answer
	// a repeat whose first answer is gone (sms.RequestKey, ivr.RequestKey
	// and ivr.Line.Repeated); the voice one guards the greeting, the steps
	// and the status callback.
	SMSReplay, VoiceReplay Replay
	// Instrument counts a webhook's requests under route (metrics.Metrics does).
	Instrument func(route string, h http.Handler) http.Handler
	Console    *Console
}

// Routes lists every route of the line, in one place.
func Routes(cfg Config, h Handlers) http.Handler {
	r := mux.NewRouter()
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	instrument := h.Instrument
	if instrument == nil {
		instrument = func(_ string, h http.Handler) http.Handler { return h }
	}

	// Everything Twilio calls is counted, then checked for Twilio's signature
	// before any handler sees it, then given a deadline, then answered once
	// (a retry or a replay gets the first answer and acts on nothing:
	// replay.go). Routes are tried in order, so the busiest come first.
	refused := cfg.Refused
	if refused == nil {
		refused = twiliosig.NewRefusalLog(log, 0)
	}
	signed := twilioOnly(cfg.PublicURL, cfg.AuthTokens, cfg.SigningKey, refused)
	bounded := deadline(cfg.WebhookTimeout)
	webhook := func(route string, rp Replay, h http.Handler) http.Handler {
		return instrument(route, signed(route, bounded(cfg.Replays.Guard(route, rp, h))))
	}
	r.Handle(PathSMS, webhook("sms", h.SMSReplay, h.SMS))
	r.Handle(PathVoiceStep, webhook("voice_step", h.VoiceReplay, h.VoiceStep))
	r.Handle(PathVoice, webhook("voice", h.VoiceReplay, h.Voice))
	r.Handle(PathStatus, webhook("status", h.VoiceReplay, h.Status))

	// The catalogue in service, read only, as an Open Referral UK API.
	get := []string{http.MethodGet, http.MethodHead}
	if h.OpenReferral != nil {
		r.Handle("/openreferral", h.OpenReferral).Methods(get...)
		r.Handle("/openreferral/", h.OpenReferral).Methods(get...)
		r.Handle("/openreferral/services", h.OpenReferralServices).Methods(get...)
		r.Handle("/openreferral/services/{id}", h.OpenReferralService).Methods(get...)
	}

	r.Handle("/healthz", http.HandlerFunc(healthz)).Methods(http.MethodGet, http.MethodHead)
	if h.Ready != nil {
		r.Handle("/readyz", h.Ready).Methods(http.MethodGet, http.MethodHead)
	}
	if h.Metrics != nil {
		r.Handle("/metrics", h.Metrics).Methods(http.MethodGet)
	}
	if c := h.Console; c != nil {
		consoleRoutes(r, c)
	}

	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "not found", http.StatusNotFound)
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	})
	return r
}

// consoleRoutes lists the console's pages. Every one but the sign-in form
// and the stylesheet needs a signed-in coordinator; every POST must come
// from the console's own pages (http.CrossOriginProtection).
func consoleRoutes(r *mux.Router, c *Console) {
	get, post := http.MethodGet, http.MethodPost
	con := r.PathPrefix("/console").Subrouter()
	con.Use(c.protect)
	con.Handle("/", c.signedIn(c.today)).Methods(get)
	con.Handle("/login", http.HandlerFunc(c.loginForm)).Methods(get)
	con.Handle("/login", http.HandlerFunc(c.login)).Methods(post)
	con.Handle("/logout", c.signedIn(c.logout)).Methods(post)
	con.Handle("/callbacks", c.signedIn(c.callbacks)).Methods(get)
	con.Handle("/callbacks/{ref:[Cc][0-9]{1,12}}/{action:take|note|done}", c.signedIn(c.callbackAction)).Methods(post)
	con.Handle("/volunteers", c.signedIn(c.volunteers)).Methods(get)
	con.Handle("/volunteers", c.signedIn(c.volunteerAdd)).Methods(post)
	con.Handle("/volunteers/{id:[0-9a-f]{16}}/{action:edit|duty|move|remove}", c.signedIn(c.volunteerAction)).Methods(post)
	con.Handle("/volunteers/ringing", c.signedIn(c.volunteersRinging)).Methods(post)
	con.Handle("/volunteers/import", c.signedIn(c.volunteersImport)).Methods(post)
	con.Handle("/volunteers.yaml", c.signedIn(c.volunteersExport)).Methods(get)
	con.Handle("/catalogue", c.signedIn(c.catalogue)).Methods(get)
	con.Handle("/catalogue/upload", c.signedIn(c.catalogueUpload)).Methods(post)
	con.Handle("/catalogue/drafts/{id:[0-9a-f]{1,64}}", c.signedIn(c.draft)).Methods(get)
	con.Handle("/catalogue/drafts/{id:[0-9a-f]{1,64}}/publish", c.signedIn(c.draftPublish)).Methods(post)
	con.Handle("/catalogue/versions/{id:v[0-9]{1,9}}/rollback", c.signedIn(c.catalogueRollback)).Methods(post)
	con.Handle("/catalogue/source", c.signedIn(c.catalogueSource)).Methods(post)
	con.Handle("/figures", c.signedIn(c.figures)).Methods(get)
	con.Handle("/figures/chart.png", c.signedIn(c.figuresChart)).Methods(get)
	con.Handle("/figures.csv", c.signedIn(c.figuresCSV)).Methods(get)
	con.Handle("/audit", c.signedIn(c.audit)).Methods(get)
	con.Handle("/static/{file}", http.HandlerFunc(c.static)).Methods(get)
	r.Handle("/console", http.RedirectHandler(c.urls.Console(""), http.StatusSeeOther))
}

// healthz says the process is up.
func healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}
