// Command heritageline runs Heritage Line, a telephone and SMS signposting line
// for heritage wellbeing activities, and its tools: a call and text simulator,
// catalogue checks and searches, and the coordinator's report.
//
//	heritageline [serve]                 run the line
//	heritageline call [--url URL]        place a simulated call
//	heritageline text [--url URL] MSG    send a simulated text
//	heritageline catalogue check SOURCE  load a catalogue and report bad records
//	heritageline catalogue template FILE write a starter catalogue (.xlsx or .csv)
//	heritageline catalogue search ...    search a catalogue from the command line
//	heritageline report [...]            evaluation figures from Redis
//	heritageline about                   version, data sources and attributions
//	heritageline version                 the module version and VCS revision of this build
//	heritageline healthcheck             exit 0 if the line on this machine is ready (for Docker)
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // Europe/London on machines with no zoneinfo
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	if err == nil {
		return
	}
	fmt.Fprintln(os.Stderr, err)
	var ee exitError
	if errors.As(err, &ee) {
		os.Exit(ee.code)
	}
	os.Exit(1)
}

// exitError carries an exit status other than 1 (2 for usage errors).
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

func usageError(format string, args ...any) error {
	return exitError{code: 2, err: fmt.Errorf(format, args...)}
}
