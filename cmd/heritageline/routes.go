package main

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"github.com/heritage-line/heritageline/internal/twiliosig"
)

// routes lists every route of the line, in one place.
func (l *line) routes() http.Handler {
	r := mux.NewRouter()

	// Everything Twilio calls is counted, then checked for Twilio's signature
	// before any handler sees it, then given a deadline. Routes are tried in
	// order, so the busiest come first.
	// Refusals are logged as counts, at most once a second.
	refused := twiliosig.NewRefusalLog(l.log, time.Second)
	l.onClose(refused.Close)
	signed := twilioOnly(l.cfg.PublicURL, []string{l.cfg.AuthToken, l.cfg.AuthTokenSecondary}, l.cfg.WebhookSigningKey, refused)
	bounded := deadline(l.cfg.WebhookTimeout)
	webhook := func(route string, h http.Handler) http.Handler {
		return l.metrics.Instrument(route, signed(route, bounded(h)))
	}
	tw := r.PathPrefix("/twilio").Subrouter()
	tw.Handle("/sms", webhook("sms", l.text.Handler()))
	tw.Handle("/voice/{step}", webhook("voice_step", l.voice.Step()))
	tw.Handle("/voice", webhook("voice", l.voice.Incoming()))
	tw.Handle("/status", webhook("status", l.voice.Status()))

	// The catalogue in service, read only, as an Open Referral UK API.
	get := []string{http.MethodGet, http.MethodHead}
	r.Handle("/openreferral", l.feed.Index()).Methods(get...)
	r.Handle("/openreferral/", l.feed.Index()).Methods(get...)
	r.Handle("/openreferral/services", l.feed.Services()).Methods(get...)
	r.Handle("/openreferral/services/{id}", l.feed.Service()).Methods(get...)

	r.Handle("/healthz", http.HandlerFunc(healthz)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/readyz", http.HandlerFunc(l.readyz)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/metrics", l.metrics.Handler()).Methods(http.MethodGet)

	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "not found", http.StatusNotFound)
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	})
	return r
}

// healthz says the process is up.
func healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

// readyz says whether the line can serve callers: Redis answers and a
// catalogue is loaded. 503 otherwise, with the reason.
func (l *line) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := l.rdb.Ping(r.Context()).Err(); err != nil {
		http.Error(w, "redis not answering", http.StatusServiceUnavailable)
		return
	}
	if !l.refresher.Status().Loaded() {
		http.Error(w, "no catalogue loaded yet", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ready\n"))
}
