package volunteers

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"
)

// The roster lives in Redis once it has been imported, so a change made from
// the console takes effect on every instance and survives restarts. The
// volunteers file (VOLUNTEERS) is its first import and an export format
// (export.go). It is kept sealed (AES-256-GCM under a key derived from
// ANALYTICS_SALT, WithRosterKey), so Redis never holds a volunteer's number
// in the clear.
const (
	rosterKey = "{hl:vol}:roster"
	// rosterFresh is how long an instance uses the roster it last read
	// before reading it again: a change made on another instance is in use
	// here within this time (at once on the instance that made it).
	rosterFresh = time.Second
	// rosterRead bounds one read of the roster from Redis.
	rosterRead = 500 * time.Millisecond
	// rosterWait is how long a request waits for that read before going
	// on with the roster held.
	rosterWait = 100 * time.Millisecond
)

var (
	// ErrUnknownVolunteer: no volunteer on the roster has that id (removed,
	// or their number changed).
	ErrUnknownVolunteer = errors.New("volunteers: no such volunteer on the roster")
	// ErrRosterUnreadable: the roster in Redis cannot be opened (it was
	// sealed under another ANALYTICS_SALT, or is damaged).
	ErrRosterUnreadable = errors.New("volunteers: the roster in Redis cannot be read")
)

// WithRosterKey sets the secret the roster kept in Redis is sealed with
// (the line passes ANALYTICS_SALT). Default: an empty secret.
func WithRosterKey(secret []byte) Option {
	return func(k *Desk) { k.rosterAEAD = rosterAEAD(secret) }
}

func rosterAEAD(secret []byte) cipher.AEAD {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("heritageline volunteers roster\x00v1"))
	block, err := aes.NewCipher(m.Sum(nil)) // 32 bytes: AES-256
	if err != nil {
		panic(err) // cannot happen: the key is 32 bytes
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err) // cannot happen: AES has a 16-byte block
	}
	return aead
}

// rosterState is the roster an instance is using.
type rosterState struct {
	roster  Roster
	stored  bool   // read from (or written to) Redis; false: the file's, not imported
	edited  bool   // changed from the console since the last import of a file
	fileSum string // the sum (rosterSum) of the file last imported
	version int64
	at      time.Time // when it was read (monotonic)
}

// storedRoster is the roster as kept in Redis, before sealing.
type storedRoster struct {
	Version     int64             `json:"v"`
	Edited      bool              `json:"edited,omitempty"`
	FileSum     string            `json:"file_sum,omitempty"`
	Hours       string            `json:"hours"`
	Sequential  bool              `json:"sequential,omitempty"`
	RingSeconds int               `json:"ring_seconds"`
	Volunteers  []storedVolunteer `json:"volunteers"`
}

type storedVolunteer struct {
	Name   string `json:"name"`
	Phone  string `json:"phone"`
	OnDuty bool   `json:"on_duty"`
}

func (d *Desk) sealRoster(st rosterState) ([]byte, error) {
	s := storedRoster{Version: st.version, Edited: st.edited, FileSum: st.fileSum,
		Hours: st.roster.Hours.String(), Sequential: st.roster.Sequential, RingSeconds: st.roster.RingSeconds}
	for _, v := range st.roster.Volunteers {
		s.Volunteers = append(s.Volunteers, storedVolunteer{Name: v.Name, Phone: v.Phone, OnDuty: v.OnDuty})
	}
	plain, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("volunteers: seal roster: %w", err)
	}
	nonce := make([]byte, d.rosterAEAD.NonceSize())
	rand.Read(nonce)
	return d.rosterAEAD.Seal(nonce, nonce, plain, []byte(rosterKey)), nil
}

func (d *Desk) openRoster(sealed []byte) (rosterState, error) {
	n := d.rosterAEAD.NonceSize()
	if len(sealed) < n {
		return rosterState{}, ErrRosterUnreadable
	}
	plain, err := d.rosterAEAD.Open(nil, sealed[:n], sealed[n:], []byte(rosterKey))
	if err != nil {
		return rosterState{}, fmt.Errorf("%w: %w", ErrRosterUnreadable, err)
	}
	var s storedRoster
	if err := json.Unmarshal(plain, &s); err != nil {
		return rosterState{}, fmt.Errorf("%w: %w", ErrRosterUnreadable, err)
	}
	r := Roster{Sequential: s.Sequential, RingSeconds: s.RingSeconds}
	if r.RingSeconds <= 0 {
		r.RingSeconds = DefaultRingSeconds
	}
	if s.Hours != "" {
		h, err := ParseHours(s.Hours)
		if err != nil {
			return rosterState{}, fmt.Errorf("%w: hours: %w", ErrRosterUnreadable, err)
		}
		r.Hours = h
	}
	for _, v := range s.Volunteers {
		r.Volunteers = append(r.Volunteers, Volunteer(v))
	}
	return rosterState{roster: r, stored: true, edited: s.Edited, fileSum: s.FileSum, version: s.Version}, nil
}

// current returns the roster in use, read again from Redis when the copy
// this instance holds is older than rosterFresh. When Redis cannot be read
// the copy held stays in use (logged).
func (d *Desk) current(ctx context.Context) Roster {
	st := d.cur.Load()
	if time.Since(st.at) < rosterFresh || !d.rosterMu.TryLock() {
		return st.roster // fresh, or another request is reading it now
	}
	// The read runs on its own: a request waits for it only rosterWait,
	// so a Redis that is down or slow never holds up a caller (press 0
	// rings the roster held); a read that finishes later is used from then.
	done := make(chan struct{})
	go func() {
		defer d.rosterMu.Unlock()
		defer close(done)
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), rosterRead)
		defer cancel()
		next, err := d.readRoster(rctx, d.rdb)
		switch {
		case errors.Is(err, redis.Nil): // not imported yet: the file's
			next = *st
		case err != nil:
			d.log.WarnContext(rctx, "volunteers: read the roster; using the copy held", "err", err)
			next = *st
		}
		next.at = time.Now()
		d.cur.Store(&next)
	}()
	t := time.NewTimer(rosterWait)
	defer t.Stop()
	select {
	case <-done:
		return d.cur.Load().roster
	case <-t.C:
		return st.roster
	}
}

// readRoster reads the roster kept in Redis: redis.Nil when there is none.
func (d *Desk) readRoster(ctx context.Context, c redis.Cmdable) (rosterState, error) {
	b, err := c.Get(ctx, rosterKey).Bytes()
	if err != nil {
		if errors.Is(err, redis.Nil) {
			return rosterState{}, redis.Nil
		}
		return rosterState{}, fmt.Errorf("volunteers: read roster: %w", err)
	}
	return d.openRoster(b)
}

// Import says what ImportFile did with the volunteers file.
type Import int

const (
	// ImportedFile: the file's roster is now the one in Redis (there was
	// none, or the one there came from an earlier file that the console had
	// not changed, or could not be read).
	ImportedFile Import = iota
	// SameAsFile: the roster in Redis came from this same file.
	SameAsFile
	// KeptConsole: the roster in Redis has been changed from the console
	// and stays in use; the file is not read.
	KeptConsole
	// NothingToImport: no file roster (no volunteers) and none in Redis.
	NothingToImport
)

// ImportFile makes the roster the desk was made with (the volunteers file)
// the first import: when Redis holds no roster, or one imported from a file
// the console has not changed since, or one it cannot read (ANALYTICS_SALT
// changed), the file's is written there. A roster changed from the console
// is kept: the roster in Redis is the truth once the console has edited it.
// Errors are wrapped Redis errors; the desk then uses the file's roster.
func (d *Desk) ImportFile(ctx context.Context) (Import, error) {
	file := d.fileRoster
	sum := rosterSum(file)
	var did Import
	err := d.watchRoster(ctx, func(tx *redis.Tx) error {
		st, err := d.readRoster(ctx, tx)
		switch {
		case err == nil && st.edited:
			did = KeptConsole
			d.use(st)
			return nil
		case err == nil && st.fileSum == sum:
			did = SameAsFile
			d.use(st)
			return nil
		case errors.Is(err, redis.Nil) && len(file.Volunteers) == 0 && file.Hours.String() == "":
			did = NothingToImport
			return nil
		case err != nil && !errors.Is(err, redis.Nil) && !errors.Is(err, ErrRosterUnreadable):
			return err
		case errors.Is(err, ErrRosterUnreadable):
			d.log.WarnContext(ctx, "volunteers: the roster in Redis cannot be read (was ANALYTICS_SALT changed?); importing the volunteers file again", "err", err)
		}
		did = ImportedFile
		return d.write(ctx, tx, rosterState{roster: file, fileSum: sum, version: st.version + 1})
	})
	return did, err
}

// watchRoster runs fn in a WATCH on the roster's key, again while another
// instance changes it at the same moment.
func (d *Desk) watchRoster(ctx context.Context, fn func(*redis.Tx) error) error {
	for range 10 {
		err := d.rdb.Watch(ctx, fn, rosterKey)
		if !errors.Is(err, redis.TxFailedErr) {
			return err
		}
	}
	return fmt.Errorf("volunteers: the roster changed ten times while being changed here: %w", redis.TxFailedErr)
}

// write seals st and writes it in tx; the desk uses it from then on.
func (d *Desk) write(ctx context.Context, tx *redis.Tx, st rosterState) error {
	b, err := d.sealRoster(st)
	if err != nil {
		return err
	}
	if _, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, rosterKey, b, 0)
		return nil
	}); err != nil {
		if errors.Is(err, redis.TxFailedErr) {
			return err
		}
		return fmt.Errorf("volunteers: write roster: %w", err)
	}
	st.stored = true
	d.use(st)
	return nil
}

// use makes st the roster this instance uses now.
func (d *Desk) use(st rosterState) {
	st.at = time.Now()
	d.cur.Store(&st)
}

// edit changes the roster in Redis with change, on the roster there (or, on
// the first change, the file's), and marks it changed from the console.
// Errors: change's own, ErrRosterUnreadable, or wrapped Redis errors.
func (d *Desk) edit(ctx context.Context, change func(*Roster) error) (Roster, error) {
	var out Roster
	err := d.watchRoster(ctx, func(tx *redis.Tx) error {
		st, err := d.readRoster(ctx, tx)
		switch {
		case errors.Is(err, redis.Nil):
			st = rosterState{roster: d.fileRoster, fileSum: rosterSum(d.fileRoster)}
		case err != nil:
			return err
		}
		r := st.roster
		r.Volunteers = slices.Clone(r.Volunteers)
		if err := change(&r); err != nil {
			return err
		}
		st.roster, st.edited, st.version = r, true, st.version+1
		out = r
		return d.write(ctx, tx, st)
	})
	return out, err
}

// rosterSum identifies a roster's contents (its export), so the same file
// imported twice is known.
func rosterSum(r Roster) string {
	b, err := Export(r)
	if err != nil {
		return ""
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:8])
}
