package ivr

import (
	"context"
	"net/http"
	"strings"

	"github.com/twilio/twilio-go/twiml"

	"github.com/heritage-line/heritageline/volunteers"
)

// connect runs on a volunteer's leg of a callback call (the line rang them
// after they texted TAKE): the Gather asking them to press 1 posts here, and
// so does the Redirect after it when nothing was pressed. The desk decides
// everything from the callback's record: the reference comes from the
// action's query (ref), the volunteer is the number the line rang (To), and
// the only number it may dial is the resident's own, from Redis. No number
// posted here is ever dialled. The desk returns its decision as plain values
// (volunteers.Answer), written here as TwiML (AnswerTwiML). When the desk fails, the volunteer hears an
// apology and the call ends: it never falls back to ringing volunteers.
func (l *Line) connect(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), stepTimeout)
	defer cancel()
	ref := r.URL.Query().Get("ref")
	answer, err := bounded(ctx, func(ctx context.Context) (volunteers.Answer, error) {
		return l.deps.Desk.Connect(ctx, ref, r.PostForm.Get("To"), strings.TrimSpace(r.PostForm.Get("Digits")))
	})
	var doc string
	if err == nil {
		doc, err = AnswerTwiML(answer)
	}
	if err != nil || doc == "" {
		l.log.ErrorContext(ctx, "voice: connect callback", "call_sid", r.PostForm.Get("CallSid"), "err", err)
		l.write(w, r, []twiml.Element{
			l.say(l.book.ConnectFailed()),
			twiml.VoiceHangup{},
		})
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(doc))
}

// taken is Twilio's status callback for the call that rang a volunteer for a
// callback they took (TAKE): the reference comes from the URL's query, the
// volunteer is the number rung (To). If that call ended without them pressing
// 1 (busy, unanswered, or hung up) the desk gives the callback back to the
// list. It always answers 200 with an empty Response.
func (l *Line) taken(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), stepTimeout)
	defer cancel()
	f := r.PostForm
	_, err := bounded(ctx, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, l.deps.Desk.CallEnded(ctx, r.URL.Query().Get("ref"), f.Get("To"), f.Get("CallSid"), f.Get("CallStatus"))
	})
	if err != nil {
		l.log.ErrorContext(ctx, "voice: callback call ended", "call_sid", f.Get("CallSid"), "err", err)
	}
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(emptyResponse))
}
