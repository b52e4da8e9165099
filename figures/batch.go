package figures

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// writer is the goroutine that writes queued events in batches, and the
// channels that feed it. It starts with the first event (or Flush or
// Close), so a recorder used only for reports starts nothing.
type writer struct {
	once    sync.Once
	started atomic.Bool
	mu      sync.RWMutex // held to read, and to change, closed; senders hold it for reading
	closed  bool
	events  chan Event
	flush   chan chan struct{}
	done    chan struct{} // closed when the goroutine has written everything and stopped
}

func (r *Redis) start() {
	w := &r.writer
	w.once.Do(func() {
		w.events = make(chan Event, r.opts.BufferSize)
		w.flush = make(chan chan struct{})
		w.done = make(chan struct{})
		w.started.Store(true)
		go r.loop()
	})
}

// enqueue hands e to the writer, or drops and counts it when the buffer is
// full, or writes it at once after Close.
func (r *Redis) enqueue(ctx context.Context, e Event) {
	if r.opts.FlushInterval <= 0 {
		r.write(ctx, []Event{e})
		return
	}
	w := &r.writer
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.closed {
		r.write(ctx, []Event{e})
		return
	}
	r.start()
	select {
	case w.events <- e:
	default:
		r.dropped.Add(1)
	}
}

// Flush writes every event recorded before it and waits until the write is
// done (with Options.FlushInterval unset they are written already). It returns ctx's error, wrapped, if ctx ends first. A write that
// fails is counted by Errors and logged, not returned.
func (r *Redis) Flush(ctx context.Context) error {
	w := &r.writer
	w.mu.RLock()
	closed := w.closed
	w.mu.RUnlock()
	if closed || !w.started.Load() { // Close has written everything, or nothing was recorded
		return nil
	}
	req := make(chan struct{})
	select {
	case w.flush <- req:
	case <-w.done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("figures: flush: %w", ctx.Err())
	}
	select {
	case <-req:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("figures: flush: %w", ctx.Err())
	}
}

// Close writes every event still waiting, waits for the write, and stops
// the writer. Events recorded after Close are written at once, one round
// trip each. Close may be called more than once; it always returns nil,
// and does nothing when Options.FlushInterval is not set.
func (r *Redis) Close() error {
	if r.opts.FlushInterval <= 0 {
		return nil
	}
	r.start()
	w := &r.writer
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		<-w.done
		return nil
	}
	w.closed = true
	close(w.events) // no sender left: each sends holding mu for reading
	w.mu.Unlock()
	<-w.done
	return nil
}

// loop collects events and writes them in batches: when BatchSize are
// waiting, when the oldest has waited FlushInterval, on Flush, and when the
// events channel is closed.
func (r *Redis) loop() {
	w := &r.writer
	defer close(w.done)
	ctx := context.Background()
	pending := make([]Event, 0, r.opts.BatchSize)
	var reported uint64 // drops already logged
	writeAll := func() {
		for rest := pending; len(rest) > 0; {
			n := min(len(rest), r.opts.BatchSize)
			r.write(ctx, rest[:n])
			rest = rest[n:]
		}
		clear(pending)
		pending = pending[:0]
		if d := r.dropped.Load(); d != reported {
			r.log.WarnContext(ctx, "figures: events dropped, too many waiting to be written", "dropped", d-reported)
			reported = d
		}
	}
	timer := time.NewTimer(r.opts.FlushInterval)
	timer.Stop()
	for {
		select {
		case e, ok := <-w.events:
			if !ok {
				timer.Stop()
				writeAll()
				return
			}
			if len(pending) == 0 {
				timer.Reset(r.opts.FlushInterval)
			}
			pending = append(pending, e)
			if len(pending) >= r.opts.BatchSize {
				timer.Stop()
				writeAll()
			}
		case <-timer.C:
			writeAll()
		case req := <-w.flush:
			timer.Stop()
		drain:
			for {
				select {
				case e, ok := <-w.events:
					if !ok {
						break drain
					}
					pending = append(pending, e)
				default:
					break drain
				}
			}
			writeAll()
			close(req)
		}
	}
}

// write records events in one pipelined round trip, bounded by
// Options.Timeout even if ctx lasts longer.
func (r *Redis) write(ctx context.Context, events []Event) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.opts.Timeout)
	defer cancel()
	b := batch{index: map[opKey]int{}}
	for _, e := range events {
		if err := r.queue(&b, e); err != nil {
			r.fail(ctx, []Event{e}, err)
		}
	}
	if len(b.ops) == 0 {
		return
	}
	pipe := r.rdb.Pipeline()
	b.apply(ctx, pipe, r.opts.Retention)
	if _, err := pipe.Exec(ctx); err != nil {
		r.fail(ctx, events, err)
	}
}

// batch merges the writes of several events: one RPUSH and one EXPIRE per
// day, one PFADD per week, one increment per counter, in the order each was
// first needed.
type batch struct {
	ops   []op
	index map[opKey]int
	keys  map[[3]int]dayKeys // by date in Options.Location
}

// dayKeys are the keys of one day's events: its list and its week's totals
// (the prefix of the week's other keys).
type dayKeys struct{ day, week string }

// keysOn returns the keys of an event at t, formatted once per date a batch
// holds.
func (b *batch) keysOn(r *Redis, t time.Time) dayKeys {
	y, m, d := t.In(r.opts.Location).Date()
	date := [3]int{y, int(m), d}
	if k, ok := b.keys[date]; ok {
		return k
	}
	k := dayKeys{day: r.dayKey(t), week: r.weekKey(WeekStart(t, r.opts.Location), "")}
	if b.keys == nil {
		b.keys = map[[3]int]dayKeys{}
	}
	b.keys[date] = k
	return k
}

type opKind uint8

const (
	opDay   opKind = iota // RPUSH of raw events, then EXPIRE
	opPFAdd               // PFADD
	opHIncr               // HINCRBY by n
	opZIncr               // ZINCRBY by n
	opRPush               // RPUSH of values
)

type opKey struct {
	kind       opKind
	key, field string
}

type op struct {
	opKey
	n      int64
	values []any
}

func (b *batch) get(k opKey) *op {
	i, ok := b.index[k]
	if !ok {
		i = len(b.ops)
		b.index[k] = i
		b.ops = append(b.ops, op{opKey: k})
	}
	return &b.ops[i]
}

func (b *batch) push(day string, raw []byte) {
	o := b.get(opKey{kind: opDay, key: day})
	o.values = append(o.values, raw)
}

func (b *batch) pfadd(key, person string) {
	o := b.get(opKey{kind: opPFAdd, key: key})
	o.values = append(o.values, person)
}

func (b *batch) hincr(key, field string) { b.get(opKey{kind: opHIncr, key: key, field: field}).n++ }

func (b *batch) zincr(key, member string) { b.get(opKey{kind: opZIncr, key: key, field: member}).n++ }

func (b *batch) rpush(key string, v int) {
	o := b.get(opKey{kind: opRPush, key: key})
	o.values = append(o.values, v)
}

func (b *batch) apply(ctx context.Context, pipe redis.Pipeliner, retention time.Duration) {
	for _, o := range b.ops {
		switch o.kind {
		case opDay:
			pipe.RPush(ctx, o.key, o.values...)
			pipe.Expire(ctx, o.key, retention)
		case opPFAdd:
			pipe.PFAdd(ctx, o.key, o.values...)
		case opHIncr:
			pipe.HIncrBy(ctx, o.key, o.field, o.n)
		case opZIncr:
			pipe.ZIncrBy(ctx, o.key, float64(o.n), o.field)
		case opRPush:
			pipe.RPush(ctx, o.key, o.values...)
		}
	}
}
