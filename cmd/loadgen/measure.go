package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// targetsMissed is returned under -check when a figure misses its target.
type targetsMissed struct{ misses []string }

func (t targetsMissed) Error() string { return "targets missed: " + strings.Join(t.misses, "; ") }

// phaseResult is what one phase measured.
type phaseResult struct {
	name     string
	requests int
	errors   int
	elapsed  time.Duration
	lat      []time.Duration // sorted
	firstErr string
	byKind   map[string][]time.Duration
	cpu      cpuUse // who used the CPU during the phase
}

// plus merges the results of two rounds of the same load.
func (p phaseResult) plus(q phaseResult) phaseResult {
	if p.name == "" {
		return q
	}
	p.requests += q.requests
	p.errors += q.errors
	p.elapsed += q.elapsed
	p.lat = append(p.lat, q.lat...)
	slices.Sort(p.lat)
	for k, v := range q.byKind {
		p.byKind[k] = append(p.byKind[k], v...)
		slices.Sort(p.byKind[k])
	}
	if p.firstErr == "" {
		p.firstErr = q.firstErr
	}
	p.cpu = p.cpu.plus(q.cpu)
	return p
}

func (p phaseResult) rps() float64 { return float64(p.requests) / p.elapsed.Seconds() }

func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q * float64(len(sorted)-1))
	return sorted[i]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64)
}

// measure runs the webhook phase, then the /healthz phase, and prints both.
func measure(ctx context.Context, o options, t target, out, stderr io.Writer) error {
	p, err := loadPlaces(o.catalogue)
	if err != nil {
		return err
	}
	client := &http.Client{
		Timeout: 20 * time.Second,
		Transport: &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
			MaxIdleConns:        o.conns,
			MaxIdleConnsPerHost: o.conns,
			MaxConnsPerHost:     o.conns,
			IdleConnTimeout:     time.Minute,
		},
	}
	fmt.Fprintf(out, "machine: %d CPUs (GOMAXPROCS %d), %s %s/%s; line %s\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH, t.URL)
	fmt.Fprintf(out, "load: %d connections, %v of each load, %d distinct numbers, %d postcodes and %d towns asked about\n",
		o.conns, o.duration, o.numbers, len(p.postcodes), len(p.towns))

	queues := make([]*queue, o.conns)
	for i := range queues {
		queues[i] = &queue{w: newWalker(i, o.numbers, p, t.URL, t.Token)}
	}
	if o.warmup > 0 {
		warm := o
		warm.duration, warm.requests, warm.sample = o.warmup, 0, 0
		webhooks(ctx, warm, t, queues, client, "warm-up", out, stderr)
	}
	// The two loads take turns, a round of each at a time, so that the
	// machine's drift (a VM's speed wanders by a tenth or more within
	// minutes) falls on both alike rather than on whichever ran second.
	rounds := o.rounds
	if o.skipHealthz || o.requests > 0 || rounds < 1 {
		rounds = 1
	}
	round := o
	round.duration = o.duration / time.Duration(rounds)
	if rounds > 1 {
		fmt.Fprintf(out, "rounds: %d of each load, %v each, taking turns\n", rounds, round.duration)
	}
	var wh, hz phaseResult
	for range rounds {
		wh = wh.plus(webhooks(ctx, round, t, queues, client, "webhooks", out, stderr))
		if !o.skipHealthz && ctx.Err() == nil {
			hz = hz.plus(healthz(ctx, round, t, client))
		}
	}
	report(out, wh)
	for _, k := range []string{"sms", "voice"} {
		l := wh.byKind[k]
		fmt.Fprintf(out, "  %-6s %7d requests  p50 %6s ms  p99 %6s ms\n", k, len(l), ms(quantile(l, 0.5)), ms(quantile(l, 0.99)))
	}
	var misses []string
	if wh.errors > 0 {
		misses = append(misses, fmt.Sprintf("%d webhook errors (first: %s); want 0", wh.errors, wh.firstErr))
	}
	if p99 := quantile(wh.lat, 0.99); p99 > o.maxP99 {
		misses = append(misses, fmt.Sprintf("webhook p99 %s ms; want at most %s ms", ms(p99), ms(o.maxP99)))
	}
	if !o.skipHealthz && ctx.Err() == nil {
		report(out, hz)
		ratio := wh.rps() / hz.rps()
		fmt.Fprintf(out, "ratio webhook/healthz throughput: %.3f (target >= %.2f)\n", ratio, o.minRatio)
		if hz.errors > 0 {
			misses = append(misses, fmt.Sprintf("%d /healthz errors; want 0", hz.errors))
		}
		if ratio < o.minRatio {
			misses = append(misses, fmt.Sprintf("ratio %.3f; want at least %.2f", ratio, o.minRatio))
		}
	}
	if len(misses) == 0 {
		fmt.Fprintln(out, "targets: met")
		return nil
	}
	fmt.Fprintln(out, "targets: MISSED:", strings.Join(misses, "; "))
	if o.check {
		return targetsMissed{misses}
	}
	return nil
}

func report(out io.Writer, r phaseResult) {
	fmt.Fprintf(out, "%-9s %8d requests in %5.1fs  %8.0f req/s  p50 %6s ms  p99 %6s ms  max %6s ms  errors %d\n",
		r.name, r.requests, r.elapsed.Seconds(), r.rps(), ms(quantile(r.lat, 0.5)), ms(quantile(r.lat, 0.99)),
		ms(quantile(r.lat, 1)), r.errors)
	fmt.Fprintln(out, "  "+r.cpu.report(r.requests))
}

// worker results, merged at the end of a phase.
type tally struct {
	lat      []time.Duration
	byKind   map[string][]time.Duration
	errors   int
	firstErr string
}

func (t *tally) fail(msg string) {
	t.errors++
	if t.firstErr == "" {
		t.firstErr = msg
	}
}

// phase runs do on o.conns workers until the duration passes, the request
// budget is spent or ctx ends. With o.rate, requests are paced to that rate
// across all workers.
func phase(ctx context.Context, o options, t target, name string, do func(ctx context.Context, worker int, tl *tally, budget func() bool)) phaseResult {
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	var spent atomic.Int64
	var tick <-chan time.Time
	if o.rate > 0 {
		tk := time.NewTicker(time.Second / time.Duration(o.rate))
		defer tk.Stop()
		tick = tk.C
	}
	budget := func() bool {
		if ctx.Err() != nil {
			return false
		}
		if tick != nil {
			select {
			case <-tick:
			case <-ctx.Done():
				return false
			}
		}
		return o.requests == 0 || spent.Add(1) <= int64(o.requests)
	}
	tallies := make([]tally, o.conns)
	var wg sync.WaitGroup
	cpuBefore := readCPU(t)
	start := time.Now()
	for i := range o.conns {
		tallies[i].byKind = map[string][]time.Duration{}
		wg.Add(1)
		go func() { defer wg.Done(); do(ctx, i, &tallies[i], budget) }()
	}
	wg.Wait()
	r := phaseResult{name: name, elapsed: time.Since(start), byKind: map[string][]time.Duration{}}
	cpuAfter := readCPU(t)
	for _, tl := range tallies {
		r.lat = append(r.lat, tl.lat...)
		for k, v := range tl.byKind {
			r.byKind[k] = append(r.byKind[k], v...)
		}
		r.errors += tl.errors
		if r.firstErr == "" {
			r.firstErr = tl.firstErr
		}
	}
	r.requests = len(r.lat) + r.errors
	r.cpu = used(cpuBefore, cpuAfter)
	slices.Sort(r.lat)
	for _, v := range r.byKind {
		slices.Sort(v)
	}
	return r
}

// prebuild signs, before a phase starts, the walks each connection will send
// in it, and says how long that took when it was noticeable.
func prebuild(o options, queues []*queue, name string, stderr io.Writer) {
	n := prebuiltWalks(o, o.duration)
	start := time.Now()
	var wg sync.WaitGroup
	for _, q := range queues {
		wg.Go(func() { q.fill(n) })
	}
	wg.Wait()
	runtime.GC() // the phase should not pay for the signing's garbage
	if d := time.Since(start); d >= 100*time.Millisecond {
		fmt.Fprintf(stderr, "loadgen: signed %d webhook requests for the %s phase in %v\n",
			n*len(walk{})*len(queues), name, d.Round(time.Millisecond))
	}
}

var (
	twimlResponse = []byte("<Response")
	apology       = []byte("something has gone wrong")
)

// webhooks plays walks on every connection, each from its own queue, signed
// beforehand. A response counts as an error unless it is 200 with a TwiML
// <Response> that is not the apology of the degraded answer and, for a
// call, says what the step expects.
func webhooks(ctx context.Context, o options, t target, queues []*queue, client *http.Client, name string, out, stderr io.Writer) phaseResult {
	prebuild(o, queues, name, stderr)
	stopSampling := sampleLine(ctx, o, t, client, out)
	defer stopSampling()
	r := phase(ctx, o, t, name, func(ctx context.Context, i int, tl *tally, budget func() bool) {
		q := queues[i]
		bg := context.WithoutCancel(ctx)
		var resp bytes.Buffer
		// One reader for every request body: reading a response to its end
		// means the transport has finished writing the request. After an
		// error the transport may still hold it, so it is replaced.
		body := new(bytes.Reader)
		for {
			w := q.pop()
			for j := range w {
				s := &w[j]
				if !budget() {
					return
				}
				body.Reset(s.body)
				req, _ := http.NewRequestWithContext(bg, http.MethodPost, s.url, body)
				req.Header["Content-Type"] = []string{"application/x-www-form-urlencoded"}
				req.Header["X-Twilio-Signature"] = []string{s.sig}
				begin := time.Now()
				res, err := client.Do(req)
				if err != nil {
					body = new(bytes.Reader)
					tl.fail(err.Error())
					continue
				}
				resp.Reset()
				_, err = resp.ReadFrom(res.Body)
				res.Body.Close()
				took := time.Since(begin)
				b := resp.Bytes()
				switch {
				case err != nil:
					body = new(bytes.Reader)
					tl.fail(err.Error())
				case res.StatusCode != http.StatusOK:
					tl.fail(fmt.Sprintf("%s: status %d", s.path, res.StatusCode))
				case !bytes.Contains(b, twimlResponse):
					tl.fail(s.path + ": no TwiML <Response>")
				case bytes.Contains(b, apology):
					tl.fail(s.path + ": the degraded answer (an apology)")
				case !bytes.Contains(b, s.expect):
					tl.fail(fmt.Sprintf("%s: the answer does not say %q: the walk went astray", s.path, s.expect))
				default:
					tl.lat = append(tl.lat, took)
					tl.byKind[s.kind] = append(tl.byKind[s.kind], took)
				}
			}
		}
	})
	if o.prebuild > 0 {
		onTheFly := 0
		for _, q := range queues {
			onTheFly += q.onTheFly
		}
		if onTheFly > 0 {
			fmt.Fprintf(stderr, "loadgen: %d walks signed during the %s phase, the ones signed before it having run out; raise -prebuild\n", onTheFly, name)
		}
	}
	return r
}

// healthz sends the same load to GET /healthz.
func healthz(ctx context.Context, o options, t target, client *http.Client) phaseResult {
	return phase(ctx, o, t, "healthz", func(ctx context.Context, i int, tl *tally, budget func() bool) {
		for budget() {
			req, _ := http.NewRequestWithContext(context.WithoutCancel(ctx), http.MethodGet, t.URL+"/healthz", nil)
			begin := time.Now()
			resp, err := client.Do(req)
			if err != nil {
				tl.fail(err.Error())
				continue
			}
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			took := time.Since(begin)
			if err != nil || resp.StatusCode != http.StatusOK {
				tl.fail(fmt.Sprintf("/healthz: status %d %v", resp.StatusCode, err))
				continue
			}
			tl.lat = append(tl.lat, took)
		}
	})
}

// sampleLine prints the line's resident memory (from /proc, when loadgen
// started it) and its goroutines (go_goroutines from /metrics, when served)
// every o.sample, for a soak.
func sampleLine(ctx context.Context, o options, t target, client *http.Client, out io.Writer) func() {
	if o.sample <= 0 {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tk := time.NewTicker(o.sample)
		defer tk.Stop()
		start := time.Now()
		fmt.Fprintln(out, "sample  elapsed  rss_mib  threads  goroutines")
		for {
			rss, threads := procStatus(t.PID)
			fmt.Fprintf(out, "sample  %7.0fs  %7.1f  %7s  %10s\n", time.Since(start).Seconds(), rss, threads, goroutines(ctx, t, client))
			select {
			case <-ctx.Done():
				return
			case <-tk.C:
			}
		}
	}()
	return func() { cancel(); <-done }
}

// procStatus reads VmRSS (MiB) and Threads of pid from /proc.
func procStatus(pid int) (float64, string) {
	if pid == 0 {
		return 0, "-"
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, "-"
	}
	var rss float64
	threads := "-"
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		switch f[0] {
		case "VmRSS:":
			kb, _ := strconv.ParseFloat(f[1], 64)
			rss = kb / 1024
		case "Threads:":
			threads = f[1]
		}
	}
	return rss, threads
}

// goroutines reads go_goroutines from the line's /metrics, or "-".
func goroutines(ctx context.Context, t target, client *http.Client) string {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, t.URL+"/metrics", nil)
	resp, err := client.Do(req)
	if err != nil {
		return "-"
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return "-"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "go_goroutines "); ok {
			return v
		}
	}
	return "-"
}
