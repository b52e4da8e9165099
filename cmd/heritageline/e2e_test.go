package main

// End-to-end tests: the real server (startServer on a loopback port) on a real
// redis-server, walked by the simulator (package sim) as Twilio would.
//
// The config has no setting for Twilio's REST base URL, so the line runs in
// demo mode (no TWILIO_AUTH_TOKEN: a random token, the loopback demo Twilio).
// To see what the line asked Twilio's REST API to do, the tests put a
// recording transport in front of the demo Twilio (see startLine).

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue/sample"
	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/internal/faketwilio"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/sim"
	"github.com/heritage-line/heritageline/smstext"
)

// Numbers used by the tests: the line's, and the test roster's volunteers
// (testdata/volunteers.yaml). Residents' numbers are chosen per journey.
const (
	testLineNumber = "+441632960001"
	testAccountSID = "AC0123456789abcdef0123456789abcdef"
	volunteerAda   = "+447700900311"
	volunteerBen   = "+447700900322"
)

// testLine is a running line and what the tests can see of it.
type testLine struct {
	t     testing.TB
	srv   *server
	token string
	rest  *faketwilio.Server
	out   *syncBuffer // what the line writes for a person (the demo Twilio's lines)
	logs  *syncBuffer // the JSON log
}

// lineOptions change how startLine starts the line.
type lineOptions struct {
	redisURL string     // default: a fresh real redis-server
	logs     io.Writer  // also receives the JSON log; default none
	level    slog.Level // log level; default debug
	env      map[string]string
}

// startLine starts the real server on 127.0.0.1:0 with the test roster and
// waits until /readyz says it is ready. It stops the line when the test ends.
func startLine(t testing.TB, o lineOptions) *testLine {
	t.Helper()
	if o.redisURL == "" {
		o.redisURL = "redis://" + redistest.StartServer(t).Addr
	}
	env := map[string]string{
		"LISTEN_ADDR":         "127.0.0.1:0",
		"REDIS_URL":           o.redisURL,
		"TWILIO_ACCOUNT_SID":  testAccountSID,
		"TWILIO_PHONE_NUMBER": testLineNumber,
		"VOLUNTEERS":          "testdata/volunteers.yaml",
		"LOG_LEVEL":           "debug",
		"DATA_DIR":            t.TempDir(),
	}
	for k, v := range o.env {
		env[k] = v
	}
	cfg, err := config.FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	cfg.LogLevel = o.level
	if o.level == 0 {
		cfg.LogLevel = slog.LevelDebug
	}
	tl := &testLine{t: t, token: cfg.AuthToken, out: &syncBuffer{}, logs: &syncBuffer{}}
	logw := io.MultiWriter(tl.logs, testWriter{t})
	if o.logs != nil {
		logw = io.MultiWriter(logw, o.logs)
	}

	// Twilio's REST API is played by a recorder on loopback (TWILIO_API_BASE),
	// which keeps every request the line makes and answers like Twilio.
	tl.rest = faketwilio.New(t)
	cfg.TwilioAPIBase = tl.rest.URL
	srv, err := startServer(context.Background(), cfg, newLogger(logw, cfg.LogLevel), io.MultiWriter(tl.out, testWriter{t}))
	if err != nil {
		t.Fatalf("start the line: %v", err)
	}
	tl.srv = srv
	t.Cleanup(func() {
		if err := srv.Shutdown(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	waitReady(t, srv.URL)
	return tl
}

// waitReady polls /readyz until it answers 200 (the catalogue is loaded).
func waitReady(t testing.TB, base string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the line at %s was not ready within 15s (last: %v)", base, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// sim returns a simulated Twilio for a resident ringing or texting from.
func (tl *testLine) sim(from string) *sim.Line {
	return &sim.Line{
		URL: tl.srv.URL, AuthToken: tl.token, AccountSID: testAccountSID,
		From: from, To: testLineNumber, StatusCallback: true,
	}
}

// call walks one call with the caller's moves and returns its transcript;
// what the caller heard goes to the test log.
func (tl *testLine) call(l *sim.Line, c sim.Caller) *sim.Transcript {
	tl.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var heard bytes.Buffer
	if lc, ok := c.(*liveCaller); ok {
		lc.heard = &heard
	}
	tr, err := l.Call(ctx, c, &heard)
	tl.t.Logf("call from %s:\n%s", l.From, heard.String())
	if err != nil {
		tl.t.Fatalf("call: %v", err)
	}
	return tr
}

// text sends one SMS and returns the replies.
func (tl *testLine) text(l *sim.Line, body string) []string {
	tl.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	replies, err := l.Text(ctx, body)
	if err != nil {
		tl.t.Fatalf("text %q: %v", body, err)
	}
	tl.t.Logf("text %q -> %q", body, replies)
	for _, r := range replies {
		if n := smstext.Segments(r); n > 3 {
			tl.t.Errorf("reply to %q is %d SMS segments; want at most 3: %q", body, n, r)
		}
	}
	return replies
}

// text1 sends one SMS and wants exactly one reply.
func (tl *testLine) text1(l *sim.Line, body string) string {
	tl.t.Helper()
	replies := tl.text(l, body)
	if len(replies) != 1 {
		tl.t.Fatalf("text %q: got %d replies %q; want 1", body, len(replies), replies)
	}
	return replies[0]
}

// liveCaller plays a script of moves, each chosen when the line listens from
// what the caller has heard since the last move. It answers "Did you mean
// ...?" with 1 by itself, without using a move.
type liveCaller struct {
	heard *bytes.Buffer // set by testLine.call
	seen  int
	moves []func(heard string) string
}

// script is a liveCaller of fixed moves (the ParseMove format).
func script(moves ...string) *liveCaller {
	c := &liveCaller{}
	for _, m := range moves {
		c.moves = append(c.moves, func(string) string { return m })
	}
	return c
}

// then adds a move chosen from what was heard.
func (c *liveCaller) then(f func(heard string) string) *liveCaller {
	c.moves = append(c.moves, f)
	return c
}

func (c *liveCaller) Move(ctx context.Context, p sim.Prompt) (sim.Move, error) {
	var heard string
	if c.heard != nil {
		heard = c.heard.String()[c.seen:]
		c.seen = c.heard.Len()
	}
	if p.Verb == "Gather" && strings.Contains(lastLine(heard), "Did you mean") {
		return sim.ParseMove("1")
	}
	if len(c.moves) == 0 {
		return sim.Move{}, io.EOF
	}
	m := c.moves[0](heard)
	c.moves = c.moves[1:]
	return sim.ParseMove(m)
}

// lastLine is the last "LINE:" line of heard.
func lastLine(heard string) string {
	last := ""
	for _, l := range strings.Split(heard, "\n") {
		if strings.HasPrefix(l, "LINE:") {
			last = l
		}
	}
	return last
}

// keyFor finds "For NAME, press N" in what was heard and returns N.
func keyFor(name string) func(string) string {
	return func(heard string) string {
		m := regexp.MustCompile(`For ` + regexp.QuoteMeta(name) + `, press (\d)`).FindStringSubmatch(heard)
		if m == nil {
			return "#" // a key that chooses nothing: the test then fails on what is heard
		}
		return m[1]
	}
}

// titles are the sample catalogue's activity titles.
func titles(t testing.TB) []string {
	t.Helper()
	ld, err := sample.Load()
	if err != nil {
		t.Fatalf("sample catalogue: %v", err)
	}
	var ts []string
	for _, a := range ld.Activities {
		ts = append(ts, a.Title)
	}
	return ts
}

// activityIn reports whether s names one of titles.
func activityIn(titles []string) func(string) bool {
	return func(s string) bool {
		for _, t := range titles {
			if strings.Contains(s, t) {
				return true
			}
		}
		return false
	}
}

// checkSpeech fails for any Say not in en-GB, and for a hang-up that was not
// preceded by a goodbye: a caller is never cut off without one.
func checkSpeech(t testing.TB, tr *sim.Transcript) {
	t.Helper()
	for _, s := range tr.Speeches() {
		if s.Language != "en-GB" {
			t.Errorf("Say %q: got language %q; want en-GB", s.Text, s.Language)
		}
		if s.Voice == "" {
			t.Errorf("Say %q: no voice; want a UK voice", s.Text)
		}
	}
	for _, d := range tr.Dials() {
		for _, leg := range d.Legs {
			for _, s := range leg.Heard {
				if s.Language != "en-GB" {
					t.Errorf("volunteer heard %q: got language %q; want en-GB", s.Text, s.Language)
				}
			}
		}
	}
	for _, g := range tr.Gathers() {
		if strings.Contains(g.Input, "speech") && g.Language != "en-GB" {
			t.Errorf("speech Gather %q: got language %q; want en-GB", g.Prompt, g.Language)
		}
	}
	lastSay := ""
	for _, e := range tr.Events {
		switch e.Kind {
		case sim.KindSay:
			lastSay = e.Speech.Text
		case sim.KindHangup:
			if !strings.Contains(strings.ToLower(lastSay), "goodbye") {
				t.Errorf("hung up after %q; want a goodbye first", lastSay)
			}
		}
	}
}

func TestEndToEndVoice(t *testing.T) {
	tl := startLine(t, lineOptions{})
	all := titles(t)
	isActivity := activityIn(all)

	t.Run("says a town", func(t *testing.T) {
		tr := tl.call(tl.sim("+447700900401"), script("frome", "next", "9"))
		checkSpeech(t, tr)
		n := tr.WordsBefore(isActivity)
		if n < 0 {
			t.Fatalf("heard no activity; heard %q", tr.Said())
		}
		if n > 60 {
			t.Errorf("heard %d words before the first activity; want at most 60", n)
		}
		t.Logf("words before the first activity: %d", n)
		if !tr.Heard("Frome") {
			t.Errorf("never heard Frome; heard %q", tr.Said())
		}
		if got := countMatching(tr.Said(), isActivity); got < 2 {
			t.Errorf("heard %d activities after \"next\"; want at least 2", got)
		}
		if tr.Ended != "hangup" || !tr.Heard("goodbye") {
			t.Errorf("call ended by %q; want a goodbye and a hang-up after 9", tr.Ended)
		}
	})

	t.Run("word budget", func(t *testing.T) {
		for i, moves := range [][]string{{"frome"}, {"near frome"}, {"1", "frome"}, {"1", "Great Yarmouth"}} {
			t.Run(strings.Join(moves, ", "), func(t *testing.T) {
				tr := tl.call(tl.sim(fmt.Sprintf("+4477009004%02d", 50+i)), script(moves...))
				n := tr.WordsBefore(isActivity)
				if n < 0 {
					t.Fatalf("heard no activity; heard %q", tr.Said())
				}
				if n > 60 {
					t.Errorf("heard %d words before the first activity; want at most 60", n)
				}
			})
		}
	})

	t.Run("says a full postcode", func(t *testing.T) {
		tr := tl.call(tl.sim("+447700900402"), script("1", "BA11 1AT", "9"))
		checkSpeech(t, tr)
		if tr.WordsBefore(isActivity) < 0 {
			t.Fatalf("heard no activity; heard %q", tr.Said())
		}
		if !tr.Heard("Frome") && !tr.Heard("within") {
			t.Errorf("heard no place or distance; heard %q", tr.Said())
		}
	})

	t.Run("not understood twice, then keypad towns", func(t *testing.T) {
		c := script("1", "blorp flibble ~0.2", "wibble wobble ~0.2").then(keyFor("Nottingham")).then(func(string) string { return "9" })
		tr := tl.call(tl.sim("+447700900403"), c)
		checkSpeech(t, tr)
		if !tr.Heard("didn't catch") {
			t.Errorf("never heard the first miss said kindly; heard %q", tr.Said())
		}
		if !tr.Heard("For Nottingham, press") {
			t.Fatalf("never heard the keypad menu of towns; heard %q", tr.Said())
		}
		i := indexOf(tr.Said(), "For Nottingham, press")
		if j := indexWhere(tr.Said(), isActivity); j < i {
			t.Errorf("first activity at Say %d; want after the towns menu (Say %d)", j, i)
		}
		if !tr.Heard("Nottingham") || !anyContains(tr.Said()[i+1:], "Nottingham") {
			t.Errorf("heard no Nottingham activity after choosing it; heard %q", tr.Said()[i+1:])
		}
	})

	t.Run("stays silent", func(t *testing.T) {
		l := tl.sim("+447700900404")
		tr := tl.call(l, script("", "", "", "", "", ""))
		checkSpeech(t, tr)
		if got := countMatching(tr.Said(), func(s string) bool { return strings.Contains(s, "didn't hear") }); got < 1 {
			t.Errorf("heard %d reprompts for silence; want at least 1", got)
		}
		if len(tr.Dials()) != 1 {
			t.Fatalf("got %d Dials; want 1 (a volunteer offered after the silences)", len(tr.Dials()))
		}
		if tr.Ended == "hangup" && !tr.Heard("goodbye") {
			t.Errorf("hung up without a goodbye; heard %q", tr.Said())
		}
	})

	t.Run("asks for a text", func(t *testing.T) {
		from := "+447700900405"
		before := len(tl.rest.Matching("Messages.json"))
		tr := tl.call(tl.sim(from), script("frome", "text me this", "9"))
		checkSpeech(t, tr)
		if !tr.Heard("sent it to your phone") {
			t.Errorf("never heard the text was sent; heard %q", tr.Said())
		}
		msgs := tl.rest.Matching("Messages.json")[before:]
		if len(msgs) != 1 {
			t.Fatalf("got %d REST texts; want 1", len(msgs))
		}
		if got := msgs[0].Form.Get("To"); got != from {
			t.Errorf("text To %s; want the caller %s", got, from)
		}
		if got := msgs[0].Form.Get("From"); got != testLineNumber {
			t.Errorf("text From %s; want the line %s", got, testLineNumber)
		}
		if body := msgs[0].Form.Get("Body"); !isActivity(body) {
			t.Errorf("text body %q names no activity", body)
		}
	})

	t.Run("no activities nearby", func(t *testing.T) {
		tr := tl.call(tl.sim("+447700900406"), script("carlisle", "", "", ""))
		checkSpeech(t, tr)
		if tr.WordsBefore(isActivity) >= 0 {
			t.Errorf("heard an activity near Carlisle; heard %q", tr.Said())
		}
		if !tr.Heard("25 miles") {
			t.Errorf("never heard the search widened to 25 miles; heard %q", tr.Said())
		}
		if got := countMatching(tr.Said(), func(s string) bool { return strings.Contains(s, "25 miles") }); got > 1 && !tr.Heard("didn't hear") {
			t.Errorf("heard the widening %d times; want once", got)
		}
		if !tr.Heard("volunteer") {
			t.Errorf("never offered a volunteer; heard %q", tr.Said())
		}
		if len(tr.Dials()) != 1 {
			t.Errorf("got %d Dials; want 1 (put through after staying on the line)", len(tr.Dials()))
		}
	})
}

func TestEndToEndVolunteers(t *testing.T) {
	tl := startLine(t, lineOptions{})

	t.Run("forward answered", func(t *testing.T) {
		tr := tl.call(tl.sim("+447700900501"), script("0"))
		checkSpeech(t, tr)
		ds := tr.Dials()
		if len(ds) != 1 {
			t.Fatalf("got %d Dials; want 1", len(ds))
		}
		d := ds[0]
		if d.Status != "completed" || !d.Bridged {
			t.Errorf("Dial status %q bridged %v; want completed and bridged", d.Status, d.Bridged)
		}
		var rung []string
		accepted := 0
		for _, leg := range d.Legs {
			rung = append(rung, leg.Number)
			if !leg.Accepted {
				continue
			}
			accepted++
			if !heardAny(leg.Heard, "Press 1") {
				t.Errorf("volunteer %s heard %v; want the screening prompt", leg.Number[len(leg.Number)-3:], leg.Heard)
			}
		}
		if want := []string{volunteerAda, volunteerBen}; !sameSet(rung, want) {
			t.Errorf("rang %d numbers; want the 2 of the test roster", len(rung))
		}
		if accepted != 1 {
			t.Errorf("%d volunteers took the call; want 1", accepted)
		}
		if got := dialCallerID(t, tr); got != testLineNumber {
			t.Errorf("Dial callerId %q; want the line's number %s", got, testLineNumber)
		}
		if !tr.Heard("goodbye") {
			t.Errorf("no goodbye after the volunteer's call; heard %q", tr.Said())
		}
	})

	resident := "+447700900502"
	var voicemailRef string
	t.Run("forward missed, message left", func(t *testing.T) {
		l := tl.sim(resident)
		l.Volunteer = sim.NoAnswer
		before := len(tl.rest.Matching("Messages.json"))
		tr := tl.call(l, script("0", "please ring me about the walks"))
		checkSpeech(t, tr)
		ds := tr.Dials()
		if len(ds) != 1 || ds[0].Bridged || ds[0].Status != "no-answer" {
			t.Fatalf("got Dials %+v; want one, not answered", ds)
		}
		if !tr.Heard("no volunteer could answer") {
			t.Errorf("never heard that nobody answered; heard %q", tr.Said())
		}
		var recs []*sim.Record
		for _, e := range tr.Events {
			if e.Kind == sim.KindRecord {
				recs = append(recs, e.Record)
			}
		}
		if len(recs) != 1 || !recs[0].Posted {
			t.Fatalf("got %d recordings; want 1 posted", len(recs))
		}
		voicemailRef = alertRef(t, tl.rest.Matching("Messages.json")[before:])
	})

	var smsRef string
	t.Run("callback asked by SMS CALL", func(t *testing.T) {
		before := len(tl.rest.Matching("Messages.json"))
		reply := tl.text1(tl.sim("+447700900503"), "CALL")
		m := regexp.MustCompile(`reference is (C\d+)`).FindStringSubmatch(reply)
		if m == nil {
			t.Fatalf("reply %q gives no reference", reply)
		}
		smsRef = m[1]
		if !strings.Contains(reply, privacy.Display(testLineNumber)) { // "01632 960001"
			t.Errorf("reply %q does not say which number will ring", reply)
		}
		if got := alertRef(t, tl.rest.Matching("Messages.json")[before:]); got != smsRef {
			t.Errorf("volunteers were alerted about %s; want %s", got, smsRef)
		}
	})

	t.Run("callback taken and done", func(t *testing.T) {
		if voicemailRef == "" || smsRef == "" {
			t.Skip("no callbacks requested")
		}
		ada := tl.sim(volunteerAda)
		list := tl.text1(ada, "LIST")
		for _, ref := range []string{voicemailRef, smsRef} {
			if !strings.Contains(list, ref) {
				t.Errorf("LIST %q lacks %s", list, ref)
			}
		}
		if strings.Contains(list, resident) || strings.Contains(list, "07700900502") {
			t.Errorf("LIST %q shows a resident's whole number", list)
		}
		before := len(tl.rest.Matching("Calls.json"))
		if reply := tl.text1(ada, "TAKE "+voicemailRef); !strings.Contains(reply, "is yours") {
			t.Errorf("TAKE %s: got %q; want it to be Ada's", voicemailRef, reply)
		}
		calls := tl.rest.Matching("Calls.json")[before:]
		if len(calls) != 1 {
			t.Fatalf("got %d REST calls after TAKE; want 1", len(calls))
		}
		f := calls[0].Form
		if got := f.Get("To"); got != volunteerAda {
			t.Errorf("Calls.json To %s; want the volunteer %s", got, volunteerAda)
		}
		if got := f.Get("From"); got != testLineNumber {
			t.Errorf("Calls.json From %s; want the line %s", got, testLineNumber)
		}
		// The volunteer answers the line's call and presses 1: only then is
		// the resident dialled, with the line's number shown.
		action := gatherAction(t, f.Get("Twiml"))
		if !strings.HasPrefix(action, tl.srv.URL+"/twilio/") {
			t.Fatalf("Calls.json Twiml gathers to %q; want the line's /twilio/ URL", action)
		}
		doc := tl.post(action, map[string]string{
			"CallSid": "CA" + strings.Repeat("5", 32), "AccountSid": testAccountSID,
			"From": testLineNumber, "To": volunteerAda, "Direction": "outbound-api",
			"CallStatus": "in-progress", "Digits": "1",
		})
		callerID, dialled := parseDial(t, doc)
		if callerID != testLineNumber || len(dialled) != 1 || dialled[0] != resident {
			t.Errorf("after 1, the TwiML dials %d numbers (the resident: %v) with callerId %q; want the resident with callerId %s",
				len(dialled), len(dialled) == 1 && dialled[0] == resident, callerID, testLineNumber)
		}
		ben := tl.sim(volunteerBen)
		if reply := tl.text1(ben, "TAKE "+voicemailRef); !strings.Contains(reply, "already been taken by Ada") {
			t.Errorf("Ben's TAKE %s: got %q; want already taken by Ada", voicemailRef, reply)
		}
		// Ben takes the other, but his voicemail answers the line's call: no
		// 1, so the resident is not rung and the callback goes back.
		before = len(tl.rest.Matching("Calls.json"))
		if reply := tl.text1(ben, "TAKE "+smsRef); !strings.Contains(reply, "is yours") {
			t.Errorf("Ben's TAKE %s: got %q; want it to be his", smsRef, reply)
		}
		calls = tl.rest.Matching("Calls.json")[before:]
		if len(calls) != 1 || calls[0].Form.Get("To") != volunteerBen {
			t.Fatalf("got %d REST calls to Ben after his TAKE; want 1", len(calls))
		}
		doc = tl.post(gatherAction(t, calls[0].Form.Get("Twiml")), map[string]string{
			"CallSid": "CA" + strings.Repeat("6", 32), "AccountSid": testAccountSID,
			"From": testLineNumber, "To": volunteerBen, "Direction": "outbound-api", "CallStatus": "in-progress",
		})
		if strings.Contains(doc, "<Dial") || !strings.Contains(doc, "back on the list") {
			t.Errorf("no key pressed: got TwiML %q; want no Dial, and the callback back on the list", doc)
		}
		if list := tl.text1(ada, "LIST"); !strings.Contains(list, smsRef) || strings.Contains(list, "taken by Ben") {
			t.Errorf("LIST after Ben's voicemail answered: got %q; want %s open and not taken", list, smsRef)
		}
		// Ben takes it again, but his phone is busy: Twilio's status callback
		// for that call puts it back on the list.
		before = len(tl.rest.Matching("Calls.json"))
		tl.text1(ben, "TAKE "+smsRef)
		calls = tl.rest.Matching("Calls.json")[before:]
		if len(calls) != 1 || calls[0].Form.Get("StatusCallback") == "" {
			t.Fatalf("Ben's second TAKE: got %d REST calls (%v); want 1 with a status callback", len(calls), calls)
		}
		if list := tl.text1(ada, "LIST"); !strings.Contains(list, "taken by Ben") {
			t.Errorf("LIST while Ben's phone rings: got %q; want %s taken by Ben", list, smsRef)
		}
		tl.post(calls[0].Form.Get("StatusCallback"), map[string]string{
			"CallSid": calls[0].Sid, "AccountSid": testAccountSID, "From": testLineNumber, "To": volunteerBen,
			"Direction": "outbound-api", "CallStatus": "busy",
		})
		if list := tl.text1(ada, "LIST"); !strings.Contains(list, smsRef) || strings.Contains(list, "taken by Ben") {
			t.Errorf("LIST after Ben's phone was busy: got %q; want %s open and not taken", list, smsRef)
		}
		for _, ref := range []string{voicemailRef, smsRef} {
			if reply := tl.text1(ada, "DONE "+ref); !strings.Contains(reply, "closed") {
				t.Errorf("DONE %s: got %q; want it closed", ref, reply)
			}
		}
		if list := tl.text1(ada, "LIST"); !strings.Contains(list, "No open callbacks") {
			t.Errorf("LIST after DONE: got %q; want no open callbacks", list)
		}
	})
}

func TestEndToEndSMS(t *testing.T) {
	tl := startLine(t, lineOptions{})
	all := titles(t)
	isActivity := activityIn(all)
	item := regexp.MustCompile(`(?m)^(\d+) ([^,]+),`)

	t.Run("postcode, MORE to the end, a number for details", func(t *testing.T) {
		l := tl.sim("+447700900601")
		first := tl.text1(l, "BA11 1AT")
		items := item.FindAllStringSubmatch(first, -1)
		if len(items) < 2 || items[0][1] != "1" {
			t.Fatalf("reply to a postcode %q: want a numbered list from 1", first)
		}
		if !strings.Contains(first, "MORE") || !strings.Contains(first, "CALL") {
			t.Errorf("reply %q does not say MORE and CALL", first)
		}
		last := len(items)
		var end string
		for i := 0; i < 20; i++ {
			r := tl.text1(l, "more")
			next := item.FindAllStringSubmatch(r, -1)
			if len(next) == 0 {
				end = r
				break
			}
			if got := next[0][1]; got != fmt.Sprint(last+1) {
				t.Errorf("page starts at %s; want %d (numbers run on)", got, last+1)
			}
			last += len(next)
		}
		if end == "" {
			t.Fatalf("MORE never reached the end")
		}
		if !strings.Contains(end, "That's all") || !strings.Contains(end, "town or postcode") {
			t.Errorf("the end %q does not say that's all and suggest looking elsewhere", end)
		}
		details := tl.text1(l, "2")
		if !strings.Contains(details, strings.TrimSpace(items[1][2])) {
			t.Errorf("details for 2 %q do not name %q", details, items[1][2])
		}
	})

	t.Run("a town", func(t *testing.T) {
		r := tl.text1(tl.sim("+447700900602"), "nottingham")
		if !isActivity(r) && len(item.FindAllString(r, -1)) == 0 {
			t.Errorf("reply to a town %q lists no activity", r)
		}
		if !strings.Contains(r, "Nottingham") {
			t.Errorf("reply %q does not name the place chosen", r)
		}
	})

	t.Run("nonsense", func(t *testing.T) {
		r := tl.text1(tl.sim("+447700900603"), "zxqv blorp")
		if !strings.Contains(r, "Text a postcode or a town") {
			t.Errorf("reply to nonsense %q does not say what to send", r)
		}
	})

	t.Run("STOP, anything, START", func(t *testing.T) {
		l := tl.sim("+447700900604")
		if got := tl.text(l, "STOP"); len(got) != 0 {
			t.Errorf("STOP: got replies %q; want none", got)
		}
		if got := tl.text(l, ""); len(got) != 0 {
			t.Errorf("an empty text after STOP: got replies %q; want none", got)
		}
		if got := tl.text(l, "Frome"); len(got) != 0 {
			t.Errorf("a town after STOP: got replies %q; want none", got)
		}
		before := len(tl.rest.Matching("Messages.json"))
		if got := tl.text(l, "CALL"); len(got) != 0 {
			t.Errorf("CALL after STOP: got replies %q; want none", got)
		}
		if got := len(tl.rest.Matching("Messages.json")) - before; got != 0 {
			t.Errorf("CALL after STOP sent %d texts (callback alerts); want none", got)
		}
		if r := tl.text1(l, "START"); !strings.Contains(r, "back on") {
			t.Errorf("START: got %q; want a confirmation", r)
		}
		if r := tl.text1(l, "Frome"); !isActivity(r) && len(item.FindAllString(r, -1)) == 0 {
			t.Errorf("a town after START: got %q; want a list", r)
		}
	})

	t.Run("opted out by text, asks for a text by voice", func(t *testing.T) {
		from := "+447700900606"
		l := tl.sim(from)
		tl.text(l, "STOP")
		before := len(tl.rest.Matching("Messages.json"))
		tr := tl.call(l, script("frome", "text me this", "9"))
		if !tr.Heard("asked us not to send texts") {
			t.Errorf("never heard that texts are off for this number; heard %q", tr.Said())
		}
		for _, m := range tl.rest.Matching("Messages.json")[before:] {
			if m.Form.Get("To") == from {
				t.Errorf("texted a number that sent STOP: %q", m.Form.Get("Body"))
			}
		}
	})

	t.Run("too many texts", func(t *testing.T) {
		l := tl.sim("+447700900607")
		quiet := 0
		for i := 0; i < 22; i++ {
			replies := tl.text(l, "HELP")
			switch {
			case len(replies) == 1 && strings.Contains(replies[0], "quiet for a while"):
				quiet++
				if i < 20 {
					t.Errorf("text %d: told to wait; want 20 replies an hour first", i+1)
				}
			case len(replies) == 0:
				if quiet != 1 {
					t.Errorf("text %d: no reply before the one saying the line will be quiet", i+1)
				}
			}
		}
		if quiet != 1 {
			t.Errorf("got %d replies saying the line will be quiet; want exactly 1", quiet)
		}
	})

	t.Run("empty text", func(t *testing.T) {
		if r := tl.text1(tl.sim("+447700900605"), ""); !strings.Contains(r, "empty") {
			t.Errorf("an empty text: got %q; want a reply saying it was empty", r)
		}
	})
}

// countMatching counts the texts that satisfy pred.
func countMatching(ss []string, pred func(string) bool) int {
	n := 0
	for _, s := range ss {
		if pred(s) {
			n++
		}
	}
	return n
}

func indexWhere(ss []string, pred func(string) bool) int {
	for i, s := range ss {
		if pred(s) {
			return i
		}
	}
	return -1
}

func indexOf(ss []string, substr string) int {
	return indexWhere(ss, func(s string) bool { return strings.Contains(s, substr) })
}

func anyContains(ss []string, substr string) bool { return indexOf(ss, substr) >= 0 }

func heardAny(sp []sim.Speech, substr string) bool {
	for _, s := range sp {
		if strings.Contains(s.Text, substr) {
			return true
		}
	}
	return false
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

// alertRef finds the callback reference in the texts sent to volunteers, and
// checks every rostered volunteer was told.
func alertRef(t testing.TB, msgs []faketwilio.Request) string {
	t.Helper()
	ref := ""
	to := map[string]bool{}
	for _, m := range msgs {
		if r := regexp.MustCompile(`Callback (C\d+)`).FindStringSubmatch(m.Form.Get("Body")); r != nil {
			ref = r[1]
			to[m.Form.Get("To")] = true
		}
	}
	if ref == "" {
		t.Fatalf("no callback alert among %d texts", len(msgs))
	}
	if !to[volunteerAda] || !to[volunteerBen] {
		t.Errorf("callback alert went to %d of the 2 volunteers", len(to))
	}
	return ref
}

// dialCallerID returns the callerId of the first <Dial> the line sent.
func dialCallerID(t testing.TB, tr *sim.Transcript) string {
	t.Helper()
	for _, d := range tr.Documents {
		if strings.Contains(d.TwiML, "<Dial") {
			id, _ := parseDial(t, d.TwiML)
			return id
		}
	}
	t.Fatal("no document with a <Dial>")
	return ""
}

// gatherAction returns the action of the first <Gather> in a TwiML document.
func gatherAction(t testing.TB, doc string) string {
	t.Helper()
	var r struct {
		Gathers []struct {
			Action string `xml:"action,attr"`
		} `xml:"Gather"`
	}
	if err := xml.Unmarshal([]byte(doc), &r); err != nil {
		t.Fatalf("parse TwiML %q: %v", doc, err)
	}
	if len(r.Gathers) == 0 {
		t.Fatalf("TwiML %q has no <Gather>", doc)
	}
	return r.Gathers[0].Action
}

// post signs and posts a webhook as Twilio would and returns the TwiML.
func (tl *testLine) post(target string, params map[string]string) string {
	tl.t.Helper()
	form := url.Values{}
	for k, v := range params {
		form.Set(k, v)
	}
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	if err != nil {
		tl.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", sim.Sign(tl.token, target, params))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tl.t.Fatalf("post %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		tl.t.Fatalf("post %s: status %d, %v; want 200", target, resp.StatusCode, err)
	}
	return string(body)
}

// parseDial parses TwiML and returns its first Dial's callerId and numbers.
func parseDial(t testing.TB, doc string) (callerID string, numbers []string) {
	t.Helper()
	var r struct {
		Dials []struct {
			CallerID string   `xml:"callerId,attr"`
			Numbers  []string `xml:"Number"`
		} `xml:"Dial"`
	}
	if err := xml.Unmarshal([]byte(doc), &r); err != nil {
		t.Fatalf("parse TwiML %q: %v", doc, err)
	}
	if len(r.Dials) == 0 {
		t.Fatalf("TwiML %q has no <Dial>", doc)
	}
	for _, n := range r.Dials[0].Numbers {
		numbers = append(numbers, strings.TrimSpace(n))
	}
	return r.Dials[0].CallerID, numbers
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testWriter sends what is written to t.Log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
