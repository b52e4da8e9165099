// Package faketwilio plays the part of Twilio's REST API that the line uses
// (Messages and Calls), on a loopback port. It is the one fake Twilio of the
// project: every package's tests and the embedded demo use it, so there is
// one place that knows what Twilio answers.
//
// It keeps every request in order and answers as Twilio does: 201 and a JSON
// resource with a fresh SID (SM... for a message, CA... for a call), or the
// error set with Fail.
package faketwilio

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Request is one request the line made.
type Request struct {
	Method string
	Path   string     // e.g. /2010-04-01/Accounts/AC.../Messages.json
	Form   url.Values // the POST form: To, From, Body, Twiml, StatusCallback ...
	User   string     // basic auth: the account SID
	Pass   string     // basic auth: the auth token
	Sid    string     // the SID the fake answered with ("" when it failed)
}

// IsText reports whether r created a message.
func (r Request) IsText() bool { return strings.HasSuffix(r.Path, "/Messages.json") }

// IsCall reports whether r created a call.
func (r Request) IsCall() bool { return strings.HasSuffix(r.Path, "/Calls.json") }

// Server is a running fake. Safe for concurrent use.
type Server struct {
	URL string // base URL to give the line as its API base (TWILIO_API_BASE)

	srv *http.Server
	ln  net.Listener

	mu       sync.Mutex
	reqs     []Request
	fail     *Failure
	onCreate func(Request)
}

// Failure is an error Twilio answers with, such as 21610 (the recipient
// texted STOP) or 21211 (invalid To number).
type Failure struct {
	Status  int    // HTTP status; 400 when zero
	Code    int    // Twilio's error code
	Message string // Twilio's message
}

// Option changes a new Server.
type Option func(*Server)

// OnCreate calls f with every request that created a message or a call,
// after it is recorded (the demo prints them).
func OnCreate(f func(Request)) Option { return func(s *Server) { s.onCreate = f } }

// Start runs a fake on a loopback port until Close.
func Start(opts ...Option) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("faketwilio: %w", err)
	}
	s := &Server{URL: "http://" + ln.Addr().String(), ln: ln}
	for _, o := range opts {
		o(s)
	}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 5 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

// TB is the part of testing.TB that New uses.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// New starts a fake for a test and closes it when the test ends.
func New(t TB, opts ...Option) *Server {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatalf("%v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Close stops the fake.
func (s *Server) Close() { s.srv.Close() }

// Fail makes every later request fail with f; nil makes them succeed again.
func (s *Server) Fail(f *Failure) {
	s.mu.Lock()
	s.fail = f
	s.mu.Unlock()
}

// Requests returns every request so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Texts returns the requests that created messages, in order.
func (s *Server) Texts() []Request { return s.filter(Request.IsText) }

// Calls returns the requests that created calls, in order.
func (s *Server) Calls() []Request { return s.filter(Request.IsCall) }

// Matching returns the requests whose path ends in suffix ("" for all), in
// order.
func (s *Server) Matching(suffix string) []Request {
	return s.filter(func(r Request) bool { return strings.HasSuffix(r.Path, suffix) })
}

// TextsTo returns the messages created to the number to (E.164).
func (s *Server) TextsTo(to string) []Request {
	return s.filter(func(r Request) bool { return r.IsText() && r.Form.Get("To") == to })
}

func (s *Server) filter(keep func(Request) bool) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.reqs {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if r.Method != http.MethodPost {
		writeError(w, Failure{Status: http.StatusMethodNotAllowed, Code: 20004, Message: "Method not allowed"})
		return
	}
	if err := r.ParseForm(); err != nil {
		writeError(w, Failure{Code: 20001, Message: "Bad form body"})
		return
	}
	user, pass, _ := r.BasicAuth()
	req := Request{Method: r.Method, Path: r.URL.Path, Form: r.PostForm, User: user, Pass: pass}
	s.mu.Lock()
	fail := s.fail
	n := len(s.reqs) + 1
	if fail == nil {
		prefix := "SM"
		if req.IsCall() {
			prefix = "CA"
		}
		req.Sid = fmt.Sprintf("%s%032d", prefix, n)
	}
	s.reqs = append(s.reqs, req)
	onCreate := s.onCreate
	s.mu.Unlock()
	if fail != nil {
		writeError(w, *fail)
		return
	}
	if onCreate != nil && (req.IsText() || req.IsCall()) {
		onCreate(req)
	}
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(map[string]any{
		"sid":    req.Sid,
		"status": "queued",
		"to":     req.Form.Get("To"),
		"from":   req.Form.Get("From"),
	})
}

// writeError answers as Twilio's REST API does on an error.
func writeError(w http.ResponseWriter, f Failure) {
	if f.Status == 0 {
		f.Status = http.StatusBadRequest
	}
	w.WriteHeader(f.Status)
	json.NewEncoder(w).Encode(map[string]any{
		"code": f.Code, "message": f.Message, "status": f.Status,
		"more_info": fmt.Sprintf("https://www.twilio.com/docs/errors/%d", f.Code),
	})
}
