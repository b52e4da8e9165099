package figures

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Defaults for Options.
const (
	// DefaultRetention keeps raw events for thirteen months (396 days).
	DefaultRetention = 396 * 24 * time.Hour
	// DefaultTimeout bounds one Record's round trip to Redis.
	DefaultTimeout = 250 * time.Millisecond
	// DefaultPrefix starts every key. The braces are a Redis Cluster hash
	// tag: all the figures live in one slot, so a report can count people
	// across weeks with one PFCOUNT.
	DefaultPrefix = "heritageline:{figures}:"
)

// Options configure a Redis recorder. The zero value uses the defaults.
type Options struct {
	Prefix    string         // key prefix; default DefaultPrefix; keep a {hash tag} in it for Redis Cluster
	Retention time.Duration  // how long raw events are kept; default DefaultRetention
	Timeout   time.Duration  // bound on each Record; default DefaultTimeout
	Location  *time.Location // where weeks and days begin; default Europe/London
	// Title, when set, names an activity id in reports ("" when unknown).
	Title func(id string) string
	// OnError, when set, is called after each failed write, for example to
	// count Redis errors in the metrics.
	OnError func(err error)
}

// Redis records events in Redis: each raw event for the retention period,
// and weekly totals for ever. It is safe for concurrent use.
type Redis struct {
	rdb     redis.UniversalClient
	opts    Options
	log     *slog.Logger
	errors  atomic.Uint64
	refused atomic.Uint64
}

var _ Recorder = (*Redis)(nil)

// NewRedis returns a recorder writing to rdb. A nil log discards.
func NewRedis(rdb redis.UniversalClient, opts Options, log *slog.Logger) *Redis {
	if opts.Prefix == "" {
		opts.Prefix = DefaultPrefix
	}
	if opts.Retention <= 0 {
		opts.Retention = DefaultRetention
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Location == nil {
		opts.Location = london
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Redis{rdb: rdb, opts: opts, log: log}
}

// Errors returns how many Record calls failed to reach Redis.
func (r *Redis) Errors() uint64 { return r.errors.Load() }

// Refused returns how many events arrived with a field that was dropped
// because it might identify a resident (such as a Person that is a phone
// number rather than a keyed hash).
func (r *Redis) Refused() uint64 { return r.refused.Load() }

// Weekly hash fields.
const (
	fCalls              = "calls"
	fTexts              = "texts"
	fSearches           = "searches"
	fZero               = "zero_searches"
	fDetails            = "details"
	fTexted             = "texted"
	fHandoffsAsked      = "handoffs_asked"
	fHandoffsAnswered   = "handoffs_answered"
	fHandoffsMissed     = "handoffs_missed"
	fCallbacksRequested = "callbacks_requested"
	fCallbacksTaken     = "callbacks_taken"
	fCallbacksDone      = "callbacks_done"
)

// Outcomes counted in the weekly totals, by kind.
var outcomes = map[Kind]map[string]string{
	Handoff:  {"asked": fHandoffsAsked, "answered": fHandoffsAnswered, "missed": fHandoffsMissed},
	Callback: {"requested": fCallbacksRequested, "taken": fCallbacksTaken, "done": fCallbacksDone},
}

func (r *Redis) dayKey(t time.Time) string {
	return r.opts.Prefix + "day:" + dayStart(t, r.opts.Location).Format(time.DateOnly)
}

func (r *Redis) weekKey(start time.Time, part string) string {
	k := r.opts.Prefix + "week:" + start.Format(time.DateOnly)
	if part != "" {
		k += ":" + part
	}
	return k
}

// Record stores e in one pipelined round trip: the raw event in its day's
// list (which expires the retention period after its last write), and the
// counters of e's week. An event with no Time is stamped now. A Person that
// is not a keyed hash, and an Area or category that might be a number, are
// dropped (counted by Refused) and the rest of the event is kept. Record
// never fails its caller: it gives up after Options.Timeout even if ctx
// lasts longer, logs the error without any event content, and counts it.
func (r *Redis) Record(ctx context.Context, e Event) {
	e, dropped := clean(e)
	if len(dropped) > 0 {
		r.refused.Add(1)
		r.log.WarnContext(ctx, "figures: dropped fields that might identify a resident", "kind", string(e.Kind), "fields", strings.Join(dropped, ","))
	}
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	raw, err := json.Marshal(e)
	if err != nil { // cannot happen: Event has only plain fields
		r.fail(ctx, e, err)
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.opts.Timeout)
	defer cancel()

	pipe := r.rdb.Pipeline()
	day := r.dayKey(e.Time)
	pipe.RPush(ctx, day, raw)
	pipe.Expire(ctx, day, r.opts.Retention)

	week := WeekStart(e.Time, r.opts.Location)
	totals := r.weekKey(week, "")
	if e.Person != "" {
		pipe.PFAdd(ctx, r.weekKey(week, "people"), e.Person)
	}
	switch e.Kind {
	case Contact:
		switch e.Channel {
		case Voice:
			pipe.HIncrBy(ctx, totals, fCalls, 1)
		case SMS:
			pipe.HIncrBy(ctx, totals, fTexts, 1)
		}
	case Search:
		pipe.HIncrBy(ctx, totals, fSearches, 1)
		if e.Zero {
			pipe.HIncrBy(ctx, totals, fZero, 1)
		}
		for _, id := range e.Offered {
			pipe.ZIncrBy(ctx, r.weekKey(week, "offered"), 1, id)
		}
		if e.Area != "" {
			pipe.ZIncrBy(ctx, r.weekKey(week, "areas"), 1, e.Area)
		}
		for _, c := range e.Categories {
			pipe.ZIncrBy(ctx, r.weekKey(week, "categories"), 1, c)
		}
	case Details, Texted:
		f := fDetails
		if e.Kind == Texted {
			f = fTexted
		}
		pipe.HIncrBy(ctx, totals, f, 1)
		for _, id := range e.Offered {
			pipe.ZIncrBy(ctx, r.weekKey(week, "asked"), 1, id)
		}
	case Handoff, Callback:
		if f, ok := outcomes[e.Kind][e.Outcome]; ok {
			pipe.HIncrBy(ctx, totals, f, 1)
		}
		if e.Kind == Callback && e.Outcome == "done" && e.Seconds > 0 {
			pipe.RPush(ctx, r.weekKey(week, "callback_seconds"), e.Seconds)
		}
	}
	if _, err := pipe.Exec(ctx); err != nil {
		r.fail(ctx, e, err)
	}
}

func (r *Redis) fail(ctx context.Context, e Event, err error) {
	r.errors.Add(1)
	r.log.ErrorContext(ctx, "figures: record event", "kind", string(e.Kind), "channel", string(e.Channel), "err", err)
	if r.opts.OnError != nil {
		r.opts.OnError(err)
	}
}

// Events returns the raw events recorded on day (in Options.Location), oldest
// first; none once the retention period has passed. It returns the Redis
// error, wrapped, when Redis cannot be read or holds an event it cannot
// decode.
func (r *Redis) Events(ctx context.Context, day time.Time) ([]Event, error) {
	key := r.dayKey(day)
	raws, err := r.rdb.LRange(ctx, key, 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("figures: events of %s: %w", day.Format(time.DateOnly), err)
	}
	events := make([]Event, 0, len(raws))
	for i, raw := range raws {
		var e Event
		if err := json.Unmarshal([]byte(raw), &e); err != nil {
			return nil, fmt.Errorf("figures: events of %s entry %d: %w", day.Format(time.DateOnly), i, err)
		}
		events = append(events, e)
	}
	return events, nil
}
