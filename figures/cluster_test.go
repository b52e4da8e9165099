package figures

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
)

func TestCluster(t *testing.T) {
	t.Parallel()
	rdb := redistest.Cluster(t, 1)
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
