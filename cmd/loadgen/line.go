package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
)

// target is the line under load.
type target struct {
	URL      string // the line's PUBLIC_URL
	Token    string // its auth token
	PID      int    // the line's process when loadgen started it; 0 otherwise
	RedisPID int    // its redis-server's process when loadgen started it; 0 otherwise
}

// line returns the line to load: the one given by -url, or a line started
// here (with its own redis-server unless -redis is given), stopped by the
// returned function.
func (o options) line(ctx context.Context, stderr io.Writer) (target, func(), error) {
	if o.url != "" {
		return target{URL: strings.TrimRight(o.url, "/"), Token: o.token}, func() {}, nil
	}
	var stops []func()
	stopAll := func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
	dir, err := os.MkdirTemp("", "loadgen-")
	if err != nil {
		return target{}, nil, fmt.Errorf("temp dir: %w", err)
	}
	stops = append(stops, func() { os.RemoveAll(dir) })

	addr, redisPID := o.redisAddr, 0
	if addr == "" {
		s, err := redistest.Run(ctx, dir)
		if err != nil {
			stopAll()
			return target{}, nil, err
		}
		stops = append(stops, s.Stop)
		addr, redisPID = s.Addr, s.PID()
	}
	bin := o.bin
	if bin == "" {
		bin = filepath.Join(dir, "heritageline")
		fmt.Fprintln(stderr, "loadgen: building ./cmd/heritageline")
		cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/heritageline")
		cmd.Stdout, cmd.Stderr = stderr, stderr
		if err := cmd.Run(); err != nil {
			stopAll()
			return target{}, nil, fmt.Errorf("build heritageline: %w", err)
		}
	}
	t, stop, err := startLine(ctx, bin, addr, o.catalogue, dir, stderr)
	if err != nil {
		stopAll()
		return target{}, nil, err
	}
	stops = append(stops, stop)
	t.RedisPID = redisPID
	return t, stopAll, nil
}

// startLine runs the heritageline binary on the embedded default's demo
// token (no Twilio account: texts go to its loopback demo Twilio) against the
// Redis at addr, reads the token it prints once, and waits until /readyz says
// a catalogue is loaded.
func startLine(ctx context.Context, bin, redisAddr, catalogue, dir string, stderr io.Writer) (target, func(), error) {
	port, err := freePort()
	if err != nil {
		return target{}, nil, err
	}
	cmd := exec.Command(bin, "serve")
	env := []string{}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "TWILIO_"), k == "PUBLIC_URL", k == "REDIS_URL", k == "LISTEN_ADDR", k == "CATALOGUE", k == "LOG_LEVEL":
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"LISTEN_ADDR=127.0.0.1:"+strconv.Itoa(port),
		"REDIS_URL=redis://"+redisAddr+"/0",
		"LOG_LEVEL=error",
		// Thousands of walks from a few thousand numbers: measure the whole
		// reply, not the rate limit's one-line notice.
		"SMS_REPLIES_PER_HOUR=1000",
		// And past the line's cap on replies to everyone in an hour (500
		// by default, issue 15) every text would get an empty answer
		// without a search: measure replies, not the cap.
		"SMS_REPLIES_GLOBAL_PER_HOUR=1000000",
	)
	if catalogue != "" {
		env = append(env, "CATALOGUE="+catalogue)
	}
	cmd.Env = env
	logf, err := os.Create(filepath.Join(dir, "line.log"))
	if err != nil {
		return target{}, nil, fmt.Errorf("line log: %w", err)
	}
	cmd.Stderr = logf
	out, err := cmd.StdoutPipe()
	if err != nil {
		return target{}, nil, fmt.Errorf("line stdout: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return target{}, nil, fmt.Errorf("start %s: %w", bin, err)
	}
	exited := make(chan struct{})
	stop := func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
		logf.Close()
	}
	t := target{PID: cmd.Process.Pid}
	found := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			if i := strings.Index(line, "TWILIO_AUTH_TOKEN="); i >= 0 && t.Token == "" {
				t.Token = strings.Fields(line[i+len("TWILIO_AUTH_TOKEN="):])[0]
			}
			if i := strings.Index(line, "listening on "); i >= 0 && t.URL == "" {
				t.URL = strings.TrimSpace(line[i+len("listening on "):])
				close(found)
			}
		}
		io.Copy(io.Discard, out)
	}()
	go func() { cmd.Wait(); close(exited) }()

	select {
	case <-found:
	case <-exited:
		logf.Close()
		return target{}, nil, fmt.Errorf("heritageline exited at start; see its log in %s", logf.Name())
	case <-time.After(30 * time.Second):
		stop()
		return target{}, nil, fmt.Errorf("heritageline did not say where it listens within 30s")
	case <-ctx.Done():
		stop()
		return target{}, nil, ctx.Err()
	}
	if t.Token == "" {
		stop()
		return target{}, nil, fmt.Errorf("heritageline printed no demo token")
	}
	start := time.Now()
	for {
		resp, err := http.Get(t.URL + "/readyz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Since(start) > 5*time.Minute || ctx.Err() != nil {
			stop()
			return target{}, nil, fmt.Errorf("heritageline not ready after %v", time.Since(start).Round(time.Second))
		}
		time.Sleep(50 * time.Millisecond)
	}
	fmt.Fprintf(stderr, "loadgen: line ready on %s (redis %s) in %v\n", t.URL, redisAddr, time.Since(start).Round(time.Millisecond))
	return t, stop, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
