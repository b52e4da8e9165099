// Package twiliosig checks a webhook's signature exactly as Twilio's own
// helper libraries do (twilio-node 6.3's lib/webhooks/webhooks.js and
// twilio-python's RequestValidator):
//
//   - The signed text is the URL Twilio called, then every POST parameter as
//     name and value, names in sorted order; a parameter sent more than once
//     gives each of its distinct values, sorted, each after the name.
//     twilio-go's RequestValidator takes a map[string]string and so sees only
//     one value; a repeated parameter is handed to it folded so that its one
//     value makes the same text ("v1" + name + "v2" ...).
//   - Without an X-Twilio-Webhooks-Signature-Settings header the signature is
//     base64(HMAC-SHA1(auth token, text)), checked with twilio-go's
//     RequestValidator against each auth token (the second only during a
//     rotation).
//   - With that header ("key=...,algorithm=HMAC_SHA256") Twilio signed with a
//     shared signing key instead (TWILIO_WEBHOOK_SIGNING_KEY), using the
//     algorithm it names: HMAC_SHA1 (also when it names none) or
//     HMAC_SHA256, any case. A request with the header is never checked
//     against an auth token, as twilio-node does.
//
// Both schemes accept the URL with and without its default port, as the
// libraries do.
package twiliosig

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/twilio/twilio-go/client"
)

// Headers Twilio signs webhooks with.
const (
	SignatureHeader = "X-Twilio-Signature"
	SettingsHeader  = "X-Twilio-Webhooks-Signature-Settings"
)

// Algorithms a settings header may name.
const (
	HMACSHA1   = "HMAC_SHA1"
	HMACSHA256 = "HMAC_SHA256"
)

// Why a request's signature is refused. Each has a short Reason for the
// refusal counts.
var (
	ErrNoSignature  = errors.New("twiliosig: no signature")
	ErrMismatch     = errors.New("twiliosig: signature does not match")
	ErrAlgorithm    = errors.New("twiliosig: unsupported signature algorithm")
	ErrNoSigningKey = errors.New("twiliosig: signed with a shared key, and TWILIO_WEBHOOK_SIGNING_KEY is not set")
)

// Reason names err for a count: "no_signature", "signature", "algorithm",
// "no_signing_key", or "" for nil.
func Reason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrNoSignature):
		return "no_signature"
	case errors.Is(err, ErrAlgorithm):
		return "algorithm"
	case errors.Is(err, ErrNoSigningKey):
		return "no_signing_key"
	}
	return "signature"
}

// Validator checks signatures. Safe for concurrent use.
type Validator struct {
	tokens     []client.RequestValidator // auth tokens, primary first
	signingKey []byte                    // nil when no shared key is set
}

// New returns a Validator for the auth tokens given (empty ones are
// skipped) and the shared signing key ("" when Twilio signs with the auth
// token only).
func New(authTokens []string, signingKey string) *Validator {
	v := &Validator{}
	for _, t := range authTokens {
		if t != "" {
			v.tokens = append(v.tokens, client.NewRequestValidator(t))
		}
	}
	if signingKey != "" {
		v.signingKey = []byte(signingKey)
	}
	return v
}

// Check reports whether header's signature matches the request Twilio made
// to fullURL (the configured public URL plus the request URI) with the POST
// parameters form. It returns nil, or one of the errors above.
func (v *Validator) Check(fullURL string, form url.Values, header http.Header) error {
	sig := header.Get(SignatureHeader)
	if sig == "" {
		return ErrNoSignature
	}
	params := folded(form)
	settings := header.Get(SettingsHeader)
	if settings == "" {
		for _, rv := range v.tokens {
			if rv.Validate(fullURL, params, sig) {
				return nil
			}
		}
		return ErrMismatch
	}
	if v.signingKey == nil {
		return ErrNoSigningKey
	}
	switch strings.ToUpper(Algorithm(settings)) {
	case HMACSHA1:
		rv := client.NewRequestValidator(string(v.signingKey))
		if rv.Validate(fullURL, params, sig) {
			return nil
		}
	case HMACSHA256:
		for _, u := range []string{withoutPort(fullURL), withPort(fullURL)} {
			if equal(Sign256(v.signingKey, u, form), sig) {
				return nil
			}
		}
	default:
		return ErrAlgorithm
	}
	return ErrMismatch
}

// Algorithm returns the algorithm a settings header names, as twilio-node's
// getSignatureAlgorithm reads it: the value of its first non-empty
// "algorithm=" part, trimmed, or HMAC_SHA1 when it names none.
func Algorithm(settings string) string {
	for part := range strings.SplitSeq(settings, ",") {
		k, val, ok := strings.Cut(part, "=")
		if ok && strings.TrimSpace(k) == "algorithm" {
			if a := strings.TrimSpace(val); a != "" {
				return a
			}
		}
	}
	return HMACSHA1
}

// Data is the text Twilio signs: fullURL, then each parameter's name and
// value in sorted order of names, each distinct value of a repeated
// parameter in sorted order.
func Data(fullURL string, form url.Values) string {
	var b strings.Builder
	b.WriteString(fullURL)
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range form {
			if !yield(k) {
				return
			}
		}
	}) {
		for _, val := range distinct(form[k]) {
			b.WriteString(k)
			b.WriteString(val)
		}
	}
	return b.String()
}

// Sign256 is base64(HMAC-SHA256(key, Data(fullURL, form))): the signature of
// the shared-key scheme with HMAC_SHA256.
func Sign256(key []byte, fullURL string, form url.Values) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(Data(fullURL, form)))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// folded gives twilio-go's map[string]string the same signed text as every
// value of form: a repeated parameter's distinct values v1 < v2 < v3 become
// the one value "v1" + name + "v2" + name + "v3", which the validator
// writes after the name.
func folded(form url.Values) map[string]string {
	params := make(map[string]string, len(form))
	for k, vs := range form {
		switch vs = distinct(vs); len(vs) {
		case 0:
		case 1:
			params[k] = vs[0]
		default:
			params[k] = strings.Join(vs, k)
		}
	}
	return params
}

// distinct returns vs sorted without repeats, as the libraries take them
// (twilio-node: Array.from(new Set(v)).sort(); twilio-python:
// sorted(set(v))). Go orders strings by bytes, as Python does by code
// points; JavaScript's UTF-16 order differs only between characters above
// U+FFFF and those from U+E000 to U+FFFF, which no Twilio parameter repeats.
func distinct(vs []string) []string {
	if len(vs) < 2 {
		return vs
	}
	out := slices.Clone(vs)
	slices.Sort(out)
	return slices.Compact(out)
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// withPort and withoutPort give fullURL with the scheme's default port
// written out, and with any port removed, as the libraries try both. Like
// twilio-node they cut the URL as text, so the path and query keep the
// exact characters Twilio signed.
func withPort(fullURL string) string {
	scheme, host, port, rest, ok := splitURL(fullURL)
	if !ok || port != "" {
		return fullURL
	}
	port = ":80"
	if strings.EqualFold(scheme, "https://") {
		port = ":443"
	}
	return scheme + host + port + rest
}

func withoutPort(fullURL string) string {
	scheme, host, _, rest, ok := splitURL(fullURL)
	if !ok {
		return fullURL
	}
	return scheme + host + rest
}

// splitURL cuts "https://user@host:port/path?q" into "https://", "user@host",
// ":port" and "/path?q"; ok is false when there is no scheme.
func splitURL(u string) (scheme, host, port, rest string, ok bool) {
	i := strings.Index(u, "://")
	if i <= 0 {
		return "", "", "", "", false
	}
	scheme, after := u[:i+3], u[i+3:]
	end := strings.IndexAny(after, "/?#")
	if end < 0 {
		end = len(after)
	}
	authority, rest := after[:end], after[end:]
	// A colon starts the port only after an IPv6 literal's closing bracket.
	from := strings.LastIndex(authority, "@") + 1
	if b := strings.LastIndex(authority, "]"); b >= from {
		from = b + 1
	}
	if c := strings.Index(authority[from:], ":"); c >= 0 {
		return scheme, authority[:from+c], authority[from+c:], rest, true
	}
	return scheme, authority, "", rest, true
}
