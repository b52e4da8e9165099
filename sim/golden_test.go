package sim

import (
	"bytes"
	"context"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// journeyLine is a small line with a whole journey: a menu, a town asked
// for by speech, a miss, a volunteer forward that nobody takes, and a
// message left.
func journeyLine(t *testing.T) *fakeLine {
	say := func(s string) string { return `<Say voice="Polly.Amy" language="en-GB">` + s + `</Say>` }
	return newFakeLine(t, map[string]route{
		"/twilio/voice": static(`<Response>` + say("Welcome to Heritage Line.") +
			`<Gather input="dtmf speech" language="en-GB" numDigits="1" action="/twilio/menu">` +
			say("Say the name of your town, or press 0 for a volunteer.") + `</Gather>` +
			`<Redirect>/twilio/voice</Redirect></Response>`),
		"/twilio/menu": func(p url.Values) string {
			switch {
			case p.Get("Digits") == "0":
				return `<Response>` + say("Putting you through.") +
					`<Dial sequential="true" action="/twilio/dialled"><Number url="/twilio/screen">` + vol1 +
					`</Number><Number url="/twilio/screen">` + vol2 + `</Number></Dial></Response>`
			case strings.EqualFold(p.Get("SpeechResult"), "frome"):
				return `<Response>` + say("Near Frome: a history walk on Tuesday.") + `<Pause length="1"/>` +
					`<Redirect>/twilio/voice</Redirect></Response>`
			}
			return `<Response>` + say("Sorry, I did not catch that.") + `<Redirect>/twilio/voice</Redirect></Response>`
		},
		"/twilio/screen": static(`<Response><Gather numDigits="1" action="/twilio/screened">` + say("Press 1 to take the call.") +
			`</Gather><Hangup/></Response>`),
		"/twilio/screened": func(p url.Values) string {
			if p.Get("Digits") == "1" {
				return `<Response/>`
			}
			return `<Response><Hangup/></Response>`
		},
		"/twilio/dialled": func(p url.Values) string {
			if p.Get("DialBridged") == "true" {
				return `<Response><Hangup/></Response>`
			}
			return `<Response>` + say("No one is free. Leave a message after the tone.") +
				`<Record action="/twilio/recorded" maxLength="120"/></Response>`
		},
		"/twilio/recorded": static(`<Response>` + say("Thank you. Goodbye.") + `<Hangup/></Response>`),
		"/twilio/status":   static(""),
	})
}

func TestCallGolden(t *testing.T) {
	f := journeyLine(t)
	l := f.line()
	l.StatusCallback = true
	l.VolunteerFor = map[string]Answer{vol1: NoAnswer, vol2: NoPress}
	script := "frome\n\nbath ~0.3\n0\nplease ring me about the museum trip #\n"
	var out bytes.Buffer
	tr, err := l.Call(context.Background(), ScriptedCaller(strings.NewReader(script)), &out)
	if err != nil {
		t.Fatalf("Call: %v\n%s", err, out.String())
	}
	golden := filepath.Join("testdata", "journey.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden file (run go test -update): %v", err)
	}
	if out.String() != string(want) {
		t.Errorf("output:\n%s\nwant (%s):\n%s", out.String(), golden, want)
	}
	for _, s := range tr.Speeches() {
		if s.Language != "en-GB" {
			t.Errorf("Say %q in %q; want en-GB", s.Text, s.Language)
		}
	}
	if n := tr.WordsBefore(func(s string) bool { return strings.Contains(s, "history walk") }); n != 16 {
		t.Errorf("WordsBefore(first result) = %d; want 16", n)
	}
}
