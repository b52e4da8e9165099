package ivr

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gorilla/mux"
	"github.com/twilio/twilio-go/twiml"
)

// A webhook acts once: the line's HTTP edge (web.Replays) answers a request
// it has already answered (Twilio's retry, or a signed request replayed) with
// the first answer, and runs nothing. For that, two requests the line should
// answer differently must be named differently. What Twilio posts to the
// greeting, the status callback and the steps that keep no call state is
// unique already (a call's own CallSid, a RecordingSid, a DialCallSid, a
// CallStatus, a try in the URL), or the same answer is right (the callback
// offer after the same key).

// RequestKey names a voice webhook request (the greeting, a step or the
// status callback) by all that makes it unique: its path and query and
// every value posted, so that only Twilio's retry or a replay of the very
// same request shares it. ok is false for a request a call may make twice
// on purpose: a step that keeps the call's state (silence twice at the same
// prompt is the same request twice).
func RequestKey(r *http.Request) (key string, ok bool) {
	if r.PostForm.Get("CallSid") == "" {
		return "", false
	}
	if step := mux.Vars(r)["step"]; step != "" {
		if _, free := stateless[step]; !free {
			return "", false
		}
	}
	var b strings.Builder
	b.WriteString(r.URL.Path)
	b.WriteByte('?')
	b.WriteString(r.URL.RawQuery)
	names := make([]string, 0, len(r.PostForm))
	for k := range r.PostForm {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		for _, v := range r.PostForm[k] {
			b.WriteByte('\n')
			b.WriteString(url.QueryEscape(k))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	return b.String(), true
}

// Repeated answers a request the line has answered before when the first
// answer is no longer kept: on a volunteer's leg it hangs up, to a status
// callback or a callback call's end it says nothing, and a caller starts
// again at the main menu. It acts on nothing.
func (l *Line) Repeated() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		step := mux.Vars(r)["step"]
		switch {
		case step == "screen" || step == "screened" || step == "connect":
			l.write(w, r, []twiml.Element{twiml.VoiceHangup{}})
			return
		case step == "taken" || (step == "" && strings.HasSuffix(r.URL.Path, "/status")):
			w.Header().Set("Content-Type", "text/xml")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(emptyResponse))
			return
		}
		verbs := append([]twiml.Element{l.say(l.book.LostPlace())}, l.menuAt(context.WithoutCancel(r.Context()), &call{}, newCallMenu)...)
		l.write(w, r, verbs)
	})
}
