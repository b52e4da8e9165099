package sim

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/twilio/twilio-go/client"
)

// fakeLine is a tiny line for the simulator to call: each path answers with
// the TwiML its route returns, after checking the Twilio signature with
// twilio-go's own RequestValidator against the public URL, as the real line
// does.
type fakeLine struct {
	t      *testing.T
	srv    *httptest.Server
	token  string
	routes map[string]route

	mu   sync.Mutex
	reqs []fakeRequest
}

// route answers one path with TwiML. The request's parameters are the POST
// body, or the query for GET.
type route func(p url.Values) string

type fakeRequest struct {
	Method string
	Path   string
	Params url.Values
}

const testToken = "test-auth-token"

func newFakeLine(t *testing.T, routes map[string]route) *fakeLine {
	t.Helper()
	f := &fakeLine{t: t, token: testToken, routes: routes}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeLine) line() *Line {
	return &Line{URL: f.srv.URL, AuthToken: f.token, HTTP: f.srv.Client()}
}

func (f *fakeLine) serve(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		f.t.Errorf("%s: parse form: %v", r.URL.Path, err)
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	v := client.NewRequestValidator(f.token)
	public := f.srv.URL + r.URL.RequestURI()
	params := map[string]string{}
	var p url.Values
	if r.Method == http.MethodPost {
		for k := range r.PostForm {
			params[k] = r.PostForm.Get(k)
		}
		p = r.PostForm
	} else {
		p = r.URL.Query()
	}
	if !v.Validate(public, params, r.Header.Get("X-Twilio-Signature")) {
		f.t.Errorf("%s %s: signature rejected by client.RequestValidator", r.Method, public)
		http.Error(w, "bad signature", http.StatusForbidden)
		return
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, fakeRequest{Method: r.Method, Path: r.URL.Path, Params: p})
	f.mu.Unlock()
	h, ok := f.routes[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.Write([]byte(h(p)))
}

// requests returns the requests made so far, in order.
func (f *fakeLine) requests() []fakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeRequest(nil), f.reqs...)
}

// paths returns the paths requested, in order.
func (f *fakeLine) paths() []string {
	var p []string
	for _, r := range f.requests() {
		p = append(p, r.Path)
	}
	return p
}

// static answers every request with the same TwiML.
func static(twiml string) route { return func(url.Values) string { return twiml } }

const xmlHead = `<?xml version="1.0" encoding="UTF-8"?>`
