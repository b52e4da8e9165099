package main

import (
	"context"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"time"

	"github.com/twilio/twilio-go/client"
)

// maxWebhookBody is far above anything Twilio sends (an SMS body is at most
// 1,600 characters) and small enough that nobody can make the line buffer much.
const maxWebhookBody = 64 << 10

// twilioOnly checks that a request really comes from Twilio before anything
// else sees it: a POST with a form body of sensible size, signed with one of
// the line's auth tokens (the second only during a rotation) over PUBLIC_URL
// plus the request URI. Anything else is refused with a 4xx and changes nothing.
func twilioOnly(publicURL string, authTokens []string, log *slog.Logger) func(http.Handler) http.Handler {
	var validators []client.RequestValidator
	for _, t := range authTokens {
		if t != "" {
			validators = append(validators, client.NewRequestValidator(t))
		}
	}
	valid := func(url string, params map[string]string, sig string) bool {
		for _, v := range validators {
			if v.Validate(url, params, sig) {
				return true
			}
		}
		return false
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost {
				w.Header().Set("Allow", http.MethodPost)
				http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
				return
			}
			if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/x-www-form-urlencoded" {
				http.Error(w, "a form body is required", http.StatusUnsupportedMediaType)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxWebhookBody)
			if err := r.ParseForm(); err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
					return
				}
				http.Error(w, "malformed form body", http.StatusBadRequest)
				return
			}
			params := make(map[string]string, len(r.PostForm))
			for k, v := range r.PostForm {
				if len(v) > 0 {
					params[k] = v[0]
				}
			}
			sig := r.Header.Get("X-Twilio-Signature")
			if sig == "" || !valid(publicURL+r.URL.RequestURI(), params, sig) {
				log.WarnContext(r.Context(), "webhook refused: bad signature",
					"path", r.URL.Path, "call_sid", r.PostForm.Get("CallSid"), "message_sid", r.PostForm.Get("MessageSid"))
				http.Error(w, "forbidden", http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// deadline bounds the time a webhook may spend waiting on Redis or a model, so
// a slow dependency gives the caller the degraded answer well inside Twilio's
// 15 seconds.
func deadline(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
