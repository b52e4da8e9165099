package sim

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func call(t *testing.T, l *Line, moves ...string) (*Transcript, string) {
	t.Helper()
	var out bytes.Buffer
	tr, err := l.Call(context.Background(), ScriptFromStrings(moves...), &out)
	if err != nil {
		t.Fatalf("Call: %v\noutput:\n%s", err, out.String())
	}
	return tr, out.String()
}

func TestCallSayPlayPause(t *testing.T) {
	f := newFakeLine(t, map[string]route{"/twilio/voice": static(xmlHead + `<Response>` +
		`<Say voice="Polly.Amy" language="en-GB">Welcome to Heritage Line.</Say>` +
		`<Play>/audio/chime.mp3</Play><Pause length="2"/>` +
		`<Say language="en-GB" loop="2">Goodbye.</Say></Response>`)})
	l := f.line()
	l.StatusCallback = true
	f.routes["/twilio/status"] = static("")
	tr, out := call(t, l)
	wantOut := "LINE: Welcome to Heritage Line.\n" +
		"  [plays audio " + f.srv.URL + "/audio/chime.mp3]\n" +
		"  [pause 2s]\n" +
		"LINE: Goodbye.\nLINE: Goodbye.\n" +
		"  [call ended]\n"
	if out != wantOut {
		t.Errorf("output:\n%s\nwant:\n%s", out, wantOut)
	}
	wantSpeech := []Speech{
		{Text: "Welcome to Heritage Line.", Voice: "Polly.Amy", Language: "en-GB", Loop: 1},
		{Text: "Goodbye.", Language: "en-GB", Loop: 2},
	}
	if got := tr.Speeches(); !reflect.DeepEqual(got, wantSpeech) {
		t.Errorf("Speeches = %+v; want %+v", got, wantSpeech)
	}
	if tr.Ended != "end of document" {
		t.Errorf("Ended = %q; want \"end of document\"", tr.Ended)
	}
	if got, want := f.paths(), []string{"/twilio/voice", "/twilio/status"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("paths = %q; want %q", got, want)
	}
	reqs := f.requests()
	first := reqs[0].Params
	for k, v := range map[string]string{
		"CallSid": tr.CallSid, "AccountSid": DefaultAccountSID, "From": DefaultFrom, "To": DefaultTo,
		"Caller": DefaultFrom, "Called": DefaultTo, "CallStatus": "ringing", "Direction": "inbound", "ApiVersion": "2010-04-01",
	} {
		if got := first.Get(k); got != v {
			t.Errorf("voice webhook %s = %q; want %q", k, got, v)
		}
	}
	if !strings.HasPrefix(tr.CallSid, "CA") || len(tr.CallSid) != 34 {
		t.Errorf("CallSid = %q; want CA and 32 hex digits", tr.CallSid)
	}
	if got := reqs[1].Params.Get("CallStatus"); got != "completed" {
		t.Errorf("status callback CallStatus = %q; want completed", got)
	}
	if got := reqs[1].Params.Get("CallSid"); got != tr.CallSid {
		t.Errorf("status callback CallSid = %q; want %q", got, tr.CallSid)
	}
}

// gatherLine answers the voice webhook with gather and records what its
// action and the fall-through redirect receive.
func gatherLine(t *testing.T, gather string) *fakeLine {
	return newFakeLine(t, map[string]route{
		"/twilio/voice":     static(`<Response>` + gather + `<Redirect>/twilio/missed</Redirect></Response>`),
		"/twilio/got":       static(`<Response><Say>Thank you.</Say><Hangup/></Response>`),
		"/twilio/voice/got": static(`<Response><Say>Relative.</Say></Response>`),
		"/elsewhere":        static(`<Response><Say>Absolute.</Say></Response>`),
		"/twilio/missed":    static(`<Response><Say>Sorry, I did not catch that.</Say></Response>`),
	})
}

func TestCallGather(t *testing.T) {
	tests := []struct {
		name     string
		gather   string
		move     string
		wantPath string // the second request's path
		want     map[string]string
		absent   []string
	}{
		{"keys", `<Gather numDigits="1" action="/twilio/got"><Say>Press 1.</Say></Gather>`, "1", "/twilio/got", map[string]string{"Digits": "1", "CallStatus": "in-progress"}, []string{"SpeechResult"}},
		{"numDigits cuts keys", `<Gather numDigits="2" action="/twilio/got"/>`, "1234", "/twilio/got", map[string]string{"Digits": "12"}, nil},
		{"finishOnKey ends keys", `<Gather action="/twilio/got"/>`, "12#3", "/twilio/got", map[string]string{"Digits": "12"}, nil},
		{"finishOnKey off", `<Gather finishOnKey="" action="/twilio/got"/>`, "12#3", "/twilio/got", map[string]string{"Digits": "12#3"}, nil},
		{"speech", `<Gather input="speech" language="en-GB" action="/twilio/got"/>`, "frome", "/twilio/got", map[string]string{"SpeechResult": "frome", "Confidence": "0.9"}, []string{"Digits"}},
		{"speech confidence", `<Gather input="dtmf speech" action="/twilio/got"/>`, "walks in frome ~0.35", "/twilio/got", map[string]string{"SpeechResult": "walks in frome", "Confidence": "0.35"}, nil},
		{"keys on both", `<Gather input="dtmf speech" action="/twilio/got"/>`, "2", "/twilio/got", map[string]string{"Digits": "2"}, nil},
		{"silence falls through", `<Gather input="dtmf speech" action="/twilio/got"/>`, "", "/twilio/missed", nil, []string{"Digits", "SpeechResult"}},
		{"speech to dtmf falls through", `<Gather action="/twilio/got"/>`, "frome", "/twilio/missed", nil, []string{"SpeechResult"}},
		{"keys to speech falls through", `<Gather input="speech" action="/twilio/got"/>`, "1", "/twilio/missed", nil, []string{"Digits"}},
		{"finish key alone is no input", `<Gather action="/twilio/got"/>`, "#", "/twilio/missed", nil, []string{"Digits"}},
		{"actionOnEmptyResult", `<Gather input="speech" actionOnEmptyResult="true" action="/twilio/got"/>`, "", "/twilio/got", nil, []string{"SpeechResult"}},
		{"relative action", `<Gather action="voice/got"/>`, "5", "/twilio/voice/got", map[string]string{"Digits": "5"}, nil},
		{"no action posts to the document", `<Gather numDigits="1"/>`, "5", "/twilio/voice", map[string]string{"Digits": "5"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := gatherLine(t, tt.gather)
			tr, _ := call(t, f.line(), tt.move)
			reqs := f.requests()
			if len(reqs) < 2 {
				t.Fatalf("got %d requests; want at least 2", len(reqs))
			}
			if reqs[1].Path != tt.wantPath {
				t.Errorf("second request to %s; want %s", reqs[1].Path, tt.wantPath)
			}
			for k, v := range tt.want {
				if got := reqs[1].Params.Get(k); got != v {
					t.Errorf("%s = %q; want %q", k, got, v)
				}
			}
			for _, k := range tt.absent {
				if _, ok := reqs[1].Params[k]; ok {
					t.Errorf("%s sent (%q); want it absent", k, reqs[1].Params.Get(k))
				}
			}
			g := tr.Gathers()
			if len(g) == 0 {
				t.Fatal("no Gather in the transcript")
			}
			m, _ := ParseMove(tt.move)
			if g[0].Move != m {
				t.Errorf("Gather move = %+v; want %+v", g[0].Move, m)
			}
			if posted := tt.wantPath != "/twilio/missed"; g[0].Posted != posted {
				t.Errorf("Gather Posted = %v; want %v", g[0].Posted, posted)
			}
		})
	}
}

func TestCallGatherPromptAndOutput(t *testing.T) {
	f := gatherLine(t, `<Gather input="dtmf speech" language="en-GB" hints="Frome,Bath" action="/elsewhere">`+
		`<Say language="en-GB">Where do you live?</Say><Pause/></Gather>`)
	tr, out := call(t, f.line(), "frome")
	want := "LINE: Where do you live?\n  [pause 1s]\n  [says: frome]\nLINE: Absolute.\n  [call ended]\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	g := tr.Gathers()[0]
	if !reflect.DeepEqual(g.Prompt, []string{"Where do you live?"}) || g.Language != "en-GB" || g.Hints != "Frome,Bath" || g.Action != f.srv.URL+"/elsewhere" {
		t.Errorf("Gather = %+v; want the prompt, en-GB, hints and the resolved action", g)
	}
}

func TestCallGatherAbsoluteAction(t *testing.T) {
	other := newFakeLine(t, map[string]route{"/far": static(`<Response><Say>Far away.</Say></Response>`)})
	f := gatherLine(t, `<Gather numDigits="1" action="`+other.srv.URL+`/far"/>`)
	tr, _ := call(t, f.line(), "1")
	if !tr.Heard("far away") {
		t.Errorf("Said = %q; want the absolute action followed", tr.Said())
	}
	if got := other.paths(); !reflect.DeepEqual(got, []string{"/far"}) {
		t.Errorf("other server paths = %q; want [/far]", got)
	}
}

func TestCallGatherGET(t *testing.T) {
	f := gatherLine(t, `<Gather numDigits="1" method="GET" action="/twilio/got?step=2"/>`)
	call(t, f.line(), "3")
	r := f.requests()[1]
	if r.Method != http.MethodGet || r.Params.Get("Digits") != "3" || r.Params.Get("step") != "2" {
		t.Errorf("action request %s %v; want GET with Digits=3 and step=2", r.Method, url.Values(r.Params))
	}
}

func TestCallCallerHangsUp(t *testing.T) {
	f := gatherLine(t, `<Gather numDigits="1" action="/twilio/got"><Say>Press 1.</Say></Gather>`)
	f.routes["/twilio/status"] = static("")
	l := f.line()
	l.StatusCallback = true
	tr, out := call(t, l) // no moves at all
	if tr.Ended != "caller hung up" {
		t.Errorf("Ended = %q; want \"caller hung up\"", tr.Ended)
	}
	if want := "LINE: Press 1.\n  [caller hung up]\n  [call ended]\n"; out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	if got, want := f.paths(), []string{"/twilio/voice", "/twilio/status"}; !reflect.DeepEqual(got, want) {
		t.Errorf("paths = %q; want %q", got, want)
	}
}

func TestCallHangup(t *testing.T) {
	f := newFakeLine(t, map[string]route{"/twilio/voice": static(`<Response><Say>Goodbye.</Say><Hangup/><Say>Never.</Say></Response>`)})
	tr, _ := call(t, f.line())
	if tr.Ended != "hangup" || tr.Heard("never") {
		t.Errorf("Ended = %q, Said = %q; want hangup after Goodbye", tr.Ended, tr.Said())
	}
}

func TestCallRedirect(t *testing.T) {
	f := newFakeLine(t, map[string]route{
		"/twilio/voice":      static(`<Response><Redirect>menu</Redirect><Say>never</Say></Response>`),
		"/twilio/menu":       static(`<Response><Say>Menu.</Say><Redirect method="GET">/twilio/menu/again</Redirect></Response>`),
		"/twilio/menu/again": static(`<Response><Say>Again.</Say></Response>`),
	})
	tr, _ := call(t, f.line())
	if got, want := tr.Said(), []string{"Menu.", "Again."}; !reflect.DeepEqual(got, want) {
		t.Errorf("Said = %q; want %q", got, want)
	}
	if got, want := f.paths(), []string{"/twilio/voice", "/twilio/menu", "/twilio/menu/again"}; !reflect.DeepEqual(got, want) {
		t.Errorf("paths = %q; want %q", got, want)
	}
	if got := len(tr.Documents); got != 3 {
		t.Errorf("got %d documents; want 3", got)
	}
}

func TestCallRedirectLoopBounded(t *testing.T) {
	f := newFakeLine(t, map[string]route{"/twilio/voice": static(`<Response><Say>Hello.</Say><Redirect>voice</Redirect></Response>`)})
	l := f.line()
	tr, err := l.Call(context.Background(), ScriptFromStrings(), nil)
	if !errors.Is(err, ErrTooManySteps) {
		t.Fatalf("Call error = %v; want ErrTooManySteps", err)
	}
	if got := len(f.requests()); got != DefaultMaxSteps {
		t.Errorf("got %d webhooks; want %d", got, DefaultMaxSteps)
	}
	if tr == nil || len(tr.Said()) != DefaultMaxSteps {
		t.Errorf("transcript kept %d Says; want %d", len(tr.Said()), DefaultMaxSteps)
	}
}

func TestCallErrors(t *testing.T) {
	tests := []struct {
		name   string
		h      http.HandlerFunc
		status int // of the *ResponseError; 0 for another error
	}{
		{"500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "internal", 500) }, 500},
		{"404 on action", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/twilio/voice" {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/xml")
			w.Write([]byte(`<Response><Gather numDigits="1" action="/nowhere"/></Response>`))
		}, 404},
		{"empty 200", func(w http.ResponseWriter, r *http.Request) { w.Header().Set("Content-Type", "text/xml") }, 200},
		{"plain text", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("hello")) }, 200},
		{"unclosed", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/xml")
			w.Write([]byte(`<Response><Say>hi`))
		}, 200},
		{"unsupported verb", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/xml")
			w.Write([]byte(`<Response><Enqueue>q</Enqueue></Response>`))
		}, 0},
		{"Dial inside Gather", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/xml")
			w.Write([]byte(`<Response><Gather><Dial>+447700900111</Dial></Gather></Response>`))
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.h)
			defer srv.Close()
			l := &Line{URL: srv.URL}
			_, err := l.Call(context.Background(), ScriptFromStrings("1"), nil)
			if err == nil {
				t.Fatal("Call error = nil; want an error")
			}
			if !strings.Contains(err.Error(), srv.URL) {
				t.Errorf("error %q does not name the URL", err)
			}
			var re *ResponseError
			if tt.status == 0 {
				if errors.As(err, &re) {
					t.Errorf("Call error = %v; want an error about the TwiML, not the response", err)
				}
				return
			}
			if !errors.As(err, &re) || re.Status != tt.status {
				t.Errorf("Call error = %v; want a *ResponseError with status %d", err, tt.status)
			}
			if tt.status == 500 && (!strings.Contains(err.Error(), "500") || !strings.Contains(err.Error(), "internal")) {
				t.Errorf("error %q; want the status and the body named", err)
			}
		})
	}
}

func TestCallContextCancelled(t *testing.T) {
	f := newFakeLine(t, map[string]route{"/twilio/voice": static(`<Response/>`)})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.line().Call(ctx, ScriptFromStrings(), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Call error = %v; want context.Canceled", err)
	}
}
