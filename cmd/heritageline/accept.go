package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/config"
)

// acceptFile is the mark, in DATA_DIR, by which a coordinator lets the next
// reload take more of the catalogue out of service than CATALOGUE_MAX_DROP
// allows (docs/catalogue.md). `heritageline catalogue accept` makes it;
// touching it does the same.
const acceptFile = "catalogue-accept"

// acceptFor is how long a mark stays good: one forgotten in DATA_DIR must
// not let a later, unintended cut through.
const acceptFor = 24 * time.Hour

// acceptMark is the line's side of the mark in dir.
type acceptMark struct {
	path string
	log  *slog.Logger
	now  func() time.Time
}

func newAcceptMark(dir string, log *slog.Logger) *acceptMark {
	return &acceptMark{path: filepath.Join(dir, acceptFile), log: log, now: time.Now}
}

// accepts reports whether a fresh mark lets the drop h through.
func (m *acceptMark) accepts(h catalogue.Hold) bool {
	fi, err := os.Stat(m.path)
	if err != nil {
		return false
	}
	if age := m.now().Sub(fi.ModTime()); age > acceptFor {
		m.log.Warn("catalogue accept mark is too old to use; run heritageline catalogue accept again",
			"file", m.path, "age_hours", int(age.Hours()), "held", h.Message)
		return false
	}
	return true
}

// used removes the mark after a reload put a catalogue in service: a mark
// accepts the next reload, not every later one.
func (m *acceptMark) used() {
	if err := os.Remove(m.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		m.log.Warn("could not remove the catalogue accept mark", "file", m.path, "err", err)
	}
}

// catalogueAccept makes the mark in DATA_DIR: the next reload of the
// running line (within CATALOGUE_REFRESH, or 30 seconds after a hold) puts
// the catalogue in service however many activities it removes. A source cut
// off part way is never accepted.
func catalogueAccept(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if err := noArgs("catalogue accept", args); err != nil {
		return err
	}
	cfg, err := config.FromEnv(getenv)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return fmt.Errorf("catalogue accept: DATA_DIR: %w", err)
	}
	path := filepath.Join(cfg.DataDir, acceptFile)
	body := fmt.Sprintf("accepted %s: the next catalogue reload may remove any number of activities\n", time.Now().Format(time.RFC3339))
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		return fmt.Errorf("catalogue accept: %w", err)
	}
	now := time.Now()
	if err := os.Chtimes(path, now, now); err != nil {
		return fmt.Errorf("catalogue accept: %w", err)
	}
	fmt.Fprintf(stdout, "Accepted: the line using DATA_DIR=%s puts its next reload in service however many activities it removes\n"+
		"(within %v, or 30 seconds after a held reload). The mark (%s) lasts %v.\n", cfg.DataDir, cfg.CatalogueRefresh, path, acceptFor)
	return nil
}
