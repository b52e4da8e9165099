package ivr

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/mux"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/session"
	"github.com/heritage-line/heritageline/volunteers"
)

// Connect lets fakeDesk stand in for the desk: it declines every callback
// (a Say and a Hangup), or fails with d.err.
func (d *fakeDesk) Connect(ctx context.Context, ref, volunteerPhone, digits string) (volunteers.Answer, error) {
	if d.err != nil {
		return volunteers.Answer{}, d.err
	}
	return volunteers.Answer{Voice: "Polly.Amy", Language: "en-GB", Steps: []volunteers.Step{{Say: "No callback."}, {HangUp: true}}}, nil
}

// CallEnded lets fakeDesk stand in for the desk: it changes nothing.
func (d *fakeDesk) CallEnded(ctx context.Context, ref, volunteerPhone, callSID, status string) error {
	return d.err
}

// fakeCaller keeps the TwiML and status callback of each call the desk places.
type fakeCaller struct {
	mu    sync.Mutex
	calls []struct{ to, twiml, status string }
}

func (f *fakeCaller) StartCall(ctx context.Context, to, doc, statusCallback string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, struct{ to, twiml, status string }{to, doc, statusCallback})
	return fmt.Sprintf("CAout%028d", len(f.calls)), nil
}

// connectRig is the voice line's routes over the real volunteers desk on a
// real redis-server, with callback C7882 from the resident (mobile).
type connectRig struct {
	t      *testing.T
	router http.Handler
	desk   *volunteers.Desk
	caller *fakeCaller
	texter *fakeTexter
}

func newConnectRig(t *testing.T) *connectRig {
	t.Helper()
	rdb, _ := redistest.Start(t)
	hours, err := volunteers.ParseHours("always")
	if err != nil {
		t.Fatal(err)
	}
	rs := roster
	rs.Hours = hours
	log := slog.New(slog.NewTextHandler(testWriter{t}, nil))
	c := &connectRig{t: t, caller: &fakeCaller{}, texter: &fakeTexter{}}
	c.desk = volunteers.NewDesk(rs, rdb, c.texter, Ringer{Caller: c.caller}, lineNumber, publicURL, func() time.Time { return now }, log)
	line := New(Config{PublicURL: publicURL, LineNumber: lineNumber, Now: func() time.Time { return now }}, Deps{
		Finder: testFinder(), Towns: fakeTowns{testTowns}, Places: testResolver(), Sessions: session.New(rdb, "hl:call:"),
		Desk: c.desk, Texter: c.texter, Figures: &fakeFigures{}, Hasher: privacy.NewHasher([]byte("k")), Log: log,
	})
	r := mux.NewRouter()
	r.Handle("/twilio/voice/{step}", line.Step()).Methods(http.MethodPost)
	c.router = r
	if _, err := c.desk.RequestCallback(t.Context(), volunteers.CallbackRequest{Phone: mobile, Kind: "voice"}); err != nil {
		t.Fatal(err)
	}
	return c
}

// post sends Twilio's request on the line's outbound call to the volunteer
// (From the line, To the volunteer) to target, with kv, and returns the
// TwiML parsed.
func (c *connectRig) post(target string, kv ...string) *node {
	c.t.Helper()
	u, err := url.Parse(strings.TrimPrefix(target, publicURL))
	if err != nil {
		c.t.Fatal(err)
	}
	form := url.Values{
		"CallSid": {"CAout0001"}, "AccountSid": {"AC123"}, "From": {lineNumber},
		"CallStatus": {"in-progress"}, "Direction": {"outbound-api"}, "ApiVersion": {"2010-04-01"},
	}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Set(kv[i], kv[i+1])
	}
	req := httptest.NewRequest(http.MethodPost, u.RequestURI(), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	c.router.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/xml" {
		c.t.Fatalf("POST %s: got status %d, Content-Type %q; want 200 text/xml", u, rec.Code, rec.Header().Get("Content-Type"))
	}
	return parseXML(c.t, rec.Body.Bytes())
}

// dialled lists every number a TwiML document dials.
func dialled(n *node) []string {
	var out []string
	for _, num := range n.all("Number") {
		out = append(out, strings.TrimSpace(num.Text))
	}
	return out
}

// TestConnectCallback follows the line ringing Sam for a callback he took:
// the ring gathers one key for the connect step, and Sam's 1 dials the
// resident from the line's number, the only number it ever dials.
func TestConnectCallback(t *testing.T) {
	c := newConnectRig(t)
	sam := roster.Volunteers[0].Phone
	if reply := c.desk.HandleText(t.Context(), sam, "TAKE C7882"); !strings.HasPrefix(reply, "C7882 is yours") {
		t.Fatalf("TAKE: got %q", reply)
	}
	if len(c.caller.calls) != 1 || c.caller.calls[0].to != sam {
		t.Fatalf("calls: got %+v; want one to Sam", c.caller.calls)
	}
	ring := parseXML(t, []byte(c.caller.calls[0].twiml))
	if got := dialled(ring); len(got) != 0 {
		t.Errorf("the ring dials %v before Sam pressed 1; want nobody", got)
	}
	gathers := ring.all("Gather")
	if len(gathers) != 1 || gathers[0].Attrs["numDigits"] != "1" {
		t.Fatalf("ring: got\n%s\nwant one Gather for one key", ring.canonical())
	}
	action := gathers[0].Attrs["action"]
	if action != publicURL+"/twilio/voice/connect?ref=C7882" {
		t.Errorf("Gather action: got %q; want the connect step for C7882", action)
	}
	if rs := ring.all("Redirect"); len(rs) != 1 || strings.TrimSpace(rs[0].Text) != action {
		t.Errorf("ring: got\n%s\nwant a Redirect to %s after the Gather, for silence", ring.canonical(), action)
	}
	got := c.post(action, "To", sam, "Digits", "1")
	dials := got.all("Dial")
	if len(dials) != 1 || dials[0].Attrs["callerId"] != lineNumber || strings.Join(dialled(got), ",") != mobile {
		t.Errorf("after 1: got\n%s\nwant the resident dialled from the line's number", got.canonical())
	}
	says(t, got, "Connecting you now")
}

// TestConnectRefusals posts what a forger, a voicemail or a stale call could
// post to /twilio/voice/connect: only the holder's 1 on a call to the
// holder's own number, for an open callback, dials anyone.
func TestConnectRefusals(t *testing.T) {
	sam, priya := roster.Volunteers[0].Phone, roster.Volunteers[1].Phone
	const connect = publicURL + "/twilio/voice/connect"
	tests := []struct {
		name     string
		setup    func(c *connectRig) // after Sam texts TAKE C7882
		target   string
		kv       []string
		wantSay  string
		wantDial bool
	}{
		{name: "the holder presses 1", target: connect + "?ref=C7882", kv: []string{"To", sam, "Digits", "1"}, wantSay: "Connecting you now", wantDial: true},
		{name: "forged ref", target: connect + "?ref=C99", kv: []string{"To", sam, "Digits", "1"}, wantSay: "no open callback"},
		{name: "malformed ref", target: connect + "?ref=" + url.QueryEscape("C7882 +449098790123"), kv: []string{"To", sam, "Digits", "1"}, wantSay: "can't be connected"},
		{name: "no ref", target: connect, kv: []string{"To", sam, "Digits", "1"}, wantSay: "can't be connected"},
		{name: "ref posted, not in the URL", target: connect, kv: []string{"ref", "C7882", "To", sam, "Digits", "1"}, wantSay: "can't be connected"},
		{name: "wrong To: another volunteer", target: connect + "?ref=C7882", kv: []string{"To", priya, "Digits", "1"}, wantSay: "with another volunteer"},
		{name: "wrong To: the resident", target: connect + "?ref=C7882", kv: []string{"To", mobile, "Digits", "1"}, wantSay: "can't be connected"},
		{name: "wrong To: the line (a resident's incoming call)", target: connect + "?ref=C7882", kv: []string{"To", lineNumber, "From", mobile, "Digits", "1"}, wantSay: "can't be connected"},
		{name: "wrong To: a premium number", target: connect + "?ref=C7882", kv: []string{"To", "+449098790123", "Digits", "1"}, wantSay: "can't be connected"},
		{name: "To in the query, not posted", target: connect + "?ref=C7882&To=" + url.QueryEscape(sam), kv: []string{"To", "+447700900999", "Digits", "1"}, wantSay: "can't be connected"},
		{name: "a number in Digits", target: connect + "?ref=C7882", kv: []string{"To", sam, "Digits", "+447700900999"}, wantSay: "back on the list"},
		{name: "digit 2", target: connect + "?ref=C7882", kv: []string{"To", sam, "Digits", "2"}, wantSay: "back on the list"},
		{name: "nothing pressed (voicemail)", target: connect + "?ref=C7882", kv: []string{"To", sam}, wantSay: "back on the list"},
		{name: "done callback", setup: func(c *connectRig) { c.desk.HandleText(context.Background(), priya, "DONE C7882") }, target: connect + "?ref=C7882", kv: []string{"To", sam, "Digits", "1"}, wantSay: "already been closed"},
		{name: "untaken callback (given back by a voicemail)", setup: func(c *connectRig) { c.post(connect+"?ref=C7882", "To", sam) }, target: connect + "?ref=C7882", kv: []string{"To", sam, "Digits", "1"}, wantSay: "isn't taken"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newConnectRig(t)
			c.desk.HandleText(t.Context(), sam, "TAKE C7882")
			if tt.setup != nil {
				tt.setup(c)
			}
			got := c.post(tt.target, tt.kv...)
			says(t, got, tt.wantSay)
			nums := dialled(got)
			if tt.wantDial {
				if strings.Join(nums, ",") != mobile {
					t.Errorf("dialled %v; want the resident only", nums)
				}
				return
			}
			if len(nums) != 0 || len(got.all("Dial")) != 0 {
				t.Errorf("dialled %v; want nobody:\n%s", nums, got.canonical())
			}
			if len(got.all("Hangup")) != 1 {
				t.Errorf("got\n%s\nwant a Hangup", got.canonical())
			}
		})
	}
}

// TestConnectDeskFails: when the desk fails the volunteer hears an apology
// and the call ends, with 200 and valid TwiML, and no volunteer is rung.
func TestConnectDeskFails(t *testing.T) {
	h := newHarness(t)
	h.desk.err = errBroken
	got := h.post("/twilio/voice/connect?ref=C7882", "To", roster.Volunteers[0].Phone, "Digits", "1")
	says(t, got, "couldn't connect you")
	if len(got.all("Dial")) != 0 || len(got.all("Hangup")) != 1 {
		t.Errorf("got\n%s\nwant an apology and a Hangup", got.canonical())
	}
}

// TestTakenUnanswered follows the status callback Twilio posts when the ring
// for a taken callback ends: unanswered, the callback is back on the list
// (Priya can take it) and the answer is an empty Response.
func TestTakenUnanswered(t *testing.T) {
	c := newConnectRig(t)
	sam, priya := roster.Volunteers[0].Phone, roster.Volunteers[1].Phone
	c.desk.HandleText(t.Context(), sam, "TAKE C7882")
	if len(c.caller.calls) != 1 || c.caller.calls[0].status != publicURL+"/twilio/voice/taken?ref=C7882" {
		t.Fatalf("calls: got %+v; want one to Sam with the taken step as status callback", c.caller.calls)
	}
	got := c.post(c.caller.calls[0].status, "To", sam, "CallSid", "CAout0000000000000000000000000001", "CallStatus", "no-answer")
	if len(got.Kids) != 0 {
		t.Errorf("status callback answered %s; want an empty Response", got.canonical())
	}
	if reply := c.desk.HandleText(t.Context(), priya, "TAKE C7882"); !strings.HasPrefix(reply, "C7882 is yours") {
		t.Errorf("Priya's TAKE after Sam's ring went unanswered: got %q; want C7882", reply)
	}
}
