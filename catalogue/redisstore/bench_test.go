package redisstore

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/internal/redistest"
)

// benchSizes are the catalogue sizes of issue 9's scale curve.
var benchSizes = []int{1_000, 10_000, 100_000, 200_000}

// BenchmarkNear measures a voice or SMS search (within 10 miles, five results)
// from a random English town, on a real redis-server, at each catalogue size.
// It reports the 99th-percentile latency as p99-µs besides the mean.
//
//	go test -run '^$' -bench 'Near|Replace' -benchtime 5000x ./catalogue/redisstore
func BenchmarkNear(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("activities=%d", n), func(b *testing.B) {
			rdb, _ := redistest.Start(b)
			ctx := context.Background()
			quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
			if _, err := New(rdb, Options{Logger: quiet}).Replace(ctx, synthetic(n, 1)); err != nil {
				b.Fatal(err)
			}
			s := New(rdb, Options{Logger: quiet}) // another instance: reads from Redis
			if _, _, err := s.Near(ctx, catalogue.Query{Lat: 52, Lon: -1}); err != nil {
				b.Fatal(err)
			}
			r := rand.New(rand.NewPCG(2, 3))
			lat := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				town := englishTowns[r.IntN(len(englishTowns))]
				q := catalogue.Query{
					Lat: town.lat + r.NormFloat64()*0.05, Lon: town.lon + r.NormFloat64()*0.05,
					WithinMiles: benchMiles, Limit: 5,
				}
				if r.IntN(3) == 0 {
					q.Categories = []catalogue.Category{catalogue.Categories[r.IntN(len(catalogue.Categories))]}
				}
				start := time.Now()
				if _, _, err := s.Near(ctx, q); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			if s.Stats().Fallbacks != 0 {
				b.Fatalf("%d answers from memory; want all from Redis", s.Stats().Fallbacks)
			}
			slices.Sort(lat)
			if len(lat) > 0 {
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
			}
		})
	}
}

// BenchmarkReplace measures a whole reload, on a real redis-server: a new
// version written beside the old and switched in.
func BenchmarkReplace(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("activities=%d", n), func(b *testing.B) {
			rdb, _ := redistest.Start(b)
			ctx := context.Background()
			quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
			s := New(rdb, Options{Logger: quiet})
			cats := [][]catalogue.Activity{synthetic(n, 1), synthetic(n, 2)}
			b.ReportAllocs()
			b.ResetTimer()
			i := 0
			for b.Loop() {
				if _, err := s.Replace(ctx, cats[i%2]); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.StopTimer()
			// Memory: what the process holds with one catalogue in memory
			// (after a collection), what it took from the OS at most, and
			// what Redis holds (the version in service and the one before).
			cats = nil
			runtime.GC()
			defer runtime.KeepAlive(s)
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
			b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MB")
			info, err := rdb.Info(ctx, "memory").Result()
			if err != nil {
				b.Fatal(err)
			}
			for line := range strings.Lines(info) {
				if v, ok := strings.CutPrefix(strings.TrimSpace(line), "used_memory:"); ok {
					n, _ := strconv.ParseFloat(v, 64)
					b.ReportMetric(n/(1<<20), "redis-MB")
				}
			}
		})
	}
}

// BenchmarkReadVersion measures an instance reading a new version into memory.
func BenchmarkReadVersion(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("activities=%d", n), func(b *testing.B) {
			rdb, _ := redistest.Start(b)
			ctx := context.Background()
			quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
			s := New(rdb, Options{Logger: quiet})
			ver, err := s.Replace(ctx, synthetic(n, 1))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := s.readVersion(ctx, ver); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchMiles is the search radius of BenchmarkNear: the line's first search.
var benchMiles = 10.0

// BenchmarkPing is the floor under BenchmarkNear: one round trip to the same
// kind of redis-server with nothing to do, measured the same way, so figures
// from a busy machine can be compared as a ratio.
func BenchmarkPing(b *testing.B) {
	rdb, _ := redistest.Start(b)
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	for b.Loop() {
		start := time.Now()
		if err := rdb.Ping(ctx).Err(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
}
