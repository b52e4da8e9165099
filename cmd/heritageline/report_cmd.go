package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/redisstore"
	"github.com/heritage-line/heritageline/catalogue/source"
	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/followup"
)

// reportCommand prints the evaluation figures, per week, from the line's Redis.
func reportCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	now := time.Now().In(catalogue.London)
	fromS := fs.String("from", now.AddDate(0, 0, -7*12).Format(time.DateOnly), "first `DATE` (YYYY-MM-DD); default twelve weeks ago")
	toS := fs.String("to", now.Format(time.DateOnly), "last `DATE` (YYYY-MM-DD); default today")
	format := fs.String("format", "markdown", "csv or markdown")
	chart := fs.String("chart", "", "also draw calls and texts per week into this PNG `FILE`")
	if err := fs.Parse(args); err != nil {
		return usageError("%v", err)
	}
	if fs.NArg() > 0 {
		return usageError("heritageline report: unexpected arguments %q", fs.Args())
	}
	from, err := time.ParseInLocation(time.DateOnly, *fromS, catalogue.London)
	if err != nil {
		return usageError("heritageline report: --from %q is not a date like 2026-04-01", *fromS)
	}
	to, err := time.ParseInLocation(time.DateOnly, *toS, catalogue.London)
	if err != nil {
		return usageError("heritageline report: --to %q is not a date like 2026-06-30", *toS)
	}
	write := figures.WriteMarkdown
	switch *format {
	case "markdown", "md":
	case "csv":
		write = figures.WriteCSV
	default:
		return usageError("heritageline report: --format must be csv or markdown, not %q", *format)
	}

	cfg, err := config.FromEnv(getenv)
	if err != nil {
		return err
	}
	log := newLogger(stderr, cfg.LogLevel)
	rdb, embeddedStore, closeStore, err := openLineStore(ctx, "report", cfg, log)
	if err != nil {
		return err
	}
	defer closeStore()
	var title func(id string) string
	if embeddedStore {
		// The embedded store's snapshot is at most a second or so old; the
		// catalogue is not kept there, so titles come from the source.
		titles := map[string]string{}
		if ld, err := source.Load(ctx, cfg.Catalogue, sourceOptions(getenv)); err == nil {
			for _, a := range ld.Activities {
				titles[a.ID] = a.Title
			}
		}
		title = func(id string) string { return titles[id] }
	} else {
		store := redisstore.New(rdb, redisstore.Options{Logger: log})
		title = func(id string) string {
			a, err := store.Get(ctx, id)
			if err != nil {
				return ""
			}
			return a.Title
		}
	}
	rec := figures.NewRedis(rdb, figures.Options{Retention: cfg.Retention, Title: title}, log)
	rep, err := withWellbeing{rec, rdb}.Report(ctx, from, to.Add(24*time.Hour-time.Second))
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := write(stdout, rep); err != nil {
		return err
	}
	if *chart != "" {
		if err := figures.WriteChart(*chart, rep); err != nil {
			return fmt.Errorf("report: chart: %w", err)
		}
		fmt.Fprintf(stderr, "chart written to %s\n", *chart)
	}
	return nil
}

// withWellbeing is the figures with the follow-up's wellbeing change in
// their reports, as `heritageline report` and the console's Figures page
// show them.
type withWellbeing struct {
	*figures.Redis
	rdb redis.UniversalClient
}

// Report is the figures' report for from to to, with the wellbeing change
// over the period when it had any follow-up or anyone answered twice. The
// change comes from the follow-up's own answers, kept under the keyed hash
// apart from the figures.
func (f withWellbeing) Report(ctx context.Context, from, to time.Time) (figures.Report, error) {
	rep, err := f.Redis.Report(ctx, from, to)
	if err != nil {
		return rep, err
	}
	changes, err := followup.New(followup.Config{}, f.rdb, followup.Deps{}).WellbeingChanges(ctx, from, to)
	if err != nil {
		return rep, err
	}
	if rep.Total.FollowUps.Any() || slices.ContainsFunc(changes, func(c figures.WellbeingChange) bool { return c.Pairs > 0 }) {
		rep.Wellbeing = changes
	}
	return rep, nil
}
