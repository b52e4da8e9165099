package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/internal/twiliosig"
	"github.com/heritage-line/heritageline/sim"
)

func TestTwilioOnly(t *testing.T) {
	const public = "https://line.example.org"
	form := url.Values{"CallSid": {"CA1"}, "From": {"+447700900123"}, "Digits": {"1"}}
	params := map[string]string{"CallSid": "CA1", "From": "+447700900123", "Digits": "1"}
	good := sim.Sign("primary", public+"/twilio/voice?step=1", params)
	rotated := sim.Sign("secondary", public+"/twilio/voice?step=1", params)
	changed := url.Values{"CallSid": {"CA1"}, "From": {"+447700900123"}, "Digits": {"9"}}

	tests := []struct {
		name     string
		method   string
		ctype    string
		body     string
		sig      string
		wantCode int
	}{
		{"signed", "POST", "application/x-www-form-urlencoded", form.Encode(), good, 200},
		{"signed with the secondary token", "POST", "application/x-www-form-urlencoded", form.Encode(), rotated, 200},
		{"no signature", "POST", "application/x-www-form-urlencoded", form.Encode(), "", 403},
		{"forged", "POST", "application/x-www-form-urlencoded", form.Encode(), "bm90IGEgc2lnbmF0dXJl", 403},
		{"malformed signature", "POST", "application/x-www-form-urlencoded", form.Encode(), "%%%", 403},
		{"replayed with a changed digit", "POST", "application/x-www-form-urlencoded", changed.Encode(), good, 403},
		{"GET", "GET", "", "", good, 405},
		{"JSON body", "POST", "application/json", `{"CallSid":"CA1"}`, good, 415},
		{"malformed form", "POST", "application/x-www-form-urlencoded", "a=%zz", good, 400},
		{"over 64 KB", "POST", "application/x-www-form-urlencoded", "Body=" + strings.Repeat("x", 70<<10), good, 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reached := false
			h := twilioOnly(public, []string{"primary", "secondary"}, "", twiliosig.NewRefusalLog(slog.New(slog.NewTextHandler(io.Discard, nil)), 0))(
				"voice_step", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached = true }))
			req := httptest.NewRequest(tt.method, "/twilio/voice?step=1", strings.NewReader(tt.body))
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			if tt.sig != "" {
				req.Header.Set("X-Twilio-Signature", tt.sig)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.wantCode {
				t.Errorf("status = %d; want %d", rec.Code, tt.wantCode)
			}
			if reached != (tt.wantCode == 200) {
				t.Errorf("handler reached = %v; want %v", reached, tt.wantCode == 200)
			}
		})
	}
}
