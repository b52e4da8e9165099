// Package redistest starts throwaway Redis servers for tests: a real
// redis-server on a free loopback port, or an in-process miniredis.
package redistest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Server is a running real redis-server.
type Server struct {
	Addr string
	cmd  *exec.Cmd
}

// Start runs a real redis-server on a free loopback port for the duration of
// the test, and returns a client for it. When redis-server is not installed the
// test is skipped, unless HL_REQUIRE_REDIS=1 (set by `make test`), when it fails.
func Start(t testing.TB) (redis.UniversalClient, *Server) {
	t.Helper()
	srv := StartServer(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr})
	t.Cleanup(func() { rdb.Close() })
	return rdb, srv
}

// StartServer runs a real redis-server and returns it without a client.
func StartServer(t testing.TB, extraArgs ...string) *Server {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if os.Getenv("HL_REQUIRE_REDIS") == "1" {
			t.Fatalf("redis-server not installed (make test installs it): %v", err)
		}
		t.Skip("redis-server not installed; run make test")
	}
	s, err := Run(context.Background(), t.TempDir(), extraArgs...)
	if err != nil {
		t.Fatalf("%v", err)
	}
	t.Cleanup(s.Stop)
	return s
}

// Run starts a real redis-server on a free loopback port, with no
// persistence, its files in dir, and waits until it answers. Programs that
// measure the line (cmd/loadgen, cmd/catgen) use it as the tests do. The
// caller stops it with Stop.
func Run(ctx context.Context, dir string, extraArgs ...string) (*Server, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, fmt.Errorf("redis-server not installed (make redis-server installs it): %w", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("free port: %w", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	args := append([]string{
		"--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", dir,
		"--logfile", filepath.Join(dir, "redis.log"),
	}, extraArgs...)
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start redis-server: %w", err)
	}
	s := &Server{Addr: fmt.Sprintf("127.0.0.1:%d", port), cmd: cmd}
	if err := waitFor(ctx, s.Addr, 5*time.Second); err != nil {
		s.Stop()
		return nil, fmt.Errorf("redis-server on %s did not start: %w", s.Addr, err)
	}
	return s, nil
}

// Stop kills the server. Safe to call more than once.
func (s *Server) Stop() {
	if s.cmd.Process != nil && s.cmd.ProcessState == nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
}

// Mini returns a client for an in-process miniredis, for fast unit tests.
func Mini(t testing.TB) (redis.UniversalClient, *miniredis.Miniredis) {
	t.Helper()
	m := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: m.Addr()})
	t.Cleanup(func() { rdb.Close() })
	return rdb, m
}

// FreePort returns a loopback TCP port that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func waitFor(ctx context.Context, addr string, d time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	for {
		if err := rdb.Ping(ctx).Err(); err == nil {
			return nil
		} else if ctx.Err() != nil {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}
