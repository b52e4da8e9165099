package twiliosig_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"hash"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/twiliosig"
)

// The published test vector (TWILIO.md, Twilio's security docs).
const (
	vectorToken = "12345"
	vectorURL   = "https://mycompany.com/myapp.php?foo=1&bar=2"
	vectorSig   = "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
)

var vectorForm = url.Values{
	"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+12349013030"}, "Digits": {"1234"},
	"From": {"+12349013030"}, "To": {"+18005551212"},
}

// Signatures worked out with twilio-node 6.3.1's getExpectedTwilioSignature
// (npm twilio, lib/webhooks/webhooks.js) for the inputs below, and checked
// against the spec by hand in TestSpec.
const (
	// the published vector's URL and parameters, HMAC_SHA256 with key "12345"
	nodeVector256 = "Rmm4Vzj+Ky7JGoWXMCsZDZuHDszLr9xvdbvitrDr4/M="
	// repeatedForm on vectorURL, HMAC_SHA1 with the token "12345"
	nodeRepeated1 = "SwjVjzyFc89y++g+Cw5+j4ucBtY="
	// repeatedForm on lineURL, HMAC_SHA256 with signingKey
	nodeRepeated256 = "kSPRqkpq5VJih3z+eqqbX41k+Kk7fTl2ZbmJJATmgBM="
)

const (
	lineURL    = "https://line.example.org/twilio/sms"
	signingKey = "signing-key-secret"
)

var repeatedForm = url.Values{
	"From": {"+447700900123"}, "MediaUrl0": {"https://api.twilio.com/m"}, "To": {"+441632960000"},
	"Tag": {"b", "a", "b", "c"},
}

func header(sig string, kv ...string) http.Header {
	h := http.Header{}
	if sig != "" {
		h.Set(twiliosig.SignatureHeader, sig)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

// TestSpec builds the signed text by hand from the spec and signs it with
// the standard library: the package's text and both schemes agree, and so
// does twilio-node.
func TestSpec(t *testing.T) {
	want := vectorURL + "CallSidCA1234567890ABCDE" + "Caller+12349013030" + "Digits1234" + "From+12349013030" + "To+18005551212"
	if got := twiliosig.Data(vectorURL, vectorForm); got != want {
		t.Fatalf("Data: got %q; want %q", got, want)
	}
	mac := func(h func() hash.Hash, key, data string) string {
		m := hmac.New(h, []byte(key))
		m.Write([]byte(data))
		return base64.StdEncoding.EncodeToString(m.Sum(nil))
	}
	if got := mac(sha1.New, vectorToken, want); got != vectorSig {
		t.Errorf("HMAC-SHA1 of the spec's text: got %s; want the published %s", got, vectorSig)
	}
	if got := mac(sha256.New, vectorToken, want); got != nodeVector256 {
		t.Errorf("HMAC-SHA256 of the spec's text: got %s; want twilio-node's %s", got, nodeVector256)
	}
	if got := twiliosig.Sign256([]byte(vectorToken), vectorURL, vectorForm); got != nodeVector256 {
		t.Errorf("Sign256: got %s; want %s", got, nodeVector256)
	}
	// Every distinct value of a repeated parameter, sorted, each after its name.
	wantRep := vectorURL + "From+447700900123" + "MediaUrl0https://api.twilio.com/m" +
		"TagaTagbTagc" + "To+441632960000"
	if got := twiliosig.Data(vectorURL, repeatedForm); got != wantRep {
		t.Fatalf("Data with a repeated parameter: got %q; want %q", got, wantRep)
	}
	if got := mac(sha1.New, vectorToken, wantRep); got != nodeRepeated1 {
		t.Errorf("HMAC-SHA1 with a repeated parameter: got %s; want twilio-node's %s", got, nodeRepeated1)
	}
	if got := twiliosig.Sign256([]byte(signingKey), lineURL, repeatedForm); got != nodeRepeated256 {
		t.Errorf("Sign256 with a repeated parameter: got %s; want twilio-node's %s", got, nodeRepeated256)
	}
}

func TestCheck(t *testing.T) {
	auth := twiliosig.New([]string{vectorToken, "secondary-token"}, "")
	keyed := twiliosig.New([]string{vectorToken}, signingKey)
	sign1 := func(token, u string, form url.Values) string {
		m := hmac.New(sha1.New, []byte(token))
		m.Write([]byte(twiliosig.Data(u, form)))
		return base64.StdEncoding.EncodeToString(m.Sum(nil))
	}
	settings256 := []string{twiliosig.SettingsHeader, "key=webhooks_sharedkey_0123,algorithm=HMAC_SHA256"}
	changed := url.Values{}
	for k, v := range repeatedForm {
		changed[k] = v
	}
	changed["Tag"] = []string{"a", "b"} // one value dropped
	firstOnly := url.Values{"From": repeatedForm["From"], "MediaUrl0": repeatedForm["MediaUrl0"], "To": repeatedForm["To"], "Tag": {"b"}}

	tests := []struct {
		name string
		v    *twiliosig.Validator
		url  string
		form url.Values
		h    http.Header
		want error
	}{
		{"published vector", auth, vectorURL, vectorForm, header(vectorSig), nil},
		{"published vector, default port written", auth, "https://mycompany.com:443/myapp.php?foo=1&bar=2", vectorForm, header(vectorSig), nil},
		{"published vector, one digit changed", auth, vectorURL, url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+12349013030"}, "Digits": {"1235"}, "From": {"+12349013030"}, "To": {"+18005551212"}}, header(vectorSig), twiliosig.ErrMismatch},
		{"published vector, query reordered", auth, "https://mycompany.com/myapp.php?bar=2&foo=1", vectorForm, header(vectorSig), twiliosig.ErrMismatch},
		{"no signature", auth, vectorURL, vectorForm, header(""), twiliosig.ErrNoSignature},
		{"rotation: the secondary token", auth, lineURL, repeatedForm, header(sign1("secondary-token", lineURL, repeatedForm)), nil},
		{"rotation: a retired token", auth, lineURL, repeatedForm, header(sign1("retired-token", lineURL, repeatedForm)), twiliosig.ErrMismatch},
		{"repeated parameter, every value (twilio-node)", auth, vectorURL, repeatedForm, header(nodeRepeated1), nil},
		{"repeated parameter, a value removed", auth, vectorURL, changed, header(nodeRepeated1), twiliosig.ErrMismatch},
		{"repeated parameter signed over the first value only", auth, vectorURL, repeatedForm, header(sign1(vectorToken, vectorURL, firstOnly)), twiliosig.ErrMismatch},
		{"shared key, HMAC_SHA256 (twilio-node)", keyed, lineURL, repeatedForm, header(nodeRepeated256, settings256...), nil},
		{"shared key, HMAC_SHA256, port written", keyed, "https://line.example.org:443/twilio/sms", repeatedForm, header(nodeRepeated256, settings256...), nil},
		{"shared key, lower-case algorithm", keyed, lineURL, repeatedForm, header(nodeRepeated256, twiliosig.SettingsHeader, "algorithm=hmac_sha256, key=k"), nil},
		{"shared key, HMAC_SHA1 named", keyed, lineURL, repeatedForm, header(sign1(signingKey, lineURL, repeatedForm), twiliosig.SettingsHeader, "key=k,algorithm=HMAC_SHA1"), nil},
		{"shared key, no algorithm named is HMAC_SHA1", keyed, lineURL, repeatedForm, header(sign1(signingKey, lineURL, repeatedForm), twiliosig.SettingsHeader, "key=k"), nil},
		{"shared key, parameter changed", keyed, lineURL, changed, header(nodeRepeated256, settings256...), twiliosig.ErrMismatch},
		{"shared key, signed with the auth token", keyed, lineURL, repeatedForm, header(twiliosig.Sign256([]byte(vectorToken), lineURL, repeatedForm), settings256...), twiliosig.ErrMismatch},
		{"auth token's SHA1 with a settings header", keyed, lineURL, repeatedForm, header(sign1(vectorToken, lineURL, repeatedForm), twiliosig.SettingsHeader, "key=k,algorithm=HMAC_SHA1"), twiliosig.ErrMismatch},
		{"shared key, unknown algorithm", keyed, lineURL, repeatedForm, header(nodeRepeated256, twiliosig.SettingsHeader, "key=k,algorithm=HMAC_MD5"), twiliosig.ErrAlgorithm},
		{"settings header with no key configured", auth, lineURL, repeatedForm, header(nodeRepeated256, settings256...), twiliosig.ErrNoSigningKey},
		{"shared key set, auth token still works without the header", keyed, vectorURL, vectorForm, header(vectorSig), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.v.Check(tt.url, tt.form, tt.h)
			if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
				t.Errorf("Check: got %v; want %v", err, tt.want)
			}
			if got, want := twiliosig.Reason(err), twiliosig.Reason(tt.want); got != want {
				t.Errorf("Reason: got %q; want %q", got, want)
			}
		})
	}
}

func TestAlgorithm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"key=webhooks_sharedkey_abc,algorithm=HMAC_SHA256", "HMAC_SHA256"},
		{"", "HMAC_SHA1"},
		{"key=x", "HMAC_SHA1"},
		{" algorithm = hmac_sha256 ", "hmac_sha256"},
		{"algorithm=,algorithm=HMAC_SHA256", "HMAC_SHA256"},
		{"algorithms=HMAC_SHA256", "HMAC_SHA1"},
	}
	for _, tt := range tests {
		if got := twiliosig.Algorithm(tt.in); got != tt.want {
			t.Errorf("Algorithm(%q): got %q; want %q", tt.in, got, tt.want)
		}
	}
}

// lockedBuffer is a log destination safe for the log's timer goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) lines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Split(strings.TrimSpace(l.b.String()), "\n")
}

// TestRefusalLogRate: a flood of refusals gives one line at once and one
// line per interval after, counting every refusal, with route names and
// reasons only.
func TestRefusalLogRate(t *testing.T) {
	buf := &lockedBuffer{}
	const every = 300 * time.Millisecond
	rl := twiliosig.NewRefusalLog(slog.New(slog.NewTextHandler(buf, nil)), every)
	start := time.Now()
	for i := range 500 {
		route := "sms"
		if i%5 == 0 {
			route = "voice"
		}
		rl.Add(route, "signature")
	}
	if got := buf.lines(); len(got) != 1 || !strings.Contains(got[0], "count=1 ") {
		t.Fatalf("at once: got %q; want one line counting the first refusal", got)
	}
	time.Sleep(every + 200*time.Millisecond)
	got := buf.lines()
	if len(got) != 2 {
		t.Fatalf("after the interval: got %d lines %q; want 2", len(got), got)
	}
	if !strings.Contains(got[1], "count=499") || !strings.Contains(got[1], `routes="sms=400 voice=99"`) || !strings.Contains(got[1], `reasons="signature=499"`) {
		t.Errorf("second line: got %q; want count=499, routes sms=400 voice=99", got[1])
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
	// Quiet for an interval: the next refusal is logged at once.
	time.Sleep(every)
	rl.Add("status", "no_signature")
	if got := buf.lines(); len(got) != 3 || !strings.Contains(got[2], "count=1") {
		t.Errorf("after a quiet interval: got %q; want a third line at once", got)
	}
}

// TestRefusalLogClose: Close writes what is waiting at once, and nothing is
// logged after it (a line closing must not log into a finished test).
func TestRefusalLogClose(t *testing.T) {
	buf := &lockedBuffer{}
	rl := twiliosig.NewRefusalLog(slog.New(slog.NewTextHandler(buf, nil)), time.Hour)
	rl.Add("sms", "signature")
	rl.Add("sms", "signature")
	rl.Add("voice", "method")
	rl.Close()
	got := buf.lines()
	if len(got) != 2 || !strings.Contains(got[1], "count=2") {
		t.Fatalf("after Close: got %q; want the first line and one with the two waiting", got)
	}
	rl.Add("sms", "signature")
	rl.Close()
	if after := buf.lines(); len(after) != 2 {
		t.Errorf("after a second Close: got %q; want nothing more", after)
	}
}
