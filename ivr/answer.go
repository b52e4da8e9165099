package ivr

import (
	"context"
	"fmt"

	"github.com/twilio/twilio-go/twiml"

	"github.com/heritage-line/heritageline/volunteers"
)

// AnswerTwiML writes what the volunteers desk decided a volunteer's leg of
// a callback call does (volunteers.Answer) as TwiML: each Say in the
// answer's voice and language, a key press as a Gather of one key, a Dial
// of one number showing the caller ID it names. An empty answer is an
// empty string, so a caller can tell it from a decision.
func AnswerTwiML(a volunteers.Answer) (string, error) {
	if len(a.Steps) == 0 {
		return "", nil
	}
	say := func(s string) *twiml.VoiceSay {
		return &twiml.VoiceSay{Message: s, Voice: a.Voice, Language: a.Language}
	}
	verbs := make([]twiml.Element, 0, len(a.Steps))
	for _, s := range a.Steps {
		switch {
		case s.Key != nil:
			verbs = append(verbs, &twiml.VoiceGather{
				Input: "dtmf", NumDigits: "1", Timeout: s.Key.Timeout, Action: s.Key.Action, Method: "POST",
				InnerElements: []twiml.Element{say(s.Key.Say)},
			})
		case s.Dial != nil:
			verbs = append(verbs, &twiml.VoiceDial{CallerId: s.Dial.CallerID, Timeout: s.Dial.Timeout, InnerElements: []twiml.Element{
				&twiml.VoiceNumber{PhoneNumber: s.Dial.Number},
			}})
		case s.Play != "":
			verbs = append(verbs, &twiml.VoicePlay{Url: s.Play})
		case s.Redirect != "":
			verbs = append(verbs, &twiml.VoiceRedirect{Url: s.Redirect, Method: "POST"})
		case s.HangUp:
			verbs = append(verbs, &twiml.VoiceHangup{})
		default:
			verbs = append(verbs, say(s.Say))
		}
	}
	return twiml.Voice(verbs)
}

// TwiMLCaller starts a call from the line's number that runs the TwiML it
// is given when answered (*outbound.Sender).
type TwiMLCaller interface {
	StartCall(ctx context.Context, to, twiml, statusCallback string) (string, error)
}

// Ringer places the volunteers desk's calls (volunteers.Caller): it writes
// the desk's Answer as TwiML (AnswerTwiML) and starts the call with Caller.
type Ringer struct{ Caller TwiMLCaller }

var _ volunteers.Caller = Ringer{}

// Ring writes answer as TwiML and rings to with it.
func (r Ringer) Ring(ctx context.Context, to string, answer volunteers.Answer, statusCallback string) (string, error) {
	doc, err := AnswerTwiML(answer)
	if err != nil {
		return "", fmt.Errorf("ivr: ring: %w", err)
	}
	return r.Caller.StartCall(ctx, to, doc, statusCallback)
}
