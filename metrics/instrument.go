package metrics

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// FallbackHeader marks a webhook answer as the apologetic fallback (valid
// TwiML offering a human after an internal error). A handler that cannot
// import this package may set the header "X-Heritageline-Outcome: fallback"
// on its response before writing; Instrument counts the request with outcome
// "fallback" and removes the header, so Twilio never sees it.
const FallbackHeader = "X-Heritageline-Outcome"

type fallbackKey struct{}

// MarkFallback marks the request whose context is ctx as answered with the
// fallback, for code that has the context but not the ResponseWriter. It
// does nothing outside Instrument.
func MarkFallback(ctx context.Context) {
	if f, ok := ctx.Value(fallbackKey{}).(*atomic.Bool); ok {
		f.Store(true)
	}
}

// Instrument counts each request to next under route (keep routes few and
// fixed, like "voice" or "sms"; never a raw path) by outcome, and times it.
// The outcome is "fallback" when the handler marked it (FallbackHeader or
// MarkFallback), otherwise the status class: "2xx", "3xx", "4xx" or "5xx". A
// handler that writes nothing counts as 2xx, as net/http sends 200; one that
// panics counts as 5xx, and the panic carries on up.
func (m *Metrics) Instrument(route string, next http.Handler) http.Handler {
	latency := m.latency.WithLabelValues(route)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		flag := new(atomic.Bool)
		rec := &recorder{ResponseWriter: w, fallback: flag}
		r = r.WithContext(context.WithValue(r.Context(), fallbackKey{}, flag))
		panicked := true
		defer func() {
			if rec.status == 0 { // nothing written: net/http sends 200 after we return
				rec.check()
			}
			latency.Observe(time.Since(start).Seconds())
			outcome := rec.outcome()
			if panicked {
				outcome = "5xx"
			}
			m.requests.WithLabelValues(route, outcome).Inc()
		}()
		next.ServeHTTP(rec, r)
		panicked = false
	})
}

// recorder notes the status written and strips the fallback header.
type recorder struct {
	http.ResponseWriter
	status   int
	fallback *atomic.Bool
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
		w.check()
	}
	w.ResponseWriter.WriteHeader(code)
}

// check notes and removes the fallback header before the headers go out.
func (w *recorder) check() {
	if w.Header().Get(FallbackHeader) == "fallback" {
		w.fallback.Store(true)
	}
	w.Header().Del(FallbackHeader)
}

func (w *recorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *recorder) outcome() string {
	if w.fallback.Load() {
		return "fallback"
	}
	code := w.status
	if code == 0 {
		code = http.StatusOK
	}
	if code < 200 || code > 599 {
		return "other"
	}
	return strconv.Itoa(code/100) + "xx"
}
