package embedded

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkSaveAndOpen measures a snapshot of a line's data of a busy year
// (keys of every kind, figures' day lists of 20 events each) and opening it
// again: the cost of the embedded store's one-second saves and of a restart.
//
//	go test -run '^$' -bench SaveAndOpen -benchtime 5x ./internal/embedded
func BenchmarkSaveAndOpen(b *testing.B) {
	for _, keys := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("keys=%d", keys), func(b *testing.B) {
			dir := b.TempDir()
			s, err := Open(Options{Dir: dir, Interval: time.Hour})
			if err != nil {
				b.Fatal(err)
			}
			rdb := s.Client()
			ctx := context.Background()
			pipe := rdb.Pipeline()
			for i := range keys {
				switch i % 4 {
				case 0:
					pipe.Set(ctx, fmt.Sprintf("hl:session:%d", i), `{"step":"results","place":"Frome","ids":["a","b","c","d","e"]}`, time.Hour)
				case 1:
					pipe.HSet(ctx, fmt.Sprintf("hl:cb:%d", i), "phone", "enc...", "kind", "sms", "requested", "1700000000")
				case 2:
					for range 20 {
						pipe.RPush(ctx, fmt.Sprintf("hl:fig:day:%d", i), `{"t":1700000000,"c":"sms","k":"search","p":"9f8e7d6c5b4a","o":"ok"}`)
					}
				case 3:
					pipe.SAdd(ctx, "hl:optout", fmt.Sprintf("hash-%d", i))
				}
			}
			if _, err := pipe.Exec(ctx); err != nil {
				b.Fatal(err)
			}
			rdb.Close()
			b.ResetTimer()
			var save, open time.Duration
			for range b.N {
				start := time.Now()
				if err := s.Save(); err != nil {
					b.Fatal(err)
				}
				save += time.Since(start)
			}
			b.StopTimer()
			s.Close()
			fi, _ := os.Stat(filepath.Join(dir, SnapshotFile))
			for range b.N {
				start := time.Now()
				s2, err := Open(Options{Dir: dir, Interval: time.Hour})
				if err != nil {
					b.Fatal(err)
				}
				open += time.Since(start)
				s2.Close()
			}
			b.ReportMetric(float64(save.Milliseconds())/float64(b.N), "ms/save")
			b.ReportMetric(float64(open.Milliseconds())/float64(b.N), "ms/open")
			b.ReportMetric(float64(fi.Size())/1e6, "MB")
		})
	}
}
