package figures

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// startCluster runs a one-node Redis Cluster holding every slot. Redis
// refuses multi-key commands across slots even on one node, so this proves
// the hash tag keeps a report's merge of weeks in one slot.
func startCluster(t *testing.T) redis.UniversalClient {
	t.Helper()
	srv := redistest.StartServer(t, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf")
	ctx := context.Background()
	direct := redis.NewClient(&redis.Options{Addr: srv.Addr})
	defer direct.Close()
	if err := direct.Do(ctx, "CLUSTER", "ADDSLOTSRANGE", "0", "16383").Err(); err != nil {
		t.Fatalf("cluster addslots: %v", err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		info, _ := direct.ClusterInfo(ctx).Result()
		if strings.Contains(info, "cluster_state:ok") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("cluster not ready: %s", info)
		}
	}
	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{srv.Addr}, IsClusterMode: true})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

func TestCluster(t *testing.T) {
	t.Parallel()
	rdb := startCluster(t)
	ctx := context.Background()

	t.Run("report", func(t *testing.T) {
		r := newRecorder(t, rdb)
		record(t, r, fixture())
		got, err := r.Report(ctx, at("2025-01-06 00:00"), at("2025-01-13 00:00"))
		if err != nil {
			t.Fatal(err)
		}
		compareReports(t, got, wantReport())
	})

	t.Run("keys without a hash tag", func(t *testing.T) {
		// The check this test relies on: without the tag the weeks' people
		// are in different slots and Cluster refuses to merge them.
		r := NewRedis(rdb, Options{Prefix: "hl:untagged:", Timeout: 2 * time.Second}, testLog(t))
		record(t, r, fixture())
		if _, err := r.Report(ctx, at("2025-01-06 00:00"), at("2025-01-13 00:00")); err == nil || !strings.Contains(err.Error(), "CROSSSLOT") {
			t.Errorf("got %v; want a cross-slot error", err)
		}
	})
}
