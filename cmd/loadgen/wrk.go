package main

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The wrk script: pre-signed requests, each sent once, every answer checked.
//
//go:embed load.lua
var wrkScript []byte

// histogram counts latencies by the microsecond, as wrk reports them.
type histogram map[int64]int64

func (h histogram) add(g histogram) {
	for v, c := range g {
		h[v] += c
	}
}

// quantile is the latency at q (0 to 1) of everything counted.
func (h histogram) quantile(q float64) time.Duration {
	keys := make([]int64, 0, len(h))
	var n int64
	for v, c := range h {
		keys = append(keys, v)
		n += c
	}
	if n == 0 {
		return 0
	}
	slices.Sort(keys)
	want := int64(math.Ceil(q * float64(n)))
	var seen int64
	for _, v := range keys {
		seen += h[v]
		if seen >= want {
			return time.Duration(v) * time.Microsecond
		}
	}
	return time.Duration(keys[len(keys)-1]) * time.Microsecond
}

// wrkResult is what wrk measured for one load over one or more rounds.
type wrkResult struct {
	name     string
	requests int64
	errors   int64 // answers the script refused, socket errors, requests sent twice
	firstErr string
	elapsed  time.Duration
	lat      histogram
	cpu      cpuUse // self is wrk's CPU
}

func (r *wrkResult) plus(q wrkResult) {
	r.requests += q.requests
	r.errors += q.errors
	if r.firstErr == "" {
		r.firstErr = q.firstErr
	}
	r.elapsed += q.elapsed
	if r.lat == nil {
		r.lat = histogram{}
	}
	r.lat.add(q.lat)
	if r.cpu.wall == 0 {
		r.cpu = q.cpu
	} else {
		r.cpu = r.cpu.plus(q.cpu)
	}
}

func (r wrkResult) rps() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.requests) / r.elapsed.Seconds()
}

func (r wrkResult) report(out io.Writer) {
	fmt.Fprintf(out, "%-12s %8d requests in %5.1fs  %8.0f req/s  p50 %6s ms  p99 %6s ms  max %7s ms  errors %d\n",
		r.name, r.requests, r.elapsed.Seconds(), r.rps(), ms(r.lat.quantile(0.5)), ms(r.lat.quantile(0.99)),
		ms(r.lat.quantile(1)), r.errors)
	if r.errors > 0 {
		fmt.Fprintf(out, "  first error: %s\n", r.firstErr)
	}
	fmt.Fprintln(out, "  "+r.cpu.reportAs("wrk", int(r.requests)))
}

// loadAverage is the first three fields of /proc/loadavg, or "-".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "-"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "-"
	}
	return strings.Join(f[:3], " ")
}

// measureWrk measures each of o.loads beside /healthz with wrk, the two
// taking turns in rounds, and prints each pair and their ratio.
func measureWrk(ctx context.Context, o options, t target, out, stderr io.Writer) error {
	bin, err := exec.LookPath("wrk")
	if err != nil {
		return fmt.Errorf("wrk not found (apt-get install wrk; make load installs it): %w", err)
	}
	p, err := loadPlaces(o.catalogue)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "loadgen-wrk-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "load.lua")
	if err := os.WriteFile(script, wrkScript, 0o644); err != nil {
		return err
	}
	u, err := url.Parse(t.URL)
	if err != nil {
		return fmt.Errorf("line URL %q: %w", t.URL, err)
	}
	threads := min(o.wrkThreads, o.conns)
	walkers := make([]*walker, threads)
	for i := range walkers {
		walkers[i] = newWalker(i, o.numbers, p, t.URL, t.Token)
	}
	client := &http.Client{Timeout: 20 * time.Second}

	fmt.Fprintf(out, "machine: %d CPUs, %s %s/%s; line %s; client wrk (%d threads)\n",
		runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, t.URL, threads)
	fmt.Fprintf(out, "load: %d connections, %v of each load and as long of /healthz beside it, in %d rounds taking turns; %d distinct numbers, %d postcodes and %d towns asked about\n",
		o.conns, o.duration, o.rounds, o.numbers, len(p.postcodes), len(p.towns))

	rounds := max(o.rounds, 1)
	roundDur := o.duration / time.Duration(rounds)
	if roundDur < time.Second {
		return fmt.Errorf("-duration %v in %d rounds: want at least 1s a round for wrk", o.duration, rounds)
	}
	type pair struct{ wh, hz wrkResult }
	var pairs []pair
	var misses []string
	primed := false
	for _, l := range o.loads {
		if (l == loadFollowUp || l == loadMix) && !primed {
			if err := prime(ctx, client, walkers[0], o); err != nil {
				return err
			}
		}
		if err := sampleCheck(ctx, client, walkers[0], l); err != nil {
			return fmt.Errorf("%s: sample check before the load: %w", l.title(), err)
		}
		fmt.Fprintf(out, "\n%s: load average %s\n", l.title(), loadAverage())
		wh, hz := wrkResult{name: l.title()}, wrkResult{name: "healthz"}
		for r := range rounds {
			prefix := filepath.Join(dir, fmt.Sprintf("%s-%d", l, r))
			perThread := int(math.Ceil(float64(o.prebuild) * roundDur.Seconds() / float64(threads)))
			if err := writeRequests(prefix, walkers, l, perThread, u.Host); err != nil {
				return err
			}
			runtime.GC() // the round should not pay for the signing's garbage
			res, err := runWrk(ctx, bin, script, t, o.conns, threads, roundDur, "webhooks", prefix)
			for i := range threads {
				os.Remove(prefix + "." + strconv.Itoa(i))
			}
			if err != nil {
				return fmt.Errorf("%s round %d: %w", l.title(), r+1, err)
			}
			wh.plus(res)
			if res, err = runWrk(ctx, bin, script, t, o.conns, threads, roundDur, "healthz", ""); err != nil {
				return fmt.Errorf("healthz round %d: %w", r+1, err)
			}
			hz.plus(res)
		}
		if l == loadFirst {
			primed = true
		}
		wh.report(out)
		hz.report(out)
		ratio := wh.rps() / hz.rps()
		fmt.Fprintf(out, "ratio %s/healthz throughput: %.3f; load average after %s\n", l.title(), ratio, loadAverage())
		pairs = append(pairs, pair{wh, hz})
		if wh.errors > 0 || hz.errors > 0 {
			misses = append(misses, fmt.Sprintf("%s: %d errors, healthz %d (first: %s%s); want 0", l.title(), wh.errors, hz.errors, wh.firstErr, hz.firstErr))
		}
		if p99 := wh.lat.quantile(0.99); p99 > o.maxP99 {
			misses = append(misses, fmt.Sprintf("%s p99 %s ms; want at most %s ms", l.title(), ms(p99), ms(o.maxP99)))
		}
		if l == loadFirst && ratio < o.minRatio {
			misses = append(misses, fmt.Sprintf("first texts ratio %.3f; want at least %.2f", ratio, o.minRatio))
		}
	}
	fmt.Fprintln(out, "\n| load | req/s | /healthz req/s | ratio | p50 ms | p99 ms | errors | line µs/req | wrk cores on /healthz | idle on /healthz |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, p := range pairs {
		fmt.Fprintf(out, "| %s | %.0f | %.0f | %.3f | %s | %s | %d | %s | %s | %s |\n", p.wh.name, p.wh.rps(), p.hz.rps(), p.wh.rps()/p.hz.rps(),
			ms(p.wh.lat.quantile(0.5)), ms(p.wh.lat.quantile(0.99)), p.wh.errors, p.wh.cpu.perRequest(p.wh.cpu.line, int(p.wh.requests)),
			p.hz.cpu.cores(p.hz.cpu.self), p.hz.cpu.idleShare())
	}
	if len(misses) == 0 {
		fmt.Fprintln(out, "targets: met (first texts ratio >= "+strconv.FormatFloat(o.minRatio, 'f', 2, 64)+", p99 <= "+ms(o.maxP99)+" ms and 0 errors in every load)")
		return nil
	}
	fmt.Fprintln(out, "targets: MISSED:", strings.Join(misses, "; "))
	if o.check {
		return targetsMissed{misses}
	}
	return nil
}

// writeRequests signs n requests of load l for each wrk thread (walker i
// for thread i) and writes them, as raw HTTP, to prefix.i.
func writeRequests(prefix string, walkers []*walker, l load, n int, host string) error {
	errs := make([]error, len(walkers))
	var wg sync.WaitGroup
	for i, w := range walkers {
		wg.Go(func() {
			f, err := os.Create(prefix + "." + strconv.Itoa(i))
			if err != nil {
				errs[i] = err
				return
			}
			bw := bufio.NewWriterSize(f, 1<<20)
			var req []byte
			for done := 0; done < n; {
				batch := w.steps(nil, l, min(3000, n-done))
				done += len(batch)
				for _, s := range batch {
					req = appendRawRequest(req[:0], s, host)
					bw.WriteString(strconv.Itoa(len(req)))
					bw.WriteByte('\n')
					bw.Write(req)
				}
				// The arena's bodies are referenced by batch only: let them go.
				w.arena = nil
			}
			if err := bw.Flush(); err != nil {
				errs[i] = err
			}
			if err := f.Close(); err != nil && errs[i] == nil {
				errs[i] = err
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("write requests: %w", err)
		}
	}
	return nil
}

// appendRawRequest appends s as an HTTP/1.1 request to host.
func appendRawRequest(b []byte, s step, host string) []byte {
	b = append(b, "POST "...)
	b = append(b, s.path...)
	b = append(b, " HTTP/1.1\r\nHost: "...)
	b = append(b, host...)
	b = append(b, "\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: "...)
	b = append(b, s.sig...)
	b = append(b, "\r\nContent-Length: "...)
	b = strconv.AppendInt(b, int64(len(s.body)), 10)
	b = append(b, "\r\n\r\n"...)
	return append(b, s.body...)
}

// runWrk runs wrk for d and returns what it measured and the CPU used.
func runWrk(ctx context.Context, bin, script string, t target, conns, threads int, d time.Duration, mode, prefix string) (wrkResult, error) {
	args := []string{"-t", strconv.Itoa(threads), "-c", strconv.Itoa(conns), "-d", strconv.Itoa(int(d.Seconds())) + "s",
		"--timeout", "10s", "-s", script, t.URL + "/", "--", mode}
	if prefix != "" {
		args = append(args, prefix)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	before := readCPU(t)
	if err := cmd.Run(); err != nil {
		return wrkResult{}, fmt.Errorf("wrk: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	after := readCPU(t)
	r := wrkResult{lat: histogram{}, cpu: used(before, after)}
	r.cpu.self = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if err := parseWrk(stdout.String(), &r); err != nil {
		return wrkResult{}, fmt.Errorf("wrk's output: %w\n%s", err, stdout.String())
	}
	return r, nil
}

// parseWrk reads the figures load.lua's done() prints.
func parseWrk(s string, r *wrkResult) error {
	found := false
	for _, line := range strings.Split(s, "\n") {
		switch {
		case strings.HasPrefix(line, "loadgen-wrk "):
			found = true
			kv := map[string]int64{}
			for _, f := range strings.Fields(line)[1:] {
				k, v, _ := strings.Cut(f, "=")
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					return fmt.Errorf("%q: %w", f, err)
				}
				kv[k] = n
			}
			r.requests = kv["requests"]
			r.elapsed = time.Duration(kv["duration_us"]) * time.Microsecond
			sock := kv["connect"] + kv["read"] + kv["write"] + kv["timeout"]
			r.errors = kv["bad"] + kv["reused"] + sock
			switch {
			case kv["reused"] > 0:
				r.firstErr = fmt.Sprintf("%d requests sent twice: the pre-signed ones ran out (raise -prebuild)", kv["reused"])
			case sock > 0:
				r.firstErr = fmt.Sprintf("socket errors: connect %d, read %d, write %d, timeout %d", kv["connect"], kv["read"], kv["write"], kv["timeout"])
			}
		case strings.HasPrefix(line, "loadgen-wrk-firstbad "):
			if why := strings.TrimSpace(strings.TrimPrefix(line, "loadgen-wrk-firstbad ")); why != "" {
				r.firstErr = why
			}
		case strings.HasPrefix(line, "loadgen-wrk-latency "):
			for _, f := range strings.Split(strings.TrimPrefix(line, "loadgen-wrk-latency "), ",") {
				v, c, ok := strings.Cut(f, ":")
				if !ok {
					continue
				}
				vi, err1 := strconv.ParseInt(v, 10, 64)
				ci, err2 := strconv.ParseInt(c, 10, 64)
				if err1 != nil || err2 != nil {
					return fmt.Errorf("latency %q", f)
				}
				r.lat[vi] += ci
			}
		}
	}
	if !found {
		return fmt.Errorf("no figures from the script")
	}
	return nil
}

// prime sends one first text from each of the o.numbers residents, so the
// follow-ups have a search to follow.
func prime(ctx context.Context, client *http.Client, w *walker, o options) error {
	jobs := make(chan step)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range min(o.conns, 16) {
		wg.Go(func() {
			for s := range jobs {
				if err := post(ctx, client, s, nil); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for range o.numbers {
		jobs <- w.firstText()
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return fmt.Errorf("priming the residents' searches: %w", err)
	default:
		return nil
	}
}

// sampleCheck posts a few requests of load l one after another and checks
// each answer the strict way (a call's step says what it should), which the
// wrk script cannot do without knowing which request an answer is for.
func sampleCheck(ctx context.Context, client *http.Client, w *walker, l load) error {
	for _, s := range w.steps(nil, l, 12) {
		if err := post(ctx, client, s, s.expect); err != nil {
			return err
		}
	}
	return nil
}

// post sends s and checks its answer: 200, TwiML, no apology, and expect.
func post(ctx context.Context, client *http.Client, s step, expect []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(s.body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", s.sig)
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	switch {
	case err != nil:
		return err
	case res.StatusCode != http.StatusOK:
		return fmt.Errorf("%s: status %d", s.path, res.StatusCode)
	case !bytes.Contains(b, twimlResponse):
		return fmt.Errorf("%s: no TwiML <Response>", s.path)
	case bytes.Contains(b, apology), bytes.Contains(b, []byte("something went wrong")):
		return fmt.Errorf("%s: the degraded answer (an apology)", s.path)
	case !bytes.Contains(b, expect):
		return fmt.Errorf("%s: the answer does not say %q: %s", s.path, expect, b[max(0, len(b)-600):])
	}
	return nil
}
