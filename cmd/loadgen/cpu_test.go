package main

import (
	"os"
	"testing"
	"time"
)

func TestCPUReport(t *testing.T) {
	at := time.Unix(1000, 0)
	a := cpuTimes{at: at, line: 0, redis: -1, self: time.Second, idle: 100, total: 1000}
	b := cpuTimes{at: at.Add(10 * time.Second), line: 11 * time.Second, redis: -1, self: 5 * time.Second, idle: 200, total: 3000}
	got := used(a, b).report(50_000)
	want := "cpu: line 1.10 cores (220 µs/request), redis -, loadgen 0.40 cores (80 µs/request), machine idle 5%"
	if got != want {
		t.Errorf("report = %q; want %q", got, want)
	}
	// Two rounds of the same add up to the same figures per request and
	// per core, over twice the requests.
	twice := used(a, b).plus(used(a, b)).report(100_000)
	if twice != want {
		t.Errorf("two rounds: report = %q; want %q", twice, want)
	}
}

func TestReadCPUSelf(t *testing.T) {
	c := readCPU(target{PID: os.Getpid()})
	if c.line < 0 || c.self < 0 {
		t.Errorf("readCPU(this process) = line %v, self %v; want both known", c.line, c.self)
	}
	if c.redis != -1 {
		t.Errorf("redis with no PID = %v; want -1", c.redis)
	}
}
