// Command loadgen measures Heritage Line under load. It starts a real
// redis-server and the line on loopback (or is given a running line), sends
// signed SMS and voice webhooks (whole walks: a postcode, MORE and a number
// by text; a call, a menu key and a place by voice) from thousands of distinct
// numbers at a fixed number of connections for a fixed time, then sends the
// same load to /healthz on the same server, and prints requests per second,
// p50, p99, errors and the ratio of webhook throughput to /healthz throughput.
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
	return measure(ctx, o, target, stdout, stderr)
}
