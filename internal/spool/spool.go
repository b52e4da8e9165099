// Package spool keeps, on disk, what the line was asked while Redis was
// down, so that nothing is lost: a voicemail's callback, a callback asked
// for by voice or text, an opt-out (STOP). Each entry is one JSON line in
// DATA_DIR/spool/requests.jsonl (mode 0600, the directory 0700), written
// and fsynced before the webhook answers, and read again at start-up. When
// Redis is back the line applies the entries (Drain) and the file keeps
// only those that could not be applied yet.
//
// Until a STOP is applied it is consulted before any reply or text
// (Stopped): an opt-out must never be lost or overlooked.
package spool

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// What an entry asks for.
const (
	Callback = "callback" // queue a callback (Kind: voicemail, voice, sms)
	Stop     = "stop"     // record an opt-out, by the number's keyed hash
)

// Entry is one request kept while Redis was down. A callback keeps the
// resident's number (it must be rung); a STOP keeps only the keyed hash.
type Entry struct {
	Seq          int64     `json:"seq"`
	What         string    `json:"what"`
	Phone        string    `json:"phone,omitempty"` // E.164, for a callback
	Hash         string    `json:"hash,omitempty"`  // the keyed hash, for a STOP
	Kind         string    `json:"kind,omitempty"`  // a callback's kind
	RecordingURL string    `json:"recording,omitempty"`
	Activity     string    `json:"activity,omitempty"` // a buddy request's activity
	At           time.Time `json:"at"`
}

// Spool is the file of entries waiting, with a copy in memory. Safe for
// concurrent use; one process per DATA_DIR (the embedded store locks it).
type Spool struct {
	path string

	mu      sync.Mutex
	entries []Entry
	seq     int64
	drain   sync.Mutex // one Drain at a time
}

// Open reads (or creates) the spool in dir. Entries kept by a previous run
// are waiting again. A last line cut off by a crash is skipped.
func Open(dir string) (*Spool, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	s := &Spool{path: filepath.Join(dir, "requests.jsonl")}
	b, err := os.ReadFile(s.path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("spool: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var e Entry
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.What == "" {
			continue
		}
		s.entries = append(s.entries, e)
		s.seq = max(s.seq, e.Seq)
	}
	return s, nil
}

// Path is the spool file's path.
func (s *Spool) Path() string { return s.path }

// Add keeps e on disk (appended, fsynced) before it returns, and gives it
// its sequence number. Errors come from the file system.
func (s *Spool) Add(e Entry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	e.Seq = s.seq
	if e.At.IsZero() {
		e.At = time.Now()
	}
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	_, err = f.Write(append(b, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	s.entries = append(s.entries, e)
	return nil
}

// Pending returns the entries waiting, oldest first.
func (s *Spool) Pending() []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.entries)
}

// Stopped reports whether a STOP from the number with this keyed hash is
// waiting to be applied.
func (s *Spool) Stopped(hash string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.entries {
		if e.What == Stop && e.Hash == hash {
			return true
		}
	}
	return false
}

// Drain applies every entry waiting, oldest first, with apply, and keeps on
// disk only those it failed on (and any added meanwhile). It stops at the
// first failure: Redis is likely down again. It returns how many it
// applied, and apply's error.
func (s *Spool) Drain(apply func(Entry) error) (int, error) {
	s.drain.Lock()
	defer s.drain.Unlock()
	todo := s.Pending()
	done := map[int64]bool{}
	var err error
	for _, e := range todo {
		if err = apply(e); err != nil {
			break
		}
		done[e.Seq] = true
	}
	if len(done) == 0 {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	left := slices.DeleteFunc(slices.Clone(s.entries), func(e Entry) bool { return done[e.Seq] })
	if werr := s.rewrite(left); werr != nil {
		// The applied entries stay on disk and in memory: applying them
		// again is harmless (one open callback per resident; STOP twice).
		return 0, werr
	}
	s.entries = left
	return len(done), err
}

// rewrite replaces the file with entries, atomically (a temporary file,
// fsynced, renamed over it, the directory fsynced).
func (s *Spool) rewrite(entries []Entry) error {
	var buf bytes.Buffer
	for _, e := range entries {
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("spool: %w", err)
		}
		buf.Write(append(b, '\n'))
	}
	tmp := s.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	_, err = f.Write(buf.Bytes())
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, s.path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("spool: %w", err)
	}
	if d, err := os.Open(filepath.Dir(s.path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
