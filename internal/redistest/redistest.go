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
	"strings"
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
	// The port is free when chosen but not held, so a server started at the
	// same moment elsewhere (another test package) can take it first: then
	// ours exits, and the one answering is not ours. Try another port.
	for attempt := 1; ; attempt++ {
		s, err := start(ctx, bin, dir, extraArgs)
		if err == nil || attempt == 5 {
			return s, err
		}
	}
}

func start(ctx context.Context, bin, dir string, extraArgs []string) (*Server, error) {
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
	if err := waitFor(ctx, s.Addr, cmd.Process.Pid, 5*time.Second); err != nil {
		s.Stop()
		return nil, fmt.Errorf("redis-server on %s did not start: %w", s.Addr, err)
	}
	return s, nil
}

// PID returns the redis-server's process id, so a program that measures the
// line (cmd/loadgen) can read its CPU use from /proc.
func (s *Server) PID() int {
	if s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// Stop kills the server. Safe to call more than once.
func (s *Server) Stop() {
	if s.cmd.Process != nil && s.cmd.ProcessState == nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
}

// StartCluster starts n real redis-server nodes in cluster mode, shares the
// 16384 hash slots between them, joins them and waits until the cluster is
// ok. It returns their addresses; they stop when the test ends.
func StartCluster(t testing.TB, n int) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var addrs []string
	var clients []*redis.Client
	for i := 0; i < n; i++ {
		s := StartServer(t, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
			"--cluster-node-timeout", "2000")
		addrs = append(addrs, s.Addr)
		c := redis.NewClient(&redis.Options{Addr: s.Addr})
		t.Cleanup(func() { c.Close() })
		clients = append(clients, c)
	}
	const slots = 16384
	for i, c := range clients {
		lo, hi := i*slots/n, (i+1)*slots/n-1
		args := []any{"CLUSTER", "ADDSLOTS"}
		for s := lo; s <= hi; s++ {
			args = append(args, s)
		}
		if err := c.Do(ctx, args...).Err(); err != nil {
			t.Fatalf("cluster addslots %d-%d on %s: %v", lo, hi, addrs[i], err)
		}
	}
	for _, a := range addrs[1:] {
		host, port, _ := strings.Cut(a, ":")
		p, _ := strconv.Atoi(port)
		if err := clients[0].ClusterMeet(ctx, host, strconv.Itoa(p)).Err(); err != nil {
			t.Fatalf("cluster meet %s: %v", a, err)
		}
	}
	for i, c := range clients {
		for {
			info, err := c.ClusterInfo(ctx).Result()
			if err == nil && strings.Contains(info, "cluster_state:ok") && strings.Contains(info, fmt.Sprintf("cluster_known_nodes:%d", n)) {
				break
			}
			if ctx.Err() != nil {
				t.Fatalf("cluster node %s not ok: %v %q", addrs[i], err, info)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return addrs
}

// Cluster starts a Redis Cluster of n real nodes (StartCluster) and returns a
// cluster client for it, closed when the test ends. One node holding every
// slot is enough to prove hash tags: Redis refuses cross-slot multi-key
// commands and scripts even then.
func Cluster(t testing.TB, n int) redis.UniversalClient {
	t.Helper()
	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: StartCluster(t, n), IsClusterMode: true})
	if _, ok := rdb.(*redis.ClusterClient); !ok {
		t.Fatalf("got a %T; want a *redis.ClusterClient", rdb)
	}
	t.Cleanup(func() { rdb.Close() })
	return rdb
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

// waitFor waits until the redis-server with process id pid answers on addr.
func waitFor(ctx context.Context, addr string, pid int, d time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	want := fmt.Sprintf("process_id:%d\r\n", pid)
	for {
		info, err := rdb.Info(ctx, "server").Result()
		if err == nil {
			if !strings.Contains(info, want) {
				return fmt.Errorf("another redis-server answers on %s", addr)
			}
			return nil
		}
		if ctx.Err() != nil {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}
