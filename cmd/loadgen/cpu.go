package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// clockTicks is USER_HZ, the unit of /proc's CPU times: 100 on every Linux
// loadgen runs on.
const clockTicks = 100

// cpuTimes is the CPU time the line, its redis-server and loadgen itself had
// used at one moment, and the machine's CPU ticks (busy and idle) so far. A
// process time is -1 when unknown: a line given by -url, or no /proc.
type cpuTimes struct {
	at                time.Time
	line, redis, self time.Duration
	idle, total       uint64
}

func readCPU(t target) cpuTimes {
	c := cpuTimes{at: time.Now(), line: procCPU(t.PID), redis: procCPU(t.RedisPID), self: -1}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		c.self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	c.idle, c.total = machineTicks()
	return c
}

// procCPU returns the user and system time pid has used, from
// /proc/pid/stat, or -1.
func procCPU(pid int) time.Duration {
	if pid == 0 {
		return -1
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return -1
	}
	// The command name, field 2, is in parentheses and may hold spaces;
	// utime and stime are fields 14 and 15.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return -1
	}
	utime, err1 := strconv.ParseUint(f[11], 10, 64)
	stime, err2 := strconv.ParseUint(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return -1
	}
	return time.Duration(utime+stime) * time.Second / clockTicks
}

// machineTicks returns the idle (idle and iowait) and total CPU ticks of all
// CPUs from the first line of /proc/stat, or zeros.
func machineTicks() (idle, total uint64) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, 0
	}
	// user nice system idle iowait irq softirq steal; guest time is
	// already counted in user.
	for i, s := range f[1:9] {
		n, _ := strconv.ParseUint(s, 10, 64)
		total += n
		if i == 3 || i == 4 {
			idle += n
		}
	}
	return idle, total
}

// cpuUse is the CPU used over some wall time: by each process (-1 when
// unknown) and the machine's ticks, idle and in all.
type cpuUse struct {
	wall              time.Duration
	line, redis, self time.Duration
	idle, total       uint64
}

// used is the CPU used from a to b.
func used(a, b cpuTimes) cpuUse {
	diff := func(x, y time.Duration) time.Duration {
		if x < 0 || y < 0 {
			return -1
		}
		return y - x
	}
	return cpuUse{
		wall: b.at.Sub(a.at),
		line: diff(a.line, b.line), redis: diff(a.redis, b.redis), self: diff(a.self, b.self),
		idle: b.idle - a.idle, total: b.total - a.total,
	}
}

// plus adds v to u; a process unknown in either stays unknown.
func (u cpuUse) plus(v cpuUse) cpuUse {
	add := func(x, y time.Duration) time.Duration {
		if x < 0 || y < 0 {
			return -1
		}
		return x + y
	}
	return cpuUse{
		wall: u.wall + v.wall,
		line: add(u.line, v.line), redis: add(u.redis, v.redis), self: add(u.self, v.self),
		idle: u.idle + v.idle, total: u.total + v.total,
	}
}

// report describes u in cores for each process, per request for the line
// and loadgen, and how idle the machine was: the evidence of who the CPU
// went to during a load.
func (u cpuUse) report(requests int) string { return u.reportAs("loadgen", requests) }

// reportAs is report with the client (u.self) named client.
func (u cpuUse) reportAs(client string, requests int) string {
	proc := func(name string, d time.Duration, perRequest bool) string {
		if d < 0 || u.wall <= 0 {
			return name + " -"
		}
		s := name + " " + u.cores(d) + " cores"
		if perRequest && requests > 0 {
			s += " (" + u.perRequest(d, requests) + " µs/request)"
		}
		return s
	}
	return fmt.Sprintf("cpu: %s, %s, %s, machine idle %s",
		proc("line", u.line, true), proc("redis", u.redis, false), proc(client, u.self, true), u.idleShare())
}

// cores is d over u's wall time, or "-".
func (u cpuUse) cores(d time.Duration) string {
	if d < 0 || u.wall <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(d)/float64(u.wall))
}

// perRequest is d in microseconds a request, or "-".
func (u cpuUse) perRequest(d time.Duration, requests int) string {
	if d < 0 || requests <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f", float64(d)/float64(time.Microsecond)/float64(requests))
}

// idleShare is how idle the machine was, or "-".
func (u cpuUse) idleShare() string {
	if u.total == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(u.idle)/float64(u.total))
}
