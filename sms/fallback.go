package sms

import (
	"net/http"

	"github.com/twilio/twilio-go/twiml"

	"github.com/heritage-line/heritageline/smstext"
)

// writeReply answers Twilio with one message, or with an empty <Response/>
// when body is empty. The body is made GSM-7 where it can be and cut to at
// most three segments.
func (l *Line) writeReply(w http.ResponseWriter, r *http.Request, body string) {
	var verbs []twiml.Element
	if body != "" {
		body = smstext.Normalise(body)
		n := smstext.Segments(body)
		if n > smstext.MaxSegments {
			body = smstext.Truncate(body, smstext.MaxSegments)
			n = smstext.Segments(body)
		}
		verbs = []twiml.Element{twiml.MessagingMessage{Body: body}}
		if l.deps.OnReply != nil {
			l.deps.OnReply(n)
		}
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	l.write(w, r, verbs)
}

// write sends verbs as TwiML. Only writing can fail, and then Twilio has gone.
func (l *Line) write(w http.ResponseWriter, r *http.Request, verbs []twiml.Element) {
	if err := l.docs.Write(w, verbs); err != nil {
		l.deps.Log.WarnContext(r.Context(), "sms: write twiml", "err", err, "message_sid", r.PostFormValue("MessageSid"))
	}
}

// writeEmpty answers with an empty <Response/>: Twilio sends nothing.
func (l *Line) writeEmpty(w http.ResponseWriter, r *http.Request) { l.writeReply(w, r, "") }

// fallbackHeader marks a degraded answer for the line's metrics, which
// remove it before Twilio sees the response.
const fallbackHeader = "X-Heritageline-Outcome"

// writeFallback logs err and answers with an apology that offers the line's
// number to ring. It never answers 5xx: Twilio would retry or text nothing.
func (l *Line) writeFallback(w http.ResponseWriter, r *http.Request, err error) {
	l.deps.Log.ErrorContext(r.Context(), "sms reply failed", "err", err, "message_sid", r.PostFormValue("MessageSid"))
	w.Header().Set(fallbackHeader, "fallback") // counted by the metrics
	body := l.offers().SMSFallback(l.cfg.LineNumber)
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	l.write(w, r, []twiml.Element{twiml.MessagingMessage{Body: body}})
}
