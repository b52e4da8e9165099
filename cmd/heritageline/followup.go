package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/followup"
	"github.com/heritage-line/heritageline/phonepolicy"
	"github.com/heritage-line/heritageline/privacy"
)

// demoFollowUpKeyFile keeps, in DATA_DIR, the key that seals the numbers
// the follow-up texts, for a line on its embedded Redis without
// FOLLOWUP_KEY: one instance, its data in DATA_DIR too.
const demoFollowUpKeyFile = "followup-key"

// followUpKey is FOLLOWUP_KEY, or for a line on its embedded Redis the key
// kept in DATA_DIR (made the first time); nil when neither is at hand (a
// shared Redis, FOLLOWUP unset, no key: the follow-up is then off). An
// unreadable FOLLOWUP_KEY is a *config.Error that never echoes it.
func followUpKey(cfg config.Config) ([]byte, error) {
	if cfg.FollowUpKey != "" {
		key, err := followup.ParseKey(cfg.FollowUpKey)
		if err != nil {
			return nil, &config.Error{Problems: []config.Problem{{Name: "FOLLOWUP_KEY", Reason: "must be 32 random bytes written as 64 hexadecimal characters or in base64 (openssl rand -hex 32)"}}}
		}
		return key, nil
	}
	if cfg.RedisURL != "" {
		return nil, nil
	}
	path := filepath.Join(cfg.DataDir, demoFollowUpKeyFile)
	b, err := os.ReadFile(path)
	if err == nil {
		if key, err := followup.ParseKey(strings.TrimSpace(string(b))); err == nil {
			return key, nil
		}
		return nil, fmt.Errorf("DATA_DIR: %s does not hold a follow-up key", path)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("DATA_DIR: %w", err)
	}
	s := followup.NewKey()
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("DATA_DIR: %w", err)
	}
	if err := os.WriteFile(path, []byte(s+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("DATA_DIR: %w", err)
	}
	return followup.ParseKey(s)
}

// followUpDeps are what the follow-up is built from.
type followUpDeps struct {
	rdb    redis.UniversalClient
	texter followup.Texter
	desk   followup.Desk
	// unstaffed says whether nobody rings back (lineUnstaffed).
	unstaffed func() bool
	numbers   *phonepolicy.Policy
	figures   figures.Recorder
	hasher    privacy.Hasher
	log       *slog.Logger
}

// newFollowUp builds the follow-up's diary from cfg and starts its
// scheduler, which runs until the line closes. It returns nil when the
// follow-up is off: FOLLOWUP=off, or no key (logged). Errors are
// *config.Error naming the setting, or DATA_DIR's.
func (l *line) newFollowUp(cfg config.Config, deps followUpDeps) (*followup.Diary, error) {
	if cfg.FollowUp == "off" {
		deps.log.Info("follow-up off (FOLLOWUP=off)")
		return nil, nil
	}
	key, err := followUpKey(cfg)
	if err != nil {
		return nil, err
	}
	if key == nil {
		deps.log.Warn("follow-up off: FOLLOWUP_KEY is not set (set it, the same on every instance, or FOLLOWUP=off)")
		return nil, nil
	}
	hours, err := followup.ParseHours(cfg.FollowUpHours)
	if err != nil {
		return nil, &config.Error{Problems: []config.Problem{{Name: "FOLLOWUP_HOURS", Value: cfg.FollowUpHours, Reason: err.Error()}}}
	}
	sealer, err := followup.NewSealer(key)
	if err != nil {
		return nil, &config.Error{Problems: []config.Problem{{Name: "FOLLOWUP_KEY", Reason: err.Error()}}}
	}
	diary := followup.New(followup.Config{
		LineName: cfg.LineName, LineNumber: privacy.Display(cfg.PhoneNumber),
		After: cfg.FollowUpAfter, WellbeingAfter: cfg.WellbeingAfter, MinGap: cfg.FollowUpMinGap,
		Hours: &hours, Retention: cfg.Retention, Unstaffed: deps.unstaffed,
	}, deps.rdb, followup.Deps{
		Sealer: sealer, Hasher: deps.hasher, Texter: deps.texter, Desk: deps.desk,
		// The number policy decides, as for every text the line sends.
		Textable: func(n string) bool {
			num, err := deps.numbers.Check(n)
			return err == nil && num.Kind.Textable()
		},
		Figures: deps.figures, Log: deps.log,
	})
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); followup.NewScheduler(diary).Run(ctx) }()
	l.onClose(func() { stop(); <-done })
	deps.log.Info("follow-up on", "after", cfg.FollowUpAfter.String(), "hours", hours.String(), "wellbeing_after", cfg.WellbeingAfter.String())
	return diary, nil
}
