// Package redisstore keeps the activity catalogue in Redis, shared by every
// instance of the line: activities as JSON, Redis's geo index for "near a
// point", and versioned reloads that switch atomically. Each instance holds the
// current version decoded in memory, so a search costs one Redis round trip,
// and answers from that copy when Redis is away.
//
// It uses go-redis only through redis.UniversalClient, so a single server,
// Sentinel or Cluster is a matter of configuration. See docs/redis.md.
package redisstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/internal/roundtrip"
)

var (
	_ catalogue.Finder     = (*Store)(nil)
	_ catalogue.TownLister = (*Store)(nil)
	_ catalogue.Replacer   = (*Store)(nil)
)

// ErrUnavailable means Redis could not be reached and this instance holds no
// catalogue in memory to answer from. It wraps the Redis error.
var ErrUnavailable = errors.New("redisstore: redis unavailable and no catalogue in memory")

// Options configures a Store. The zero value gives the defaults.
type Options struct {
	// Prefix starts every key and must contain a hash tag, so that on a Cluster
	// all keys share one slot. Default "{hl:cat}".
	Prefix string
	Logger *slog.Logger // nil means slog.Default()
	// Grace is how long a version is kept after it leaves service, for
	// instances still reading it. Default 5 minutes.
	Grace time.Duration
	// LockTTL is how long the reload lock lives without being renewed; a reload
	// renews it after every batch. Default 30 seconds.
	LockTTL time.Duration
	// Batch is the number of activities written per pipeline (and per stored
	// chunk). Default 1000.
	Batch int
	// RetryAfter is how long, after Redis fails, searches answer from memory
	// without trying Redis. Default 1 second.
	RetryAfter time.Duration
	// Timeout bounds each search's Redis round trip: a slower Redis counts as
	// failed, and the search is answered from memory. Default 500 ms.
	Timeout time.Duration
	// Recheck is how long a version that Redis confirmed as the one in
	// service is trusted before Redis is asked again. Within it, Near, Get and Towns
	// answer from memory without a round trip, so a reload by another instance (or a Redis that lost the
	// catalogue) is noticed at most Recheck later. Default 1 second; negative
	// asks Redis every time.
	Recheck time.Duration
	// SwitchWait is how long a search waits for a new version to be read into
	// memory before answering from the version it holds. Default 250 ms.
	SwitchWait time.Duration
	// Shared, when set, is the client a search's question of which version
	// is in service goes through (with
	// roundtrip.Exec): the deferred face of the store's client's
	// autopipeliner, so that a search shares round trips with other webhooks'
	// commands. Reloads and the reading of a new version stay on the store's
	// own client, so their large replies never hold a webhook up. Nil sends
	// searches on the store's client.
	Shared redis.UniversalClient
}

// Store is the catalogue in Redis. It is safe for concurrent use.
type Store struct {
	rdb  redis.UniversalClient
	opts Options
	k    keys
	log  *slog.Logger
	now  func() time.Time

	snap atomic.Pointer[snapshot]

	loadMu  sync.Mutex
	loading map[string]*pendingLoad // version -> load in progress

	downUntil atomic.Int64 // Unix ns: answer from memory until then
	down      atomic.Bool  // Redis was failing at the last attempt
	lastWarn  atomic.Int64 // Unix ns of the last fallback warning
	fallbacks atomic.Int64
	replaces  atomic.Int64
}

type pendingLoad struct {
	done chan struct{}
	snap *snapshot
	err  error
}

// Stats is what a Store has done since it was created, for metrics.
type Stats struct {
	Version    string // the version held in memory; "" if none
	Activities int    // active activities in that version
	Fallbacks  int64  // answers given from memory because Redis failed
	Replaces   int64  // reloads this instance built and switched to
	RedisDown  bool   // Redis failed at the last attempt
}

// New returns a Store using rdb. It does not contact Redis.
func New(rdb redis.UniversalClient, opts Options) *Store {
	if opts.Prefix == "" {
		opts.Prefix = "{hl:cat}"
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Grace <= 0 {
		opts.Grace = 5 * time.Minute
	}
	if opts.LockTTL <= 0 {
		opts.LockTTL = 30 * time.Second
	}
	if opts.Shared == nil {
		opts.Shared = rdb
	}
	if opts.Batch <= 0 {
		opts.Batch = 1000
	}
	if opts.RetryAfter <= 0 {
		opts.RetryAfter = time.Second
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 500 * time.Millisecond
	}
	if opts.Recheck == 0 {
		opts.Recheck = time.Second
	}
	if opts.SwitchWait <= 0 {
		opts.SwitchWait = 250 * time.Millisecond
	}
	return &Store{
		rdb: rdb, opts: opts, k: keys{opts.Prefix}, log: opts.Logger, now: time.Now,
		loading: map[string]*pendingLoad{},
	}
}

// Stats reports counters and the version held in memory.
func (s *Store) Stats() Stats {
	st := Stats{Fallbacks: s.fallbacks.Load(), Replaces: s.replaces.Load(), RedisDown: s.down.Load()}
	if snap := s.snap.Load(); snap != nil {
		st.Version, st.Activities = snap.version, len(snap.acts)
	}
	return st
}

// Near returns the active activities matching q, nearest first, then by next
// session, with the total that match. Distances are places.Miles from the
// query point. It searches the catalogue held in memory (its grid: see
// snapshot.near), asking Redis only which version is in service, and that
// only when the last answer is older than Options.Recheck (or when nothing
// was found, in case the version held is gone). When Redis fails or takes
// longer than Options.Timeout, it answers from memory without asking. It
// returns catalogue.ErrNoCatalogue when no catalogue has been loaded,
// ErrUnavailable when Redis is away and none is held, or ctx's error.
func (s *Store) Near(ctx context.Context, q catalogue.Query) ([]catalogue.Result, int, error) {
	if q.Now.IsZero() {
		q.Now = time.Now() // one moment for every candidate's checks
	}
	held := s.snap.Load()
	asked := held == nil || !s.trusted(held)
	snap, err := s.current(ctx)
	if err != nil {
		return nil, 0, err
	}
	rs, total := snap.near(q)
	if total == 0 && !asked && !s.skipRedis() {
		// Nothing near, or the version held is gone from Redis (restarted
		// empty, or reloaded elsewhere and collected): ask which, rather than
		// tell someone there is nothing near them.
		snap.checked.Store(0)
		if again, err := s.current(ctx); err == nil && again != snap {
			rs, total = again.near(q)
		}
	}
	return rs, total, nil
}

// Get returns the active activity with id, or catalogue.ErrNotFound. Like
// Near it answers from memory when Redis fails, and returns
// catalogue.ErrNoCatalogue or ErrUnavailable when it cannot.
func (s *Store) Get(ctx context.Context, id string) (catalogue.Activity, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return catalogue.Activity{}, err
	}
	a, ok := snap.get(id)
	if !ok || !a.Active {
		return catalogue.Activity{}, fmt.Errorf("redisstore: get %q: %w", id, catalogue.ErrNotFound)
	}
	return cloneActivity(*a), nil
}

// Towns lists the towns of the catalogue in service, most activities first.
// It returns catalogue.ErrNoCatalogue or ErrUnavailable as Get does.
func (s *Store) Towns(ctx context.Context) ([]catalogue.Town, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return append([]catalogue.Town(nil), snap.towns...), nil
}

// current returns the snapshot of the version in service, reading it into
// memory if needed. When Redis fails it returns the snapshot held.
func (s *Store) current(ctx context.Context) (*snapshot, error) {
	snap := s.snap.Load()
	if snap != nil && s.skipRedis() {
		s.countFallback(ctx, snap, nil)
		return snap, nil
	}
	if snap != nil && s.trusted(snap) {
		return snap, nil
	}
	// Through the shared client, so the question rides with other webhooks'
	// commands.
	pipe := s.opts.Shared.Pipeline()
	cur := pipe.Get(ctx, s.k.current())
	err := s.exec(ctx, pipe)
	var ver string
	if err == nil || errors.Is(err, redis.Nil) {
		// Read only once it has answered: reading a command Redis has not
		// answered waits for it.
		ver, err = cur.Result()
	}
	switch {
	case errors.Is(err, redis.Nil):
		s.recovered()
		if snap != nil {
			s.countFallback(ctx, snap, errors.New("current version missing in redis"))
			return snap, nil
		}
		return nil, catalogue.ErrNoCatalogue
	case err != nil:
		if ctx.Err() != nil {
			return nil, fmt.Errorf("redisstore: %w", ctx.Err())
		}
		s.failed(err)
		if snap != nil {
			s.countFallback(ctx, snap, err)
			return snap, nil
		}
		return nil, fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	s.recovered()
	if snap != nil && snap.version == ver {
		s.confirm(snap)
		return snap, nil
	}
	if snap == nil {
		snap, err := s.waitLoad(ctx, ver)
		if err == nil && snap.version == ver {
			s.confirm(snap)
		}
		return snap, err
	}
	return s.switchTo(ctx, ver), nil
}

// errSlow means Redis took longer than Options.Timeout.
var errSlow = errors.New("redisstore: redis slower than the timeout")

// bounded runs f, a Redis call, and waits for it at most Options.Timeout. It
// does not rely on the client honouring context deadlines (go-redis does so
// only with ContextTimeoutEnabled): a call that overruns finishes in the
// background, and bounded returns errSlow.
func (s *Store) bounded(ctx context.Context, f func(context.Context) error) error {
	fctx, cancel := context.WithTimeout(ctx, s.opts.Timeout)
	done := make(chan error, 1)
	go func() {
		defer cancel()
		done <- f(fctx)
	}()
	select {
	case err := <-done:
		return err
	case <-fctx.Done():
		select {
		case err := <-done:
			return err
		default:
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return errSlow
	}
}

// exec sends the commands queued on pipe with roundtrip.Exec (so they share
// round trips with other webhooks' commands when the client is an
// autopipeliner), waiting at most Options.Timeout.
func (s *Store) exec(ctx context.Context, pipe redis.Pipeliner) error {
	return s.bounded(ctx, func(ctx context.Context) error { return roundtrip.Exec(ctx, s.opts.Shared, pipe) })
}

// switchTo starts reading version ver into memory (once, however many callers
// ask) and waits up to SwitchWait for it. It returns the new snapshot if it
// arrived in time, or else the one held.
func (s *Store) switchTo(ctx context.Context, ver string) *snapshot {
	p := s.startLoad(ctx, ver)
	t := time.NewTimer(s.opts.SwitchWait)
	defer t.Stop()
	select {
	case <-p.done:
	case <-t.C:
	case <-ctx.Done():
	}
	return s.snap.Load()
}

// waitLoad reads version ver into memory and waits for it.
func (s *Store) waitLoad(ctx context.Context, ver string) (*snapshot, error) {
	p := s.startLoad(ctx, ver)
	select {
	case <-p.done:
	case <-ctx.Done():
		return nil, fmt.Errorf("redisstore: read catalogue %s: %w", ver, ctx.Err())
	}
	if p.err != nil {
		if errors.Is(p.err, redis.Nil) {
			return nil, catalogue.ErrNoCatalogue
		}
		return nil, fmt.Errorf("%w: %w", ErrUnavailable, p.err)
	}
	return p.snap, nil
}

// startLoad begins reading version ver unless that is already under way. The
// reading outlives ctx's cancellation (other callers may wait for it) but not
// a minute.
func (s *Store) startLoad(ctx context.Context, ver string) *pendingLoad {
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	if p, ok := s.loading[ver]; ok {
		return p
	}
	p := &pendingLoad{done: make(chan struct{})}
	s.loading[ver] = p
	go func() {
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		start := s.now()
		p.snap, p.err = s.readVersion(lctx, ver)
		if p.err == nil {
			s.install(p.snap)
			s.log.LogAttrs(lctx, slog.LevelInfo, "catalogue version read into memory",
				slog.String("version", ver), slog.Int("activities", len(p.snap.acts)),
				slog.Int64("duration_ms", s.now().Sub(start).Milliseconds()))
		} else {
			s.log.LogAttrs(lctx, slog.LevelWarn, "could not read catalogue version into memory",
				slog.String("version", ver), slog.Any("err", p.err))
		}
		s.loadMu.Lock()
		delete(s.loading, ver)
		s.loadMu.Unlock()
		close(p.done)
	}()
	return p
}

// install makes snap the one held. The last to finish wins; the next search
// checks it against Redis's current version anyway.
func (s *Store) install(snap *snapshot) { s.snap.Store(snap) }

// confirm notes that Redis has just said snap's version is in service.
func (s *Store) confirm(snap *snapshot) { snap.checked.Store(s.now().UnixNano()) }

// trusted reports whether snap's version was confirmed less than
// Options.Recheck ago.
func (s *Store) trusted(snap *snapshot) bool {
	return s.opts.Recheck > 0 && s.now().UnixNano()-snap.checked.Load() < int64(s.opts.Recheck)
}

// skipRedis reports whether Redis failed less than RetryAfter ago.
func (s *Store) skipRedis() bool {
	return s.now().UnixNano() < s.downUntil.Load()
}

func (s *Store) failed(err error) {
	s.downUntil.Store(s.now().Add(s.opts.RetryAfter).UnixNano())
	if !s.down.Swap(true) {
		s.log.LogAttrs(context.Background(), slog.LevelError, "redis failed; answering from the catalogue in memory",
			slog.Any("err", err))
	}
}

func (s *Store) recovered() {
	if s.down.Swap(false) {
		s.log.LogAttrs(context.Background(), slog.LevelInfo, "redis is back; searching it again",
			slog.Int64("fallbacks", s.fallbacks.Load()))
	}
}

// fallback answers q from snap alone, counting it.
func (s *Store) fallback(ctx context.Context, snap *snapshot, q catalogue.Query, cause error) ([]catalogue.Result, int) {
	s.countFallback(ctx, snap, cause)
	return snap.search(q)
}

// countFallback counts an answer from memory and logs it, at most every ten
// seconds.
func (s *Store) countFallback(ctx context.Context, snap *snapshot, cause error) {
	n := s.fallbacks.Add(1)
	now := s.now().UnixNano()
	last := s.lastWarn.Load()
	if now-last < int64(10*time.Second) || !s.lastWarn.CompareAndSwap(last, now) {
		return
	}
	attrs := []slog.Attr{slog.String("version", snap.version), slog.Int64("fallbacks", n)}
	if cause != nil {
		attrs = append(attrs, slog.Any("err", cause))
	}
	s.log.LogAttrs(ctx, slog.LevelWarn, "answered from the catalogue in memory", attrs...)
}
