package sim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
)

// Call places a call to the line: it posts the voice webhook to URL +
// "/twilio/voice", interprets the TwiML it gets back as Twilio would, takes
// the caller's moves from caller whenever the line listens, and writes what
// the caller hears to out (nil discards it). The call ends at a <Hangup/>,
// at the end of a document with no more verbs, or when caller returns
// io.EOF; then, with StatusCallback set, it posts CallStatus=completed.
//
// Call returns the transcript so far even with an error. The errors are a
// *ResponseError when the line answers a webhook with anything but a 200
// and a TwiML document, ErrTooManySteps (wrapped) when the call needs more
// than MaxSteps webhooks, an error naming the verb for TwiML Twilio would
// reject or the simulator does not play (such as <Enqueue>), a transport
// error, the caller's own error, or ctx's.
func (l *Line) Call(ctx context.Context, caller Caller, out io.Writer) (*Transcript, error) {
	if out == nil {
		out = io.Discard
	}
	tr := &Transcript{CallSid: newSID("CA")}
	g := &leg{
		l: l, tr: tr, steps: &stepper{max: l.maxSteps()},
		sid: tr.CallSid, from: l.from(), to: l.to(), direction: "inbound", status: "ringing",
		caller: caller, out: out,
	}
	ended, err := g.run(ctx, http.MethodPost, l.endpoint("/twilio/voice"), nil)
	tr.Events = g.events
	if err != nil {
		return tr, err
	}
	tr.Ended = ended
	if ended == "caller hung up" || ended == "recording" {
		fmt.Fprintln(out, "  [caller hung up]")
	}
	fmt.Fprintln(out, "  [call ended]")
	if l.StatusCallback {
		target := l.endpoint("/twilio/status")
		if err := g.steps.next(target); err != nil {
			return tr, err
		}
		p := g.params(map[string]string{"CallStatus": "completed", "CallDuration": strconv.Itoa(g.seconds)})
		body, requested, err := l.send(ctx, http.MethodPost, target, p, false)
		if err != nil {
			return tr, err
		}
		tr.Documents = append(tr.Documents, Document{URL: requested, Params: p, TwiML: string(body)})
	}
	return tr, nil
}

// leg is one call leg being played: the resident's call, or a volunteer's
// leg running the screening TwiML of a <Number url=...>.
type leg struct {
	l     *Line
	tr    *Transcript // every document of the call is kept here
	steps *stepper

	sid, parent, from, to, direction, status string

	caller    Caller
	out       io.Writer
	volunteer bool // screening TwiML: no <Dial>, moves not printed

	events  []Event
	seconds int // an estimate of the time spent, for CallDuration
}

// request is a webhook to make next.
type request struct {
	method, target string
	extra          map[string]string
}

func (g *leg) params(extra map[string]string) map[string]string {
	p := map[string]string{
		"CallSid":       g.sid,
		"AccountSid":    g.l.accountSID(),
		"From":          g.from,
		"To":            g.to,
		"Caller":        g.from,
		"Called":        g.to,
		"CallStatus":    g.status,
		"Direction":     g.direction,
		"ApiVersion":    "2010-04-01",
		"FromCountry":   "GB",
		"ToCountry":     "GB",
		"CallerCountry": "GB",
		"CalledCountry": "GB",
	}
	if g.parent != "" {
		p["ParentCallSid"] = g.parent
	}
	for k, v := range extra {
		p[k] = v
	}
	return p
}

// run plays the leg from its first webhook until it ends, and returns how
// it ended (see Transcript.Ended).
func (g *leg) run(ctx context.Context, method, target string, extra map[string]string) (string, error) {
	next := &request{method: method, target: target, extra: extra}
	for next != nil {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		root, base, err := g.fetch(ctx, next)
		if err != nil {
			return "", err
		}
		var ended string
		next, ended, err = g.exec(ctx, root, base)
		if err != nil || ended != "" {
			return ended, err
		}
	}
	return "end of document", nil
}

// fetch makes one webhook and returns the TwiML and the URL requested.
func (g *leg) fetch(ctx context.Context, r *request) (*node, string, error) {
	if err := g.steps.next(r.target); err != nil {
		return nil, "", err
	}
	p := g.params(r.extra)
	g.status = "in-progress"
	root, requested, body, err := g.l.fetchTwiML(ctx, r.method, r.target, p)
	if err != nil {
		return nil, "", err
	}
	g.tr.Documents = append(g.tr.Documents, Document{URL: requested, Params: p, TwiML: string(body)})
	return root, requested, nil
}

// exec plays the verbs of one document, posted to base. It returns the next
// webhook to make, or how the leg ended ("" if neither: the document ran
// out of verbs).
func (g *leg) exec(ctx context.Context, root *node, base string) (*request, string, error) {
	for _, v := range root.Children {
		switch v.Name {
		case "Say", "Play", "Pause":
			g.speak(v, base)
		case "Gather":
			next, ended, err := g.gather(ctx, v, base)
			if next != nil || ended != "" || err != nil {
				return next, ended, err
			}
		case "Redirect":
			if v.Text == "" {
				return nil, "", fmt.Errorf("sim: <Redirect> without a URL in TwiML from %s", base)
			}
			target, err := resolve(base, v.Text)
			if err != nil {
				return nil, "", err
			}
			g.events = append(g.events, Event{Kind: KindRedirect, URL: target})
			return &request{method: v.attr("method", http.MethodPost), target: target}, "", nil
		case "Dial":
			if g.volunteer {
				return nil, "", fmt.Errorf("sim: <Dial> in screening TwiML from %s (Twilio does not allow it)", base)
			}
			next, err := g.dial(ctx, v, base)
			if next != nil || err != nil {
				return next, "", err
			}
		case "Record":
			next, ended, err := g.record(ctx, v, base)
			if next != nil || ended != "" || err != nil {
				return next, ended, err
			}
		case "Hangup", "Reject":
			g.events = append(g.events, Event{Kind: KindHangup})
			return nil, "hangup", nil
		default:
			return nil, "", fmt.Errorf("sim: unsupported verb <%s> in TwiML from %s", v.Name, base)
		}
	}
	return nil, "end of document", nil
}

// speak plays a Say, Play or Pause.
func (g *leg) speak(v *node, base string) {
	switch v.Name {
	case "Say":
		loop := 1
		if n, err := strconv.Atoi(v.attr("loop", "1")); err == nil && n >= 0 {
			loop = n
		}
		s := Speech{Text: v.Text, Voice: v.Attrs["voice"], Language: v.Attrs["language"], Loop: loop}
		g.events = append(g.events, Event{Kind: KindSay, Speech: s})
		for i := 0; i < max(1, min(loop, 10)); i++ {
			fmt.Fprintf(g.out, "LINE: %s\n", s.Text)
			g.seconds += int(math.Ceil(float64(len(strings.Fields(s.Text))) / 2.5))
		}
	case "Play":
		u := v.Text
		if r, err := resolve(base, u); err == nil && u != "" {
			u = r
		}
		g.events = append(g.events, Event{Kind: KindPlay, URL: u})
		fmt.Fprintf(g.out, "  [plays audio %s]\n", u)
		g.seconds += 10
	case "Pause":
		n, err := strconv.Atoi(v.attr("length", "1"))
		if err != nil || n < 0 {
			n = 1
		}
		g.events = append(g.events, Event{Kind: KindPause, Seconds: n})
		fmt.Fprintf(g.out, "  [pause %ds]\n", n)
		g.seconds += n
	}
}

// move asks the caller for a move and prints it. io.EOF means the caller
// hung up.
func (g *leg) move(ctx context.Context, p Prompt) (Move, error) {
	m, err := g.caller.Move(ctx, p)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return Move{}, io.EOF
		}
		return Move{}, fmt.Errorf("sim: caller's move: %w", err)
	}
	fmt.Fprintf(g.out, "  %s\n", m)
	return m, nil
}

// gather plays a <Gather>: its nested verbs first, then the caller's move.
// With input it returns the action to post; without, it returns nothing
// and the document goes on to the next verb, unless actionOnEmptyResult is
// "true".
func (g *leg) gather(ctx context.Context, v *node, base string) (*request, string, error) {
	action, err := resolve(base, v.attr("action", base))
	if err != nil {
		return nil, "", err
	}
	ev := &Gather{
		Input:               v.Attrs["input"],
		Timeout:             v.attr("timeout", "5"),
		FinishOnKey:         "#",
		Language:            v.Attrs["language"],
		Hints:               v.Attrs["hints"],
		Action:              action,
		ActionOnEmptyResult: v.Attrs["actionOnEmptyResult"] == "true",
	}
	if k, ok := v.Attrs["finishOnKey"]; ok {
		ev.FinishOnKey = k // "" turns it off
	}
	if s := v.Attrs["numDigits"]; s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return nil, "", fmt.Errorf("sim: <Gather numDigits=%q> in TwiML from %s: not a positive number", s, base)
		}
		ev.NumDigits = n
	}
	for _, c := range v.Children {
		switch c.Name {
		case "Say", "Play", "Pause":
			g.speak(c, base)
			if c.Name == "Say" {
				ev.Prompt = append(ev.Prompt, c.Text)
			}
		default:
			return nil, "", fmt.Errorf("sim: <%s> inside <Gather> in TwiML from %s (Twilio allows only Say, Play and Pause)", c.Name, base)
		}
	}
	input := or(ev.Input, "dtmf")
	keys, speech := strings.Contains(input, "dtmf"), strings.Contains(input, "speech")
	if !keys && !speech {
		return nil, "", fmt.Errorf("sim: <Gather input=%q> in TwiML from %s: want dtmf, speech or both", ev.Input, base)
	}
	m, err := g.move(ctx, Prompt{Verb: "Gather", Input: input, NumDigits: ev.NumDigits})
	g.events = append(g.events, Event{Kind: KindGather, Gather: ev})
	if errors.Is(err, io.EOF) {
		return nil, "caller hung up", nil
	}
	if err != nil {
		return nil, "", err
	}
	ev.Move = m
	extra := map[string]string{}
	switch {
	case m.Keys != "" && keys:
		d := m.Keys
		if ev.FinishOnKey != "" {
			if i := strings.IndexAny(d, ev.FinishOnKey); i >= 0 {
				d = d[:i]
			}
		}
		if ev.NumDigits > 0 && len(d) > ev.NumDigits {
			d = d[:ev.NumDigits]
		}
		if d != "" {
			extra["Digits"] = d
		}
	case m.Speech != "" && speech:
		extra["SpeechResult"] = m.Speech
		extra["Confidence"] = strconv.FormatFloat(m.confidence(), 'f', -1, 64)
	case m.Keys != "":
		fmt.Fprintln(g.out, "  (the line was not listening for keys)")
	case m.Speech != "":
		fmt.Fprintln(g.out, "  (the line was not listening for speech)")
	}
	if len(extra) == 0 {
		if t, err := strconv.Atoi(ev.Timeout); err == nil {
			g.seconds += t
		}
		if !ev.ActionOnEmptyResult {
			return nil, "", nil
		}
	}
	ev.Posted = true
	return &request{method: v.attr("method", http.MethodPost), target: action, extra: extra}, "", nil
}

// record plays a <Record>. Speech becomes a recording posted to the action
// with Digits=hangup (the caller hangs up after the message; the action's
// TwiML is fetched and checked but not played, as with Twilio), or, when
// the speech ends with one of finishOnKey's keys after a space ("... #"),
// with Digits set to that key and the call going on with the action's
// TwiML. Silence or keys alone record nothing: the action is not requested
// and the document goes on to the next verb.
func (g *leg) record(ctx context.Context, v *node, base string) (*request, string, error) {
	action, err := resolve(base, v.attr("action", base))
	if err != nil {
		return nil, "", err
	}
	ev := &Record{Action: action}
	if v.attr("playBeep", "true") != "false" {
		fmt.Fprintln(g.out, "  [beep]")
	}
	m, err := g.move(ctx, Prompt{Verb: "Record"})
	g.events = append(g.events, Event{Kind: KindRecord, Record: ev})
	if errors.Is(err, io.EOF) {
		return nil, "caller hung up", nil
	}
	if err != nil {
		return nil, "", err
	}
	ev.Move = m
	if m.Speech == "" {
		if t, err := strconv.Atoi(v.attr("timeout", "5")); err == nil {
			g.seconds += t
		}
		return nil, "", nil
	}
	words := strings.Fields(m.Speech)
	ev.Digits = "hangup"
	finish := v.attr("finishOnKey", "1234567890*#")
	if last := words[len(words)-1]; len(words) > 1 && len(last) == 1 && strings.Contains(finish, last) {
		ev.Digits, words = last, words[:len(words)-1]
	}
	ev.Duration = max(1, int(math.Ceil(float64(len(words))/2.5)))
	if n, err := strconv.Atoi(v.attr("maxLength", "3600")); err == nil && n > 0 && ev.Duration > n {
		ev.Duration = n
	}
	g.seconds += ev.Duration
	ev.RecordingURL = "https://api.twilio.com/2010-04-01/Accounts/" + g.l.accountSID() + "/Recordings/" + newSID("RE")
	fmt.Fprintf(g.out, "  [recorded a %d-second message]\n", ev.Duration)
	ev.Posted = true
	r := &request{method: v.attr("method", http.MethodPost), target: action, extra: map[string]string{
		"RecordingUrl":      ev.RecordingURL,
		"RecordingSid":      ev.RecordingURL[strings.LastIndex(ev.RecordingURL, "/")+1:],
		"RecordingDuration": strconv.Itoa(ev.Duration),
		"Digits":            ev.Digits,
	}}
	if ev.Digits != "hangup" {
		return r, "", nil
	}
	// The caller has gone: Twilio requests the action but plays nothing.
	g.status = "completed"
	if _, _, err := g.fetch(ctx, r); err != nil {
		return nil, "", err
	}
	return nil, "recording", nil
}
