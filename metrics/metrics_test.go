package metrics

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/figures"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestInstrument(t *testing.T) {
	for _, tt := range []struct {
		name    string
		handler http.HandlerFunc
		want    string
	}{
		{"twiml", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/xml")
			io.WriteString(w, "<Response/>")
		}, "2xx"},
		{"nothing written", func(w http.ResponseWriter, r *http.Request) {}, "2xx"},
		{"redirect", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/x", http.StatusFound) }, "3xx"},
		{"refused", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "forbidden", http.StatusForbidden) }, "4xx"},
		{"broken", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) }, "5xx"},
		{"fallback header", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set(FallbackHeader, "fallback")
			io.WriteString(w, "<Response><Say>Sorry</Say></Response>")
		}, "fallback"},
		{"fallback header, nothing written", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set(FallbackHeader, "fallback")
		}, "fallback"},
		{"fallback in context", func(w http.ResponseWriter, r *http.Request) {
			MarkFallback(r.Context())
			io.WriteString(w, "<Response/>")
		}, "fallback"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := New()
			srv := httptest.NewServer(m.Instrument("voice", tt.handler))
			defer srv.Close()
			client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			for range 3 {
				resp, err := client.Post(srv.URL, "application/x-www-form-urlencoded", nil)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if h := resp.Header.Get(FallbackHeader); h != "" {
					t.Errorf("got %s: %q in the response; want it removed", FallbackHeader, h)
				}
			}
			if got := testutil.ToFloat64(m.requests.WithLabelValues("voice", tt.want)); got != 3 {
				t.Errorf("got %v requests with outcome %s; want 3", got, tt.want)
			}
			if got := testutil.CollectAndCount(m.requests); got != 1 {
				t.Errorf("got %d request series; want 1", got)
			}
			if got := histogramCount(t, m, "voice"); got != 3 {
				t.Errorf("got %d latency observations; want 3", got)
			}
		})
	}
}

func TestInstrumentPanic(t *testing.T) {
	m := New()
	h := m.Instrument("sms", http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("bug") }))
	func() {
		defer func() {
			if recover() == nil {
				t.Errorf("got no panic; want it passed on")
			}
		}()
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/twilio/sms", nil))
	}()
	if got := testutil.ToFloat64(m.requests.WithLabelValues("sms", "5xx")); got != 1 {
		t.Errorf("got %v 5xx; want 1", got)
	}
}

func TestMarkFallbackOutsideInstrument(t *testing.T) {
	MarkFallback(context.Background()) // does nothing, does not panic
}

func histogramCount(t *testing.T, m *Metrics, route string) uint64 {
	t.Helper()
	mfs, err := m.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != "heritageline_webhook_request_duration_seconds" {
			continue
		}
		for _, mt := range mf.GetMetric() {
			for _, l := range mt.GetLabel() {
				if l.GetName() == "route" && l.GetValue() == route {
					return mt.GetHistogram().GetSampleCount()
				}
			}
		}
	}
	return 0
}

// Events from the figures drive the domain counters.
func TestRecord(t *testing.T) {
	m := New()
	var rec figures.Recorder = figures.Multi(figures.Discard{}, m)
	ctx := context.Background()
	for _, e := range []figures.Event{
		{Channel: figures.Voice, Kind: figures.Contact, Person: "aaaaaaaaaaaaaaaaaaaaaaaa"},
		{Channel: figures.SMS, Kind: figures.Contact},
		{Channel: figures.SMS, Kind: figures.Contact},
		{Channel: figures.Voice, Kind: figures.Search, Offered: []string{"a1"}},
		{Channel: figures.SMS, Kind: figures.Search, Zero: true},
		{Channel: figures.SMS, Kind: figures.Search, Zero: true},
		{Channel: figures.Voice, Kind: figures.Details},
		{Channel: figures.Voice, Kind: figures.Texted},
		{Channel: figures.Voice, Kind: figures.Handoff, Outcome: "asked"},
		{Channel: figures.Voice, Kind: figures.Handoff, Outcome: "missed"},
		{Channel: figures.Voice, Kind: figures.Handoff, Outcome: "answered", Seconds: 120},
		{Channel: figures.Voice, Kind: figures.Callback, Outcome: "requested"},
		{Channel: figures.Voice, Kind: figures.Callback, Outcome: "done", Seconds: 3600},
		{Channel: figures.Voice, Kind: figures.Callback, Outcome: "07700 900111"},
		{Channel: "fax", Kind: figures.Contact},
	} {
		rec.Record(ctx, e)
	}
	for _, tt := range []struct {
		name string
		got  float64
		want float64
	}{
		{"voice contacts", testutil.ToFloat64(m.contacts.WithLabelValues("voice")), 1},
		{"sms contacts", testutil.ToFloat64(m.contacts.WithLabelValues("sms")), 2},
		{"other contacts", testutil.ToFloat64(m.contacts.WithLabelValues("other")), 1},
		{"voice searches", testutil.ToFloat64(m.searches.WithLabelValues("voice")), 1},
		{"sms searches", testutil.ToFloat64(m.searches.WithLabelValues("sms")), 2},
		{"voice zero", testutil.ToFloat64(m.zeroSearches.WithLabelValues("voice")), 0},
		{"sms zero", testutil.ToFloat64(m.zeroSearches.WithLabelValues("sms")), 2},
		{"details", testutil.ToFloat64(m.details.WithLabelValues("voice", "details")), 1},
		{"texted", testutil.ToFloat64(m.details.WithLabelValues("voice", "texted")), 1},
		{"handoffs asked", testutil.ToFloat64(m.handoffs.WithLabelValues("asked")), 1},
		{"handoffs answered", testutil.ToFloat64(m.handoffs.WithLabelValues("answered")), 1},
		{"handoffs missed", testutil.ToFloat64(m.handoffs.WithLabelValues("missed")), 1},
		{"callbacks requested", testutil.ToFloat64(m.callbacks.WithLabelValues("requested")), 1},
		{"callbacks taken", testutil.ToFloat64(m.callbacks.WithLabelValues("taken")), 0},
		{"callbacks done", testutil.ToFloat64(m.callbacks.WithLabelValues("done")), 1},
		{"callbacks other", testutil.ToFloat64(m.callbacks.WithLabelValues("other")), 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v; want %v", tt.got, tt.want)
			}
		})
	}
}

func TestCatalogueLoaded(t *testing.T) {
	m := New()
	at := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	m.CatalogueLoaded(at, 120, nil)
	m.CatalogueLoaded(at.Add(time.Hour), 0, errors.New("feed down"))
	if got := testutil.ToFloat64(m.catalogueActivities); got != 120 {
		t.Errorf("got %v activities; want 120 (the catalogue still in use)", got)
	}
	if got := testutil.ToFloat64(m.catalogueReloadTime); got != float64(at.Unix()) {
		t.Errorf("got last reload %v; want %d", got, at.Unix())
	}
	for result, want := range map[string]float64{"ok": 1, "error": 1} {
		if got := testutil.ToFloat64(m.catalogueReloads.WithLabelValues(result)); got != want {
			t.Errorf("got %v reloads %s; want %v", got, result, want)
		}
	}
}

func TestCounters(t *testing.T) {
	m := New()
	m.SMSSegments(Outbound, 2)
	m.SMSSegments(Outbound, 1)
	m.SMSSegments(Reply, 3)
	m.SMSSegments("carrier pigeon", 1)
	m.SMSSegments(Reply, 0)
	m.UnderstandingFallback("timeout")
	m.UnderstandingFallback("Timeout ")
	m.UnderstandingFallback("ring me on 07700 900111")
	m.RedisError("figures")
	hook := m.RedisErrorFunc("session")
	hook(errors.New("i/o timeout"))
	hook(errors.New("i/o timeout"))
	for _, tt := range []struct {
		name      string
		got, want float64
	}{
		{"outbound segments", testutil.ToFloat64(m.segments.WithLabelValues(Outbound)), 3},
		{"reply segments", testutil.ToFloat64(m.segments.WithLabelValues(Reply)), 3},
		{"other segments", testutil.ToFloat64(m.segments.WithLabelValues("other")), 1},
		{"timeout fallbacks", testutil.ToFloat64(m.fallbacks.WithLabelValues("timeout")), 2},
		{"other fallbacks", testutil.ToFloat64(m.fallbacks.WithLabelValues("other")), 1},
		{"figures redis errors", testutil.ToFloat64(m.redisErrors.WithLabelValues("figures")), 1},
		{"session redis errors", testutil.ToFloat64(m.redisErrors.WithLabelValues("session")), 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v; want %v", tt.got, tt.want)
			}
		})
	}
}

// GET /metrics answers in the Prometheus text format, every metric of the
// line's own is named heritageline_, and the Go and process collectors are
// there too.
func TestHandler(t *testing.T) {
	m := New()
	m.Record(context.Background(), figures.Event{Channel: figures.SMS, Kind: figures.Search, Zero: true})
	m.Instrument("sms", http.NotFoundHandler()).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/twilio/sms", nil))
	w := httptest.NewRecorder()
	m.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("got status %d; want 200", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{
		`heritageline_zero_result_searches_total{channel="sms"} 1`,
		`heritageline_searches_total{channel="voice"} 0`,
		`heritageline_webhook_requests_total{outcome="4xx",route="sms"} 1`,
		`heritageline_webhook_request_duration_seconds_bucket{route="sms",le="0.001"}`,
		`heritageline_webhook_request_duration_seconds_bucket{route="sms",le="5"} 1`,
		`heritageline_catalogue_reloads_total{result="error"} 0`,
		"go_goroutines ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("got /metrics without %q", want)
		}
	}
	mfs, err := m.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		name := mf.GetName()
		if !strings.HasPrefix(name, "heritageline_") && !strings.HasPrefix(name, "go_") && !strings.HasPrefix(name, "process_") && !strings.HasPrefix(name, "promhttp_") {
			t.Errorf("got metric %s; want the heritageline_ prefix", name)
		}
	}
	problems, err := testutil.GatherAndLint(m.reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if strings.HasPrefix(p.Metric, "heritageline_") {
			t.Errorf("lint: %s: %s", p.Metric, p.Text)
		}
	}
}
