package sms

import "net/http"

// RequestKey names an incoming text by its MessageSid, which Twilio gives
// each message once: a request with the same one is Twilio's retry or a
// replay, for the line's HTTP edge (web.Replays) to answer with the first
// reply and act on nothing. ok is false when there is none.
func RequestKey(r *http.Request) (key string, ok bool) {
	sid := r.PostForm.Get("MessageSid")
	return sid, sid != ""
}
