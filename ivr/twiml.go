package ivr

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/twilio/twilio-go/twiml"
)

// gatherTimeout is how long Twilio waits for a key or speech: generous, for
// callers who need a moment.
const gatherTimeout = "7"

// say is one Say in the line's voice and language.
func (l *Line) say(text string) twiml.VoiceSay {
	return twiml.VoiceSay{Message: text, Voice: l.voice, Language: l.sayLang}
}

// listen is a Gather of one key or a short spoken answer, posted to
// action: keys and speech in the line's language, or keys alone where
// Twilio cannot recognise the language (then it takes no language and no
// hints).
func (l *Line) listen(action, hints string, inner []twiml.Element) twiml.VoiceGather {
	return listenIn(l.speech, action, hints, inner)
}

// placeSpeech is the recogniser for the place question in every language:
// British English's, which knows the names of British places and
// postcodes (Welsh ones included, and Welsh has no recogniser of its own).
func (l *Line) placeSpeech() string { return "en-GB" }

// listenIn is listen with the recogniser speech ("" for keys alone).
func listenIn(speech, action, hints string, inner []twiml.Element) twiml.VoiceGather {
	g := twiml.VoiceGather{
		Input: "dtmf speech", Action: action, Method: "POST", NumDigits: "1", Timeout: gatherTimeout,
		SpeechTimeout: "auto", Language: speech, Hints: hints, InnerElements: inner,
	}
	if speech == "" {
		g.Input, g.SpeechTimeout, g.Hints = "dtmf", "", ""
	}
	return g
}

// gather asks for one key or a short spoken answer at step, saying prompts,
// and is followed by a Redirect to the same step: Twilio falls through to it
// on silence, which the step then hears as no input.
func (l *Line) gather(step, hints string, prompts ...string) []twiml.Element {
	return l.gatherIn(l.speech, step, hints, prompts...)
}

// gatherIn is gather with the recogniser speech ("" for keys alone).
func (l *Line) gatherIn(speech, step, hints string, prompts ...string) []twiml.Element {
	inner := make([]twiml.Element, 0, len(prompts))
	for _, p := range prompts {
		if p != "" {
			inner = append(inner, l.say(p))
		}
	}
	return []twiml.Element{
		listenIn(speech, l.url(step), hints, inner),
		twiml.VoiceRedirect{Url: l.url(step), Method: "POST"},
	}
}

// write sends verbs as TwiML with status 200, the next turn in the URLs of
// the steps that keep the call's state (replay.go).
func (l *Line) write(w http.ResponseWriter, r *http.Request, verbs []twiml.Element) {
	verbs = l.stamped(verbs, turn(r)+1)
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(http.StatusOK)
	if err := l.docs.Write(w, verbs); err != nil {
		// Only writing can fail, and then the caller has gone.
		l.log.WarnContext(r.Context(), "voice: write twiml", "call_sid", r.PostForm.Get("CallSid"), "err", err)
	}
}

// fallbackHeader marks a degraded answer for the line's metrics, which
// remove it before Twilio sees the response.
const fallbackHeader = "X-Heritageline-Outcome"

// writeFallback answers any internal error (Redis down, a bug) with valid
// TwiML: a short apology, then a volunteer if one can be rung now, or else the
// offer of a message or callback. It logs err with the CallSid and never
// answers 5xx or an empty body.
func (l *Line) writeFallback(w http.ResponseWriter, r *http.Request, err error) {
	l.log.ErrorContext(r.Context(), "voice step failed",
		"call_sid", r.PostForm.Get("CallSid"), "step", stepName(r), "err", err)
	w.Header().Set(fallbackHeader, "fallback") // counted by the metrics
	verbs := []twiml.Element{l.say(l.book.VoiceFallback())}
	// The webhook's own deadline may be spent already (a slow Redis): allow
	// a short, separate moment to find who is on duty (the desk falls back to
	// the volunteers file when Redis fails), so the caller is not kept waiting.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 500*time.Millisecond)
	defer cancel()
	verbs = append(verbs, l.toVolunteer(ctx, r)...)
	l.write(w, r, verbs)
}

// input is what the caller pressed or said at a Gather.
type input struct {
	Digits     string
	Speech     string  // never logged
	Confidence float64 // -1 when Twilio sent none
}

func (in input) silent() bool { return in.Digits == "" && strings.TrimSpace(in.Speech) == "" }

func readInput(r *http.Request) input {
	in := input{
		Digits:     strings.TrimSpace(r.PostForm.Get("Digits")),
		Speech:     r.PostForm.Get("SpeechResult"),
		Confidence: -1,
	}
	if c, err := strconv.ParseFloat(r.PostForm.Get("Confidence"), 64); err == nil && c >= 0 && c <= 1 {
		in.Confidence = c
	}
	return in
}

func atoi(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// withheld reports whether from is not a number anyone could ring back.
func withheld(from string) bool {
	f := strings.TrimSpace(strings.ToLower(from))
	return f == "" || f == "anonymous" || f == "restricted" || f == "unknown" ||
		f == "+266696687" || f == "+7378742833" || f == "+2562533" || f == "+86282452253"
}
