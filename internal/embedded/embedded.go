// Package embedded runs the line's default store when no REDIS_URL is set:
// an in-process Redis (miniredis) that keeps its data in a directory, so that
// open callbacks, volunteers' duty, opt-outs, conversation state and figures
// outlive a restart or a kill -9, losing at most the last second or so.
//
// The data is written as a whole snapshot, atomically (a temporary file,
// fsync, rename), whenever a write has happened since the last one and at
// most every Options.Interval; a snapshot that takes long stretches the
// interval so that saving never takes more than a tenth of the time. Keys
// under Options.Skip (the catalogue, which is read again from its source at
// start) are not kept. docs/redis.md says why this and not a redis-server
// child process, with the figures measured.
//
// miniredis cannot hand out the contents of a HyperLogLog, so the package
// keeps beside each one the members added to it (PFADD, PFMERGE), from
// which the snapshot rebuilds it exactly. The members are what the line
// adds: keyed hashes, never numbers.
package embedded

import (
	"context"
	"crypto/rand"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/alicebob/miniredis/v2/server"
	"github.com/redis/go-redis/v9"
)

// SnapshotFile is the name of the snapshot in the directory.
const SnapshotFile = "embedded-redis.snapshot"

// DefaultInterval is the most a kill -9 loses when saving keeps up.
const DefaultInterval = time.Second

// ErrLocked means another process (another line on the same directory) has
// the store open.
var ErrLocked = errors.New("embedded: the data directory is in use by another line")

// Options configures Open.
type Options struct {
	Dir      string        // where the snapshot lives; made (0700) if missing
	Interval time.Duration // least time between snapshots; 0 means DefaultInterval
	Skip     []string      // key prefixes not kept
	Logger   *slog.Logger  // nil means slog.Default()
}

// Server is a running embedded store.
type Server struct {
	m        *miniredis.Miniredis
	password string
	opts     Options
	log      *slog.Logger
	unlock   func()
	rdb      *redis.Client // the saver's own connection

	dirty atomic.Bool
	gate  sync.RWMutex // held by a save while it reads the store; commands wait at it
	peers sync.Map     // *server.Peer -> true: clients' connections (they all AUTH first)
	hllMu sync.Mutex
	hll   map[string]map[string]struct{} // HyperLogLog key -> members added

	stop      chan struct{} // nil for a ReadOnly store
	stopped   chan struct{}
	saveMu    sync.Mutex // one save at a time
	closeOnce sync.Once

	saves    atomic.Int64
	lastSave atomic.Int64 // duration of the last save, ns
}

// Open locks dir, loads its snapshot (if any) into a new in-process Redis
// listening on loopback with a random password, and starts saving. It
// returns ErrLocked (wrapped) when another process holds dir, and an error
// naming the file when the snapshot cannot be read: a store that cannot be
// read back is not silently started empty.
func Open(opts Options) (*Server, error) {
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	unlock, err := lockDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts: opts, log: log, unlock: unlock, hll: map[string]map[string]struct{}{},
		stop: make(chan struct{}), stopped: make(chan struct{}),
	}
	ok := false
	defer func() {
		if !ok {
			s.shut()
		}
	}()
	start := time.Now()
	snap, err := readSnapshot(filepath.Join(opts.Dir, SnapshotFile))
	if err != nil {
		return nil, err
	}
	if err := s.start(snap); err != nil {
		return nil, err
	}
	s.log.Info("embedded redis started", "dir", opts.Dir, "keys", len(snap.Keys),
		"saved_at", snap.Saved, "load_ms", time.Since(start).Milliseconds())
	go s.loop()
	ok = true
	return s, nil
}

// ReadOnly loads the snapshot in dir into a new in-process Redis that saves
// nothing and takes no lock: for reading the figures while the line runs, or
// after it stopped (heritageline report). The copy is at most a second or
// so older than the line's data. Close it when done.
func ReadOnly(dir string) (*Server, error) {
	path := filepath.Join(dir, SnapshotFile)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("embedded: no data in %s: %w", dir, err)
	}
	snap, err := readSnapshot(path)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: Options{Dir: dir}, log: slog.Default(), hll: map[string]map[string]struct{}{}}
	if err := s.start(snap); err != nil {
		s.shut()
		return nil, err
	}
	return s, nil
}

// start runs miniredis with snap's data in it.
func (s *Server) start(snap *snapshot) error {
	var pw [16]byte
	rand.Read(pw[:])
	s.password = hex.EncodeToString(pw[:])
	m := miniredis.NewMiniRedis()
	if err := m.StartAddr("127.0.0.1:0"); err != nil {
		return fmt.Errorf("embedded: start: %w", err)
	}
	s.m = m
	m.RequireAuth(s.password)
	s.rdb = redis.NewClient(&redis.Options{Addr: m.Addr(), Password: s.password})
	if err := s.restore(snap); err != nil {
		return err
	}
	m.Server().SetPreHook(s.observe)
	return nil
}

// Addr is the store's host:port on loopback.
func (s *Server) Addr() string { return s.m.Addr() }

// Password is the password every connection must give.
func (s *Server) Password() string { return s.password }

// Client returns a new client for the store.
func (s *Server) Client() *redis.Client {
	return redis.NewClient(&redis.Options{Addr: s.Addr(), Password: s.password})
}

// Stats says how often the store saved and how long the last save took.
func (s *Server) Stats() (saves int64, last time.Duration) {
	return s.saves.Load(), time.Duration(s.lastSave.Load())
}

// observe runs before every command: a write marks the store dirty, and the
// members of HyperLogLogs are noted.
func (s *Server) observe(peer *server.Peer, cmd string, args ...string) bool {
	// A client's command waits while a save reads the store, so the
	// snapshot is of one moment. Commands a Lua script runs come through
	// here too, on peers of their own, while the script holds miniredis's
	// lock: those must not wait, or the save (waiting for that lock) and
	// the script would wait for each other. Every client's connection
	// starts with AUTH or HELLO (a password is required), which tells them
	// apart.
	switch {
	case cmd == "AUTH" || cmd == "HELLO":
		if _, seen := s.peers.LoadOrStore(peer, true); !seen {
			peer.OnDisconnect(func() { s.peers.Delete(peer) })
		}
	default:
		if _, client := s.peers.Load(peer); client {
			s.gate.RLock()
			s.gate.RUnlock()
		}
	}
	switch cmd {
	case "PFADD":
		if len(args) > 0 {
			s.hllMu.Lock()
			set := s.hll[args[0]]
			if set == nil {
				set = map[string]struct{}{}
				s.hll[args[0]] = set
			}
			for _, v := range args[1:] {
				set[v] = struct{}{}
			}
			s.hllMu.Unlock()
		}
	case "PFMERGE":
		if len(args) > 0 {
			s.hllMu.Lock()
			set := s.hll[args[0]]
			if set == nil {
				set = map[string]struct{}{}
				s.hll[args[0]] = set
			}
			for _, src := range args[1:] {
				for v := range s.hll[src] {
					set[v] = struct{}{}
				}
			}
			s.hllMu.Unlock()
		}
	}
	if !s.m.IsReadOnlyCommand(cmd) && cmd != "AUTH" && cmd != "HELLO" && cmd != "CLIENT" && cmd != "PING" {
		s.dirty.Store(true)
	}
	return false
}

// loop moves time to live on, and saves whenever the store is dirty, at
// most every Interval, never spending more than a tenth of the time saving.
func (s *Server) loop() {
	defer close(s.stopped)
	wait := s.opts.Interval
	last := time.Now()
	for {
		t := time.NewTimer(wait)
		select {
		case <-s.stop:
			t.Stop()
			return
		case <-t.C:
		}
		wait = s.opts.Interval
		// TTLs run with the clock, as on a real Redis: miniredis moves them
		// only when told. (Its ClockTTL does it on every command, at a cost
		// that grows with the keys that have one.)
		now := time.Now()
		s.m.FastForward(now.Sub(last))
		last = now
		if !s.dirty.Load() {
			continue
		}
		start := time.Now()
		if err := s.Save(); err != nil {
			s.log.Error("embedded redis: save failed; will try again", "dir", s.opts.Dir, "err", err)
			continue
		}
		if took := time.Since(start); 10*took > wait {
			wait = 10 * took
		}
	}
}

// Save writes a snapshot now.
func (s *Server) Save() error {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	start := time.Now()
	s.dirty.Store(false)
	snap, err := s.dump()
	if err != nil {
		s.dirty.Store(true)
		return err
	}
	if err := writeSnapshot(filepath.Join(s.opts.Dir, SnapshotFile), snap); err != nil {
		s.dirty.Store(true)
		return err
	}
	s.saves.Add(1)
	s.lastSave.Store(int64(time.Since(start)))
	return nil
}

// Close saves a last snapshot and stops the store. A ReadOnly store only
// stops.
func (s *Server) Close() error {
	var err error
	s.closeOnce.Do(func() {
		if s.stop != nil {
			close(s.stop)
			<-s.stopped
			err = s.Save()
		}
		s.shut()
	})
	return err
}

func (s *Server) shut() {
	if s.rdb != nil {
		s.rdb.Close()
	}
	if s.m != nil {
		s.m.Close()
	}
	if s.unlock != nil {
		s.unlock()
		s.unlock = nil
	}
}

// dump reads the whole store as it is at one moment: new commands wait at
// the gate while it reads, and one that had passed the gate finishes first
// (every command runs holding miniredis's lock).
func (s *Server) dump() (*snapshot, error) {
	s.gate.Lock()
	defer s.gate.Unlock()
	s.m.Lock()
	s.m.Unlock() //nolint:staticcheck // a barrier: the command running now ends
	now := time.Now()
	snap := &snapshot{Version: 1, Saved: now}
	s.hllMu.Lock()
	defer s.hllMu.Unlock()
	live := map[string]bool{}
	for _, name := range s.m.Keys() {
		if skipped(name, s.opts.Skip) {
			continue
		}
		k := Key{Name: name, Type: s.m.Type(name)}
		if ttl := s.m.TTL(name); ttl > 0 {
			k.ExpiresMs = now.Add(ttl).UnixMilli()
		}
		var err error
		switch k.Type {
		case "string":
			k.Value, err = s.m.Get(name)
		case "hash":
			var fields []string
			fields, err = s.m.HKeys(name)
			for _, f := range fields {
				k.Values = append(k.Values, f, s.m.HGet(name, f))
			}
		case "list":
			k.Values, err = s.m.List(name)
		case "set":
			k.Values, err = s.m.Members(name)
		case "zset":
			var zs map[string]float64
			zs, err = s.m.SortedSet(name)
			for m, score := range zs {
				k.Values = append(k.Values, m, strconv.FormatFloat(score, 'g', -1, 64))
			}
		case "hll":
			live[name] = true
			for v := range s.hll[name] {
				k.Values = append(k.Values, v)
			}
		default:
			continue // streams and others: the line uses none
		}
		if err != nil {
			continue // gone since Keys (expired): not kept
		}
		snap.Keys = append(snap.Keys, k)
	}
	// Forget the members of HyperLogLogs that are gone (expired, deleted).
	for name := range s.hll {
		if !live[name] {
			delete(s.hll, name)
		}
	}
	return snap, nil
}

func skipped(key string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// restore puts snap's keys into the store, with what is left of their time
// to live; keys whose time has passed are left out.
func (s *Server) restore(snap *snapshot) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	now := time.Now()
	pipe := s.rdb.Pipeline()
	n := 0
	for _, k := range snap.Keys {
		var ttl time.Duration
		if k.ExpiresMs > 0 {
			ttl = time.UnixMilli(k.ExpiresMs).Sub(now)
			if ttl <= 0 {
				continue
			}
		}
		switch k.Type {
		case "string":
			pipe.Set(ctx, k.Name, k.Value, 0)
		case "hash":
			pipe.HSet(ctx, k.Name, toAny(k.Values)...)
		case "list":
			pipe.RPush(ctx, k.Name, toAny(k.Values)...)
		case "set":
			pipe.SAdd(ctx, k.Name, toAny(k.Values)...)
		case "zset":
			zs := make([]redis.Z, 0, len(k.Values)/2)
			for i := 0; i+1 < len(k.Values); i += 2 {
				score, err := strconv.ParseFloat(k.Values[i+1], 64)
				if err != nil {
					return fmt.Errorf("embedded: snapshot key %q: score %q: %w", k.Name, k.Values[i+1], err)
				}
				zs = append(zs, redis.Z{Member: k.Values[i], Score: score})
			}
			pipe.ZAdd(ctx, k.Name, zs...)
		case "hll":
			pipe.PFAdd(ctx, k.Name, toAny(k.Values)...)
			set := map[string]struct{}{}
			for _, v := range k.Values {
				set[v] = struct{}{}
			}
			s.hll[k.Name] = set
		default:
			continue
		}
		if ttl > 0 {
			pipe.PExpire(ctx, k.Name, ttl)
		}
		if n++; n%1000 == 0 {
			if _, err := pipe.Exec(ctx); err != nil {
				return fmt.Errorf("embedded: restore: %w", err)
			}
		}
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("embedded: restore: %w", err)
	}
	return nil
}

// snapshot is what is written to disk (gob: binary-safe values).
type snapshot struct {
	Version int
	Saved   time.Time
	Keys    []Key
}

// Key is one key of a snapshot.
type Key struct {
	Name      string
	Type      string   // string, hash, list, set, zset, hll
	ExpiresMs int64    // Unix ms when it expires; 0 for never
	Value     string   // a string's value
	Values    []string // a hash's fields and values, a list's items in order, a set's or HyperLogLog's members, a sorted set's members and scores
}

func readSnapshot(path string) (*snapshot, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &snapshot{Version: 1}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	defer f.Close()
	var snap snapshot
	if err := gob.NewDecoder(f).Decode(&snap); err != nil {
		return nil, fmt.Errorf("embedded: %s cannot be read (move it aside to start with no data): %w", path, err)
	}
	if snap.Version != 1 {
		return nil, fmt.Errorf("embedded: %s: snapshot version %d; this line reads version 1", path, snap.Version)
	}
	return &snap, nil
}

// writeSnapshot writes snap to path atomically: a reader (or a restart
// after a kill -9) finds the old snapshot or the new, never half of one.
func writeSnapshot(path string, snap *snapshot) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("embedded: save: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := gob.NewEncoder(tmp).Encode(snap); err != nil {
		tmp.Close()
		return fmt.Errorf("embedded: save: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("embedded: save: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("embedded: save: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("embedded: save: %w", err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
