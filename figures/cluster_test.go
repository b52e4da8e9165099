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
	addrs := redistest.StartCluster(t, 1)
	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: addrs, IsClusterMode: true})
	if _, ok := rdb.(*redis.ClusterClient); !ok {
		t.Fatalf("got a %T; want a *redis.ClusterClient", rdb)
	}
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
