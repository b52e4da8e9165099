package ivr

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/twilio/twilio-go/twiml"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/followup"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/words"
)

// FollowUps is what the voice line uses of the follow-up (issue 19):
// *followup.Diary, or followup.Off when FOLLOWUP=off. After an activity's
// details are sent by text, a caller is offered a follow-up text (press 1),
// then the wellbeing questions, answered on the keypad.
type FollowUps interface {
	MayOffer(ctx context.Context, number string) (bool, error)
	Offer(ctx context.Context, number string, a followup.Activity, via string, lang words.Lang) (time.Time, error)
	Consent(ctx context.Context, number, via string) (time.Time, error)
	ConsentWellbeing(ctx context.Context, number, via string, lang words.Lang) error
	Answer(ctx context.Context, hash string, round, i, value int) error
	Questionnaire() followup.Questionnaire
	Question(lang words.Lang, i int, voice bool) string
	// FollowUpDue is when the follow-up would go if agreed at now.
	FollowUpDue(now time.Time) time.Time
}

var (
	_ FollowUps = (*followup.Diary)(nil)
	_ FollowUps = followup.Off{}
)

// Steps of the follow-up.
const (
	stepFollowUp  = "followup"  // a follow-up text? 1 yes, 2 carry on
	stepWellbeing = "wellbeing" // the wellbeing questions? 1 now, 2 carry on
	stepQuestion  = "wbq"       // a wellbeing question: a number, then #
)

// followUpStep reports whether step is one of the follow-up's.
func followUpStep(step string) bool {
	return step == stepFollowUp || step == stepWellbeing || step == stepQuestion
}

// offerFollowUp, once an activity's details went by text to the caller
// (to), offers a follow-up text about it, once ever: the offer's Gather,
// or nil when it may not be offered (the caller then hears the usual
// options). Trouble offering is logged and the call carries on.
func (l *Line) offerFollowUp(ctx context.Context, r *http.Request, st *call, to string, a catalogue.Activity) []twiml.Element {
	ok, err := l.deps.FollowUps.MayOffer(ctx, to)
	if err != nil {
		l.log.WarnContext(ctx, "voice: follow-up: may offer", "call_sid", r.PostForm.Get("CallSid"), "err", err)
		return nil
	}
	if !ok {
		return nil
	}
	when, err := l.deps.FollowUps.Offer(ctx, to, followup.Activity{ID: a.ID, Title: a.Title, Town: a.Town}, followup.ViaVoice, l.cfg.Lang)
	if err != nil {
		l.log.WarnContext(ctx, "voice: follow-up: offer", "call_sid", r.PostForm.Get("CallSid"), "err", err)
		return nil
	}
	st.at(stepFollowUp)
	return l.gather(stepFollowUp, hintList(l.lex.Hints[words.PromptConfirm]...), l.book.TextSent(), l.book.FollowUpOfferVoice(l.book.Date(when, l.cfg.Now())))
}

// followUpAnswer answers the offer: 1 agrees (and the wellbeing questions
// are offered), 2 carries on with the activities.
func (l *Line) followUpAnswer(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	switch l.keys.choice(in, l.keys.yesNo) {
	case "1":
		from := privacy.Normalise(r.PostForm.Get("From"))
		when, err := l.deps.FollowUps.Consent(ctx, from, followup.ViaVoice)
		if err != nil {
			l.log.WarnContext(ctx, "voice: follow-up: consent", "call_sid", r.PostForm.Get("CallSid"), "err", err)
			return l.resultOptions(st, l.book.FollowUpReprise()), nil
		}
		st.at(stepWellbeing)
		n := len(l.deps.FollowUps.Questionnaire().Items())
		return l.gather(stepWellbeing, hintList(l.lex.Hints[words.PromptConfirm]...), l.book.FollowUpAgreedVoice(l.book.Date(when, l.cfg.Now())), l.book.WellbeingAskVoice(n)), nil
	case "2":
		return l.resultOptions(st, l.book.FollowUpReprise()), nil
	}
	return l.missed(ctx, r, st, in, func() []twiml.Element {
		return l.gather(stepFollowUp, hintList(l.lex.Hints[words.PromptConfirm]...), l.book.FollowUpOfferVoice(l.book.Date(l.deps.FollowUps.FollowUpDue(l.cfg.Now()), l.cfg.Now())))
	}), nil
}

// wellbeingAnswer answers the offer of the wellbeing questions: 1 agrees
// (a consent apart from the follow-up's) and asks the first, 2 carries on.
func (l *Line) wellbeingAnswer(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	switch l.keys.choice(in, l.keys.yesNo) {
	case "1":
		from := privacy.Normalise(r.PostForm.Get("From"))
		if err := l.deps.FollowUps.ConsentWellbeing(ctx, from, followup.ViaVoice, l.cfg.Lang); err != nil {
			l.log.WarnContext(ctx, "voice: follow-up: wellbeing consent", "call_sid", r.PostForm.Get("CallSid"), "err", err)
			return l.resultOptions(st, l.book.FollowUpReprise()), nil
		}
		st.Question = 1
		return l.questionPrompt(st), nil
	case "2":
		return l.resultOptions(st, l.book.WellbeingDeclined(), l.book.FollowUpReprise()), nil
	}
	n := len(l.deps.FollowUps.Questionnaire().Items())
	return l.missed(ctx, r, st, in, func() []twiml.Element {
		return l.gather(stepWellbeing, hintList(l.lex.Hints[words.PromptConfirm]...), l.book.WellbeingAskVoice(n))
	}), nil
}

// questionPrompt asks wellbeing question st.Question (from 1) on the
// keypad: a number, then the hash key.
func (l *Line) questionPrompt(st *call, lead ...string) []twiml.Element {
	st.at(stepQuestion)
	inner := make([]twiml.Element, 0, 2)
	for _, s := range append(lead, l.deps.FollowUps.Question(l.cfg.Lang, st.Question-1, true)) {
		inner = append(inner, l.say(s))
	}
	return []twiml.Element{
		twiml.VoiceGather{Input: "dtmf", Action: l.url(stepQuestion), Method: "POST", FinishOnKey: "#", Timeout: gatherTimeout, InnerElements: inner},
		twiml.VoiceRedirect{Url: l.url(stepQuestion), Method: "POST"},
	}
}

// questionAnswer keeps one keypad answer, under the caller's keyed hash
// only, and asks the next question, or thanks them and goes back to the
// activity. Star leaves the questions for the main menu.
func (l *Line) questionAnswer(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	items := l.deps.FollowUps.Questionnaire().Items()
	i := st.Question - 1
	if i < 0 || i >= len(items) {
		return l.resultOptions(st, l.book.FollowUpReprise()), nil
	}
	if in.Digits == "*" {
		st.Question = 0
		st.at("menu")
		return l.mainMenu(ctx, st), nil
	}
	v, err := strconv.Atoi(in.Digits)
	if err != nil || v < items[i].Min || v > items[i].Max {
		return l.missed(ctx, r, st, in, func() []twiml.Element { return l.questionPrompt(st) }), nil
	}
	if err := l.deps.FollowUps.Answer(ctx, l.person(r), 1, i, v); err != nil {
		return nil, err
	}
	if i+1 < len(items) {
		st.Question++
		return l.questionPrompt(st), nil
	}
	st.Question = 0
	return l.resultOptions(st, l.book.WellbeingThanks(), l.book.FollowUpReprise()), nil
}
