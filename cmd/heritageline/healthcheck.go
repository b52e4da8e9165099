package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// healthcheckCommand asks the line running on this machine whether it is
// ready (/readyz) or, with --live, alive (/healthz), and fails unless it
// answers 200 OK within the timeout: for Docker's HEALTHCHECK, which has no
// shell or curl in the line's image. The line is found at LISTEN_ADDR (its
// port, on the loopback address when it listens on every address), or at
// --url.
func healthcheckCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "", "the line's base `URL` (default: http:// and LISTEN_ADDR, on loopback)")
	live := fs.Bool("live", false, "ask /healthz (alive) instead of /readyz (ready to answer calls)")
	timeout := fs.Duration("timeout", 4*time.Second, "how long to wait for an answer")
	if err := fs.Parse(args); err != nil {
		return usageError("%v", err)
	}
	if fs.NArg() > 0 {
		return usageError("heritageline healthcheck: unexpected arguments %q", fs.Args())
	}
	u := *base
	if u == "" {
		u = "http://" + localAddr(getenv("LISTEN_ADDR"))
	}
	path := "/readyz"
	if *live {
		path = "/healthz"
	}
	u += path
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return usageError("heritageline healthcheck: %v", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %s: %w", u, err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s: %s", u, resp.Status)
	}
	fmt.Fprintf(stdout, "%s: %s\n", u, resp.Status)
	return nil
}

// localAddr is where to reach a line listening on addr (LISTEN_ADDR) from
// the same machine: its host, or the loopback address for none or every
// address; port 8080 when none is given.
func localAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = "", ""
	}
	if port == "" || port == "0" {
		port = "8080"
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
