package sim

import "strings"

// Kind names what happened at one point of a call.
type Kind string

// The kinds of Event.
const (
	KindSay      Kind = "say"
	KindPlay     Kind = "play"
	KindPause    Kind = "pause"
	KindGather   Kind = "gather"
	KindRedirect Kind = "redirect"
	KindDial     Kind = "dial"
	KindRecord   Kind = "record"
	KindHangup   Kind = "hangup"
)

// Speech is one <Say>, with the attributes that decide how it sounds.
type Speech struct {
	Text     string
	Voice    string // as given, "" when absent
	Language string // as given, "" when absent (Twilio then uses en-US)
	Loop     int    // 1 unless the loop attribute says otherwise; 0 is "until interrupted"
}

// Event is one thing the caller heard or did, in call order. Only the
// detail field for its Kind is set (none for KindHangup).
type Event struct {
	Kind    Kind
	Speech  Speech  // KindSay
	URL     string  // KindPlay: the audio; KindRedirect: the target
	Seconds int     // KindPause
	Gather  *Gather // KindGather
	Dial    *Dial   // KindDial
	Record  *Record // KindRecord
}

// Gather is one <Gather>: its attributes, what it asked (the texts of the
// Say verbs nested in it), the caller's move, and whether the action was
// requested.
type Gather struct {
	Input               string // as given; "" means dtmf
	NumDigits           int
	Timeout             string
	FinishOnKey         string
	Language            string
	Hints               string
	Action              string // resolved
	ActionOnEmptyResult bool
	Prompt              []string
	Move                Move
	Posted              bool
}

// Dial is one <Dial>: each volunteer leg and the outcome posted to the
// action (or that would have been, without one).
type Dial struct {
	Action     string // resolved; "" when absent
	Sequential bool
	Legs       []Leg
	Status     string // DialCallStatus: completed, no-answer or busy
	Bridged    bool   // DialBridged
	CallSid    string // DialCallSid
}

// Leg is one volunteer rung by a <Dial>.
type Leg struct {
	Number   string // as dialled; print it only through privacy.Mask
	Answer   Answer // the behaviour simulated
	CallSid  string // the leg's own CallSid; every leg rung has one
	Status   string // "completed", "no-answer", "busy" or "canceled"
	Accepted bool   // pressed 1 (or no screening) and was bridged
	Heard    []Speech
}

// Record is one <Record>: the caller's move and what was posted.
type Record struct {
	Action       string // resolved
	Move         Move
	RecordingURL string
	Duration     int    // seconds
	Digits       string // "hangup" or the key that ended the recording
	Posted       bool
}

// Document is one webhook and the TwiML it returned.
type Document struct {
	URL    string // as requested
	Params map[string]string
	TwiML  string
}

// Transcript is the record of one simulated call.
type Transcript struct {
	CallSid   string
	Events    []Event
	Documents []Document
	// Ended says how the call ended: "hangup" (a <Hangup/>), "end of
	// document", "caller hung up" or "recording" (the caller hung up after
	// leaving a message).
	Ended string
}

// Speeches returns every <Say> the caller heard, in order.
func (t *Transcript) Speeches() []Speech {
	var s []Speech
	for _, e := range t.Events {
		if e.Kind == KindSay {
			s = append(s, e.Speech)
		}
	}
	return s
}

// Said returns the text of every <Say> the caller heard, in order.
func (t *Transcript) Said() []string {
	var s []string
	for _, sp := range t.Speeches() {
		s = append(s, sp.Text)
	}
	return s
}

// Heard reports whether any <Say> the caller heard contains substr,
// ignoring case.
func (t *Transcript) Heard(substr string) bool {
	substr = strings.ToLower(substr)
	for _, s := range t.Said() {
		if strings.Contains(strings.ToLower(s), substr) {
			return true
		}
	}
	return false
}

// WordsBefore returns how many words the caller heard in the <Say> verbs
// before the first one whose text satisfies pred (a Say with loop="n" counts
// n times). It returns -1 when no Say satisfies pred, so check for that
// before comparing with a budget.
func (t *Transcript) WordsBefore(pred func(string) bool) int {
	n := 0
	for _, s := range t.Speeches() {
		if pred(s.Text) {
			return n
		}
		loops := s.Loop
		if loops < 1 {
			loops = 1
		}
		n += loops * len(strings.Fields(s.Text))
	}
	return -1
}

// Gathers returns every <Gather> of the call, in order.
func (t *Transcript) Gathers() []*Gather {
	var g []*Gather
	for _, e := range t.Events {
		if e.Kind == KindGather {
			g = append(g, e.Gather)
		}
	}
	return g
}

// Dials returns every <Dial> of the call, in order.
func (t *Transcript) Dials() []*Dial {
	var d []*Dial
	for _, e := range t.Events {
		if e.Kind == KindDial {
			d = append(d, e.Dial)
		}
	}
	return d
}
