package sim

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func recordLine(t *testing.T) *fakeLine {
	return newFakeLine(t, map[string]route{
		"/twilio/voice": static(`<Response><Say>Leave a message after the tone.</Say>` +
			`<Record action="/twilio/recorded" maxLength="120" playBeep="true"/><Say>No message heard.</Say></Response>`),
		"/twilio/recorded": func(p url.Values) string {
			return `<Response><Say>Thank you, ` + p.Get("Digits") + `.</Say></Response>`
		},
	})
}

func TestCallRecord(t *testing.T) {
	tests := []struct {
		name       string
		move       string
		wantPosted bool
		wantDigits string
		wantSaid   []string
		wantEnded  string
	}{
		{"message then hang up", "please ring me back about the walk", true, "hangup",
			[]string{"Leave a message after the tone."}, "recording"},
		{"message then hash", "please ring me back #", true, "#",
			[]string{"Leave a message after the tone.", "Thank you, #."}, "end of document"},
		{"silence", "", false, "",
			[]string{"Leave a message after the tone.", "No message heard."}, "end of document"},
		{"keys only", "#", false, "",
			[]string{"Leave a message after the tone.", "No message heard."}, "end of document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := recordLine(t)
			tr, out := call(t, f.line(), tt.move)
			if got := tr.Said(); !reflect.DeepEqual(got, tt.wantSaid) {
				t.Errorf("Said = %q; want %q", got, tt.wantSaid)
			}
			if tr.Ended != tt.wantEnded {
				t.Errorf("Ended = %q; want %q", tr.Ended, tt.wantEnded)
			}
			if !strings.Contains(out, "  [beep]\n") {
				t.Errorf("output:\n%s\nwant a beep", out)
			}
			var posted *fakeRequest
			for _, r := range f.requests() {
				if r.Path == "/twilio/recorded" {
					posted = &r
				}
			}
			if (posted != nil) != tt.wantPosted {
				t.Fatalf("action requested = %v; want %v", posted != nil, tt.wantPosted)
			}
			if posted == nil {
				return
			}
			p := posted.Params
			if got := p.Get("Digits"); got != tt.wantDigits {
				t.Errorf("Digits = %q; want %q", got, tt.wantDigits)
			}
			if u := p.Get("RecordingUrl"); !strings.HasPrefix(u, "https://api.twilio.com/2010-04-01/Accounts/"+DefaultAccountSID+"/Recordings/RE") {
				t.Errorf("RecordingUrl = %q; want a Twilio recording URL", u)
			}
			if d := p.Get("RecordingDuration"); d == "" || d == "0" {
				t.Errorf("RecordingDuration = %q; want a positive number of seconds", d)
			}
			r := tr.Events[1].Record
			if r == nil || r.Digits != tt.wantDigits || !r.Posted {
				t.Errorf("Record event = %+v; want Digits %q, posted", r, tt.wantDigits)
			}
		})
	}
}
