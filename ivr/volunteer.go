package ivr

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/twilio/twilio-go/twiml"

	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/phonepolicy"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/volunteers"
	"github.com/heritage-line/heritageline/words"
)

// defaultRingSeconds is how long volunteers' phones ring when the roster does
// not say.
const defaultRingSeconds = 20

// handoff is the caller asking for a person (0, the menu's choice, or too many
// misses): a volunteer now, or a message or callback.
func (l *Line) handoff(ctx context.Context, r *http.Request, st *call) []twiml.Element {
	st.at("handoff")
	l.deps.Figures.Record(ctx, figures.Event{
		Time: l.cfg.Now(), Channel: figures.Voice, Kind: figures.Handoff,
		Person: l.person(r), Outcome: "asked",
	})
	return l.toVolunteer(ctx, r)
}

// toVolunteer rings the volunteers available now, and only them, with the
// line's number as caller ID and a screening step on each leg. When nobody is
// available (outside hours, nobody on duty, or the desk failed) it offers a
// message or a callback instead.
func (l *Line) toVolunteer(ctx context.Context, r *http.Request) []twiml.Element {
	return l.toVolunteerTry(ctx, r, 0)
}

// toVolunteerTry is toVolunteer for a caller whose number is hidden trying
// again for the try-th time (0 for the first): the Dial's action carries the
// count, so staying on the line cannot ring the volunteers for ever.
func (l *Line) toVolunteerTry(ctx context.Context, r *http.Request, try int) []twiml.Element {
	if l.unstaffed() {
		// Nobody to put through and nobody to ring back: no message, no
		// callback offered; the search, whose results can be texted.
		return append([]twiml.Element{l.say(l.book.NoPeopleVoice())}, l.menuAt(ctx, &call{}, newCallMenu)...)
	}
	vols := l.available(ctx, r)
	if len(vols) == 0 {
		return l.noVolunteer(r, l.book.NoVolunteersFree(), false, try)
	}
	roster := l.deps.Desk.Roster()
	ring := roster.RingSeconds
	if ring <= 0 {
		ring = defaultRingSeconds
	}
	numbers := make([]twiml.Element, 0, len(vols))
	for _, v := range vols {
		numbers = append(numbers, twiml.VoiceNumber{PhoneNumber: v.Phone, Url: l.url("screen"), Method: "POST"})
	}
	dial := twiml.VoiceDial{
		CallerId:       l.cfg.LineNumber,
		AnswerOnBridge: "true",
		Timeout:        strconv.Itoa(ring),
		Action:         l.url(dialedStep(try)),
		Method:         "POST",
		InnerElements:  numbers,
	}
	if roster.Sequential {
		dial.Sequential = "true"
	}
	return []twiml.Element{l.say(l.book.PuttingThrough()), dial}
}

// available returns the volunteers to ring now. When Redis fails the desk
// still names those the volunteers file has on duty (with the error, which
// is logged): a simpler line, not one with nobody to ring. None only when
// the desk gives nothing in time.
func (l *Line) available(ctx context.Context, r *http.Request) []volunteers.Volunteer {
	vols, err := bounded(ctx, func(ctx context.Context) ([]volunteers.Volunteer, error) {
		return l.deps.Desk.Available(ctx, l.cfg.Now())
	})
	if err != nil {
		l.log.ErrorContext(ctx, "voice: volunteers available", "call_sid", r.PostForm.Get("CallSid"), "err", err, "from_file", len(vols))
	}
	return vols
}

func dialedStep(try int) string {
	if try > 0 {
		return fmt.Sprintf("dialed?try=%d", try)
	}
	return "dialed"
}

// noVolunteer answers when no volunteer can take the call now: the offer of
// a message or a callback, or, to a caller whose number is hidden (who
// cannot be rung back), at once what they can do instead. onDuty says
// volunteers are on duty (one may answer if tried again).
func (l *Line) noVolunteer(r *http.Request, lead string, onDuty bool, try int) []twiml.Element {
	from := r.PostForm.Get("From")
	if withheld(from) {
		return l.hiddenOffer(lead, onDuty, try)
	}
	if !l.cfg.Numbers.Allowed(from) {
		return l.cannotRingBack(r.Context(), lead)
	}
	return l.messageOffer(lead)
}

// cannotRingBack answers a caller whose number the number policy refuses
// (premium rate, personal, another country ...) when nobody can take the
// call: no message or call back is offered (nobody could return it); they
// are told how to reach a volunteer instead, and the menu follows.
func (l *Line) cannotRingBack(ctx context.Context, lead string) []twiml.Element {
	return append([]twiml.Element{l.say(l.book.Join(lead, l.book.CannotRingBack()))}, l.menuAt(ctx, &call{}, newCallMenu)...)
}

// maxHiddenTries is how many times a caller whose number is hidden, staying
// on the line, has the volunteers rung again.
const maxHiddenTries = 2

// hiddenOffer tells a caller whose number is hidden that nobody can ring
// them back, and what they can do: stay on while volunteers are on duty (the
// volunteers are rung again), or else call again later, call with their
// number showing to leave a message, or text the line. Star is the menu.
func (l *Line) hiddenOffer(lead string, onDuty bool, try int) []twiml.Element {
	prompts := []string{lead, sayHiddenNoCallback}
	step := fmt.Sprintf("hidden?try=%d", try)
	if onDuty {
		prompts = append(prompts, sayHiddenStayOn)
		step += "&duty=1"
	} else {
		prompts = append(prompts, sayHiddenCallAgain)
		if n := l.textsTo(); n != "" {
			prompts = append(prompts, sayHiddenText(n))
		}
		prompts = append(prompts, sayHiddenMenu)
	}
	return l.gather(step, "menu, again", prompts...)
}

// hidden answers hiddenOffer's Gather; it reads no state. Star is the main
// menu, 0 the volunteers, 1 the offer again. Silence while volunteers are on
// duty rings them again (up to maxHiddenTries times); otherwise the offer is
// said again, and after two silences the call ends kindly.
func (l *Line) hidden(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), stepTimeout)
	defer cancel()
	q := r.URL.Query()
	onDuty, try := q.Get("duty") == "1", atoi(q.Get("try"))
	in := readInput(r)
	switch l.keys.choice(in, l.keys.end) { // "again" is 1, "goodbye" 9
	case "9":
		l.write(w, r, l.goodbye())
		return
	case "*":
		l.write(w, r, l.menuAt(ctx, &call{}, newCallMenu))
		return
	case "0":
		l.write(w, r, l.toVolunteerTry(ctx, r, try+1))
		return
	case "1":
		l.write(w, r, l.hiddenOffer("", onDuty, try))
		return
	}
	switch {
	case onDuty && in.silent() && try < maxHiddenTries:
		l.write(w, r, l.toVolunteerTry(ctx, r, try+1))
	case onDuty && in.silent():
		l.write(w, r, []twiml.Element{l.say(sayHiddenTryAgainLater), twiml.VoiceHangup{}})
	case try >= 2:
		l.write(w, r, l.goodbye())
	default:
		sorry := l.book.NotCaught()
		if in.silent() {
			sorry = l.book.HeardNothing()
		}
		l.write(w, r, l.hiddenOffer(sorry, onDuty, try+1))
	}
}

// messageOffer invites a message after the beep, or 2 for a callback with no
// message. Silence falls through to the callback step.
func (l *Line) messageOffer(lead string) []twiml.Element {
	return []twiml.Element{
		l.say(l.book.Join(lead, l.book.MessageOffer())),
		twiml.VoiceRecord{
			Action: l.url("recorded"), Method: "POST",
			MaxLength: "120", PlayBeep: "true", Timeout: "7", FinishOnKey: "#2",
		},
		twiml.VoiceRedirect{Url: l.url("callback"), Method: "POST"},
	}
}

// screen runs on a volunteer's leg before it is bridged: press 1 to take the
// call; anything else, or nothing (a voicemail), hangs that leg up.
func (l *Line) screen(w http.ResponseWriter, r *http.Request) {
	l.write(w, r, []twiml.Element{
		twiml.VoiceGather{
			Input: "dtmf", NumDigits: "1", Timeout: "8",
			Action: l.url("screened"), Method: "POST",
			InnerElements: []twiml.Element{l.screening()},
		},
		twiml.VoiceHangup{},
	})
}

// screening is what the volunteer hears on answering: in the default
// language (the volunteers' own), naming the caller's when it is another.
func (l *Line) screening() twiml.VoiceSay {
	home := l.home()
	if l == home {
		return l.say(l.book.Screening(l.cfg.LineName))
	}
	return home.say(home.book.ScreeningIn(l.cfg.LineName, home.book.NameOf(l.cfg.Lang)))
}

// screened bridges the volunteer (an empty Response) only when they pressed 1.
func (l *Line) screened(w http.ResponseWriter, r *http.Request) {
	if r.PostForm.Get("Digits") == "1" {
		l.write(w, r, nil)
		return
	}
	l.write(w, r, []twiml.Element{twiml.VoiceHangup{}})
}

// dialed is the Dial's action: it records how the handoff ended and, when no
// volunteer took the call, offers a message or callback.
func (l *Line) dialed(w http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	bridged := f.Get("DialBridged")
	answered := f.Get("DialCallStatus") == "completed" && (bridged == "" || bridged == "true")
	e := figures.Event{
		Time: l.cfg.Now(), Channel: figures.Voice, Kind: figures.Handoff,
		Person: l.person(r), Outcome: "missed",
	}
	if answered {
		e.Outcome, e.Seconds = "answered", atoi(f.Get("DialCallDuration"))
	}
	l.deps.Figures.Record(r.Context(), e)
	if answered {
		l.write(w, r, l.goodbye())
		return
	}
	lead := l.book.NoVolunteerAnswered()
	if !withheld(f.Get("From")) {
		l.write(w, r, l.noVolunteer(r, lead, false, 0))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), stepTimeout)
	defer cancel()
	try := atoi(r.URL.Query().Get("try"))
	onDuty := len(l.available(ctx, r)) > 0
	if onDuty && try >= maxHiddenTries {
		l.write(w, r, []twiml.Element{l.say(sayHiddenTryAgainLater), twiml.VoiceHangup{}})
		return
	}
	l.write(w, r, l.hiddenOffer(lead, onDuty, try))
}

// recorded is the Record's action: a message becomes a voicemail callback
// request; 2 pressed before speaking, a voice callback request; an empty
// recording, the callback offer.
func (l *Line) recorded(w http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	dur := f.Get("RecordingDuration")
	switch {
	case f.Get("Digits") == "2" && atoi(dur) < 3:
		l.write(w, r, l.queueCallback(r, "voice", "", ""))
	case f.Get("RecordingUrl") != "" && (dur == "" || atoi(dur) > 0):
		l.write(w, r, l.queueCallback(r, "voicemail", f.Get("RecordingUrl"), l.book.ThanksForMessage()))
	default:
		l.callbackPrompt(w, r, 1)
	}
}

// callbackOffer follows an empty recording: 2 (or a second silence) queues a
// callback, 1 offers the message again.
func (l *Line) callbackOffer(w http.ResponseWriter, r *http.Request) {
	switch l.keys.choice(readInput(r), l.keys.callback) {
	case "2":
		l.write(w, r, l.queueCallback(r, "voice", "", ""))
		return
	case "1":
		l.write(w, r, l.messageOffer(""))
		return
	}
	try := atoi(r.URL.Query().Get("try"))
	if try >= 2 {
		l.write(w, r, l.queueCallback(r, "voice", "", l.book.SilenceRingBack()))
		return
	}
	l.callbackPrompt(w, r, try+1)
}

func (l *Line) callbackPrompt(w http.ResponseWriter, r *http.Request, try int) {
	l.write(w, r, []twiml.Element{
		l.listen(l.url("callback"), hintList(l.lex.Hints[words.PromptCallback]...),
			[]twiml.Element{l.say(l.book.CallbackPrompt())}),
		twiml.VoiceRedirect{Url: l.url(fmt.Sprintf("callback?try=%d", try+1)), Method: "POST"},
	})
}

// queueCallback asks the desk for a volunteer to ring the caller's own number
// back, and tells the caller it will come from the line's number.
func (l *Line) queueCallback(r *http.Request, kind, recording, lead string) []twiml.Element {
	ctx := r.Context()
	if l.unstaffed() {
		return []twiml.Element{l.say(l.book.NoPeopleVoice()), twiml.VoiceHangup{}}
	}
	from := r.PostForm.Get("From")
	var v []twiml.Element
	if lead != "" {
		v = append(v, l.say(lead))
	}
	if withheld(from) {
		return append(v, l.say(l.book.HiddenNoCallback()), twiml.VoiceHangup{})
	}
	cb, err := bounded(ctx, func(ctx context.Context) (volunteers.Callback, error) {
		return l.deps.Desk.RequestCallback(ctx, volunteers.CallbackRequest{
			Phone: privacy.Normalise(from), Kind: kind, RecordingURL: recording,
		})
	})
	if errors.Is(err, volunteers.ErrCannotRing) {
		// The number policy refuses the caller's number: words that say
		// why and what to do, not "call again later".
		l.log.InfoContext(ctx, "voice: callback refused by the number policy", "call_sid", r.PostForm.Get("CallSid"), "kind", kind, "reason", phonepolicy.ReasonOf(err))
		return append(v, l.say(l.book.CannotRingBack()), twiml.VoiceHangup{})
	}
	if err != nil {
		l.log.ErrorContext(ctx, "voice: request callback", "call_sid", r.PostForm.Get("CallSid"), "kind", kind, "err", err)
		return append(v, l.say(l.book.CallbackFailed()), twiml.VoiceHangup{})
	}
	// A request kept on disk while Redis is down (cb.Spooled) is queued
	// when it is back: the caller is told the same.
	l.log.InfoContext(ctx, "voice: callback requested", "call_sid", r.PostForm.Get("CallSid"), "ref", cb.Ref, "kind", kind, "spooled", cb.Spooled)
	// The desk records the request in the figures (once, however often asked).
	return append(v, l.say(l.book.CallbackComing(l.book.SpokenPhone(l.cfg.LineNumber))), l.say(l.book.ThanksGoodbye()), twiml.VoiceHangup{})
}
