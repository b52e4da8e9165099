package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/followup"
	"github.com/heritage-line/heritageline/internal/redistest"
)

// testFollowUpKey is FOLLOWUP_KEY for the tests: 32 bytes in hex.
const testFollowUpKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

// TestFollowUpEndToEnd walks the follow-up through the real line on a real
// redis-server, Twilio's REST API played by faketwilio: a resident has an
// activity's details by text and agrees to a follow-up and to the wellbeing
// questions, answers them, gets the follow-up text when it falls due,
// answers "not yet" and asks for a buddy, a volunteer takes the request,
// the questions come again and are answered, and the report counts it all
// without a number, small cells suppressed.
func TestFollowUpEndToEnd(t *testing.T) {
	redisURL := "redis://" + redistest.StartServer(t).Addr
	env := map[string]string{
		"FOLLOWUP": "on", "FOLLOWUP_KEY": testFollowUpKey, "FOLLOWUP_AFTER": "1s", "FOLLOWUP_HOURS": "always",
		"FOLLOWUP_MIN_GAP": "1s", "WELLBEING_AFTER": "2s",
	}
	tl := startLine(t, lineOptions{redisURL: redisURL, env: env})
	const resident = "+447700900701"
	l := tl.sim(resident)

	// Details by text carry the offer, once.
	tl.text1(l, "BA11 1AT")
	var title string
	for i := 1; i <= 5 && title == ""; i++ {
		d := tl.text1(l, string(rune('0'+i)))
		if strings.Contains(d, "Reply YES") {
			title = strings.SplitN(d, "\n", 2)[0]
		}
	}
	if title == "" {
		t.Fatalf("no activity's details offered a follow-up")
	}
	wants := func(what, got string, subs ...string) {
		t.Helper()
		for _, s := range subs {
			if !strings.Contains(got, s) {
				t.Errorf("%s: got %q; want it to contain %q", what, got, s)
			}
		}
	}
	wants("YES to the follow-up", tl.text1(l, "YES"), "We'll text you around", "STOP", "Reply YES or NO")
	wants("YES to the wellbeing questions", tl.text1(l, "yes"), "Question 1 of 4")
	for _, v := range []string{"7", "8", "6"} {
		tl.text1(l, v)
	}
	wants("the last answer", tl.text1(l, "3"), "that's all the questions")

	// The follow-up falls due and is texted, once, saying how to stop.
	didYouGo := waitText(t, tl, resident, "Did you go to")
	wants("the follow-up", didYouGo, title, "STOP")
	wants("not yet", tl.text1(l, "2"), "BUDDY")
	before := len(tl.rest.Matching("Messages.json"))
	buddy := tl.text1(l, "BUDDY")
	m := regexp.MustCompile(`reference is (C\d+)`).FindStringSubmatch(buddy)
	if m == nil {
		t.Fatalf("BUDDY: got %q; want a reference", buddy)
	}
	ref := m[1]
	alerted := false
	for _, msg := range tl.rest.Matching("Messages.json")[before:] {
		if strings.Contains(msg.Form.Get("Body"), ref) && strings.Contains(msg.Form.Get("Body"), title) {
			alerted = true
		}
		if strings.Contains(msg.Form.Get("Body"), "900701") {
			t.Errorf("volunteers' alert %q holds the resident's number", msg.Form.Get("Body"))
		}
	}
	if !alerted {
		t.Errorf("no volunteer was texted about buddy request %s for %q", ref, title)
	}
	ada := tl.sim(volunteerAda)
	wants("LIST", tl.text1(ada, "LIST"), ref)
	wants("TAKE", tl.text1(ada, "TAKE "+ref), "is yours")

	// The wellbeing questions again, after WELLBEING_AFTER.
	wants("the questions again", waitText(t, tl, resident, "again"), "STOP")
	wants("YES to the questions again", tl.text1(l, "YES"), "Question 1 of 4")
	for _, v := range []string{"8", "8", "7"} {
		tl.text1(l, v)
	}
	wants("the last answer again", tl.text1(l, "2"), "that's all the questions")
	if n := len(tl.rest.TextsTo(resident)); n != 2 {
		t.Errorf("the line started %d texts to the resident; want 2 (did you go, the questions again)", n)
	}

	// By voice: text me this, then 1 for the follow-up, 1 for the
	// questions, answered on the keypad; the follow-up text follows.
	const caller = "+447700900703"
	tr := tl.call(tl.sim(caller), script("frome", "text me this", "1", "1", "7#", "0#", "10#", "3#", "9"))
	for _, w := range []string{"Would you like a text around", "We'll text you around", "Question 1 of 4", "Question 4 of 4", "that's all the questions", "Goodbye"} {
		if !tr.Heard(w) {
			t.Errorf("the call never heard %q; heard %q", w, tr.Said())
		}
	}
	wants("the follow-up after a call", waitText(t, tl, caller, "Did you go to"), "STOP")

	// The report: everything counted, every cell under 5 suppressed.
	getenv := func(k string) string {
		return map[string]string{"REDIS_URL": redisURL, "TWILIO_ACCOUNT_SID": testAccountSID, "LOG_LEVEL": "error"}[k]
	}
	var report string
	for deadline := time.Now().Add(10 * time.Second); ; {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), []string{"report"}, getenv, strings.NewReader(""), &out, &errOut); err != nil {
			t.Fatalf("report: %v\n%s", err, errOut.String())
		}
		report = out.String()
		if strings.Contains(report, "| Buddy requests taken by a volunteer | fewer than 5 |") || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Logf("report:\n%s", report)
	for _, w := range []string{
		"### Follow-up: did they go, and did it help?",
		"| Offered a follow-up text | fewer than 5 |", "| Agreed to it | fewer than 5 |",
		"| Follow-up texts sent | fewer than 5 |", "| Not yet | fewer than 5 |", "| Went | 0 |",
		"| Asked for a buddy (a volunteer to go along the first time) | fewer than 5 |",
		"| Buddy requests taken by a volunteer | fewer than 5 |",
		"Fewer than 5 people have answered the questions twice",
	} {
		if !strings.Contains(report, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	for _, n := range []string{resident, "07700 900701", "900701", "900703"} {
		if strings.Contains(report, n) {
			t.Errorf("report holds the resident's number %q", n)
		}
		if strings.Contains(tl.logs.String(), n) {
			t.Errorf("the log holds the resident's number %q", n)
		}
	}

	// heritageline followups: both "did you go?" texts have gone (the
	// caller's questions again may still wait), and never a number.
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"followups"}, getenv, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("followups: %v\n%s", err, errOut.String())
	}
	got := out.String()
	t.Logf("followups:\n%s", got)
	if strings.Contains(got, "did you go?") || strings.Contains(got, "900701") || strings.Contains(got, "900703") {
		t.Errorf("followups: got %q; want no did-you-go waiting, and no number", got)
	}
	if !strings.Contains(got, "No follow-ups waiting.") && !strings.Contains(got, "wellbeing questions again") {
		t.Errorf("followups: got %q; want nothing waiting, or the caller's questions again", got)
	}
}

// waitText waits up to 10 s for a text the line starts to to, holding
// want, and returns its body.
func waitText(t *testing.T, tl *testLine, to, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		for _, m := range tl.rest.TextsTo(to) {
			if b := m.Form.Get("Body"); strings.Contains(b, want) {
				return b
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no text to the resident holding %q within 10s", want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestFollowUpOff: FOLLOWUP=off offers nothing, and YES is not consent.
func TestFollowUpOff(t *testing.T) {
	tl := startLine(t, lineOptions{env: map[string]string{"FOLLOWUP": "off", "FOLLOWUP_KEY": testFollowUpKey}})
	l := tl.sim("+447700900702")
	tl.text1(l, "BA11 1AT")
	for i := 1; i <= 3; i++ {
		if d := tl.text1(l, string(rune('0'+i))); strings.Contains(d, "Reply YES") {
			t.Errorf("details with FOLLOWUP=off: got %q; want no offer", d)
		}
	}
	if r := tl.text1(l, "YES"); strings.Contains(r, "We'll text you") {
		t.Errorf("YES with FOLLOWUP=off: got %q; want no consent", r)
	}
}

// TestSimulatorPlaysFollowUp: `heritageline text` on a line it starts plays
// the follow-up in seconds: the chat agrees, waits ([wait 3s]), and the
// demo Twilio prints the follow-up text the line starts, which the chat
// then answers and asks for a buddy.
func TestSimulatorPlaysFollowUp(t *testing.T) {
	env := map[string]string{"FOLLOWUP_AFTER": "1s"} // the simulator's own default is 5s
	script := "BA11 1AT\n1\nYES\nNO\n[wait 3s]\n2\nBUDDY\n"
	out := &syncBuffer{}
	var errOut bytes.Buffer
	err := run(context.Background(), []string{"text"}, func(k string) string { return env[k] }, strings.NewReader(script), out, &errOut)
	if err != nil {
		t.Fatalf("text: %v\n%s", err, errOut.String())
	}
	got := out.String()
	t.Logf("chat:\n%s", got)
	for _, w := range []string{
		"Reply YES", "We'll text you around", "That's fine. Thank you.", "[waited 3s]",
		"[demo: text to", "Did you go to", "BUDDY for a volunteer", "A volunteer will ring you",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("chat lacks %q", w)
		}
	}
	if strings.Contains(got, "7700900") {
		t.Errorf("the chat shows the resident's whole number")
	}
}

// TestFollowUpKey: FOLLOWUP_KEY is read in hex or base64 and never echoed;
// on the embedded store the line keeps its own key in DATA_DIR, the same
// at every start; on a shared Redis without a key there is none (the
// follow-up is then off).
func TestFollowUpKey(t *testing.T) {
	dir := t.TempDir()
	first, err := followUpKey(config.Config{DataDir: dir})
	if err != nil || len(first) != 32 {
		t.Fatalf("embedded store: key of %d bytes, %v; want 32 bytes kept in DATA_DIR", len(first), err)
	}
	again, err := followUpKey(config.Config{DataDir: dir})
	if err != nil || !bytes.Equal(first, again) {
		t.Errorf("embedded store, second start: %x, %v; want the same key %x", again, err, first)
	}
	if fi, err := os.Stat(filepath.Join(dir, demoFollowUpKeyFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the kept key's file: %v, %v; want mode 0600", fi, err)
	}
	key, err := followUpKey(config.Config{FollowUpKey: testFollowUpKey, RedisURL: "redis://x"})
	if err != nil || len(key) != 32 {
		t.Errorf("FOLLOWUP_KEY in hex: %d bytes, %v; want 32", len(key), err)
	}
	if key, err := followUpKey(config.Config{RedisURL: "redis://x"}); key != nil || err != nil {
		t.Errorf("shared Redis, no key: %x, %v; want none and no error", key, err)
	}
	const bad = "not-a-key-but-a-secret-all-the-same"
	_, err = followUpKey(config.Config{FollowUpKey: bad})
	var ce *config.Error
	if !errors.As(err, &ce) || ce.Problems[0].Name != "FOLLOWUP_KEY" || strings.Contains(err.Error(), bad) {
		t.Errorf("a bad FOLLOWUP_KEY: got %v; want a config error naming FOLLOWUP_KEY without echoing it", err)
	}
}

// TestWriteDue: the list names when, what, whose pseudonym and the
// activity, never a number.
func TestWriteDue(t *testing.T) {
	var out bytes.Buffer
	if err := writeDue(&out, nil); err != nil || out.String() != "No follow-ups waiting.\n" {
		t.Errorf("empty: %q, %v; want No follow-ups waiting.", out.String(), err)
	}
	out.Reset()
	at := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	err := writeDue(&out, []followup.Due{{At: at, Kind: "went", Person: "820e7581", Activity: "Heritage Café", State: "due"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"2026-12-03 10:00:00", "did you go?", "820e7581", "Heritage Café", "due", "1 waiting"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("list %q lacks %q", out.String(), w)
		}
	}
}
