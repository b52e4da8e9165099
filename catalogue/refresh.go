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

// ErrHeld is wrapped by the error of a refresh that was held: the source
// ends part way through a record (ErrTruncated), or it would take more of
// the catalogue out of service at once than RefresherOptions.MaxDrop allows.
// The catalogue in service stays; RefreshStatus.Held says why.
var ErrHeld = errors.New("catalogue: refresh held")

// DefaultMaxDrop is the largest share of the active activities in service
// that one refresh may take out of service without being accepted: a
// quarter. More than that is held (see RefresherOptions.AcceptDrop).
const DefaultMaxDrop = 0.25

// InServiceCounter is a Replacer that can say how many active activities
// the catalogue in service holds (*redisstore.Store). A Refresher measures a
// reload's drop against it, so that what another instance put in service,
// or what a store kept over a restart, counts too.
type InServiceCounter interface {
	// InService returns the number of active activities in service; 0 when
	// none is.
	InService(ctx context.Context) (int, error)
}

// Replacer puts a new catalogue in service in place of the old one, all at once.
type Replacer interface {
	// Replace makes acts the catalogue in service and returns its version. It
	// may return ErrReplacedElsewhere (wrapped) when another instance is doing
	// the same work; on any error the catalogue in service is unchanged.
	Replace(ctx context.Context, acts []Activity) (version string, err error)
}

// TakingReplacer is a Replacer that can keep the activities it is given
// rather than copying them, for a caller (a refresh) that has no further use
// for them: a national catalogue is then held once, not twice, while it
// is put in service.
type TakingReplacer interface {
	Replacer
	// ReplaceTaking is Replace, except that it may reorder, change and keep
	// acts; it returns the activities it put in service (nil if it did not
	// touch acts), which the caller may read but not change.
	ReplaceTaking(ctx context.Context, acts []Activity) (version string, kept []Activity, err error)
}

// Outcome is what one refresh came to.
type Outcome string

const (
	OutcomeNone      Outcome = ""          // no refresh has finished yet
	OutcomeReplaced  Outcome = "replaced"  // the new catalogue is in service
	OutcomeElsewhere Outcome = "elsewhere" // another instance was replacing it
	OutcomeFailed    Outcome = "failed"    // source unreadable, empty, or the store failed; old catalogue kept
	OutcomeHeld      Outcome = "held"      // source cut off, or it would remove too much at once; old catalogue kept
)

// HoldReason is why a refresh was held.
type HoldReason string

const (
	HoldCutOff HoldReason = "cut-off" // the source ends part way through a record
	HoldDrop   HoldReason = "drop"    // it would take too many activities out of service at once
)

// Hold says what a held refresh held back and why, in words for the
// coordinator (the log, /metrics and the console show it).
type Hold struct {
	Reason HoldReason
	// Message is precise: the source, and where it ends or how many
	// activities would go ("would take 16 of the 32 activities in service
	// out at once (50%; at most 25% may go in one reload)").
	Message string
	At      time.Time // when it was held (the latest refresh held)
	// InService and Offered are the active activities in service and in the
	// held source (Offered is 0 for a source cut off).
	InService, Offered int
}

// RefreshStatus describes the refresher's state, for /readyz and metrics.
type RefreshStatus struct {
	Source string // the source of the last load attempt, as Load.Source gave it

	LastAttempt  time.Time     // when the last refresh finished; zero before the first
	LastDuration time.Duration // how long it took (reading plus replacing)
	LastOutcome  Outcome
	LastErr      error // nil unless LastOutcome is OutcomeFailed or OutcomeHeld

	// Held is the last hold since a catalogue was last put in service (or
	// found put in service elsewhere); its Reason is "" when there is none.
	// A refresh that fails for another reason after a hold leaves it set:
	// the catalogue in service is still the one from before the hold.
	Held Hold

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
	// MaxDrop is the largest share (0 to 1) of the active activities in
	// service one refresh may take out of service; more is held. 0 means
	// DefaultMaxDrop; 1 lets any drop through.
	MaxDrop float64
	// AcceptDrop, if set, is asked when a refresh would be held for a drop:
	// true lets this one through (a coordinator's deliberate cut). It is
	// never asked about a source cut off.
	AcceptDrop func(Hold) bool
}

// Refresher reads the catalogue from its source and replaces the store's copy,
// at start and then at every interval. It never wipes the catalogue in service:
// when the source cannot be read, yields no active activity, or the store fails,
// it logs an error, keeps the old catalogue, and tries again sooner (after
// Retry, doubling up to Interval). A source that ends part way through a
// record, or that would take more than MaxDrop of the activities in service
// out at once, is held the same way, with a warning and the reason in
// Status().Held.
type Refresher struct {
	load  func(context.Context) (Load, error)
	store Replacer
	opts  RefresherOptions
	log   *slog.Logger
	now   func() time.Time

	mu       sync.Mutex
	status   RefreshStatus
	lastGood int // active activities this refresher last put in service
	hooks    []func(context.Context, Load, string)
	run      sync.Mutex // one refresh at a time
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
	if opts.MaxDrop <= 0 {
		opts.MaxDrop = DefaultMaxDrop
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
// ErrNoActive, ErrHeld (wrapping ErrTruncated for a source cut off), or the
// store's error (possibly ErrReplacedElsewhere), each wrapped; on any error
// the catalogue in service is untouched.
func (r *Refresher) Refresh(ctx context.Context) error {
	r.run.Lock()
	defer r.run.Unlock()

	start := r.now()
	l, err := r.load(ctx)
	active, inactive := 0, 0
	var hold Hold
	switch {
	case err == nil:
		for i := range l.Activities {
			if l.Activities[i].Active {
				active++
			} else {
				inactive++
			}
		}
		if active == 0 {
			err = fmt.Errorf("catalogue: refresh %s: %w", l.Source, ErrNoActive)
			break
		}
		hold, err = r.checkDrop(ctx, l.Source, active)
	case errors.Is(err, ErrTruncated):
		hold = Hold{Reason: HoldCutOff, Message: err.Error(), InService: r.inService(ctx)}
		err = fmt.Errorf("catalogue: refresh: %w: %w", ErrHeld, err)
	default:
		err = fmt.Errorf("catalogue: refresh: read source: %w", err)
	}

	var version string
	outcome := OutcomeFailed
	if hold.Reason != "" {
		outcome = OutcomeHeld
	}
	if err == nil {
		if t, ok := r.store.(TakingReplacer); ok {
			// l.Activities is read again only by the hooks, which are
			// given what went into service (the active activities).
			var kept []Activity
			version, kept, err = t.ReplaceTaking(ctx, l.Activities)
			if kept != nil {
				l.Activities = kept
			}
		} else {
			version, err = r.store.Replace(ctx, l.Activities)
		}
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
	switch outcome {
	case OutcomeFailed, OutcomeHeld:
		st.LastErr = err
		st.Failures++
	default:
		st.LastErr = nil
		st.Failures = 0
		st.Held = Hold{}
	}
	if outcome == OutcomeHeld {
		hold.At = st.LastAttempt
		st.Held = hold
	}
	if outcome == OutcomeReplaced {
		st.LastSuccess = st.LastAttempt
		st.Version = version
		r.lastGood = active
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
		slog.Int("ended", len(l.Ended)),
		slog.Int64("duration_ms", took.Milliseconds()),
	}
	switch outcome {
	case OutcomeHeld:
		r.log.LogAttrs(ctx, slog.LevelWarn, "catalogue refresh held; keeping the catalogue in service",
			append(attrs, slog.String("reason", string(hold.Reason)), slog.String("held", hold.Message),
				slog.Int("in_service", hold.InService), slog.Int("failures_in_a_row", failures))...)
		return err
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

// checkDrop holds a source of offered active activities that would take more
// than MaxDrop of those in service out at once, unless AcceptDrop lets it
// through. It returns the hold and ErrHeld (wrapped), or no hold and nil.
func (r *Refresher) checkDrop(ctx context.Context, source string, offered int) (Hold, error) {
	before := r.inService(ctx)
	if before == 0 || offered >= before {
		return Hold{}, nil
	}
	share := float64(before-offered) / float64(before)
	if share <= r.opts.MaxDrop {
		return Hold{}, nil
	}
	h := Hold{
		Reason: HoldDrop, InService: before, Offered: offered,
		Message: fmt.Sprintf("%s would take %d of the %d activities in service out at once (%.0f%%; at most %.0f%% may go in one reload)",
			source, before-offered, before, 100*share, 100*r.opts.MaxDrop),
	}
	if r.opts.AcceptDrop != nil && r.opts.AcceptDrop(h) {
		r.log.LogAttrs(ctx, slog.LevelWarn, "catalogue cut accepted by the coordinator",
			slog.String("source", source), slog.Int("in_service", before), slog.Int("active", offered))
		return Hold{}, nil
	}
	return h, fmt.Errorf("catalogue: refresh: %w: %s", ErrHeld, h.Message)
}

// inService is the number of active activities in service: the store's
// count when it can give one, else what this refresher last put there.
func (r *Refresher) inService(ctx context.Context) int {
	if c, ok := r.store.(InServiceCounter); ok {
		n, err := c.InService(ctx)
		if err == nil {
			return n
		}
		r.log.LogAttrs(ctx, slog.LevelWarn, "catalogue refresh: could not count the catalogue in service; using the last count",
			slog.Any("err", err))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastGood
}
