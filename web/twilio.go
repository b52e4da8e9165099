package web

import (
	"context"
	"errors"
	"mime"
	"net/http"
	"time"

	"github.com/heritage-line/heritageline/internal/twiliosig"
)

// maxWebhookBody is far above anything Twilio sends (an SMS body is at most
// 1,600 characters) and small enough that nobody can make the line buffer much.
const maxWebhookBody = 64 << 10

// twilioOnly checks that a request really comes from Twilio before anything
// else sees it: a POST with a form body of sensible size, signed over
// PUBLIC_URL plus the request URI as Twilio's helper libraries check it
// (internal/twiliosig): with one of the line's auth tokens (the second only
// during a rotation), or with signingKey when Twilio says it used a shared
// key. Anything else is refused with a 4xx and changes nothing; refusals are
// counted in refused by route name and reason.
func twilioOnly(publicURL string, authTokens []string, signingKey string, refused *twiliosig.RefusalLog) func(route string, next http.Handler) http.Handler {
	validator := twiliosig.New(authTokens, signingKey)
	return func(route string, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost {
				refused.Add(route, "method")
				w.Header().Set("Allow", http.MethodPost)
				http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
				return
			}
			if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/x-www-form-urlencoded" {
				refused.Add(route, "content_type")
				http.Error(w, "a form body is required", http.StatusUnsupportedMediaType)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxWebhookBody)
			if err := r.ParseForm(); err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					refused.Add(route, "too_large")
					http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
					return
				}
				refused.Add(route, "malformed")
				http.Error(w, "malformed form body", http.StatusBadRequest)
				return
			}
			if err := validator.Check(publicURL+r.URL.RequestURI(), r.PostForm, r.Header); err != nil {
				refused.Add(route, twiliosig.Reason(err))
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
