// Command catgen writes synthetic heritage-activity catalogues spread over
// England, in the project's CSV format (docs/catalogue.md), and measures how
// the catalogue scales on a real redis-server.
//
//	catgen -n 200000 -o /tmp/cat200k.csv       write a catalogue
//	catgen -measure 1000,10000,100000,200000   import time, peak memory and
//	                                           nearby-search p99 at each size
//	catgen -measure 200000 -memprofile /tmp/heap  also the heap profile at the
//	                                           peak, in /tmp/heap.200000
//
// Activities sit in England's postcode districts (the embedded outcode
// centres, jittered by up to a mile or so), with real post towns, a mix of
// the six categories, weekly, monthly and fortnightly schedules, and one in
// twenty inactive. The same -seed gives the same file. Each size is measured
// in a fresh process, so its peak memory is its own.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "catgen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("catgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 10000, "number of activities")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same catalogue")
	out := fs.String("o", "", "write the CSV to this `file` (default standard output)")
	measure := fs.String("measure", "", "comma-separated `sizes` to measure on a real redis-server")
	one := fs.Int("measure-one", 0, "measure one size in this process (used by -measure)")
	queries := fs.Int("queries", 2000, "nearby searches per size")
	csvPath := fs.String("csv", "", "the catalogue `file` for -measure-one")
	csvBytes := fs.Int64("csv-bytes", 0, "its size, for the table")
	redisAddr := fs.String("redis", "", "`host:port` of a loopback redis-server for -measure; empty starts one")
	memprofile := fs.String("memprofile", "", "with -measure, write the heap profile at each size's peak to `file`.<size>")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *one > 0:
		return measureOne(ctx, *one, *csvPath, *csvBytes, *seed, *queries, *redisAddr, *memprofile, stdout)
	case *measure != "":
		var sizes []int
		for _, s := range strings.Split(*measure, ",") {
			v, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || v < 1 || v > 1_000_000 {
				return fmt.Errorf("-measure: %q is not a size from 1 to 1000000", s)
			}
			sizes = append(sizes, v)
		}
		return measureAll(ctx, sizes, *seed, *queries, *redisAddr, *memprofile, stdout, stderr)
	}
	if *n < 1 || *n > 1_000_000 {
		return fmt.Errorf("-n %d: want 1 to 1000000", *n)
	}
	acts, err := generate(*n, *seed)
	if err != nil {
		return err
	}
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	return writeCSV(w, acts)
}
