package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/heritage-line/heritageline/privacy"
)

// demoTwilio plays Twilio's REST API on a loopback port when the line runs
// with no Twilio account (the embedded default), so "text me this", callback
// alerts and TAKE run through the real outbound code and show up on the
// terminal instead of failing. It accepts Messages and Calls and prints what
// would have been sent, with the number masked.
type demoTwilio struct {
	srv *http.Server
	URL string

	mu  sync.Mutex
	out io.Writer
	n   int
}

func startDemoTwilio(out io.Writer) (*demoTwilio, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo twilio: %w", err)
	}
	d := &demoTwilio{out: out, URL: "http://" + ln.Addr().String()}
	d.srv = &http.Server{Handler: d, ReadHeaderTimeout: 5 * time.Second}
	go d.srv.Serve(ln)
	return d, nil
}

func (d *demoTwilio) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.Method != http.MethodPost {
		http.Error(w, `{"message":"bad request"}`, http.StatusBadRequest)
		return
	}
	d.mu.Lock()
	d.n++
	n := d.n
	switch {
	case strings.HasSuffix(r.URL.Path, "/Messages.json"):
		fmt.Fprintf(d.out, "  [demo: text to %s] %s\n", privacy.Mask(r.PostForm.Get("To")), r.PostForm.Get("Body"))
	case strings.HasSuffix(r.URL.Path, "/Calls.json"):
		fmt.Fprintf(d.out, "  [demo: the line rings %s to connect a callback]\n", privacy.Mask(r.PostForm.Get("To")))
	}
	d.mu.Unlock()
	prefix := "SM"
	if strings.HasSuffix(r.URL.Path, "/Calls.json") {
		prefix = "CA"
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(map[string]any{
		"sid":    fmt.Sprintf("%s%032d", prefix, n),
		"status": "queued",
		"to":     r.PostForm.Get("To"),
		"from":   r.PostForm.Get("From"),
	})
}

func (d *demoTwilio) Close() { d.srv.Close() }
