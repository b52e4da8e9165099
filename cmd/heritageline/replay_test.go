package main

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/internal/redistest"
)

// smsAs posts an incoming text with the given MessageSid.
func (l *liveLine) smsAs(sid, from, body string) reply {
	return l.post("/twilio/sms", map[string]string{"MessageSid": sid,
		"AccountSid": config.DemoAccountSID, "From": from, "To": faultLineNumber, "Body": body, "NumMedia": "0"})
}

// metric reads one sample of /metrics, 0 when absent.
func (l *liveLine) metric(t testing.TB, sample string) string {
	t.Helper()
	resp, err := http.Get(l.srv.URL + "/metrics")
	if err != nil {
		t.Fatalf("metrics: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(sample) + ` (\S+)$`).FindStringSubmatch(string(b))
	if m == nil {
		return "0"
	}
	return m[1]
}

// TestReplaysActOnce replays signed requests Twilio might retry or an
// attacker might post again, against real Redis: each gets the first answer
// and changes nothing. A CALL replayed after its callback is done makes no
// new callback and texts no volunteer; a voicemail's Record action posted
// twice queues one callback; a call's final status posted twice counts one
// contact. (issue 15 item 3)
func TestReplaysActOnce(t *testing.T) {
	l := startLiveLine(t, map[string]string{"REDIS_URL": "redis://" + redistest.StartServer(t).Addr})
	const resident, other = "+447700900561", "+447700900562"

	first := l.smsAs("SMreplay0001", resident, "CALL")
	ref := regexp.MustCompile(`C\d+`).FindString(smsReply(parseTwiML(t, "CALL", first)))
	if ref == "" {
		t.Fatalf("CALL: got %q; want a callback reference", first.body)
	}
	waitFor(t, 5*time.Second, "both volunteers told", func() bool { return len(l.rest.Texts()) >= 2 })
	if got := smsReply(parseTwiML(t, "DONE", l.smsAs("SMreplay0002", "+447700900311", "DONE "+ref))); !strings.Contains(got, ref) {
		t.Fatalf("DONE %s: got %q", ref, got)
	}
	texts := len(l.rest.Texts())

	for i := range 3 {
		again := l.smsAs("SMreplay0001", resident, "CALL")
		if again.body != first.body {
			t.Errorf("replay %d of CALL: got %q; want the first answer %q", i, again.body, first.body)
		}
	}
	time.Sleep(200 * time.Millisecond) // a text the replay might have sent
	if got := len(l.rest.Texts()); got != texts {
		t.Errorf("replayed CALL sent %d texts; want none", got-texts)
	}
	if got := smsReply(parseTwiML(t, "LIST", l.smsAs("SMreplay0003", "+447700900322", "LIST"))); regexp.MustCompile(`C\d+`).MatchString(got) {
		t.Errorf("LIST after the replays: got %q; want no callback waiting", got)
	}

	// A voicemail's Record action, posted twice with the same RecordingSid.
	rec := []string{"RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1", "RecordingSid", "RE1", "RecordingDuration", "12"}
	one := l.voice("/twilio/voice/recorded", "CAreplay1", other, rec...)
	two := l.voice("/twilio/voice/recorded", "CAreplay1", other, rec...)
	if two.body != one.body {
		t.Errorf("Record action replayed: got %q; want the first answer %q", two.body, one.body)
	}
	waitFor(t, 5*time.Second, "volunteers told of the voicemail", func() bool { return len(l.rest.Texts()) >= texts+2 })
	time.Sleep(200 * time.Millisecond)
	if got := len(l.rest.Texts()) - texts; got != 2 {
		t.Errorf("one voicemail posted twice texted volunteers %d times; want 2 (one each)", got)
	}
	list := smsReply(parseTwiML(t, "LIST", l.smsAs("SMreplay0004", "+447700900322", "LIST")))
	if n := len(regexp.MustCompile(`C\d+`).FindAllString(list, -1)); n != 1 {
		t.Errorf("LIST after one voicemail posted twice: got %q; want one callback", list)
	}

	// The call's final status, posted twice: one contact in the figures.
	before := l.metric(t, `heritageline_contacts_total{channel="voice"}`)
	for range 2 {
		parseTwiML(t, "status", l.voice("/twilio/status", "CAreplay1", other, "CallStatus", "completed", "CallDuration", "40"))
	}
	after := l.metric(t, `heritageline_contacts_total{channel="voice"}`)
	if fmt.Sprint(atoiOr(before)+1) != after {
		t.Errorf("contacts after one call's status posted twice: %s then %s; want one more", before, after)
	}
	if got := l.metric(t, `heritageline_webhook_replays_total{how="kept",route="sms"}`); got != "3" {
		t.Errorf("sms replays counted: got %s; want 3", got)
	}
	if got := l.metric(t, `heritageline_webhook_replays_total{how="kept",route="voice_step"}`); got != "1" {
		t.Errorf("voice step replays counted: got %s; want 1", got)
	}
}

func atoiOr(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}

// TestVoiceStepsActOnce follows a call by the URLs the line gives (each
// carries the call's turn): "text me this" posted twice sends one text and
// answers the same; silence twice at the same prompt is two turns, each
// answered afresh.
func TestVoiceStepsActOnce(t *testing.T) {
	l := startLiveLine(t, map[string]string{"REDIS_URL": "redis://" + redistest.StartServer(t).Addr})
	const resident, sid = "+447700900563", "CAturns1"
	next := func(doc string) string {
		a := gatherAction(t, doc)
		i := strings.Index(a, "/twilio/")
		if i < 0 {
			t.Fatalf("gather action %q is not the line's", a)
		}
		return a[i:]
	}
	doc := parseTwiMLBody(t, "greeting", l.voice("/twilio/voice", sid, resident))
	doc = parseTwiMLBody(t, "menu 1", l.voice(next(doc), sid, resident, "Digits", "1"))
	doc = parseTwiMLBody(t, "Frome", l.voice(next(doc), sid, resident, "SpeechResult", "Frome", "Confidence", "0.95"))
	result := next(doc)
	if !strings.Contains(result, "t=") {
		t.Fatalf("the results' gather action %q carries no turn", result)
	}
	texts := len(l.rest.TextsTo(resident))
	first := l.voice(result, sid, resident, "Digits", "3")
	again := l.voice(result, sid, resident, "Digits", "3")
	if again.body != first.body {
		t.Errorf("text me this replayed: got %q; want the first answer %q", again.body, first.body)
	}
	time.Sleep(300 * time.Millisecond)
	if got := len(l.rest.TextsTo(resident)) - texts; got != 1 {
		t.Errorf("text me this posted twice sent %d texts; want 1", got)
	}

	// Silence, twice running: two turns, two answers.
	step := next(first.body)
	one := parseTwiMLBody(t, "silence", l.voice(step, sid, resident))
	two := parseTwiMLBody(t, "silence again", l.voice(next(one), sid, resident))
	if next(one) == step || one == two {
		t.Errorf("silence twice: got the same turn %q or the same answer; want a new turn each time", step)
	}
}

// parseTwiMLBody checks r is TwiML and returns its text.
func parseTwiMLBody(t testing.TB, what string, r reply) string {
	t.Helper()
	parseTwiML(t, what, r)
	return r.body
}
