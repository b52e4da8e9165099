package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
	"github.com/heritage-line/heritageline/catalogue/redisstore"
	"github.com/heritage-line/heritageline/internal/gctune"
	"github.com/heritage-line/heritageline/internal/redistest"
)

// measureAll measures each size in a fresh copy of this program, on one
// redis-server flushed between sizes, and prints a markdown table.
func measureAll(ctx context.Context, sizes []int, seed uint64, queries int, addr, memprofile string, stdout, stderr io.Writer) error {
	if addr == "" {
		dir, err := os.MkdirTemp("", "catgen-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		stop, a, err := startRedis(ctx, dir)
		if err != nil {
			return err
		}
		defer stop()
		addr = a
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "machine: %d CPUs, %s %s/%s; redis-server on loopback\n\n", runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintln(stdout, "| activities | CSV MB | read+check s | Redis import s | import total s | peak RSS MB | peak heap MB | Redis used MB | search p50 ms | search p99 ms | results/search |")
	fmt.Fprintln(stdout, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, n := range sizes {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		err := rdb.FlushAll(ctx).Err()
		rdb.Close()
		if err != nil {
			return fmt.Errorf("flush redis: %w", err)
		}
		// The file is written here, so that the measuring process's peak
		// memory is the import's and the searches', not the generator's.
		path, size, err := generateFile(n, seed)
		if err != nil {
			return err
		}
		args := []string{"-measure-one", strconv.Itoa(n), "-csv", path,
			"-csv-bytes", strconv.FormatInt(size, 10), "-seed", strconv.FormatUint(seed, 10),
			"-queries", strconv.Itoa(queries), "-redis", addr}
		if memprofile != "" {
			args = append(args, "-memprofile", memprofile+"."+strconv.Itoa(n))
		}
		cmd := exec.CommandContext(ctx, self, args...)
		cmd.Stdout, cmd.Stderr = stdout, stderr
		err = cmd.Run()
		os.Remove(path)
		if err != nil {
			return fmt.Errorf("measure %d: %w", n, err)
		}
	}
	return nil
}

// measureOne generates n activities, writes them to a CSV file, then times
// what the line does on a refresh (read and check the file, replace the
// catalogue in Redis), then nearby searches from random English district
// centres within 10 miles, and prints one table row.
func measureOne(ctx context.Context, n int, path string, size int64, seed uint64, queries int, addr, memprofile string, stdout io.Writer) error {
	if addr == "" || path == "" {
		return fmt.Errorf("-measure-one needs -redis and -csv")
	}
	if memprofile != "" {
		runtime.MemProfileRate = 64 << 10
	}
	// The collector as the line runs it (GOGC=400 under its soft limit),
	// unless the environment says otherwise, so the peak is the line's.
	gctune.Apply(os.Getenv)
	watch := watchPeak(memprofile)

	rdb := redis.NewClient(&redis.Options{Addr: addr, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second})
	defer rdb.Close()
	store := redisstore.New(rdb, redisstore.Options{Logger: slog.New(slog.DiscardHandler)})

	t0 := time.Now()
	ld, err := csvfile.ReadFile(path)
	if err != nil {
		return err
	}
	tRead := time.Since(t0)
	t1 := time.Now()
	// As a refresh does: the store takes the activities it is given.
	if _, _, err := store.ReplaceTaking(ctx, ld.Activities); err != nil {
		return fmt.Errorf("replace: %w", err)
	}
	tImport := time.Since(t1)
	total := time.Since(t0)
	ld = catalogue.Load{}

	ds, err := englishDistricts()
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(seed, 7))
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	// A fresh Store, as a second instance would have: its first search loads
	// the catalogue from Redis; then every search asks Redis's geo index.
	store = redisstore.New(rdb, redisstore.Options{Logger: slog.New(slog.DiscardHandler)})
	if _, _, err := store.Near(ctx, catalogue.Query{Lat: 52, Lon: -1, WithinMiles: 10, Limit: 5, Now: now}); err != nil {
		return fmt.Errorf("first search: %w", err)
	}
	lat := make([]time.Duration, 0, queries)
	results := 0
	for range queries {
		d := ds[r.IntN(len(ds))]
		q := catalogue.Query{Lat: d.lat, Lon: d.lon, WithinMiles: 10, Limit: 5, Now: now}
		if r.IntN(3) == 0 {
			q.Categories = []catalogue.Category{catalogue.Categories[r.IntN(len(catalogue.Categories))]}
		}
		s := time.Now()
		res, _, err := store.Near(ctx, q)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		lat = append(lat, time.Since(s))
		results += len(res)
	}
	slices.Sort(lat)
	peak := watch.Peak()
	hwm := peakRSS()
	used := redisUsedMB(ctx, rdb)
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 2, 64) }
	fmt.Fprintf(stdout, "| %d | %.1f | %.2f | %.2f | %.2f | %.0f | %.0f | %.0f | %s | %s | %.1f |\n",
		n, float64(size)/1e6, tRead.Seconds(), tImport.Seconds(), total.Seconds(), hwm, float64(peak)/(1<<20), used,
		ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]), float64(results)/float64(queries))
	return nil
}

// generateFile writes a catalogue of n activities to a temporary file and
// returns its path and size.
func generateFile(n int, seed uint64) (string, int64, error) {
	acts, err := generate(n, seed)
	if err != nil {
		return "", 0, err
	}
	f, err := os.CreateTemp("", "catgen-*.csv")
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	if err := writeCSV(f, acts); err != nil {
		os.Remove(f.Name())
		return "", 0, err
	}
	st, err := f.Stat()
	if err != nil {
		os.Remove(f.Name())
		return "", 0, err
	}
	return f.Name(), st.Size(), nil
}

// peakRSS is this process's peak resident memory in MB, VmHWM from
// /proc/self/status: unlike getrusage's ru_maxrss, which Linux carries over
// an exec, it is this program's own, not the generator's that started it.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

func redisUsedMB(ctx context.Context, rdb *redis.Client) float64 {
	info, err := rdb.Info(ctx, "memory").Result()
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(strings.NewReader(info))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "used_memory:"); ok {
			b, _ := strconv.ParseFloat(v, 64)
			return b / 1e6
		}
	}
	return 0
}

// startRedis runs redis-server on a free loopback port, without persistence,
// and returns a function that stops it and its address.
func startRedis(ctx context.Context, dir string) (func(), string, error) {
	s, err := redistest.Run(ctx, dir)
	if err != nil {
		return nil, "", err
	}
	return s.Stop, s.Addr, nil
}
