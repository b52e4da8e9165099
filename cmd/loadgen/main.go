// Command loadgen measures Heritage Line under load. It starts a real
// redis-server and the line on loopback (or is given a running line) and
// measures signed webhooks beside /healthz on the same server, the two
// taking turns in rounds, printing requests per second, p50, p99, errors,
// the CPU each process used and the ratio of webhook throughput to /healthz
// throughput.
//
// With -client wrk (the default; make load) it signs requests beforehand
// and has wrk (a C load generator) send each once through a Lua script that
// checks every answer: four loads, each beside /healthz: residents' first
// texts (a postcode), follow-ups (MORE, a number), voice steps, and the mix.
// With -client go it sends whole walks (a postcode, MORE and a number by
// text; a call, a menu key and a place by voice) with its own HTTP client,
// which a soak needs (-rate, -sample).
//
//	go build -o /tmp/hl ./cmd/heritageline && go run ./cmd/loadgen -bin /tmp/hl
//	go run ./cmd/loadgen -url http://127.0.0.1:8080 -token TOKEN
//
// It only ever targets loopback and stops after -duration (or -requests).
// With -check it exits non-zero when a target is missed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		var miss targetsMissed
		if errors.As(err, &miss) {
			os.Exit(3)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := o.validate(); err != nil {
		return err
	}
	target, stopLine, err := o.line(ctx, stderr)
	if err != nil {
		return err
	}
	defer stopLine()
	if o.client == "wrk" {
		return measureWrk(ctx, o, target, stdout, stderr)
	}
	return measure(ctx, o, target, stdout, stderr)
}
