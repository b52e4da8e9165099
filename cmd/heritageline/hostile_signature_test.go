package main

// Signatures as Twilio's own libraries check them (issue 15, item 4), on the
// real server: every value of a repeated parameter, the shared-key scheme,
// and refusals logged as counts with nothing the sender chose.

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/twiliosig"
)

// postForm posts form to path with the headers given and returns the status
// and body.
func postForm(t testing.TB, base, path string, form url.Values, h http.Header) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("post %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// sign1 is Twilio's auth-token signature over data.
func sign1(key, data string) string {
	m := hmac.New(sha1.New, []byte(key))
	m.Write([]byte(data))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

func TestSignatureSchemes(t *testing.T) {
	const signingKey = "whsk_heritage_test_secret"
	tl := startLine(t, lineOptions{env: map[string]string{"TWILIO_WEBHOOK_SIGNING_KEY": signingKey}})
	full := tl.srv.URL + "/twilio/sms"
	form := url.Values{
		"MessageSid": {"SMsig00000000000000000000000000001"}, "AccountSid": {testAccountSID},
		"From": {"+447700900611"}, "To": {testLineNumber}, "Body": {"HELP"}, "NumMedia": {"0"},
		// A parameter sent twice: every value is signed.
		"AddOns": {"b", "a"},
	}
	firstOnly := url.Values{}
	for k, v := range form {
		firstOnly[k] = v[:1]
	}
	settings := func(alg string) http.Header {
		return http.Header{twiliosig.SettingsHeader: {"key=webhooks_sharedkey_test," + "algorithm=" + alg}}
	}
	with := func(h http.Header, sig string) http.Header {
		if h == nil {
			h = http.Header{}
		}
		h.Set(twiliosig.SignatureHeader, sig)
		return h
	}
	tests := []struct {
		name string
		h    http.Header
		want int
	}{
		{"auth token over every value", with(nil, sign1(tl.token, twiliosig.Data(full, form))), 200},
		{"auth token over the first value only", with(nil, sign1(tl.token, twiliosig.Data(full, firstOnly))), 403},
		{"shared key, HMAC_SHA256", with(settings("HMAC_SHA256"), twiliosig.Sign256([]byte(signingKey), full, form)), 200},
		{"shared key, HMAC_SHA1", with(settings("HMAC_SHA1"), sign1(signingKey, twiliosig.Data(full, form))), 200},
		{"HMAC_SHA256 with the auth token as key", with(settings("HMAC_SHA256"), twiliosig.Sign256([]byte(tl.token), full, form)), 403},
		{"auth token's signature with a settings header", with(settings("HMAC_SHA1"), sign1(tl.token, twiliosig.Data(full, form))), 403},
		{"unknown algorithm", with(settings("HMAC_SHA512"), twiliosig.Sign256([]byte(signingKey), full, form)), 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := postForm(t, tl.srv.URL, "/twilio/sms", form, tt.h)
			if code != tt.want {
				t.Fatalf("got status %d; want %d", code, tt.want)
			}
			if code == 200 && !strings.Contains(body, "<Message>") {
				t.Errorf("got %s; want HELP's reply", body)
			}
		})
	}
}

// TestRefusalsLoggedAsCounts floods the line with forged requests whose
// path, SIDs and numbers are distinctive: the log gets at most one line a
// second, counting every refusal, naming routes and reasons only.
func TestRefusalsLoggedAsCounts(t *testing.T) {
	tl := startLine(t, lineOptions{})
	const n = 300
	start := time.Now()
	for i := range n {
		path := "/twilio/voice/menu?sneaky=PATHSECRET"
		if i%3 == 0 {
			path = "/twilio/sms?x=PATHSECRET"
		}
		form := url.Values{"CallSid": {"CAFORGEDSECRET0000000000000000001"}, "MessageSid": {"SMFORGEDSECRET000000000000000001"},
			"From": {"+447700900612"}, "Body": {"BODYSECRET"}}
		h := http.Header{twiliosig.SignatureHeader: {sign1("guessed-token", tl.srv.URL+path)}}
		if code, _ := postForm(t, tl.srv.URL, path, form, h); code != http.StatusForbidden {
			t.Fatalf("forged request %d: got status %d; want 403", i, code)
		}
	}
	took := time.Since(start)
	time.Sleep(1200 * time.Millisecond) // the last count is written within a second
	var lines, counted int
	for _, line := range strings.Split(tl.logs.String(), "\n") {
		for _, secret := range []string{"SECRET", "900612", "/twilio/voice/menu", "sneaky"} {
			if strings.Contains(line, secret) {
				t.Errorf("log line holds %q, which the sender chose: %s", secret, line)
			}
		}
		if !strings.Contains(line, "webhook requests refused") {
			continue
		}
		var rec struct {
			Count   int    `json:"count"`
			Routes  string `json:"routes"`
			Reasons string `json:"reasons"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line: %v: %s", err, line)
		}
		lines++
		counted += rec.Count
	}
	if counted != n {
		t.Errorf("refusals counted in the log: got %d; want %d", counted, n)
	}
	if most := int(took/time.Second) + 2; lines > most {
		t.Errorf("log lines for %d refusals over %s: got %d; want at most %d (one a second)", n, took, lines, most)
	}
	t.Logf("%d refusals in %s: %d log lines", n, took.Round(time.Millisecond), lines)
}
