package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/coordinators"
	"github.com/heritage-line/heritageline/internal/embedded"
	"github.com/heritage-line/heritageline/privacy"
)

const coordinatorUsage = `Usage:
  heritageline coordinator add [--phone NUMBER] [--totp] EMAIL
                        make an account; the password is asked for (on a terminal)
                        or read as one line from standard input
  heritageline coordinator list
  heritageline coordinator remove EMAIL
  heritageline coordinator phone EMAIL [NUMBER]
                        set (or clear) the phone the line rings first when the
                        coordinator rings a resident back from the console
  heritageline coordinator totp EMAIL [--off]
                        give the account a second factor (prints the otpauth URL
                        for an authenticator app, once), or take it away
Accounts live with the line's data: its Redis (REDIS_URL), or DATA_DIR while the line is stopped.`

// coordinatorWho is the audit log's "who" for changes made here.
const coordinatorWho = "command line"

// coordinatorCommand manages the console's accounts in the line's Redis.
func coordinatorCommand(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError("heritageline coordinator: say add, list, remove, phone or totp\n\n%s", coordinatorUsage)
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("coordinator "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	phone := fs.String("phone", "", "the coordinator's own `NUMBER` (E.164), rung first when they ring a resident back")
	withTOTP := fs.Bool("totp", false, "set up a second factor (an authenticator app's six-digit code)")
	off := fs.Bool("off", false, "with totp: take the second factor away")
	// Flags may come after the email address too.
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return usageError("%v\n\n%s", err, coordinatorUsage)
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	want := map[string][2]int{"add": {1, 1}, "list": {0, 0}, "remove": {1, 1}, "phone": {1, 2}, "totp": {1, 1}}
	n, ok := want[sub]
	if !ok {
		return usageError("heritageline coordinator: unknown command %q\n\n%s", sub, coordinatorUsage)
	}
	if len(pos) < n[0] || len(pos) > n[1] {
		return usageError("heritageline coordinator %s: wrong number of arguments %q\n\n%s", sub, pos, coordinatorUsage)
	}

	cfg, err := config.FromEnv(getenv)
	if err != nil {
		return err
	}
	// Accounts live where the line keeps its data: REDIS_URL, or the
	// embedded store in DATA_DIR, which only one process may hold (so
	// there, accounts are made while the line is stopped).
	cfg.DemoToken = false // never a store that keeps nothing
	rdb, closeRedis, err := openRedis(ctx, cfg, newLogger(io.Discard, cfg.LogLevel))
	if errors.Is(err, embedded.ErrLocked) || (err != nil && strings.Contains(err.Error(), embedded.ErrLocked.Error())) {
		return fmt.Errorf("coordinator: the line is running on DATA_DIR=%s, which one process may hold at a time: stop it to change accounts, or run the line on REDIS_URL", cfg.DataDir)
	}
	if err != nil {
		return err
	}
	defer closeRedis()
	store := coordinators.New(rdb)
	audit := coordinators.NewAudit(rdb, nil)
	record := func(what string) {
		if err := audit.Record(ctx, coordinatorWho, what); err != nil {
			fmt.Fprintf(stderr, "warning: the audit log could not be written: %v\n", err)
		}
	}

	switch sub {
	case "add":
		pw, err := readPassword(stdin, stderr)
		if err != nil {
			return err
		}
		a, err := store.Add(ctx, pos[0], pw, *phone)
		if err != nil {
			return fmt.Errorf("coordinator add: %w", err)
		}
		record("added coordinator " + a.Email)
		fmt.Fprintf(stdout, "Added %s. They can sign in at /console/login.\n", a.Email)
		if *withTOTP {
			return enableTOTP(ctx, store, a.Email, stdout, record)
		}
	case "list":
		list, err := store.List(ctx)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			fmt.Fprintln(stdout, "No coordinators yet: add one with heritageline coordinator add EMAIL.")
		}
		for _, a := range list {
			var extra []string
			if a.Phone != "" {
				extra = append(extra, "phone "+privacy.Mask(a.Phone))
			}
			if a.TOTP {
				extra = append(extra, "second factor")
			}
			fmt.Fprintf(stdout, "%s\tadded %s\t%s\n", a.Email, a.Created.In(catalogue.London).Format("2006-01-02"), strings.Join(extra, ", "))
		}
	case "remove":
		if err := store.Remove(ctx, pos[0]); err != nil {
			return fmt.Errorf("coordinator remove: %w", err)
		}
		record("removed coordinator " + strings.ToLower(pos[0]))
		fmt.Fprintf(stdout, "Removed %s; their sessions have ended.\n", pos[0])
	case "phone":
		number := ""
		if len(pos) == 2 {
			number = pos[1]
		}
		if err := store.SetPhone(ctx, pos[0], number); err != nil {
			return fmt.Errorf("coordinator phone: %w", err)
		}
		if number == "" {
			record("cleared the phone of coordinator " + pos[0])
			fmt.Fprintf(stdout, "%s has no phone now: they can't ring residents back from the console.\n", pos[0])
		} else {
			record("set the phone of coordinator " + pos[0] + " to one " + privacy.Mask(privacy.Normalise(number)))
			fmt.Fprintf(stdout, "The line will ring %s on the number %s first.\n", pos[0], privacy.Mask(privacy.Normalise(number)))
		}
	case "totp":
		if *off {
			if err := store.DisableTOTP(ctx, pos[0]); err != nil {
				return fmt.Errorf("coordinator totp: %w", err)
			}
			record("removed the second factor of coordinator " + pos[0])
			fmt.Fprintf(stdout, "%s signs in with a password only now.\n", pos[0])
			return nil
		}
		return enableTOTP(ctx, store, pos[0], stdout, record)
	}
	return nil
}

func enableTOTP(ctx context.Context, store *coordinators.Store, email string, stdout io.Writer, record func(string)) error {
	u, err := store.EnableTOTP(ctx, email)
	if err != nil {
		return fmt.Errorf("coordinator totp: %w", err)
	}
	record("set up a second factor for coordinator " + email)
	fmt.Fprintf(stdout, "Put this in the coordinator's authenticator app (shown once; it holds the secret):\n  %s\n", u)
	return nil
}

// readPassword asks for a password twice on a terminal, without echo, or
// reads one line from stdin when it is not a terminal.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password (at least 10 characters): ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("coordinator add: read password: %w", err)
		}
		fmt.Fprint(stderr, "The same again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("coordinator add: read password: %w", err)
		}
		if string(a) != string(b) {
			return "", errors.New("coordinator add: the two passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("coordinator add: read password: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("coordinator add: no password on standard input (give it as one line)")
	}
	return line, nil
}
