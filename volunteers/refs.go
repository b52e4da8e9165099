package volunteers

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Callback references are "C" and a number that is never given twice, even
// when Redis loses its data, so that an old "TAKE C5" can never reach a
// different resident. The number comes from a counter in Redis, raised
// (atomically, in requestScript) to at least refFloor:
//
//   - the hours since refEpoch, so a counter that starts again from nothing
//     starts above every reference given while the line gave fewer than one
//     an hour on average since its last quiet spell;
//   - the highest reference this process has given, and the highest any run
//     of the line on this disk has given (RefMark, a file in DATA_DIR), so a
//     Redis that restarts empty under a running or restarted line cannot go
//     back either.
//
// References stay short enough to text and say: four digits until early
// 2027, five until 2037 (C7905, read "C 7 9 0 5").

// refEpoch is the start of the hours in refFloor.
var refEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// RefMark keeps the highest callback reference number given, outside Redis.
// FileRefMark does, in a file.
type RefMark interface {
	// Load returns the highest number saved, 0 when none has been.
	Load() (int64, error)
	// Save records n if it is higher than the number saved.
	Save(n int64) error
}

// WithRefMark keeps the highest reference given in m as well as in Redis
// (the line passes a file in DATA_DIR).
func WithRefMark(m RefMark) Option { return func(k *Desk) { k.refMark = m } }

// refFloor is the least a new reference's number must exceed.
func (d *Desk) refFloor() int64 {
	floor := int64(d.now().Sub(refEpoch) / time.Hour)
	d.refMu.Lock()
	defer d.refMu.Unlock()
	return max(floor, d.refHigh)
}

// loadRefMark reads the highest reference saved outside Redis, once, when
// the desk is made.
func (d *Desk) loadRefMark() {
	if d.refMark == nil {
		return
	}
	n, err := d.refMark.Load()
	if err != nil {
		d.log.Warn("callback references: read the highest given", "err", err)
		return
	}
	d.refHigh = max(d.refHigh, n)
}

// issued records that ref was given, in memory and in the RefMark.
func (d *Desk) issued(ref string) {
	n, err := strconv.ParseInt(strings.TrimPrefix(ref, "C"), 10, 64)
	if err != nil {
		return
	}
	d.refMu.Lock()
	defer d.refMu.Unlock()
	if n <= d.refHigh {
		return
	}
	d.refHigh = n
	if d.refMark != nil {
		if err := d.refMark.Save(n); err != nil {
			d.log.Warn("callback references: save the highest given", "ref", ref, "err", err)
		}
	}
}

// FileRefMark is a RefMark kept in one small file, replaced atomically.
type FileRefMark struct {
	path string
	mu   sync.Mutex
}

var _ RefMark = (*FileRefMark)(nil)

// NewFileRefMark keeps the mark in the file at path; its directory is made
// when first saved.
func NewFileRefMark(path string) *FileRefMark { return &FileRefMark{path: path} }

// Load returns the number in the file, 0 when there is no file. Errors:
// reading the file, or a file that does not hold a number (wrapped).
func (m *FileRefMark) Load() (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.load()
}

func (m *FileRefMark) load() (int64, error) {
	b, err := os.ReadFile(m.path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("volunteers: reference mark: %w", err)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("volunteers: reference mark %s: %w", m.path, err)
	}
	return n, nil
}

// Save writes n when it is higher than the number in the file, through a
// temporary file synced and renamed over it, so a crash leaves the old
// number or the new one.
func (m *FileRefMark) Save(n int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, err := m.load(); err == nil && old >= n {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(m.path), 0o700); err != nil {
		return fmt.Errorf("volunteers: reference mark: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(m.path), ".refmark-*")
	if err != nil {
		return fmt.Errorf("volunteers: reference mark: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := fmt.Fprintf(tmp, "%d\n", n); err != nil {
		tmp.Close()
		return fmt.Errorf("volunteers: reference mark: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("volunteers: reference mark: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("volunteers: reference mark: %w", err)
	}
	if err := os.Rename(tmp.Name(), m.path); err != nil {
		return fmt.Errorf("volunteers: reference mark: %w", err)
	}
	return nil
}
