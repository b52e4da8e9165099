package sim

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

const (
	vol1 = "+447700900111"
	vol2 = "+447700900222"
	vol3 = "+447700900333"
)

// dialLine is a line whose voice webhook dials numbers (a "sequential"
// attribute and Number elements in numbers), screens each with a Gather
// asking for 1, and answers the Dial action with a Say naming the outcome.
func dialLine(t *testing.T, dialAttrs string, numbers ...string) *fakeLine {
	var nums strings.Builder
	for _, n := range numbers {
		nums.WriteString(`<Number url="/twilio/screen">` + n + `</Number>`)
	}
	return newFakeLine(t, map[string]route{
		"/twilio/voice": static(`<Response><Say>Putting you through.</Say><Dial timeout="20" answerOnBridge="true" ` +
			dialAttrs + `>` + nums.String() + `</Dial><Say>After the dial.</Say></Response>`),
		"/twilio/screen": static(`<Response><Gather numDigits="1" action="/twilio/screened">` +
			`<Say>A caller from Heritage Line. Press 1 to take the call.</Say></Gather><Hangup/></Response>`),
		"/twilio/screened": func(p url.Values) string {
			if p.Get("Digits") == "1" {
				return `<Response/>`
			}
			return `<Response><Hangup/></Response>`
		},
		"/twilio/dialled": func(p url.Values) string {
			return `<Response><Say>` + p.Get("DialCallStatus") + ` bridged ` + p.Get("DialBridged") + `</Say></Response>`
		},
	})
}

func TestCallDial(t *testing.T) {
	tests := []struct {
		name       string
		attrs      string
		numbers    []string
		volunteer  Answer
		for_       map[string]Answer
		wantSay    string // the Dial action's answer
		wantLegs   []string
		wantOut    []string
		wantWinner string
	}{
		{
			name: "press 1", attrs: `action="/twilio/dialled"`, numbers: []string{vol1},
			wantSay: "completed bridged true", wantLegs: []string{"completed"}, wantWinner: vol1,
			wantOut: []string{"  [ringing volunteer ending 111... answered, pressed 1]", "  [talking to volunteer ending 111]"},
		},
		{
			name: "no answer", attrs: `action="/twilio/dialled"`, numbers: []string{vol1}, volunteer: NoAnswer,
			wantSay: "no-answer bridged false", wantLegs: []string{"no-answer"},
			wantOut: []string{"  [ringing volunteer ending 111... no answer]", "  [no volunteer took the call]"},
		},
		{
			name: "busy", attrs: `action="/twilio/dialled"`, numbers: []string{vol1}, volunteer: Busy,
			wantSay: "busy bridged false", wantLegs: []string{"busy"},
			wantOut: []string{"  [ringing volunteer ending 111... busy]"},
		},
		{
			name: "answers, does not press 1", attrs: `action="/twilio/dialled"`, numbers: []string{vol1}, volunteer: NoPress,
			wantSay: "completed bridged false", wantLegs: []string{"completed"},
			wantOut: []string{"  [ringing volunteer ending 111... answered, did not press 1]"},
		},
		{
			name: "sequential: first misses, second takes it", attrs: `sequential="true" action="/twilio/dialled"`,
			numbers: []string{vol1, vol2, vol3}, for_: map[string]Answer{"07700 900111": NoAnswer},
			wantSay: "completed bridged true", wantLegs: []string{"no-answer", "completed"}, wantWinner: vol2,
			wantOut: []string{"  [ringing volunteer ending 111... no answer]", "  [ringing volunteer ending 222... answered, pressed 1]"},
		},
		{
			name: "all at once: first accepting wins", attrs: `action="/twilio/dialled"`,
			numbers: []string{vol1, vol2, vol3}, for_: map[string]Answer{vol1: NoPress},
			wantSay: "completed bridged true", wantLegs: []string{"completed", "completed", "canceled"}, wantWinner: vol2,
			wantOut: []string{"  [ringing 3 volunteers at once]", "  [ringing volunteer ending 333... stopped: another volunteer answered]"},
		},
		{
			name: "all busy", attrs: `action="/twilio/dialled"`, numbers: []string{vol1, vol2}, volunteer: Busy,
			wantSay: "busy bridged false", wantLegs: []string{"busy", "busy"},
		},
		{
			name: "busy and no answer", attrs: `action="/twilio/dialled"`, numbers: []string{vol1, vol2}, for_: map[string]Answer{vol1: Busy, vol2: NoAnswer},
			wantSay: "no-answer bridged false", wantLegs: []string{"busy", "no-answer"},
		},
		{
			name: "no action: next verb", numbers: []string{vol1},
			wantSay: "After the dial.", wantLegs: []string{"completed"}, wantWinner: vol1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := dialLine(t, tt.attrs, tt.numbers...)
			l := f.line()
			l.Volunteer, l.VolunteerFor = tt.volunteer, tt.for_
			tr, out := call(t, l)
			said := tr.Said()
			if len(said) < 2 || said[1] != tt.wantSay {
				t.Errorf("Said = %q; want %q second", said, tt.wantSay)
			}
			d := tr.Dials()
			if len(d) != 1 {
				t.Fatalf("got %d dials; want 1", len(d))
			}
			var legs []string
			winner := ""
			for _, lg := range d[0].Legs {
				legs = append(legs, lg.Status)
				if lg.Accepted {
					winner = lg.Number
				}
			}
			if !reflect.DeepEqual(legs, tt.wantLegs) {
				t.Errorf("leg statuses = %q; want %q", legs, tt.wantLegs)
			}
			if winner != tt.wantWinner {
				t.Errorf("accepted by %q; want %q", winner, tt.wantWinner)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w+"\n") {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, n := range tt.numbers {
				if strings.Contains(out, n) || strings.Contains(out, n[3:]) {
					t.Errorf("output shows the full number %s:\n%s", n, out)
				}
			}
		})
	}
}

func TestCallDialLegParams(t *testing.T) {
	f := dialLine(t, `action="/twilio/dialled" callerId="+441174960000"`, vol1)
	tr, _ := call(t, f.line())
	reqs := f.requests()
	var screen, screened, dialled fakeRequest
	for _, r := range reqs {
		switch r.Path {
		case "/twilio/screen":
			screen = r
		case "/twilio/screened":
			screened = r
		case "/twilio/dialled":
			dialled = r
		}
	}
	leg := tr.Dials()[0].Legs[0]
	for k, v := range map[string]string{
		"ParentCallSid": tr.CallSid, "CallSid": leg.CallSid, "To": vol1, "From": "+441174960000",
		"Direction": "outbound-dial", "CallStatus": "in-progress",
	} {
		if got := screen.Params.Get(k); got != v {
			t.Errorf("screening %s = %q; want %q", k, got, v)
		}
	}
	if leg.CallSid == tr.CallSid || !strings.HasPrefix(leg.CallSid, "CA") {
		t.Errorf("leg CallSid = %q; want a new CA sid", leg.CallSid)
	}
	if got := screened.Params.Get("Digits"); got != "1" {
		t.Errorf("screening action Digits = %q; want 1", got)
	}
	for k, v := range map[string]string{
		"CallSid": tr.CallSid, "DialCallStatus": "completed", "DialCallSid": leg.CallSid, "DialBridged": "true", "DialCallDuration": "60",
	} {
		if got := dialled.Params.Get(k); got != v {
			t.Errorf("Dial action %s = %q; want %q", k, got, v)
		}
	}
	if _, ok := dialled.Params["ParentCallSid"]; ok {
		t.Error("Dial action carries ParentCallSid; want it only on the volunteer's leg")
	}
	want := []Speech{{Text: "A caller from Heritage Line. Press 1 to take the call.", Loop: 1}}
	if !reflect.DeepEqual(leg.Heard, want) {
		t.Errorf("volunteer heard %+v; want %+v", leg.Heard, want)
	}
	if tr.Heard("press 1 to take") {
		t.Error("the caller heard the volunteer's screening prompt")
	}
}

func TestCallDialWithoutScreening(t *testing.T) {
	f := newFakeLine(t, map[string]route{
		"/twilio/voice":   static(`<Response><Dial action="/twilio/dialled">` + vol1 + `</Dial></Response>`),
		"/twilio/dialled": func(p url.Values) string { return `<Response><Say>` + p.Get("DialBridged") + `</Say></Response>` },
	})
	l := f.line()
	l.Volunteer = NoPress // voicemail answers: with no screening, it takes the call
	tr, out := call(t, l)
	if !reflect.DeepEqual(tr.Said(), []string{"true"}) {
		t.Errorf("Said = %q; want [true]", tr.Said())
	}
	if !strings.Contains(out, "  [ringing volunteer ending 111... answered (no screening)]\n") {
		t.Errorf("output:\n%s\nwant the unscreened answer", out)
	}
}

func TestCallDialInScreeningIsAnError(t *testing.T) {
	f := dialLine(t, ``, vol1)
	f.routes["/twilio/screen"] = static(`<Response><Dial>` + vol2 + `</Dial></Response>`)
	if _, err := f.line().Call(t.Context(), ScriptFromStrings(), nil); err == nil || !strings.Contains(err.Error(), "screening") {
		t.Errorf("Call error = %v; want one about Dial in screening TwiML", err)
	}
}

func TestParseAnswer(t *testing.T) {
	for _, a := range []Answer{PressOne, NoAnswer, Busy, NoPress} {
		got, err := ParseAnswer(a.String())
		if err != nil || got != a {
			t.Errorf("ParseAnswer(%q) = %v, %v; want %v", a.String(), got, err, a)
		}
	}
	if _, err := ParseAnswer("voicemail"); err == nil {
		t.Error("ParseAnswer(voicemail) error = nil; want an error")
	}
}
