package sim

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults used when a Line leaves a field empty. The numbers are Ofcom's
// drama numbers, which never ring anyone.
const (
	DefaultFrom       = "+447700900123"
	DefaultTo         = "+441174960000"
	DefaultAccountSID = "AC00000000000000000000000000000000"
	DefaultMaxSteps   = 200
)

// ErrTooManySteps is returned (wrapped) when a call or text needs more
// webhooks than Line.MaxSteps: the line is looping.
var ErrTooManySteps = errors.New("sim: too many webhooks")

// Line is the line under test as Twilio sees it. Only URL is required. A
// Line is not changed by its methods, so several calls and texts may use one
// at once.
type Line struct {
	// URL is the line's base URL, equal to its PUBLIC_URL. The simulator
	// posts to URL + "/twilio/voice", "/twilio/sms" and "/twilio/status".
	URL string
	// AuthToken signs every request (the line's TWILIO_AUTH_TOKEN).
	AuthToken string
	// AccountSID, From (the resident) and To (the line's number) are sent
	// with every webhook; empty ones take the Default values.
	AccountSID, From, To string
	// HTTP sends the requests; nil means a client with a 10-second timeout.
	HTTP *http.Client
	// Volunteer is how a dialled volunteer behaves (default: answers and
	// presses 1). VolunteerFor overrides it per number ("07700 900111" and
	// "+447700900111" are the same number).
	Volunteer    Answer
	VolunteerFor map[string]Answer
	// StatusCallback makes the simulator post CallStatus=completed to
	// URL + "/twilio/status" when a call ends.
	StatusCallback bool
	// MaxSteps bounds the webhooks of one call or text (default 200).
	MaxSteps int
}

// ResponseError says that the line answered a webhook with something Twilio
// would not accept: a status other than 200, a content type that is not
// XML, or a body that is not a TwiML <Response>.
type ResponseError struct {
	URL         string
	Status      int
	ContentType string
	Body        string // the start of the body
	Reason      string
}

func (e *ResponseError) Error() string {
	return fmt.Sprintf("sim: %s answered %d (%s): %s; body %q", e.URL, e.Status, e.ContentType, e.Reason, e.Body)
}

func (l *Line) from() string       { return or(l.From, DefaultFrom) }
func (l *Line) to() string         { return or(l.To, DefaultTo) }
func (l *Line) accountSID() string { return or(l.AccountSID, DefaultAccountSID) }

func (l *Line) maxSteps() int {
	if l.MaxSteps > 0 {
		return l.MaxSteps
	}
	return DefaultMaxSteps
}

func (l *Line) client() *http.Client {
	if l.HTTP != nil {
		return l.HTTP
	}
	return &http.Client{Timeout: 10 * time.Second}
}

// endpoint joins the base URL and a path such as "/twilio/voice".
func (l *Line) endpoint(path string) string {
	return strings.TrimRight(l.URL, "/") + path
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// newSID returns a Twilio-style SID: prefix and 32 hex digits.
func newSID(prefix string) string {
	b := make([]byte, 16)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// resolve resolves ref (from TwiML) against the URL just posted to.
// Absolute references come back as given.
func resolve(base, ref string) (string, error) {
	b, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("sim: resolve %q: %w", ref, err)
	}
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return "", fmt.Errorf("sim: resolve %q against %s: %w", ref, base, err)
	}
	return b.ResolveReference(r).String(), nil
}

// stepper counts webhooks against the bound.
type stepper struct {
	n, max int
}

func (s *stepper) next(target string) error {
	s.n++
	if s.n > s.max {
		return fmt.Errorf("%w: more than %d, the last to %s", ErrTooManySteps, s.max, target)
	}
	return nil
}

// send signs and sends one webhook and returns the body. method is "POST"
// (params in the body, as Twilio does) or "GET" (params appended to the
// query). It returns the URL actually requested, for resolving relative
// references. When wantTwiML is true, anything but a 200 with an XML content
// type is a *ResponseError; otherwise any 2xx will do.
func (l *Line) send(ctx context.Context, method, target string, params map[string]string, wantTwiML bool) (body []byte, requested string, err error) {
	method = strings.ToUpper(or(method, http.MethodPost))
	form := url.Values{}
	for k, v := range params {
		form.Set(k, v)
	}
	var req *http.Request
	switch method {
	case http.MethodPost:
		requested = target
		req, err = http.NewRequestWithContext(ctx, method, target, strings.NewReader(form.Encode()))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Twilio-Signature", Sign(l.AuthToken, target, params))
		}
	case http.MethodGet:
		sep := "?"
		if strings.Contains(target, "?") {
			sep = "&"
		}
		requested = target + sep + form.Encode()
		req, err = http.NewRequestWithContext(ctx, method, requested, nil)
		if err == nil {
			req.Header.Set("X-Twilio-Signature", Sign(l.AuthToken, requested, nil))
		}
	default:
		return nil, target, fmt.Errorf("sim: %s: unsupported method %q", target, method)
	}
	if err != nil {
		return nil, target, fmt.Errorf("sim: request to %s: %w", target, err)
	}
	req.Header.Set("User-Agent", "TwilioProxy/1.1 (heritageline sim)")
	req.Header.Set("I-Twilio-Idempotency-Token", newSID(""))
	resp, err := l.client().Do(req)
	if err != nil {
		return nil, requested, fmt.Errorf("sim: %s %s: %w", method, target, err)
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, requested, fmt.Errorf("sim: read response from %s: %w", target, err)
	}
	ct := resp.Header.Get("Content-Type")
	fail := func(reason string) error {
		b := string(body)
		if len(b) > 300 {
			b = b[:300] + "..."
		}
		return &ResponseError{URL: target, Status: resp.StatusCode, ContentType: ct, Body: b, Reason: reason}
	}
	if !wantTwiML {
		if resp.StatusCode/100 != 2 {
			return nil, requested, fail("status is not 2xx")
		}
		return body, requested, nil
	}
	if resp.StatusCode != http.StatusOK {
		return nil, requested, fail("status is not 200")
	}
	if mt, _, err := mime.ParseMediaType(ct); err != nil || (mt != "text/xml" && mt != "application/xml") {
		return nil, requested, fail("content type is not XML")
	}
	if _, err := parseTwiML(body); err != nil {
		return nil, requested, fail(err.Error())
	}
	return body, requested, nil
}

// fetchTwiML sends one webhook and returns the parsed TwiML, the URL
// requested and the raw document. Anything but a 200 with an XML content type
// and a TwiML <Response> body is a *ResponseError.
func (l *Line) fetchTwiML(ctx context.Context, method, target string, params map[string]string) (*node, string, []byte, error) {
	body, requested, err := l.send(ctx, method, target, params, true)
	if err != nil {
		return nil, requested, nil, err
	}
	root, err := parseTwiML(body)
	if err != nil { // checked in send; kept for safety
		return nil, requested, body, fmt.Errorf("sim: %s: %w", target, err)
	}
	return root, requested, body, nil
}
