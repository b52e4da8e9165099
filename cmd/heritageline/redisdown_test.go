package main

// Redis down or slow is a simpler line, not a broken one (issue 15 item 5):
// pressing 0 still rings the volunteers the file has on duty, a text search
// is answered from the catalogue in memory, every webhook answers within
// WEBHOOK_TIMEOUT plus half a second, and nothing a resident asked for is
// lost: a voicemail, a CALL and a STOP are kept on disk (DATA_DIR/spool)
// and applied when Redis is back.

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
)

const recordingURL = "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/RE00000000000000000000000000000001"

// dialled returns the numbers a voice answer's <Dial> rings.
func dialled(n *twimlNode) []string {
	var out []string
	for _, d := range n.all("Dial") {
		for _, num := range d.all("Number") {
			out = append(out, strings.TrimSpace(num.Text))
		}
	}
	slices.Sort(out)
	return out
}

// spoolLines returns the entries waiting in DATA_DIR/spool, failing the test
// unless the file is private to the line (0600).
func spoolLines(t *testing.T, dataDir string) []string {
	t.Helper()
	path := filepath.Join(dataDir, "spool", "requests.jsonl")
	fi, err := os.Stat(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("spool file mode %v; want 0600", fi.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(b))
}

// TestRedisBlackHoled puts a proxy that answers nothing for ten seconds
// between the line and Redis (a black hole, not a refused connection):
// pressing 0 rings both volunteers the file has on duty, a text naming
// Frome gets a numbered list, and a voicemail is texted to the volunteers
// at once and kept on disk, each within WEBHOOK_TIMEOUT + 0.5 s. When Redis
// answers again the voicemail is queued as a callback.
func TestRedisBlackHoled(t *testing.T) {
	rs := redistest.StartServer(t)
	proxy := redistest.StartDelayProxy(t, rs.Addr)
	const timeout = time.Second
	const bound = timeout + 500*time.Millisecond
	dataDir := t.TempDir()
	l := startLiveLine(t, map[string]string{
		"REDIS_URL": "redis://" + proxy.Addr(), "REDIS_READ_TIMEOUT": "10s",
		"WEBHOOK_TIMEOUT": timeout.String(), "DATA_DIR": dataDir,
	})
	const resident = "+447700900571"
	parseTwiML(t, "greeting", l.voice("/twilio/voice", "CA-hole-1", resident))

	proxy.SetDelay(10 * time.Second)
	check := func(what string, r reply) *twimlNode {
		t.Helper()
		n := parseTwiML(t, what, r)
		if r.took > bound {
			t.Errorf("%s with Redis black-holed took %v; want at most %v", what, r.took, bound)
		}
		t.Logf("%s with Redis black-holed: %v", what, r.took)
		return n
	}

	for _, path := range []string{"/twilio/voice/menu?new=1", "/twilio/voice/menu"} {
		n := check("press 0 at "+path, l.voice(path, "CA-hole-1", resident, "Digits", "0"))
		if got := dialled(n); !slices.Equal(got, rosterNumbers) {
			t.Errorf("press 0 at %s with Redis black-holed rang %v; want the file's volunteers %v (%s)", path, got, rosterNumbers, n.text())
		}
	}

	if got := smsReply(check("text Frome", l.sms(resident, "Frome"))); !strings.Contains(got, "1 ") || !strings.Contains(got, "2 ") {
		t.Errorf("text Frome with Redis black-holed: got %q; want a numbered list from the catalogue in memory", got)
	}

	n := check("voicemail", l.voice("/twilio/voice/recorded", "CA-hole-2", resident,
		"RecordingUrl", recordingURL, "RecordingDuration", "12"))
	if txt := n.text(); !strings.Contains(txt, "ring you back") || strings.Contains(txt, "couldn't") {
		t.Errorf("voicemail with Redis black-holed: heard %q; want a volunteer will ring back", txt)
	}
	for _, v := range rosterNumbers {
		waitFor(t, 10*time.Second, "the recording texted to "+v, func() bool {
			for _, m := range l.rest.TextsTo(v) {
				if strings.Contains(m.Form.Get("Body"), recordingURL) {
					return true
				}
			}
			return false
		})
	}
	if got := spoolLines(t, dataDir); len(got) != 1 || !strings.Contains(got[0], `"kind":"voicemail"`) || !strings.Contains(got[0], "RE00000000000000000000000000000001") {
		t.Errorf("spool with Redis black-holed: %q; want the voicemail", got)
	}

	proxy.SetDelay(0)
	waitFor(t, 15*time.Second, "the voicemail queued when Redis answers again", func() bool {
		return len(spoolLines(t, dataDir)) == 0 && len(alertsAbout(l, "voicemail")) == len(rosterNumbers)
	})
	if got := l.metric(t, `heritageline_spooled_total{state="applied",what="voicemail"}`); got != "1" {
		t.Errorf("heritageline_spooled_total applied voicemail: %s; want 1", got)
	}
}

// alertsAbout returns the callback notices (TAKE C7) of kind texted to
// volunteers.
func alertsAbout(l *liveLine, kind string) []string {
	var out []string
	for _, m := range l.rest.Texts() {
		b := m.Form.Get("Body")
		if strings.Contains(b, "TAKE C") && strings.Contains(b, "("+kind) {
			out = append(out, b)
		}
	}
	return out
}

// TestNothingLostWhileRedisIsDown stops Redis, then leaves a voicemail,
// texts CALL from another number and STOP from a third: each is answered
// at once and kept on disk; the STOP is honoured before Redis is back (the
// texter's next text gets no reply). When Redis is back every one is
// applied: two callbacks queued with their kinds, the volunteers texted
// their references, the STOP recorded in Redis, the spool emptied.
func TestNothingLostWhileRedisIsDown(t *testing.T) {
	port := redistest.FreePort(t)
	rs := startRedisOn(t, port)
	dataDir := t.TempDir()
	const timeout = time.Second
	const bound = timeout + 500*time.Millisecond
	l := startLiveLine(t, map[string]string{
		"REDIS_URL": "redis://" + rs.addr(), "REDIS_DIAL_TIMEOUT": "200ms", "REDIS_READ_TIMEOUT": "200ms",
		"WEBHOOK_TIMEOUT": timeout.String(), "DATA_DIR": dataDir,
	})
	const caller, texter, stopper = "+447700900581", "+447700900582", "+447700900583"
	if got := smsReply(parseTwiML(t, "Frome before", l.sms(stopper, "Frome"))); !strings.Contains(got, "1 ") {
		t.Fatalf("text Frome before the fault: got %q; want a list", got)
	}

	rs.stop()
	timed := func(what string, r reply) *twimlNode {
		t.Helper()
		n := parseTwiML(t, what, r)
		if r.took > bound {
			t.Errorf("%s with Redis down took %v; want at most %v", what, r.took, bound)
		}
		return n
	}
	n := timed("voicemail", l.voice("/twilio/voice/recorded", "CA-lost-1", caller, "RecordingUrl", recordingURL, "RecordingDuration", "20"))
	if txt := n.text(); !strings.Contains(txt, "ring you back") {
		t.Errorf("voicemail with Redis down: heard %q; want a volunteer will ring back", txt)
	}
	if got := smsReply(timed("CALL", l.sms(texter, "CALL"))); !strings.Contains(got, "will ring you") {
		t.Errorf("CALL with Redis down: got %q; want the callback promised", got)
	}
	if got := smsReply(timed("STOP", l.sms(stopper, "STOP"))); got != "" {
		t.Errorf("STOP with Redis down: got %q; want an empty <Response/>", got)
	}
	if got := smsReply(timed("Frome after STOP", l.sms(stopper, "Frome"))); got != "" {
		t.Errorf("a text after STOP with Redis down: got %q; want no reply (the STOP on disk is honoured)", got)
	}
	got := spoolLines(t, dataDir)
	if len(got) != 3 {
		t.Fatalf("spool with Redis down: %q; want the voicemail, the CALL and the STOP", got)
	}
	whole := strings.Join(got, "\n")
	for _, want := range []string{`"kind":"voicemail"`, `"kind":"sms"`, `"what":"stop"`} {
		if !strings.Contains(whole, want) {
			t.Errorf("spool with Redis down: %q; want %s", got, want)
		}
	}
	if strings.Contains(whole, stopper) {
		t.Errorf("spool keeps the STOP texter's number; want only its keyed hash")
	}

	startRedisOn(t, port) // empty, as a Redis that restarts without its data
	waitFor(t, 15*time.Second, "the spool applied when Redis is back", func() bool {
		return len(spoolLines(t, dataDir)) == 0
	})
	for _, kind := range []string{"voicemail", "sms"} {
		if got := alertsAbout(l, kind); len(got) != len(rosterNumbers) {
			t.Errorf("callback notices (%s) after Redis came back: %q; want one to each volunteer", kind, got)
		}
	}
	if got := smsReply(parseTwiML(t, "Frome after", l.sms(stopper, "Frome"))); got != "" {
		t.Errorf("a text from the STOP texter after Redis came back: got %q; want no reply (the STOP recorded)", got)
	}
	if got := smsReply(parseTwiML(t, "LIST", l.sms(rosterNumbers[0], "LIST"))); !strings.Contains(got, "2") {
		t.Errorf("LIST after Redis came back: got %q; want the two callbacks", got)
	}
	if got := l.metric(t, `heritageline_spooled_total{state="applied",what="stop"}`); got != "1" {
		t.Errorf("heritageline_spooled_total applied stop: %s; want 1", got)
	}
}
