package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
	"github.com/heritage-line/heritageline/catalogue/memstore"
	"github.com/heritage-line/heritageline/catalogue/openreferral"
	"github.com/heritage-line/heritageline/catalogue/source"
	"github.com/heritage-line/heritageline/catalogue/xlsxfile"
	"github.com/heritage-line/heritageline/places"
)

func catalogueCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError("heritageline catalogue: say check, search, template or accept\n\n%s", usage)
	}
	switch args[0] {
	case "check":
		return catalogueCheck(ctx, args[1:], getenv, stdout)
	case "search":
		return catalogueSearch(ctx, args[1:], getenv, stdout, stderr)
	case "template":
		return catalogueTemplate(args[1:], stdout)
	case "accept":
		return catalogueAccept(ctx, args[1:], getenv, stdout)
	}
	return usageError("heritageline catalogue: unknown subcommand %q\n\n%s", args[0], usage)
}

func sourceOptions(getenv func(string) string) source.Options {
	var o source.Options
	o.OpenReferral.Taxonomy = getenv("TAXONOMY_MAP")
	return o
}

// catalogueCheck loads SOURCE and prints what was loaded and every record
// skipped, ended or loaded with a warning, with its line and field. It exits
// 0 only when every record loads and none has ended, 1 when some were skipped
// or have ended, and 2 when the source could not be read at all or has no
// activity that could be offered.
func catalogueCheck(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) != 1 {
		return usageError("heritageline catalogue check: give one SOURCE (a path or an http(s) URL; \"sample\" for the bundled one)")
	}
	spec := args[0]
	if spec == "sample" {
		spec = ""
	}
	opts := sourceOptions(getenv)
	if isTerminal(stdout) {
		// A directory of many pages takes a while: show it moving.
		opts.OpenReferral.Progress = func(p openreferral.Progress) {
			fmt.Fprintf(stdout, "\rread %d pages, %d records, %d skipped so far", p.Pages, p.Records, p.Skipped)
		}
	}
	load, err := source.Load(ctx, spec, opts)
	if opts.OpenReferral.Progress != nil {
		fmt.Fprintln(stdout)
	}
	if err != nil {
		return exitError{code: 2, err: fmt.Errorf("catalogue check: nothing could be read: %w", err)}
	}
	sum := catalogue.Summarise(load)
	fmt.Fprintf(stdout, "%s: %d active, %d inactive, %d ended, %d skipped, %d with warnings\n",
		sum.Source, sum.Active, sum.Inactive, sum.Ended, sum.Skipped, sum.Warned)
	for _, f := range sum.Findings {
		fmt.Fprintf(stdout, "  %v\n", f)
	}
	switch {
	case !sum.Offerable():
		return exitError{code: 2, err: fmt.Errorf("catalogue check: %s has no activity that could be offered", sum.Source)}
	case !sum.Complete():
		return exitError{code: 1, err: fmt.Errorf("catalogue check: %s: %d skipped and %d ended will not be offered; each is listed above with its line and field", sum.Source, sum.Skipped, sum.Ended)}
	}
	return nil
}

// catalogueTemplate writes the starter catalogue: a workbook for a path
// ending .xlsx, CSV (UTF-8 with a byte-order mark) for one ending .csv, or
// CSV to standard output for "-". It never overwrites a file.
func catalogueTemplate(args []string, stdout io.Writer) (err error) {
	if len(args) != 1 {
		return usageError("heritageline catalogue template: give one FILE ending .xlsx or .csv (or - for CSV on standard output)")
	}
	path := args[0]
	write := csvfile.WriteTemplate
	switch ext := strings.ToLower(filepath.Ext(path)); {
	case path == "-":
		return write(stdout)
	case ext == ".xlsx":
		write = xlsxfile.WriteTemplate
	case ext == ".csv":
	default:
		return usageError("heritageline catalogue template: %q: the file must end .xlsx (an Excel workbook) or .csv", path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("catalogue template: %s already exists; give another name, or move it first", path)
	}
	if err != nil {
		return fmt.Errorf("catalogue template: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("catalogue template: %w", cerr)
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("catalogue template: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s: every column, two example rows to replace, and a note on each column.\nCheck it with: heritageline catalogue check %s\n", path, path)
	return nil
}

// catalogueSearch prints the activities nearest a place, one a line.
func catalogueSearch(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("catalogue search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("source", getenv("CATALOGUE"), "catalogue `SOURCE` (path or URL; default CATALOGUE, else the bundled sample)")
	near := fs.String("near", "", "`PLACE`: a postcode, an outcode or a town")
	category := fs.String("category", "", "only this `CATEGORY` ("+categoryNames()+")")
	within := fs.Float64("within", 0, "only within this many `MILES` (default: no limit)")
	limit := fs.Int("limit", 10, "at most this many results")
	if err := fs.Parse(args); err != nil {
		return usageError("%v", err)
	}
	if *near == "" || fs.NArg() > 0 {
		return usageError("heritageline catalogue search: --near PLACE is required")
	}
	q := catalogue.Query{WithinMiles: *within, Limit: *limit, Now: time.Now()}
	if *category != "" {
		c := catalogue.Category(strings.ToLower(*category))
		if !c.Valid() {
			return usageError("heritageline catalogue search: unknown category %q; one of %s", *category, categoryNames())
		}
		q.Categories = []catalogue.Category{c}
	}
	ix, err := places.Load()
	if err != nil {
		return err
	}
	load, err := source.Load(ctx, *src, sourceOptions(getenv))
	if err != nil {
		return fmt.Errorf("catalogue search: %w", err)
	}
	for _, a := range load.Activities {
		if a.Postcode != "" {
			ix.AddVenue(a.Postcode, a.Lat, a.Lon)
		}
	}
	ix.SetNamed(namedPlaces(load.Activities))
	m, ok := ix.Resolve(*near)
	if !ok {
		msg := fmt.Sprintf("catalogue search: no place called %q", *near)
		if s := ix.Suggest(*near, 3); len(s) > 0 {
			msg += "; did you mean " + s[0].Name + "?"
		}
		return fmt.Errorf("%s", msg)
	}
	q.Lat, q.Lon = m.Place.Lat, m.Place.Lon
	results, total, err := memstore.New(load.Activities).Near(ctx, q)
	if err != nil {
		return err
	}
	where := m.Place.Name
	if m.Place.Area != "" && !m.Sure {
		where += ", " + m.Place.Area
	}
	fmt.Fprintf(stdout, "%d activities near %s (%.4f, %.4f)\n", total, where, m.Place.Lat, m.Place.Lon)
	for _, r := range results {
		next := "no date given"
		if !r.Next.Start.IsZero() {
			next = r.Next.Start.In(catalogue.London).Format("Mon 2 Jan 15:04")
		}
		fmt.Fprintf(stdout, "%6.1f mi  %-40s  %-12s  %s  [%s]\n", r.Miles, r.Activity.Title, r.Activity.Town, next, r.Activity.ID)
	}
	return nil
}

func categoryNames() string {
	names := make([]string, len(catalogue.Categories))
	for i, c := range catalogue.Categories {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}
