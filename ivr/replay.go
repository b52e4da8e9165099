package ivr

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
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
// offer after the same key). But a call can repeat itself exactly at a step
// that keeps its state: silence at a prompt twice, or "1, next" pressed twice
// in a list. So every prompt the line gives a caller carries its turn, t=1,
// 2, 3..., in the URLs it gathers and redirects to: the answer to silence at
// turn 4 goes to the same URL as the answer to a key at turn 4 (only one of
// them is ever posted), and the prompt after it gathers at turn 5.

// turn is the turn in the request's URL, 0 for the greeting (or a URL from
// before turns).
func turn(r *http.Request) int { return atoi(r.URL.Query().Get("t")) }

// stamped returns verbs with turn next in every Gather action and Redirect
// to a step that keeps the call's state.
func (l *Line) stamped(verbs []twiml.Element, next int) []twiml.Element {
	out := verbs
	copied := false
	set := func(i int, v twiml.Element) {
		if !copied {
			out = slices.Clone(verbs)
			copied = true
		}
		out[i] = v
	}
	for i, v := range verbs {
		switch v := v.(type) {
		case twiml.VoiceGather:
			if u, ok := l.withTurn(v.Action, next); ok {
				v.Action = u
				set(i, v)
			}
		case twiml.VoiceRedirect:
			if u, ok := l.withTurn(v.Url, next); ok {
				v.Url = u
				set(i, v)
			}
		}
	}
	return out
}

// withTurn adds t=next to u when u is one of the line's steps that keep a
// call's state.
func (l *Line) withTurn(u string, next int) (string, bool) {
	base := l.cfg.PublicURL + "/twilio/voice/"
	rest, ok := strings.CutPrefix(u, base)
	if !ok {
		return u, false
	}
	step, _, _ := strings.Cut(rest, "?")
	if _, free := stateless[step]; free || step == "" {
		return u, false
	}
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + "t=" + strconv.Itoa(next), true
}

// RequestKey names a voice webhook request (the greeting, a step or the
// status callback) by all that makes it unique: its path and query and
// every value posted, so that only Twilio's retry or a replay of the very
// same request shares it. ok is false for a request a call may make twice
// on purpose: a step that keeps the call's state reached by a URL with no
// turn (the line gives none such; a request made by hand may).
func RequestKey(r *http.Request) (key string, ok bool) {
	if r.PostForm.Get("CallSid") == "" {
		return "", false
	}
	if step := mux.Vars(r)["step"]; step != "" {
		if _, free := stateless[step]; !free && r.URL.Query().Get("t") == "" {
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
