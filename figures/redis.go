package figures

import (
	"cmp"
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
	// DefaultTimeout bounds one write of a batch of events to Redis.
	DefaultTimeout = 250 * time.Millisecond
	// DefaultFlushInterval is the longest an event waits to be written.
	DefaultFlushInterval = 100 * time.Millisecond
	// DefaultBatchSize events are written in one pipeline at most.
	DefaultBatchSize = 256
	// DefaultBufferSize events may wait to be written; more are dropped.
	DefaultBufferSize = 8192
	// DefaultPrefix starts every key. The braces are a Redis Cluster hash
	// tag: all the figures live in one slot, so a report can count people
	// across weeks with one PFCOUNT.
	DefaultPrefix = "heritageline:{figures}:"
)

// Options configure a Redis recorder. The zero value uses the defaults.
type Options struct {
	Prefix    string        // key prefix; default DefaultPrefix; keep a {hash tag} in it for Redis Cluster
	Retention time.Duration // how long raw events are kept; default DefaultRetention
	Timeout   time.Duration // bound on each write of a batch of events; default DefaultTimeout
	// FlushInterval, when set, takes the writes off the caller's path:
	// Record queues each event and one goroutine writes the queue in one
	// pipeline at least this often (DefaultFlushInterval is a good value).
	// Call Close at shutdown so nothing waiting is lost. When zero, each
	// Record writes its event at once, in its own round trip.
	FlushInterval time.Duration
	// BatchSize is how many waiting events are written at once without
	// waiting for FlushInterval; default DefaultBatchSize.
	BatchSize int
	// BufferSize is how many events may wait; more are dropped and counted
	// (Dropped). Default DefaultBufferSize.
	BufferSize int
	Location   *time.Location // where weeks and days begin; default Europe/London
	// Title, when set, names an activity id in reports ("" when unknown).
	Title func(id string) string
	// OnError, when set, is called after each failed write, for example to
	// count Redis errors in the metrics.
	OnError func(err error)
}

// Redis records events in Redis: each raw event for the retention period,
// and weekly totals for ever. With Options.FlushInterval set, events are
// written in batches by one goroutine, off the caller's path, and Close
// writes what is waiting and stops it. It is safe for concurrent use.
type Redis struct {
	rdb     redis.UniversalClient
	opts    Options
	log     *slog.Logger
	errors  atomic.Uint64
	refused atomic.Uint64
	dropped atomic.Uint64
	writer  writer
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
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	if opts.BufferSize <= 0 {
		opts.BufferSize = DefaultBufferSize
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Redis{rdb: rdb, opts: opts, log: log}
}

// Errors returns how many recorded events failed to reach Redis.
func (r *Redis) Errors() uint64 { return r.errors.Load() }

// Refused returns how many events arrived with a field that was dropped
// because it might identify a resident (such as a Person that is a phone
// number rather than a keyed hash).
func (r *Redis) Refused() uint64 { return r.refused.Load() }

// Dropped returns how many events were dropped unwritten because
// Options.BufferSize events were already waiting.
func (r *Redis) Dropped() uint64 { return r.dropped.Load() }

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

	fFollowUpsOffered = "followups_offered"
	fFollowUpsAgreed  = "followups_agreed"
	fWellbeingAgreed  = "wellbeing_agreed"
	fFollowUpsSent    = "followups_sent"
	fFollowUpsWent    = "followups_went"
	fFollowUpsNotYet  = "followups_not_yet"
	fFollowUpsNo      = "followups_no"
	fBuddiesRequested = "buddies_requested"
	fBuddiesTaken     = "buddies_taken"
	fBuddiesDone      = "buddies_done"
)

// Outcomes counted in the weekly totals, by kind.
var outcomes = map[Kind]map[string]string{
	Handoff:  {"asked": fHandoffsAsked, "answered": fHandoffsAnswered, "missed": fHandoffsMissed},
	Callback: {"requested": fCallbacksRequested, "taken": fCallbacksTaken, "done": fCallbacksDone},
	FollowUp: {
		"offered": fFollowUpsOffered, "agreed": fFollowUpsAgreed, "wellbeing": fWellbeingAgreed, "sent": fFollowUpsSent,
		"went": fFollowUpsWent, "not_yet": fFollowUpsNotYet, "no": fFollowUpsNo,
	},
	Buddy: {"requested": fBuddiesRequested, "taken": fBuddiesTaken, "done": fBuddiesDone},
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

// Record stores e: the raw event in its day's list (which expires the
// retention period after its last write), and the counters of e's week.
// With Options.FlushInterval set it only queues e, to be written with other
// events in one pipelined round trip at most FlushInterval later (sooner
// once Options.BatchSize events are waiting), and never waits for Redis;
// when Options.BufferSize events are already waiting, e is dropped and
// counted (Dropped). Without FlushInterval, or after Close, it writes e at
// once in one pipelined round trip, giving up after Options.Timeout even if
// ctx lasts longer. An event with no Time is stamped now. A Person that is
// not a keyed hash, and an Area or category that might be a number, are
// dropped (counted by Refused) and the rest of the event is kept. Record
// never fails its caller: a failed write is logged without any event
// content and counted (Errors).
func (r *Redis) Record(ctx context.Context, e Event) {
	e, dropped := clean(e)
	if len(dropped) > 0 {
		r.refused.Add(1)
		r.log.WarnContext(ctx, "figures: dropped fields that might identify a resident", "kind", string(e.Kind), "fields", strings.Join(dropped, ","))
	}
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	r.enqueue(ctx, e)
}

// queue adds the commands that record e to pipe (through b, which merges
// the counters of a batch).
func (r *Redis) queue(b *batch, e Event) error {
	raw, err := json.Marshal(e)
	if err != nil { // cannot happen: Event has only plain fields
		return err
	}
	keys := b.keysOn(r, e.Time)
	b.push(keys.day, raw)

	totals := keys.week
	part := func(name string) string { return totals + ":" + name }
	if e.Person != "" {
		b.pfadd(part("people"), e.Person)
	}
	switch e.Kind {
	case Contact:
		switch e.Channel {
		case Voice:
			b.hincr(totals, fCalls)
		case SMS:
			b.hincr(totals, fTexts)
		}
		// A contact recorded before the line had languages was English.
		b.zincr(part("languages"), cmp.Or(e.Language, "en"))
	case Search:
		b.hincr(totals, fSearches)
		if e.Zero {
			b.hincr(totals, fZero)
		}
		if len(e.Offered) > 0 {
			offered := part("offered")
			for _, id := range e.Offered {
				b.zincr(offered, id)
			}
		}
		if e.Area != "" {
			b.zincr(part("areas"), e.Area)
		}
		if len(e.Categories) > 0 {
			categories := part("categories")
			for _, c := range e.Categories {
				b.zincr(categories, c)
			}
		}
	case Details, Texted:
		f := fDetails
		if e.Kind == Texted {
			f = fTexted
		}
		b.hincr(totals, f)
		if len(e.Offered) > 0 {
			asked := part("asked")
			for _, id := range e.Offered {
				b.zincr(asked, id)
			}
		}
	case Handoff, Callback, FollowUp, Buddy:
		if f, ok := outcomes[e.Kind][e.Outcome]; ok {
			b.hincr(totals, f)
		}
		if e.Kind == Callback && e.Outcome == "done" && e.Seconds > 0 {
			b.rpush(part("callback_seconds"), e.Seconds)
		}
	}
	return nil
}

func (r *Redis) fail(ctx context.Context, events []Event, err error) {
	r.errors.Add(uint64(len(events)))
	r.log.ErrorContext(ctx, "figures: record event", "events", len(events), "kind", string(events[0].Kind), "channel", string(events[0].Channel), "err", err)
	if r.opts.OnError != nil {
		r.opts.OnError(err)
	}
}

// Events returns the raw events recorded on day (in Options.Location), oldest
// first; none once the retention period has passed. Events this recorder
// holds waiting are written first (Flush). It returns the Redis
// error, wrapped, when Redis cannot be read or holds an event it cannot
// decode.
func (r *Redis) Events(ctx context.Context, day time.Time) ([]Event, error) {
	if err := r.Flush(ctx); err != nil {
		return nil, err
	}
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
