package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/sim"
	"github.com/heritage-line/heritageline/words"
)

// simFlags are the flags shared by call and text.
type simFlags struct {
	url, from string
	volunteer string
	// lang is the resident's language (--lang): a line started here
	// offers it first, then English (LANGUAGES=lang,en), and the caller
	// chooses it; against --url a texter chooses it by texting its name.
	lang words.Lang
}

func parseSimFlags(name string, args []string, stderr io.Writer, withVolunteer bool) (simFlags, []string, error) {
	var f simFlags
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.url, "url", "", "the line's base `URL` (its PUBLIC_URL); empty starts a line in-process on the embedded default")
	fs.StringVar(&f.from, "from", sim.DefaultFrom, "the resident's `NUMBER`")
	if withVolunteer {
		fs.StringVar(&f.volunteer, "volunteer", "press1", "how a rung volunteer behaves: press1 (answers and takes the call), no-answer, busy, no-press (answers, does not press 1)")
	}
	lang := fs.String("lang", "", "the resident's language `CODE` ("+strings.Join(config.KnownLanguages, ", ")+"): a line started here offers it, first, then English")
	if err := fs.Parse(args); err != nil {
		return f, nil, usageError("%v", err)
	}
	if *lang != "" {
		l, ok := words.Lookup(words.Lang(strings.ToLower(*lang)))
		if !ok {
			return f, nil, usageError("heritageline %s: unknown language %q for --lang: use %s", name, *lang, strings.Join(config.KnownLanguages, ", "))
		}
		f.lang = l.Code
	}
	return f, fs.Args(), nil
}

// simFollowUp are the follow-up's settings of a line the simulator starts,
// unless the environment sets them.
var simFollowUp = map[string]string{
	"FOLLOWUP_AFTER": "5s", "WELLBEING_AFTER": "15s", "FOLLOWUP_HOURS": "always", "FOLLOWUP_MIN_GAP": "5s",
}

// simLanguages is LANGUAGES for a line started here for a resident of
// language lang: lang first, then English; "" keeps the environment's.
func simLanguages(lang words.Lang, getenv func(string) string) string {
	switch lang {
	case "":
		return getenv("LANGUAGES")
	case words.English:
		return "en"
	}
	return string(lang) + ",en"
}

// simLine returns the line to talk to: the one at --url, signed with
// TWILIO_AUTH_TOKEN, or a line started here on the embedded default (the
// CATALOGUE and VOLUNTEERS settings are kept, so a coordinator can hear their
// own catalogue), stopped by the returned function.
func simLine(ctx context.Context, f simFlags, getenv func(string) string, stdout, stderr io.Writer) (*sim.Line, func(), error) {
	if f.url != "" {
		token := getenv("TWILIO_AUTH_TOKEN")
		if token == "" {
			return nil, nil, usageError("TWILIO_AUTH_TOKEN must be set to the line's token to sign requests to %s", f.url)
		}
		to := getenv("TWILIO_PHONE_NUMBER")
		return &sim.Line{URL: strings.TrimRight(f.url, "/"), AuthToken: token, From: f.from, To: to, AccountSID: getenv("TWILIO_ACCOUNT_SID"), StatusCallback: true}, func() {}, nil
	}
	// A simulated line keeps nothing: its store lives in a directory of its
	// own, removed when it stops, never in the real line's DATA_DIR.
	dataDir, err := os.MkdirTemp("", "heritageline-sim-")
	if err != nil {
		return nil, nil, err
	}
	embedded := func(k string) string {
		switch k {
		case "LISTEN_ADDR":
			return "127.0.0.1:0"
		case "DATA_DIR":
			return dataDir
		case "PUBLIC_URL", "REDIS_URL", "TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID", "TWILIO_PHONE_NUMBER":
			return ""
		case "LANGUAGES":
			return simLanguages(f.lang, getenv)
		case "LOG_LEVEL":
			if v := getenv(k); v != "" {
				return v
			}
			return "error"
		}
		if v := getenv(k); v != "" {
			return v
		}
		// The follow-up plays in seconds, not weeks, at any hour, so a
		// chat can try it ("[wait 6s]"); the environment may say otherwise.
		return simFollowUp[k]
	}
	cfg, err := config.FromEnv(embedded)
	if err != nil {
		os.RemoveAll(dataDir)
		return nil, nil, err
	}
	srv, err := startServer(ctx, cfg, newLogger(stderr, cfg.LogLevel), stdout)
	if err != nil {
		os.RemoveAll(dataDir)
		return nil, nil, err
	}
	// The first text must find the catalogue: wait for its first load.
	for deadline := time.Now().Add(10 * time.Second); !srv.line.refresher.Status().Loaded() && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	l := &sim.Line{URL: srv.URL, AuthToken: cfg.AuthToken, From: f.from, To: cfg.PhoneNumber, AccountSID: cfg.AccountSID, StatusCallback: true}
	return l, func() { srv.Shutdown(); os.RemoveAll(dataDir) }, nil
}

func callCommand(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	f, rest, err := parseSimFlags("call", args, stderr, true)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError("heritageline call: moves come from standard input, one a line; unexpected %q", rest)
	}
	answer, err := sim.ParseAnswer(f.volunteer)
	if err != nil {
		return usageError("heritageline call: %v", err)
	}
	if f.lang != "" && f.url != "" {
		return usageError("heritageline call: --lang starts a line offering the language; against --url, choose it with the keys the line offers")
	}
	line, stop, err := simLine(ctx, f, getenv, stdout, stderr)
	if err != nil {
		return err
	}
	defer stop()
	line.Volunteer = answer
	moves := stdin
	if f.lang != "" && f.lang != words.English {
		// The line offers the language first: the caller presses 1.
		moves = io.MultiReader(strings.NewReader("1\n"), stdin)
	}
	caller := sim.ScriptedCaller(moves)
	if isTerminal(stdin) {
		caller = sim.TerminalCaller(moves, stdout)
	}
	_, err = line.Call(ctx, caller, stdout)
	return err
}

func textCommand(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	f, message, err := parseSimFlags("text", args, stderr, false)
	if err != nil {
		return err
	}
	line, stop, err := simLine(ctx, f, getenv, stdout, stderr)
	if err != nil {
		return err
	}
	defer stop()
	if f.lang != "" && f.url != "" {
		// A line elsewhere may have another default: choose the language
		// by its name, as a resident would.
		name := strings.ToUpper(words.For(f.lang).Language().Name)
		replies, err := line.Text(ctx, name)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "  [texts: %s]\n", name)
		if err := sim.WriteReplies(stdout, replies); err != nil {
			return err
		}
	}
	if len(message) > 0 {
		replies, err := line.Text(ctx, strings.Join(message, " "))
		if err != nil {
			return err
		}
		return sim.WriteReplies(stdout, replies)
	}
	// A chat: each line typed (or piped) is one text.
	return line.Chat(ctx, stdin, stdout, isTerminal(stdin))
}

// isTerminal reports whether stream (standard input or output) is a terminal.
func isTerminal(stream any) bool {
	f, ok := stream.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
