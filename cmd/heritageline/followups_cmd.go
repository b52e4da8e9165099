package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/followup"
	"github.com/heritage-line/heritageline/internal/embedded"
)

// followupsCommand lists the follow-ups waiting or being sent, soonest
// first, from the line's Redis: when, what, whose (the first characters of
// the keyed hash, never a number), about which activity, and in what state.
func followupsCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if err := noArgs("followups", args); err != nil {
		return err
	}
	cfg, err := config.FromEnv(getenv)
	if err != nil {
		return err
	}
	log := newLogger(stderr, cfg.LogLevel)
	rdb, _, closeStore, err := openLineStore(ctx, "followups", cfg, log)
	if err != nil {
		return err
	}
	defer closeStore()
	due, err := followup.New(followup.Config{}, rdb, followup.Deps{}).Due(ctx)
	if err != nil {
		return err
	}
	return writeDue(stdout, due)
}

// writeDue prints the list, or says there is nothing.
func writeDue(w io.Writer, due []followup.Due) error {
	if len(due) == 0 {
		_, err := fmt.Fprintln(w, "No follow-ups waiting.")
		return err
	}
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "DUE (LONDON)\tWHAT\tPERSON\tACTIVITY\tSTATE\tTRIES")
	for _, d := range due {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\n", d.At.In(catalogue.London).Format(time.DateTime), d.What(), d.Person, d.Activity, d.State, d.Tries)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d waiting. Numbers are never shown: a person is the start of their keyed hash.\n", len(due))
	return err
}

// openLineStore opens what a command reads the line's data from: the
// embedded store's snapshot in DATA_DIR, read-only (embedded true), whether
// the line runs or not; or the Redis at REDIS_URL. cmd names the command in
// the error when DATA_DIR holds nothing.
func openLineStore(ctx context.Context, cmd string, cfg config.Config, log *slog.Logger) (rdb redis.UniversalClient, embeddedStore bool, closeStore func(), err error) {
	if cfg.RedisURL != "" {
		c, closeRedis, err := openRedis(ctx, cfg, log)
		if err != nil {
			return nil, false, nil, err
		}
		return c, false, closeRedis, nil
	}
	es, err := embedded.ReadOnly(cfg.DataDir)
	if err != nil {
		return nil, false, nil, fmt.Errorf("%s: nothing in DATA_DIR=%s (set DATA_DIR to the line's, or REDIS_URL to its Redis): %w", cmd, cfg.DataDir, err)
	}
	c := es.Client()
	return c, true, func() { c.Close(); es.Close() }, nil
}
