package main

// Start-up refuses a line that cannot serve (issue 15, item 8): with a real
// token, no catalogue, one that cannot be read or offers nothing, and a
// store that keeps nothing stop start-up, naming the variable and the path.
// The demo (no token) starts as before.

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/internal/faketwilio"
	"github.com/heritage-line/heritageline/internal/redistest"
)

func TestStartUpRefusesALineThatCannotServe(t *testing.T) {
	redisURL := "redis://" + redistest.StartServer(t).Addr
	rest := faketwilio.New(t)
	notADir := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(notADir, []byte("x"), 0o600)
	real := map[string]string{
		"LISTEN_ADDR": "127.0.0.1:0", "TWILIO_AUTH_TOKEN": "a-real-token", "TWILIO_ACCOUNT_SID": testAccountSID,
		"TWILIO_PHONE_NUMBER": faultLineNumber, "PUBLIC_URL": "https://line.example.org", "TWILIO_API_BASE": rest.URL,
		"VOLUNTEERS": "testdata/volunteers.yaml", "REDIS_URL": redisURL, "DATA_DIR": t.TempDir(),
		"CATALOGUE": "../../catalogue/sample/sample.csv",
	}
	tests := []struct {
		name, variable, value string
		env                   map[string]string
	}{
		{"no CATALOGUE", "CATALOGUE", "", map[string]string{"CATALOGUE": ""}},
		{"CATALOGUE missing", "CATALOGUE", "testdata/catalogue/no-such-file.csv", map[string]string{"CATALOGUE": "testdata/catalogue/no-such-file.csv"}},
		{"CATALOGUE offers nothing", "CATALOGUE", "testdata/catalogue/all-bad.csv", map[string]string{"CATALOGUE": "testdata/catalogue/all-bad.csv"}},
		{"a store that keeps nothing", "DATA_DIR", notADir, map[string]string{"REDIS_URL": "", "DATA_DIR": notADir}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range real {
				env[k] = v
			}
			for k, v := range tt.env {
				env[k] = v
			}
			var out strings.Builder
			err := run(context.Background(), []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, logWriter{t})
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Fatalf("got %v; want a config error (out %q)", err, out.String())
			}
			if p := ce.Problems[0]; p.Name != tt.variable || p.Value != tt.value {
				t.Errorf("got problem %+v; want it to name %s=%q", p, tt.variable, tt.value)
			}
			if strings.Contains(out.String(), "listening") {
				t.Errorf("the line said it was listening: %q", out.String())
			}
		})
	}

	t.Run("the real line starts", func(t *testing.T) {
		cfg, err := config.FromEnv(func(k string) string { return real[k] })
		if err != nil {
			t.Fatal(err)
		}
		srv, err := startServer(context.Background(), cfg, slog.New(slog.NewJSONHandler(logWriter{t}, nil)), io.Discard)
		if err != nil {
			t.Fatalf("start: %v", err)
		}
		defer srv.Shutdown()
		// The first load was awaited: loaded as soon as it starts.
		if !srv.line.refresher.Status().Loaded() {
			t.Errorf("a real line started before its catalogue was loaded")
		}
	})

	t.Run("the demo starts without its catalogue", func(t *testing.T) {
		cfg, err := config.FromEnv(func(k string) string {
			return map[string]string{"LISTEN_ADDR": "127.0.0.1:0", "CATALOGUE": "testdata/catalogue/no-such-file.csv",
				"REDIS_URL": redisURL, "DATA_DIR": t.TempDir()}[k]
		})
		if err != nil {
			t.Fatal(err)
		}
		cfg.TwilioAPIBase = rest.URL
		srv, err := startServer(context.Background(), cfg, slog.New(slog.NewJSONHandler(logWriter{t}, nil)), io.Discard)
		if err != nil {
			t.Fatalf("demo start: %v", err)
		}
		defer srv.Shutdown()
		resp, err := http.Get(srv.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("/readyz of a demo with no catalogue: got %d; want 503", resp.StatusCode)
		}
	})
}
