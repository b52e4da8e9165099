package main

// Hostile input: forged and altered signatures, odd requests, SMS pumping
// and attempts to make the line dial someone it should not.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/sim"
)

// redisState is every key and its type and length: enough to see that
// nothing was written.
func redisState(t testing.TB, rdb redis.UniversalClient) []string {
	t.Helper()
	ctx := context.Background()
	keys, err := rdb.Keys(ctx, "*").Result()
	if err != nil {
		t.Fatalf("redis keys: %v", err)
	}
	slices.Sort(keys)
	var out []string
	for _, k := range keys {
		d, _ := rdb.Do(ctx, "DEBUG", "DIGEST-VALUE", k).Text()
		out = append(out, k+"="+d)
	}
	return out
}

// TestSignatureRefused posts requests that Twilio did not sign, or that were
// changed after signing: each gets 403, and neither Redis nor Twilio's REST
// API sees anything.
func TestSignatureRefused(t *testing.T) {
	rdb, rs := redistest.Start(t)
	l := startLiveLine(t, map[string]string{"REDIS_URL": "redis://" + rs.Addr})
	smsParams := map[string]string{"MessageSid": "SMforged0000000000000000000000001", "AccountSid": config.DemoAccountSID,
		"From": "+447700900600", "To": faultLineNumber, "Body": "call me", "NumMedia": "0"}
	voiceParams := map[string]string{"CallSid": "CAforged000000000000000000000001", "AccountSid": config.DemoAccountSID,
		"From": "+447700900600", "To": faultLineNumber, "Digits": "0"}
	with := func(p map[string]string, kv ...string) map[string]string {
		q := map[string]string{}
		for k, v := range p {
			q[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "" {
				delete(q, kv[i])
			} else {
				q[kv[i]] = kv[i+1]
			}
		}
		return q
	}
	type attempt struct {
		name      string
		path      string            // posted to
		params    map[string]string // posted
		signPath  string            // signed over (default path)
		signWith  map[string]string // signed over (default params)
		token     string            // default the line's
		signature *string           // overrides the computed one; nil computes
	}
	str := func(s string) *string { return &s }
	attempts := []attempt{
		{name: "forged with another token", path: "/twilio/sms", params: smsParams, token: "not-the-token"},
		{name: "missing signature", path: "/twilio/sms", params: smsParams, signature: str("")},
		{name: "malformed signature", path: "/twilio/sms", params: smsParams, signature: str("!!not base64!!")},
		{name: "truncated signature", path: "/twilio/sms", params: smsParams, signature: str("AAAA")},
		{name: "huge signature", path: "/twilio/sms", params: smsParams, signature: str(strings.Repeat("A", 8000))},
		{name: "body changed after signing", path: "/twilio/sms", params: with(smsParams, "Body", "text me 07700900999"), signWith: smsParams},
		{name: "From changed after signing", path: "/twilio/sms", params: with(smsParams, "From", "+882160000001"), signWith: smsParams},
		{name: "parameter added after signing", path: "/twilio/sms", params: with(smsParams, "To", "+447700900999", "Extra", "1"), signWith: smsParams},
		{name: "parameter removed after signing", path: "/twilio/sms", params: with(smsParams, "NumMedia", ""), signWith: smsParams},
		{name: "signed for another path", path: "/twilio/sms", params: smsParams, signPath: "/twilio/voice"},
		{name: "query added after signing", path: "/twilio/sms?To=%2B447700900999", params: smsParams, signPath: "/twilio/sms"},
		{name: "voice digits changed", path: "/twilio/voice/menu", params: with(voiceParams, "Digits", "1"), signWith: voiceParams},
		{name: "voice forged", path: "/twilio/voice", params: voiceParams, token: "guess"},
		{name: "dial status forged", path: "/twilio/voice/dialed", params: with(voiceParams, "DialCallStatus", "completed"), token: "guess"},
		{name: "status forged", path: "/twilio/status", params: with(voiceParams, "CallStatus", "completed"), token: "guess"},
	}
	before := redisState(t, rdb)
	restBefore := len(l.rest.Matching(""))
	for _, a := range attempts {
		t.Run(a.name, func(t *testing.T) {
			signPath, signWith, token := a.signPath, a.signWith, a.token
			if signPath == "" {
				signPath = a.path
			}
			if signWith == nil {
				signWith = a.params
			}
			if token == "" {
				token = l.token
			}
			sig := sim.Sign(token, l.srv.URL+signPath, signWith)
			if a.signature != nil {
				sig = *a.signature
			}
			form := url.Values{}
			for k, v := range a.params {
				form.Set(k, v)
			}
			req, _ := http.NewRequest(http.MethodPost, l.srv.URL+a.path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if sig != "" {
				req.Header.Set("X-Twilio-Signature", sig)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("post: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("got status %d; want 403", resp.StatusCode)
			}
		})
	}
	if after := redisState(t, rdb); !slices.Equal(before, after) {
		t.Errorf("Redis changed after refused requests:\nbefore %q\nafter  %q", before, after)
	}
	if n := len(l.rest.Matching("")); n != restBefore {
		t.Errorf("refused requests made %d REST requests; want none", n-restBefore)
	}
	// The same text, signed properly, is accepted: the refusals above were
	// about the signatures, not the requests.
	if r := l.post("/twilio/sms", smsParams); r.status != http.StatusOK {
		t.Errorf("the genuine request: got status %d; want 200", r.status)
	}
}

// TestOddRequests sends what no Twilio webhook looks like: each gets a clean
// 4xx, never a 5xx.
func TestOddRequests(t *testing.T) {
	l := startLiveLine(t, map[string]string{"REDIS_URL": "redis://" + redistest.StartServer(t).Addr})
	signed := func(path string, params map[string]string) http.Header {
		h := http.Header{}
		h.Set("Content-Type", "application/x-www-form-urlencoded")
		h.Set("X-Twilio-Signature", sim.Sign(l.token, l.srv.URL+path, params))
		return h
	}
	big := map[string]string{"From": "+447700900601", "Body": strings.Repeat("x", 70<<10)}
	bigForm := url.Values{"From": {big["From"]}, "Body": {big["Body"]}}.Encode()
	cases := []struct {
		name, method, path, body string
		header                   http.Header
		want                     int
	}{
		{"body over 64 KB", "POST", "/twilio/sms", bigForm, signed("/twilio/sms", big), http.StatusRequestEntityTooLarge},
		{"malformed form", "POST", "/twilio/sms", "From=%zz&Body=%", signed("/twilio/sms", nil), http.StatusBadRequest},
		{"GET a webhook", "GET", "/twilio/sms", "", nil, http.StatusMethodNotAllowed},
		{"PUT a webhook", "PUT", "/twilio/voice", "a=b", signed("/twilio/voice", nil), http.StatusMethodNotAllowed},
		{"DELETE a webhook", "DELETE", "/twilio/voice/menu", "", nil, http.StatusMethodNotAllowed},
		{"PATCH a webhook", "PATCH", "/twilio/status", "", nil, http.StatusMethodNotAllowed},
		{"JSON body", "POST", "/twilio/sms", `{"From":"+447700900601"}`, http.Header{"Content-Type": {"application/json"}}, http.StatusUnsupportedMediaType},
		{"no content type", "POST", "/twilio/sms", "From=x", nil, http.StatusUnsupportedMediaType},
		{"multipart body", "POST", "/twilio/sms", "--x\r\n", http.Header{"Content-Type": {"multipart/form-data; boundary=x"}}, http.StatusUnsupportedMediaType},
		{"unknown route", "GET", "/wp-login.php", "", nil, http.StatusNotFound},
		{"unknown webhook", "POST", "/twilio/nothing-here", "a=b", signed("/twilio/nothing-here", map[string]string{"a": "b"}), http.StatusNotFound},
		{"dot-dot path", "GET", "/twilio/../../etc/passwd", "", nil, http.StatusNotFound},
		{"POST healthz", "POST", "/healthz", "", nil, http.StatusMethodNotAllowed},
		{"DELETE readyz", "DELETE", "/readyz", "", nil, http.StatusMethodNotAllowed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(c.method, l.srv.URL+c.path, strings.NewReader(c.body))
			for k, v := range c.header {
				req.Header[k] = v
			}
			// The client would clean the path; send it as written.
			req.URL.Opaque = c.path
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("%s %s: %v", c.method, c.path, err)
			}
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Errorf("%s %s: got status %d; want %d", c.method, c.path, resp.StatusCode, c.want)
			}
			if resp.StatusCode >= 500 {
				t.Errorf("%s %s: got a 5xx", c.method, c.path)
			}
		})
	}
	t.Run("headers too large", func(t *testing.T) {
		req, _ := http.NewRequest("GET", l.srv.URL+"/healthz", nil)
		req.Header.Set("X-Junk", strings.Repeat("j", 64<<10))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("get: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("got status %d; want 431", resp.StatusCode)
		}
	})
}

// pumpers are numbers SMS pumping uses: international premium and satellite
// ranges, foreign mobiles, and UK premium-rate and personal numbers.
var pumpers = []string{
	"+882160000001", "+881600000002", "+870772000003", "+2348030000004", "+79210000005",
	"+12025550106", "+8801700000007", "+37255000008", "+449098790009", "+447012345610",
	"+448712345611", "+252610000012", "+5353000013", "+96170000014", "+22507000015",
}

// TestSMSPumping sends a burst of texts and calls from numbers that pumping
// uses, asking for callbacks and for texts: the line sends REST texts only to
// allowed country codes outside premium ranges, never more than the global
// hourly cap, and its TwiML replies only ever go back to whoever wrote.
func TestSMSPumping(t *testing.T) {
	const globalCap = 6
	l := startLiveLine(t, map[string]string{
		"REDIS_URL": "redis://" + redistest.StartServer(t).Addr, "SMS_GLOBAL_PER_HOUR": fmt.Sprint(globalCap),
	})
	bodies := []string{"call me", "text me", "help me", "ring me please", "1", "HELP", "Frome", "START", "YES"}
	for i := range 120 {
		from := pumpers[i%len(pumpers)]
		if i%3 == 2 {
			from = fmt.Sprintf("+4477009007%02d", i%100) // UK mobiles join in
		}
		r := l.sms(from, bodies[i%len(bodies)])
		n := parseTwiML(t, "pumped text", r)
		if i%3 != 2 && len(n.all("Message")) > 0 {
			// Replies obey the number policy too (docs/sms.md).
			t.Errorf("a text from %s got a reply %q; want an empty <Response/>", from, r.body)
		}
		for _, m := range n.all("Message") {
			if to := m.attr("to"); to != "" {
				t.Errorf("a reply addressed to %q; want replies only to the sender", to)
			}
		}
	}
	// Calls from the same numbers ask for texts of the results (3).
	for i, from := range pumpers {
		sid := fmt.Sprintf("CApump%026d", i)
		l.voice("/twilio/voice", sid, from)
		l.voice("/twilio/voice/menu", sid, from, "Digits", "1")
		l.voice("/twilio/voice/place", sid, from, "SpeechResult", "Frome", "Confidence", "0.95")
		for range 3 {
			parseTwiML(t, "text me from a call", l.voice("/twilio/voice/result", sid, from, "Digits", "3"))
		}
	}
	texts := l.rest.Matching("/Messages.json")
	if len(texts) > globalCap {
		t.Errorf("the line sent %d REST texts; want at most the global cap %d", len(texts), globalCap)
	}
	for _, m := range texts {
		to := m.Form.Get("To")
		if !strings.HasPrefix(to, "+44") || strings.HasPrefix(to, "+449") || strings.HasPrefix(to, "+4470") || strings.HasPrefix(to, "+4487") {
			t.Errorf("a REST text went to %q; want only +44 numbers outside premium and personal ranges", to)
		}
	}
	if calls := l.rest.Matching("/Calls.json"); len(calls) > 0 {
		t.Errorf("texts and calls from pumpers made %d REST calls; want none", len(calls))
	}
	for _, reason := range []string{"country", "premium_rate", "personal_number"} {
		if got := l.metric(t, `heritageline_sms_unanswered_total{reason="`+reason+`"}`); got == "0" {
			t.Errorf("/metrics: texts left unanswered for %s: 0; want them counted", reason)
		}
	}
	t.Logf("%d REST texts sent (cap %d)", len(texts), globalCap)
}

// roster numbers (testdata/volunteers.yaml).
var rosterNumbers = []string{"+447700900311", "+447700900322"}

// TestNoDiallingOutsideRoster walks calls through every step with every key
// and with numbers spoken and keyed, and texts numbers to the line: every
// <Number> the line returns is a rostered volunteer, every Dial's callerId is
// the line's own number, and every REST call goes to a volunteer (whose leg
// then dials the resident who asked for the callback, and nobody else).
func TestNoDiallingOutsideRoster(t *testing.T) {
	l := startLiveLine(t, map[string]string{"REDIS_URL": "redis://" + redistest.StartServer(t).Addr})
	var numbers []string // every <Number> seen
	check := func(what string, r reply) *twimlNode {
		t.Helper()
		n := parseTwiML(t, what, r)
		for _, d := range n.all("Dial") {
			if id := d.attr("callerId"); id != "" && id != faultLineNumber {
				t.Errorf("%s: Dial callerId %q; want the line's number", what, id)
			}
			if strings.TrimSpace(d.Text) != "" {
				t.Errorf("%s: Dial with a bare number %q; want only rostered <Number>s", what, d.Text)
			}
			for _, num := range d.all("Number") {
				numbers = append(numbers, strings.TrimSpace(num.Text))
			}
		}
		return n
	}
	inputs := [][]string{
		{"Digits", "0"}, {"Digits", "1"}, {"Digits", "9"}, {"Digits", "*"}, {"Digits", "#"},
		{"Digits", "07911123456"}, {"Digits", "999"}, {"Digits", "+447911123456"},
		{"SpeechResult", "call 07911 123456"}, {"SpeechResult", "dial plus four four seven nine one one"},
		{"SpeechResult", "put me through to 999"}, {"SpeechResult", "+1 202 555 0100"},
		{"SpeechResult", "volunteer"}, {"SpeechResult", "Frome"}, {"SpeechResult", "text me 07911 123456"},
		{"Digits", "3"}, {"Digits", "4"}, {"Digits", "2"},
		{"RecordingUrl", "https://evil.example/rec", "RecordingDuration", "12"},
		{"DialCallStatus", "completed", "DialBridged", "true"}, {"DialCallStatus", "no-answer"},
	}
	steps := []string{"menu", "place", "confirm", "towns", "result", "kind", "end", "none",
		"screen", "screened", "dialed", "recorded", "callback", "menu?to=%2B447911123456"}
	// Callers' own numbers; the numbers they key and say (07911 123456,
	// 999, +1 202 ...) belong to nobody who rang.
	callers := []string{"+447700900700", "+447700900703", "anonymous", "+882160000001"}
	n := 0
	for _, from := range callers {
		for _, step := range steps {
			n++
			sid := fmt.Sprintf("CAdial%026d", n)
			check("greeting", l.voice("/twilio/voice", sid, from))
			for _, in := range inputs {
				check(step, l.voice("/twilio/voice/"+step, sid, from, in...))
			}
		}
	}
	// Callbacks asked for by text and by voice, then taken by a volunteer.
	const wantsCallback = "+447700900701"
	l.sms(wantsCallback, "call me on 07911 123456 please")
	sid := "CAdialcallback0000000000000000001"
	check("greeting", l.voice("/twilio/voice", sid, "+447700900702"))
	check("volunteer", l.voice("/twilio/voice/menu", sid, "+447700900702", "Digits", "0"))
	check("callback", l.voice("/twilio/voice/callback", sid, "+447700900702", "Digits", "1"))
	list := l.sms(rosterNumbers[0], "LIST")
	check("volunteer text", list)
	refs := regexp.MustCompile(`\bC\d+`).FindAllString(list.body, -1)
	if len(refs) < 2 {
		t.Fatalf("LIST: got %q; want the callbacks", list.body)
	}
	for _, body := range []string{"TAKE", "TAKE " + refs[0], "TAKE " + refs[1] + " 07911123456", "CALL 07911123456", "TAKE " + refs[0] + " +447911123456"} {
		check("volunteer text", l.sms(rosterNumbers[0], body))
	}
	// A callback leg may ring back only someone who rang or texted.
	residents := append([]string{wantsCallback, "+447700900702"}, callers...)
	for _, num := range numbers {
		if !slices.Contains(rosterNumbers, num) {
			t.Errorf("TwiML dialled %q; want only rostered volunteers %v", num, rosterNumbers)
		}
	}
	for _, c := range l.rest.Matching("/Calls.json") {
		to := c.Form.Get("To")
		if !slices.Contains(rosterNumbers, to) {
			t.Errorf("a REST call went to %q; want only rostered volunteers", to)
		}
		if tw := c.Form.Get("Twiml"); tw != "" {
			n := parseTwiML(t, "REST call TwiML", reply{status: 200, body: tw})
			for _, num := range n.all("Number") {
				if got := strings.TrimSpace(num.Text); !slices.Contains(residents, got) {
					t.Errorf("a callback leg dials %q; want only someone who rang or texted %v", got, residents)
				}
			}
		}
	}
	t.Logf("%d <Number>s seen, %d REST calls", len(numbers), len(l.rest.Matching("/Calls.json")))
}

// FuzzWebhook throws arbitrary methods, paths, content types, signatures
// and bodies at the whole handler (middleware and routes): it never panics
// and never answers 5xx; an unsigned webhook is never served (2xx).
func FuzzWebhook(f *testing.F) {
	f.Add("POST", "/twilio/sms", "application/x-www-form-urlencoded", "", "From=%2B447700900123&Body=Frome", false)
	f.Add("POST", "/twilio/voice/menu", "application/x-www-form-urlencoded", "", "CallSid=CA1&Digits=1", true)
	f.Add("POST", "/twilio/voice/../sms", "application/x-www-form-urlencoded; charset=utf-8", "AAAA", "a=%zz", false)
	f.Add("GET", "/healthz", "", "", "", false)
	f.Add("PUT", "/twilio/status", "multipart/form-data; boundary=x", "!!", "--x\r\n", true)
	f.Add("POST", "/twilio/voice", "application/x-www-form-urlencoded", "", "SpeechResult=call+07911123456&Digits=0", true)
	l := startLiveLine(f, map[string]string{"REDIS_URL": "redis://" + redistest.StartServer(f).Addr, "LOG_LEVEL": "error"})
	h := l.srv.line.handler
	f.Fuzz(func(t *testing.T, method, path, contentType, sig, body string, sign bool) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \r\n\t#") || method == "" || strings.ContainsAny(method, " \r\n\t/") {
			return
		}
		u, err := url.ParseRequestURI(path)
		if err != nil {
			return
		}
		req, err := http.NewRequest(method, l.srv.URL+u.RequestURI(), strings.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", contentType)
		if sign {
			form, err := url.ParseQuery(body)
			if err != nil {
				return
			}
			params := map[string]string{}
			for k, v := range form {
				params[k] = v[0]
			}
			sig = sim.Sign(l.token, l.srv.URL+u.RequestURI(), params)
		}
		if sig != "" {
			req.Header.Set("X-Twilio-Signature", sig)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Errorf("%s %s: got %d; want no 5xx", method, path, w.Code)
		}
		// A path that is not clean is redirected to its clean form (3xx),
		// which is checked in turn; no unsigned request is ever served.
		if !sign && strings.HasPrefix(u.Path, "/twilio/") && w.Code < 300 {
			t.Errorf("%s %s unsigned: got %d; want 3xx or 4xx", method, path, w.Code)
		}
	})
}
