package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/heritage-line/heritageline/config"
)

// shutdownGrace is how long requests in flight may take to finish after SIGTERM.
const shutdownGrace = 10 * time.Second

func serveCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if err := noArgs("serve", args); err != nil {
		return err
	}
	cfg, err := config.FromEnv(getenv)
	if err != nil {
		return err
	}
	log := newLogger(stderr, cfg.LogLevel)
	tuneGC(getenv)
	srv, err := startServer(ctx, cfg, log, stdout)
	if err != nil {
		return err
	}
	if cfg.DemoToken {
		// Printed once, to standard output only: never logged.
		fmt.Fprintf(stdout, "No TWILIO_AUTH_TOKEN set: this line signs with a demo token, printed once:\n  TWILIO_AUTH_TOKEN=%s\n", cfg.AuthToken)
		demoBanner(stdout, cfg.AuthToken, srv.URL)
	}
	if cfg.DemoToken && cfg.RedisURL == "" {
		// The demo's console account, its password printed once.
		pw, err := srv.line.demoCoordinator(ctx)
		if err != nil {
			srv.Shutdown()
			return err
		}
		fmt.Fprintf(stdout, "The console is at %s/console/: sign in as %s with the password %s (printed once).\n", srv.URL, demoCoordinatorEmail, pw)
	}
	fmt.Fprintf(stdout, "Heritage Line listening on %s\n", srv.URL)
	if cfg.DebugAddr != "" {
		stopDebug, err := startDebug(cfg.DebugAddr, log)
		if err != nil {
			srv.Shutdown()
			return fmt.Errorf("DEBUG_ADDR: %w", err)
		}
		defer stopDebug()
	}
	<-ctx.Done()
	log.Info("shutting down")
	return srv.Shutdown()
}

// server is a running line.
type server struct {
	URL     string // the line's public URL
	http    *http.Server
	done    chan error
	line    *line
	log     *slog.Logger
	stopped bool
}

// startServer listens on cfg.ListenAddr (port 0 picks a free port), builds the
// line and serves it until Shutdown.
func startServer(ctx context.Context, cfg config.Config, log *slog.Logger, out io.Writer) (*server, error) {
	ln, err := net.Listen("tcp", cfg.ListenAddr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", cfg.ListenAddr, err)
	}
	if cfg.PublicURL == "" {
		cfg.PublicURL = config.LocalURL(ln.Addr().String())
	}
	l, err := newLine(ctx, cfg, log, out)
	if err != nil {
		ln.Close()
		return nil, err
	}
	s := &server{
		URL:  cfg.PublicURL,
		line: l,
		log:  log,
		done: make(chan error, 1),
		http: &http.Server{
			Handler:           l.handler,
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      20 * time.Second,
			IdleTimeout:       120 * time.Second,
			MaxHeaderBytes:    16 << 10,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		},
	}
	go func() { s.done <- s.http.Serve(ln) }()
	return s, nil
}

// Shutdown stops accepting connections, lets requests in flight finish (for
// at most shutdownGrace), then closes the line's resources in reverse order.
func (s *server) Shutdown() error {
	if s.stopped {
		return nil
	}
	s.stopped = true
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := s.http.Shutdown(ctx)
	if serr := <-s.done; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	s.line.close()
	return err
}

func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}

// demoBanner tells whoever started the demo line how to try it from another
// terminal: a call and a text, each signed with the demo token.
func demoBanner(w io.Writer, token, url string) {
	fmt.Fprintf(w, "Try it in another terminal: a call,\n  TWILIO_AUTH_TOKEN=%s go run ./cmd/heritageline call --url %s\n", token, url)
	fmt.Fprintf(w, "or a text,\n  TWILIO_AUTH_TOKEN=%s go run ./cmd/heritageline text --url %s \"walks in Frome\"\n", token, url)
}
