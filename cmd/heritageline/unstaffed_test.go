package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/internal/faketwilio"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/sim"
)

// TestRealLineWithNoVolunteers starts a line with a real token and no
// VOLUNTEERS file (issue 15 item 8): nobody can take a call or ring back,
// so the line never promises either. Pressing 0 is told so and offered the
// search, whose results it can text; no message or callback is offered or
// queued; a CALL text gets the same plain answer and no callback. No <Say>
// on a walk through the menu, a search and the end of its results, and no
// reply (HELP, a list, details) or details text, offers a volunteer, 0 or
// CALL.
func TestRealLineWithNoVolunteers(t *testing.T) {
	addr := fmt.Sprintf("127.0.0.1:%d", redistest.FreePort(t))
	public := "http://" + addr
	rest := faketwilio.New(t)
	env := map[string]string{
		"LISTEN_ADDR": addr, "TWILIO_AUTH_TOKEN": "arealtoken1", "TWILIO_ACCOUNT_SID": testAccountSID,
		"TWILIO_PHONE_NUMBER": "+447700900100", "PUBLIC_URL": public, "TWILIO_API_BASE": rest.URL,
		"REDIS_URL": "redis://" + redistest.StartServer(t).Addr, "DATA_DIR": t.TempDir(),
		"CATALOGUE": "../../catalogue/sample/sample.csv", "LOG_LEVEL": "warn",
	}
	cfg, err := config.FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	srv, err := startServer(context.Background(), cfg, slog.New(slog.NewJSONHandler(logWriter{t}, nil)), io.Discard)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	defer srv.Shutdown()
	// Requests are signed for PUBLIC_URL, as Twilio signs them.
	post := func(path string, params map[string]string) *twimlNode {
		t.Helper()
		form := url.Values{}
		for k, v := range params {
			form.Set(k, v)
		}
		req, _ := http.NewRequest(http.MethodPost, public+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Twilio-Signature", sim.Sign("arealtoken1", public+path, params))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return parseTwiML(t, path, reply{status: resp.StatusCode, body: string(b)})
	}
	const resident = "+447700900591"
	n := 0
	voice := func(path, sid string, kv ...string) *twimlNode {
		p := map[string]string{"CallSid": sid, "AccountSid": testAccountSID, "From": resident, "To": "+447700900100"}
		for i := 0; i+1 < len(kv); i += 2 {
			p[kv[i]] = kv[i+1]
		}
		return post(path, p)
	}
	text := func(body string) string {
		n++
		return smsReply(post("/twilio/sms", map[string]string{"MessageSid": fmt.Sprintf("SMnovol%026d", n),
			"AccountSid": testAccountSID, "From": resident, "To": "+447700900100", "Body": body}))
	}
	promises := func(what, heard string) {
		t.Helper()
		for _, p := range []string{"will ring you", "after the beep", "putting you through", "leave a short message"} {
			if strings.Contains(strings.ToLower(heard), p) {
				t.Errorf("%s: heard %q; want no promise of a person (%q)", what, heard, p)
			}
		}
	}

	voice("/twilio/voice", "CAnovol1")
	for _, path := range []string{"/twilio/voice/menu?new=1", "/twilio/voice/menu"} {
		got := voice(path, "CAnovol1", "Digits", "0")
		if len(got.all("Dial")) > 0 || len(got.all("Record")) > 0 {
			t.Errorf("press 0 at %s: got a Dial or a Record; want neither", path)
		}
		heard := got.text()
		promises("press 0", heard)
		if !strings.Contains(heard, "nobody on this line can take calls") || !strings.Contains(heard, "by text") || !strings.Contains(heard, "press 1") {
			t.Errorf("press 0 at %s: heard %q; want nobody can take calls, details by text, and the menu", path, heard)
		}
	}
	// The steps a message or a callback would take (reached only by a
	// request made up or replayed) queue nothing either.
	got := voice("/twilio/voice/recorded", "CAnovol2", "RecordingUrl", recordingURL, "RecordingDuration", "9")
	promises("a recording posted", got.text())
	got = voice("/twilio/voice/callback", "CAnovol2", "Digits", "2")
	promises("2 for a callback", got.text())

	for _, body := range []string{"CALL", "please ring me back"} {
		got := text(body)
		promises("text "+body, got)
		if !strings.Contains(got, "nobody on this line can ring you back") {
			t.Errorf("text %q: got %q; want nobody can ring back", body, got)
		}
	}
	if got := text("Frome"); !strings.Contains(got, "1 ") {
		t.Errorf("text Frome: got %q; want a list", got)
	}

	// Nothing the line says or texts offers a person: walk the menu, 0, a
	// search to the end of its results, a details text, HELP, a list and
	// its details, and check every <Say> and reply.
	offersNobody := func(what, heard string) {
		t.Helper()
		promises(what, heard)
		for _, p := range []string{"volunteer", "press 0", "CALL", "talk to"} {
			if strings.Contains(heard, p) {
				t.Errorf("%s: got %q; want no offer of a person (%q)", what, heard, p)
			}
		}
	}
	said := func(n *twimlNode) string {
		var ss []string
		for _, s := range n.all("Say") {
			ss = append(ss, strings.TrimSpace(s.Text))
		}
		return strings.Join(ss, " ")
	}
	// next answers the first Gather's action, as Twilio does.
	next := func(n *twimlNode, sid string, kv ...string) *twimlNode {
		t.Helper()
		gs := n.all("Gather")
		if len(gs) == 0 {
			t.Fatalf("no Gather in %q", said(n))
		}
		return voice(strings.TrimPrefix(gs[0].attr("action"), public), sid, kv...)
	}
	const walker = "CAnovol3"
	n = 100
	got = voice("/twilio/voice", walker)
	offersNobody("the greeting and menu", said(got))
	got = next(got, walker, "Digits", "0")
	offersNobody("0 at the menu", said(got))
	got = next(got, walker, "SpeechResult", "Frome", "Confidence", "0.9")
	offersNobody("a search", said(got))
	if !strings.Contains(said(got), "For the menu, press star.") {
		t.Errorf("a search: heard %q; want the result's choices", said(got))
	}
	got = next(got, walker, "Digits", "3") // text me this
	offersNobody("text me this", said(got))
	ended := false
	for range 20 {
		got = next(got, walker, "Digits", "1")
		offersNobody("the next result", said(got))
		if strings.Contains(said(got), "That's all of them.") {
			ended = true
			break
		}
	}
	if !ended {
		t.Errorf("the results never ended; last heard %q", said(got))
	}
	for _, body := range []string{"HELP", "Frome", "MORE", "MORE", "2", "asdf qwerty"} {
		offersNobody("text "+body, text(body))
	}
	texts := rest.Texts()
	if len(texts) != 1 {
		t.Errorf("the line sent %d texts; want one, the details asked for on the call (nobody to tell)", len(texts))
	}
	for _, m := range texts {
		offersNobody("the details text", m.Form.Get("Body"))
	}
	// The callback queue (volunteers' {hl:cb}:open) is empty.
	if cbs, err := srv.line.rdb.ZCard(context.Background(), "{hl:cb}:open").Result(); err != nil || cbs != 0 {
		t.Errorf("callbacks queued: %d (%v); want none", cbs, err)
	}
}
