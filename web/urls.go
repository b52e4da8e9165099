package web

import (
	"net/url"
	"strings"

	"github.com/heritage-line/heritageline/volunteers"
)

// The paths of the line's routes. Routes puts a handler at each; URLs builds
// every absolute URL the line hands Twilio or a browser from them, so no other
// package writes a path.
const (
	PathSMS       = "/twilio/sms"
	PathVoice     = "/twilio/voice"
	PathVoiceStep = "/twilio/voice/{step}"
	PathStatus    = "/twilio/status"
	PathConsole   = "/console/"
)

// URLs builds the line's URLs from its public URL (PUBLIC_URL): absolute
// ones for Twilio, which must be exactly what it is told to call, and paths
// for the console's pages, which keep any path prefix a proxy adds.
type URLs struct {
	base   string // "https://line.example.org/prefix", no trailing slash
	prefix string // "/prefix", or ""
}

// NewURLs returns the URLs of a line whose public URL is publicURL.
func NewURLs(publicURL string) URLs {
	base := strings.TrimRight(publicURL, "/")
	var prefix string
	if u, err := url.Parse(base); err == nil {
		prefix = strings.TrimRight(u.Path, "/")
	}
	return URLs{base: base, prefix: prefix}
}

// Secure reports whether the line is served over https (the console's
// cookies are then Secure).
func (u URLs) Secure() bool { return strings.HasPrefix(u.base, "https://") }

// Base is the public URL, without a trailing slash.
func (u URLs) Base() string { return u.base }

// Voice is the URL Twilio calls for an incoming call.
func (u URLs) Voice() string { return u.base + PathVoice }

// VoiceStep is the URL of a step of a call: a Gather's or Dial's action, a
// Redirect, a Number's screening url. Query, if not empty, is added as it is
// ("ref=C7").
func (u URLs) VoiceStep(step, query string) string {
	s := u.base + PathVoice + "/" + step
	if query != "" {
		s += "?" + query
	}
	return s
}

// SMS is the URL Twilio calls for an incoming text.
func (u URLs) SMS() string { return u.base + PathSMS }

// Status is the URL of the calls' status callback.
func (u URLs) Status() string { return u.base + PathStatus }

// Console is the path of a console page ("" for Today, "callbacks", ...),
// with the public URL's path prefix.
func (u URLs) Console(page string) string { return u.prefix + PathConsole + page }

// The volunteers' calls get their step URLs from here.
var _ volunteers.URLs = URLs{}
