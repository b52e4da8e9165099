package sim

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/heritage-line/heritageline/privacy"
)

// Answer is how a simulated volunteer answers a <Dial>ed leg.
type Answer int

// The volunteer behaviours. The zero value answers and presses 1.
const (
	PressOne Answer = iota // answers and presses 1 at the screening prompt
	NoAnswer               // lets it ring out: no-answer
	Busy                   // is on another call: busy
	NoPress                // answers (or voicemail does) but never presses 1
)

var answerNames = []string{"press1", "no-answer", "busy", "no-press"}

// String returns the name ParseAnswer reads.
func (a Answer) String() string {
	if a >= 0 && int(a) < len(answerNames) {
		return answerNames[a]
	}
	return "Answer(" + strconv.Itoa(int(a)) + ")"
}

// ParseAnswer reads a behaviour name for a command-line flag: "press1",
// "no-answer", "busy" or "no-press". It returns an error listing them for
// anything else.
func ParseAnswer(s string) (Answer, error) {
	for i, n := range answerNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Answer(i), nil
		}
	}
	return 0, fmt.Errorf("sim: volunteer behaviour %q: want one of %s", s, strings.Join(answerNames, ", "))
}

// answerFor returns how the volunteer at number behaves: VolunteerFor's
// entry for it (numbers compared in E.164 form), or Volunteer.
func (l *Line) answerFor(number string) Answer {
	n := privacy.Normalise(number)
	for k, a := range l.VolunteerFor {
		if privacy.Normalise(k) == n {
			return a
		}
	}
	return l.Volunteer
}

// dial plays a <Dial>: it rings each <Number> (all at once, or in order
// with sequential="true"), runs each answering volunteer's screening url on
// a leg of its own, and returns the action to post, or nothing when the
// Dial has no action and the document goes on.
func (g *leg) dial(ctx context.Context, v *node, base string) (*request, error) {
	ev := &Dial{Sequential: v.Attrs["sequential"] == "true"}
	if a := v.Attrs["action"]; a != "" {
		target, err := resolve(base, a)
		if err != nil {
			return nil, err
		}
		ev.Action = target
	}
	type number struct{ phone, url, method string }
	var numbers []number
	for _, c := range v.Children {
		if c.Name != "Number" {
			return nil, fmt.Errorf("sim: <%s> inside <Dial> in TwiML from %s: the simulator plays only <Number>", c.Name, base)
		}
		n := number{phone: c.Text, method: c.attr("method", http.MethodPost)}
		if u := c.Attrs["url"]; u != "" {
			r, err := resolve(base, u)
			if err != nil {
				return nil, err
			}
			n.url = r
		}
		numbers = append(numbers, n)
	}
	if len(v.Children) == 0 && v.Text != "" {
		numbers = append(numbers, number{phone: v.Text})
	}
	if len(numbers) == 0 {
		return nil, fmt.Errorf("sim: <Dial> with no number in TwiML from %s", base)
	}
	if len(numbers) > 1 && !ev.Sequential {
		fmt.Fprintf(g.out, "  [ringing %d volunteers at once]\n", len(numbers))
	}
	callerID := v.attr("callerId", g.from)
	winner := -1 // index in ev.Legs of the volunteer who took the call
	for _, n := range numbers {
		lg := Leg{Number: n.phone, Answer: g.l.answerFor(n.phone), CallSid: newSID("CA")}
		who := "volunteer " + privacy.Mask(n.phone)
		if winner >= 0 { // all at once: the others stop ringing
			lg.Status = "canceled"
			ev.Legs = append(ev.Legs, lg)
			fmt.Fprintf(g.out, "  [ringing %s... stopped: another volunteer answered]\n", who)
			continue
		}
		switch lg.Answer {
		case NoAnswer:
			lg.Status = "no-answer"
			fmt.Fprintf(g.out, "  [ringing %s... no answer]\n", who)
		case Busy:
			lg.Status = "busy"
			fmt.Fprintf(g.out, "  [ringing %s... busy]\n", who)
		default:
			lg.Status = "completed"
			if n.url == "" {
				lg.Accepted = true
				fmt.Fprintf(g.out, "  [ringing %s... answered (no screening)]\n", who)
				break
			}
			moves := ScriptFromStrings("1")
			if lg.Answer == NoPress {
				moves = ScriptFromStrings("")
			}
			vl := &leg{
				l: g.l, tr: g.tr, steps: g.steps,
				sid: lg.CallSid, parent: g.sid, from: callerID, to: n.phone,
				direction: "outbound-dial", status: "in-progress",
				caller: moves, out: io.Discard, volunteer: true,
			}
			ended, err := vl.run(ctx, n.method, n.url, nil)
			if err != nil {
				return nil, fmt.Errorf("sim: screening %s: %w", who, err)
			}
			for _, e := range vl.events {
				if e.Kind == KindSay {
					lg.Heard = append(lg.Heard, e.Speech)
				}
			}
			lg.Accepted = ended == "end of document"
			if lg.Accepted {
				fmt.Fprintf(g.out, "  [ringing %s... answered, pressed 1]\n", who)
			} else {
				fmt.Fprintf(g.out, "  [ringing %s... answered, did not press 1]\n", who)
			}
		}
		ev.Legs = append(ev.Legs, lg)
		if lg.Accepted {
			winner = len(ev.Legs) - 1
			if ev.Sequential {
				break
			}
		}
	}
	duration := 0
	switch {
	case winner >= 0:
		w := ev.Legs[winner]
		ev.Status, ev.Bridged, ev.CallSid, duration = "completed", true, w.CallSid, 60
		fmt.Fprintf(g.out, "  [talking to volunteer %s]\n", privacy.Mask(w.Number))
	default:
		ev.Status = "no-answer"
		busy := 0
		for _, lg := range ev.Legs {
			switch lg.Status {
			case "completed":
				ev.Status, duration = "completed", 5
			case "busy":
				busy++
			}
		}
		if busy == len(ev.Legs) {
			ev.Status = "busy"
		}
		ev.CallSid = ev.Legs[len(ev.Legs)-1].CallSid
		fmt.Fprintln(g.out, "  [no volunteer took the call]")
	}
	g.seconds += 20 + duration
	g.events = append(g.events, Event{Kind: KindDial, Dial: ev})
	if ev.Action == "" {
		return nil, nil
	}
	return &request{method: v.attr("method", http.MethodPost), target: ev.Action, extra: map[string]string{
		"DialCallStatus":   ev.Status,
		"DialCallSid":      ev.CallSid,
		"DialCallDuration": strconv.Itoa(duration),
		"DialBridged":      strconv.FormatBool(ev.Bridged),
	}}, nil
}
