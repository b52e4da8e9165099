package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestHealthcheck asks a running line, found at --url or at its LISTEN_ADDR,
// and a line that is not ready.
func TestHealthcheck(t *testing.T) {
	tl := startLine(t, lineOptions{})
	u, err := url.Parse(tl.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	hc := func(env map[string]string, args ...string) (string, error) {
		var out bytes.Buffer
		err := run(context.Background(), append([]string{"healthcheck"}, args...), func(k string) string { return env[k] }, strings.NewReader(""), &out, &out)
		return out.String(), err
	}
	for _, tt := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"ready, by --url", nil, []string{"--url", tl.srv.URL}, "/readyz: 200 OK"},
		{"alive, by --url", nil, []string{"--url", tl.srv.URL, "--live"}, "/healthz: 200 OK"},
		{"ready, by LISTEN_ADDR", map[string]string{"LISTEN_ADDR": ":" + u.Port()}, nil, "http://127.0.0.1:" + u.Port() + "/readyz: 200 OK"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := hc(tt.env, tt.args...)
			if err != nil || !strings.Contains(out, tt.want) {
				t.Errorf("got %q, %v; want %q and exit 0", out, err, tt.want)
			}
		})
	}

	notReady := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no catalogue yet", http.StatusServiceUnavailable)
	}))
	defer notReady.Close()
	if _, err := hc(nil, "--url", notReady.URL); err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("got %v; want a failure naming 503", err)
	}
	notReady.Close()
	if _, err := hc(nil, "--url", notReady.URL, "--timeout", "1s"); err == nil {
		t.Error("a line that is not there passed the health check")
	}
}

func TestLocalAddr(t *testing.T) {
	for addr, want := range map[string]string{
		"":               "127.0.0.1:8080",
		":8080":          "127.0.0.1:8080",
		"0.0.0.0:9000":   "127.0.0.1:9000",
		"[::]:9000":      "127.0.0.1:9000",
		"127.0.0.1:8081": "127.0.0.1:8081",
		"10.0.0.5:8080":  "10.0.0.5:8080",
		"[::1]:8080":     "[::1]:8080",
	} {
		if got := localAddr(addr); got != want {
			t.Errorf("localAddr(%q) = %q; want %q", addr, got, want)
		}
	}
}
