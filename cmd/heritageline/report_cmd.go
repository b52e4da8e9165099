package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/redisstore"
	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/figures"
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
	if cfg.RedisURL == "" {
		return errors.New("report: set REDIS_URL to the line's Redis (the embedded one keeps nothing between runs)")
	}
	rdb, closeRedis, err := openRedis(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeRedis()
	log := newLogger(stderr, cfg.LogLevel)
	store := redisstore.New(rdb, redisstore.Options{Logger: log})
	rec := figures.NewRedis(rdb, figures.Options{
		Retention: cfg.Retention,
		Title: func(id string) string {
			a, err := store.Get(ctx, id)
			if err != nil {
				return ""
			}
			return a.Title
		},
	}, log)
	rep, err := rec.Report(ctx, from, to.Add(24*time.Hour-time.Second))
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
