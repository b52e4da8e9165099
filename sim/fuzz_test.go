package sim

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Seeds for these live in testdata/fuzz/<FuzzName>/.

func FuzzParseTwiML(f *testing.F) {
	f.Fuzz(func(t *testing.T, body string) {
		root, err := parseTwiML([]byte(body))
		if err != nil {
			return
		}
		if root.Name != "Response" {
			t.Errorf("parseTwiML(%q) root <%s>; want <Response> or an error", body, root.Name)
		}
	})
}

func FuzzParseMove(f *testing.F) {
	f.Fuzz(func(t *testing.T, line string) {
		m, err := ParseMove(line)
		if err != nil {
			return
		}
		if m.Keys != "" && m.Speech != "" {
			t.Errorf("ParseMove(%q) = %+v; want keys or speech, not both", line, m)
		}
		if strings.TrimSpace(line) != "" && m.Silent() {
			t.Errorf("ParseMove(%q) is silence; want a move", line)
		}
		if m.Confidence < 0 || m.Confidence > 1 {
			t.Errorf("ParseMove(%q) confidence %v; want 0 to 1", line, m.Confidence)
		}
	})
}

// twimlTransport answers every request with the same TwiML, with no network.
type twimlTransport string

func (d twimlTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"text/xml"}},
		Body:       io.NopCloser(strings.NewReader(string(d))),
		Request:    r,
	}, nil
}

// FuzzCall plays arbitrary TwiML: the simulator must end (by the step bound
// if need be) without panicking, whatever the line sends.
func FuzzCall(f *testing.F) {
	f.Fuzz(func(t *testing.T, doc string) {
		l := &Line{URL: "http://line.test", HTTP: &http.Client{Transport: twimlTransport(doc)}, MaxSteps: 20, StatusCallback: true}
		l.Call(context.Background(), ScriptFromStrings("1", "frome", "", "words #"), io.Discard)
		l.Text(context.Background(), "hello")
	})
}
