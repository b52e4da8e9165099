// Package metrics exposes the line's health and traffic to Prometheus: webhook
// requests and their latency, the catalogue, searches, volunteers, callbacks,
// texts, understanding and Redis errors. Every name starts heritageline_.
// docs/metrics.md lists them all.
package metrics

import (
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

const namespace = "heritageline"

// Label values for SMSSegments.
const (
	Outbound = "outbound" // texts the line starts: details sent, callbacks, volunteers' alerts
	Reply    = "reply"    // replies to a resident's text, in TwiML
)

// Metrics holds the line's metrics in a registry of its own (with the Go
// runtime and process collectors). Its methods are safe for concurrent use.
type Metrics struct {
	reg *prometheus.Registry

	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec

	catalogueActivities prometheus.Gauge
	catalogueReloadTime prometheus.Gauge
	catalogueReloads    *prometheus.CounterVec

	contacts     *prometheus.CounterVec
	searches     *prometheus.CounterVec
	zeroSearches *prometheus.CounterVec
	details      *prometheus.CounterVec
	handoffs     *prometheus.CounterVec
	callbacks    *prometheus.CounterVec
	segments     *prometheus.CounterVec
	fallbacks    *prometheus.CounterVec
	redisErrors  *prometheus.CounterVec
	replays      *prometheus.CounterVec
	unanswered   *prometheus.CounterVec
	spooled      *prometheus.CounterVec
}

// LatencyBuckets are the webhook latency histogram's upper bounds in
// seconds, from 1 ms to 5 s (Twilio gives up on a webhook after 15 s).
var LatencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

// New returns a fresh set of metrics, registered in their own registry.
func New() *Metrics {
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: name, Help: help}, labels)
	}
	gauge := func(name, help string) prometheus.Gauge {
		return prometheus.NewGauge(prometheus.GaugeOpts{Namespace: namespace, Name: name, Help: help})
	}
	m := &Metrics{
		reg:      prometheus.NewRegistry(),
		requests: counter("webhook_requests_total", "Webhook requests answered, by route and outcome (2xx, 3xx, 4xx, 5xx or fallback).", "route", "outcome"),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "webhook_request_duration_seconds",
			Help: "Time to answer a webhook request, by route.", Buckets: LatencyBuckets,
		}, []string{"route"}),
		catalogueActivities: gauge("catalogue_activities", "Active activities in the catalogue now being searched."),
		catalogueReloadTime: gauge("catalogue_last_reload_timestamp_seconds", "When the catalogue last loaded successfully, in Unix seconds."),
		catalogueReloads:    counter("catalogue_reloads_total", "Catalogue loads and reloads, by result (ok or error).", "result"),
		contacts:            counter("contacts_total", "Calls answered and texts received, by channel (voice or sms).", "channel"),
		searches:            counter("searches_total", "Searches made, by channel.", "channel"),
		zeroSearches:        counter("zero_result_searches_total", "Searches that found nothing, by channel.", "channel"),
		details:             counter("activity_details_total", "An activity's details given, by channel and how (details or texted).", "channel", "how"),
		handoffs:            counter("handoffs_total", "Callers put through to volunteers, by outcome (asked, answered, missed).", "outcome"),
		callbacks:           counter("callbacks_total", "Callbacks, by outcome (requested, taken, done).", "outcome"),
		segments:            counter("sms_segments_sent_total", "SMS segments sent, by kind (outbound or reply).", "kind"),
		fallbacks:           counter("understanding_fallbacks_total", "Times the language-model understanding fell back to keywords, by reason.", "reason"),
		redisErrors:         counter("redis_errors_total", "Redis commands that failed, by component.", "component"),
		unanswered:          counter("sms_unanswered_total", "Texts answered with an empty <Response/> by the number policy or the reply caps, by reason: the policy's (country, short_code, alphanumeric, not_a_number, premium_rate ...) or global_cap.", "reason"),
		spooled:             counter("spooled_total", "Requests kept on disk while Redis was down (DATA_DIR/spool), by what (voicemail, voice, sms, stop) and state (kept, applied).", "what", "state"),
		replays:             counter("webhook_replays_total", "Webhook requests answered before (Twilio's retries, replayed requests), answered again without acting, by route and how (kept: the first answer; again: a plain answer, the first being gone; waited: the first was still under way).", "route", "how"),
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.latency,
		m.catalogueActivities, m.catalogueReloadTime, m.catalogueReloads,
		m.contacts, m.searches, m.zeroSearches, m.details, m.handoffs, m.callbacks,
		m.segments, m.fallbacks, m.redisErrors, m.replays, m.unanswered, m.spooled,
	)
	// Start the outcome counters at zero so dashboards and alerts see them
	// before the first event.
	for _, o := range []string{"ok", "error"} {
		m.catalogueReloads.WithLabelValues(o)
	}
	for _, ch := range []string{"voice", "sms"} {
		m.contacts.WithLabelValues(ch)
		m.searches.WithLabelValues(ch)
		m.zeroSearches.WithLabelValues(ch)
	}
	for _, o := range []string{"asked", "answered", "missed"} {
		m.handoffs.WithLabelValues(o)
	}
	for _, o := range []string{"requested", "taken", "done"} {
		m.callbacks.WithLabelValues(o)
	}
	for _, k := range []string{Outbound, Reply} {
		m.segments.WithLabelValues(k)
	}
	return m
}

// Registry returns the registry, for tests and for adding collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the metrics in the Prometheus text format, for GET /metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// CatalogueLoaded records a catalogue load or reload at at. With err nil it
// counts result "ok", sets the activities gauge to active and the last reload
// time to at; with an error it counts result "error" and leaves both, so they
// keep describing the catalogue still in use.
func (m *Metrics) CatalogueLoaded(at time.Time, active int, err error) {
	if err != nil {
		m.catalogueReloads.WithLabelValues("error").Inc()
		return
	}
	m.catalogueReloads.WithLabelValues("ok").Inc()
	m.catalogueActivities.Set(float64(active))
	m.catalogueReloadTime.Set(float64(at.UnixNano()) / 1e9)
}

// SMSSegments counts n segments sent, of kind Outbound or Reply (anything
// else counts as "other"). Count segments, not messages: segments are what
// Twilio charges for.
func (m *Metrics) SMSSegments(kind string, n int) {
	if kind != Outbound && kind != Reply {
		kind = "other"
	}
	if n > 0 {
		m.segments.WithLabelValues(kind).Add(float64(n))
	}
}

// UnderstandingFallback counts one time the language-model understanding
// gave way to the keyword rules, with a short reason such as "timeout",
// "error", "refused" or "unsure".
func (m *Metrics) UnderstandingFallback(reason string) {
	m.fallbacks.WithLabelValues(label(reason)).Inc()
}

// RedisError counts one failed Redis command by component, such as
// "figures", "session", "catalogue", "optouts" or "volunteers".
func (m *Metrics) RedisError(component string) {
	m.redisErrors.WithLabelValues(label(component)).Inc()
}

// Replayed counts one webhook request answered before and answered again
// without acting, by route and how ("kept", "again" or "waited").
func (m *Metrics) Replayed(route, how string) {
	m.replays.WithLabelValues(label(route), label(how)).Inc()
}

// SMSUnanswered counts one text given no reply by the number policy or the
// global reply cap, by reason (the policy's reason, or "global_cap").
func (m *Metrics) SMSUnanswered(reason string) {
	m.unanswered.WithLabelValues(label(reason)).Inc()
}

// Spooled counts one request kept on disk while Redis was down (state
// "kept") or applied once it came back ("applied"), by what it was.
func (m *Metrics) Spooled(what, state string) {
	m.spooled.WithLabelValues(label(what), label(state)).Inc()
}

// RedisErrorFunc returns a func counting Redis errors for component, to pass
// as an error hook (figures.Options.OnError).
func (m *Metrics) RedisErrorFunc(component string) func(error) {
	c := m.redisErrors.WithLabelValues(label(component))
	return func(error) { c.Inc() }
}

// label keeps a label value short and tame, so that a mistaken caller cannot
// put text (or a number) into a metric: a lower-case word of letters, "-" and
// "_" up to 32 long, or "other".
func label(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > 32 {
		return "other"
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '-' || r == '_') {
			return "other"
		}
	}
	return s
}
