package volunteers

// Answer is what the desk decides a volunteer's leg of a callback call
// hears and does next, as plain values: the package that serves the
// webhook writes it as TwiML (ivr.AnswerTwiML), so volunteers builds no
// TwiML and no route of its own for these answers.
type Answer struct {
	// Voice and Language are the voice every Say is spoken in and its
	// language (Twilio's Say voice and language).
	Voice, Language string
	// Steps run in order.
	Steps []Step
}

// Step is one thing the call does; exactly one field is set.
type Step struct {
	Say      string    // a sentence, in the answer's voice and language
	Play     string    // a recording's URL, played
	Key      *KeyPress // one key gathered
	Dial     *Dial     // one number dialled
	Redirect string    // the call is sent to this URL (POST)
	HangUp   bool      // the call ends
}

// KeyPress gathers one key (no speech) while Say is spoken, posted to
// Action; Timeout is the seconds to wait after the prompt.
type KeyPress struct {
	Say, Action, Timeout string
}

// Dial rings Number showing CallerID, for Timeout seconds.
type Dial struct {
	Number, CallerID, Timeout string
}

// say is a Step saying s.
func say(s string) Step { return Step{Say: s} }

// answer is steps in the desk's voice and language.
func (d *Desk) answer(steps ...Step) Answer {
	return Answer{Voice: d.voice, Language: d.book.Language().SayLanguage, Steps: steps}
}

// sayAndHangUp is a sentence and the end of the call.
func (d *Desk) sayAndHangUp(s string) Answer {
	return d.answer(say(s), Step{HangUp: true})
}
