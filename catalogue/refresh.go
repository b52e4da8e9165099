package catalogue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// DefaultRefreshInterval is how often the catalogue is read again from its
// source when CATALOGUE_REFRESH is not set.
const DefaultRefreshInterval = 15 * time.Minute

// DefaultRefreshRetry is the first wait before trying again after a failed
// refresh. It doubles after each failure in a row, up to the refresh interval.
const DefaultRefreshRetry = 30 * time.Second

// ErrReplacedElsewhere is returned, wrapped, by a Replacer that did not do the
// work because another instance of the line sharing the same store is replacing
// the catalogue at that moment. The other instance's catalogue will be in
// service shortly, so a Refresher counts it as done elsewhere, not as a failure.
var ErrReplacedElsewhere = errors.New("catalogue: replace in progress elsewhere")

// ErrNoActive means a source was read but yielded no active activity. The
// Refresher never puts such a catalogue in service.
var ErrNoActive = errors.New("catalogue: source has no active activity")

// Replacer puts a new catalogue in service in place of the old one, all at once.
type Replacer interface {
	// Replace makes acts the catalogue in service and returns its version. It
	// may return ErrReplacedElsewhere (wrapped) when another instance is doing
	// the same work; on any error the catalogue in service is unchanged.
	Replace(ctx context.Context, acts []Activity) (version string, err error)
}

// Outcome is what one refresh came to.
type Outcome string

const (
	OutcomeNone      Outcome = ""          // no refresh has finished yet
	OutcomeReplaced  Outcome = "replaced"  // the new catalogue is in service
	OutcomeElsewhere Outcome = "elsewhere" // another instance was replacing it
	OutcomeFailed    Outcome = "failed"    // source unreadable, empty, or the store failed; old catalogue kept
)

// RefreshStatus describes the refresher's state, for /readyz and metrics.
type RefreshStatus struct {
	Source string // the source of the last load attempt, as Load.Source gave it

	LastAttempt  time.Time     // when the last refresh finished; zero before the first
	LastDuration time.Duration // how long it took (reading plus replacing)
	LastOutcome  Outcome
	LastErr      error // nil unless LastOutcome is OutcomeFailed

	// LastSuccess is when a catalogue was last put in service (or found already
	// in service) by this refresher; zero if never. Version is that catalogue's.
	LastSuccess time.Time
	Version     string

	// Counts from the last source that could be read.
	Active, Inactive, Skipped int

	Refreshes int // refreshes finished, of any outcome
	Failures  int // failures in a row; 0 after a success
}

// Loaded reports whether this refresher has put a catalogue in service.
func (s RefreshStatus) Loaded() bool { return !s.LastSuccess.IsZero() }

// RefresherOptions configures a Refresher. The zero value is usable.
type RefresherOptions struct {
	Interval time.Duration // between refreshes; 0 means DefaultRefreshInterval
	Retry    time.Duration // first wait after a failure; 0 means DefaultRefreshRetry
	Logger   *slog.Logger  // nil means slog.Default()
}

// Refresher reads the catalogue from its source and replaces the store's copy,
// at start and then at every interval. It never wipes the catalogue in service:
// when the source cannot be read, yields no active activity, or the store fails,
// it logs an error, keeps the old catalogue, and tries again sooner (after
// Retry, doubling up to Interval).
type Refresher struct {
	load  func(context.Context) (Load, error)
	store Replacer
	opts  RefresherOptions
	log   *slog.Logger
	now   func() time.Time

	mu     sync.Mutex
	status RefreshStatus
	hooks  []func(context.Context, Load, string)
	run    sync.Mutex // one refresh at a time
}

// NewRefresher returns a Refresher that reads with load and replaces store.
func NewRefresher(load func(context.Context) (Load, error), store Replacer, opts RefresherOptions) *Refresher {
	if opts.Interval <= 0 {
		opts.Interval = DefaultRefreshInterval
	}
	if opts.Retry <= 0 {
		opts.Retry = DefaultRefreshRetry
	}
	if opts.Retry > opts.Interval {
		opts.Retry = opts.Interval
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Refresher{load: load, store: store, opts: opts, log: log, now: time.Now}
}

// OnLoad registers f to be called after each refresh that read a good catalogue
// (one with an active activity) and put it in service, or found another
// instance doing so. f receives the whole Load (inactive activities included)
// and the version ("" when the work was done elsewhere). Hooks run in the
// refresher's goroutine, in the order registered; a slow hook delays the next
// refresh. Register hooks before Run.
func (r *Refresher) OnLoad(f func(ctx context.Context, l Load, version string)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.hooks = append(r.hooks, f)
}

// Status returns the state after the last finished refresh.
func (r *Refresher) Status() RefreshStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status
}

// Run refreshes at once, then every Interval (sooner after a failure), until
// ctx is done. It returns nil when ctx is cancelled: failures are reported
// through the log and Status, never by stopping.
func (r *Refresher) Run(ctx context.Context) error {
	for {
		wait := r.opts.Interval
		if err := r.Refresh(ctx); err != nil && !errors.Is(err, ErrReplacedElsewhere) {
			wait = r.backoff()
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

func (r *Refresher) backoff() time.Duration {
	r.mu.Lock()
	n := r.status.Failures
	r.mu.Unlock()
	d := r.opts.Retry
	for i := 1; i < n && d < r.opts.Interval; i++ {
		d *= 2
	}
	return min(d, r.opts.Interval)
}

// Refresh reads the source once and, if it yields at least one active
// activity, replaces the store's catalogue. It returns the source's error,
// ErrNoActive, or the store's error (possibly ErrReplacedElsewhere), each
// wrapped; on any error the catalogue in service is untouched.
func (r *Refresher) Refresh(ctx context.Context) error {
	r.run.Lock()
	defer r.run.Unlock()

	start := r.now()
	l, err := r.load(ctx)
	active, inactive := 0, 0
	if err == nil {
		for i := range l.Activities {
			if l.Activities[i].Active {
				active++
			} else {
				inactive++
			}
		}
		if active == 0 {
			err = fmt.Errorf("catalogue: refresh %s: %w", l.Source, ErrNoActive)
		}
	} else {
		err = fmt.Errorf("catalogue: refresh: read source: %w", err)
	}

	var version string
	outcome := OutcomeFailed
	if err == nil {
		version, err = r.store.Replace(ctx, l.Activities)
		switch {
		case err == nil:
			outcome = OutcomeReplaced
		case errors.Is(err, ErrReplacedElsewhere):
			outcome = OutcomeElsewhere
			version = ""
			err = fmt.Errorf("catalogue: refresh %s: %w", l.Source, err)
		default:
			err = fmt.Errorf("catalogue: refresh %s: replace: %w", l.Source, err)
		}
	}
	took := r.now().Sub(start)

	r.mu.Lock()
	st := &r.status
	st.LastAttempt = r.now()
	st.LastDuration = took
	st.LastOutcome = outcome
	st.Refreshes++
	if l.Source != "" {
		st.Source = l.Source
	}
	if outcome == OutcomeFailed {
		st.LastErr = err
		st.Failures++
	} else {
		st.LastErr = nil
		st.Failures = 0
	}
	if outcome == OutcomeReplaced {
		st.LastSuccess = st.LastAttempt
		st.Version = version
	}
	if outcome != OutcomeFailed || active > 0 || inactive > 0 || len(l.Skipped) > 0 {
		st.Active, st.Inactive, st.Skipped = active, inactive, len(l.Skipped)
	}
	failures := st.Failures
	hooks := append([]func(context.Context, Load, string){}, r.hooks...)
	r.mu.Unlock()

	attrs := []slog.Attr{
		slog.String("source", l.Source),
		slog.String("outcome", string(outcome)),
		slog.Int("active", active),
		slog.Int("inactive", inactive),
		slog.Int("skipped", len(l.Skipped)),
		slog.Int64("duration_ms", took.Milliseconds()),
	}
	switch outcome {
	case OutcomeFailed:
		r.log.LogAttrs(ctx, slog.LevelError, "catalogue refresh failed; keeping the catalogue in service",
			append(attrs, slog.Int("failures_in_a_row", failures), slog.Any("err", err))...)
		return err
	case OutcomeElsewhere:
		r.log.LogAttrs(ctx, slog.LevelInfo, "catalogue refresh done by another instance", attrs...)
	default:
		r.log.LogAttrs(ctx, slog.LevelInfo, "catalogue refreshed", append(attrs, slog.String("version", version))...)
	}
	for _, h := range hooks {
		h(ctx, l, version)
	}
	return err
}
