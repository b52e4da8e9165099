package web

import (
	"bytes"
	"container/list"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/roundtrip"
)

// Replay is how one webhook route is guarded against Twilio's retries and
// replayed requests (Replays.Guard).
type Replay struct {
	// Key names a request by what makes it unique (an SMS's MessageSid, a
	// voice request's CallSid, step, turn and input); ok false leaves the
	// request unguarded.
	Key func(r *http.Request) (key string, ok bool)
	// Again answers a repeat whose first answer is no longer kept (or never
	// came): valid TwiML that acts on nothing.
	Again http.Handler
}

// How a repeated request was answered, for the metrics.
const (
	ReplayKept   = "kept"   // with the first answer, kept briefly
	ReplayAgain  = "again"  // with Again: the first answer is gone
	ReplayWaited = "waited" // with Again, after waiting for a first answer still under way
)

// Replays lets each webhook request act once. Twilio retries a webhook whose
// answer did not arrive, and anyone holding a signed request can post it
// again: a request named like one the line answered in the last
// ReplaysOptions.Mark (24 hours) gets the first answer again, while it is
// kept (ReplaysOptions.Answer, 15 minutes), or else the route's Again
// answer, and the handler does not run: a replayed CALL queues no second
// callback, texts no volunteer and counts no second figure. A repeat that
// arrives while the first is still being answered waits for its answer.
//
// Requests are named in Redis by a keyed hash (SET NX with a TTL), never by
// a number or words the sender chose, and answers are kept encrypted
// (AES-GCM), as they may hold a phone number. Every request is also named in
// a bounded in-process cache, so when Redis is down or slow a repeat that
// reaches the same instance is still caught; Redis is then left alone for a
// second at a time, so a dead Redis costs a request at most one short wait.
type Replays struct {
	rdb      redis.UniversalClient
	opts     ReplaysOptions
	names    []byte // HMAC key naming requests
	aead     cipher.AEAD
	local    *recentRequests
	downTill atomic.Int64 // unix nanos: Redis is not asked before then
	writes   sync.WaitGroup
	namers   sync.Pool // of hash.Hash: HMAC-SHA256 keyed with names
	keeps    chan keptAnswer
	keeper   sync.Once
}

// keptAnswer is an answer waiting to be kept in Redis.
type keptAnswer struct {
	id   string
	body []byte
}

// keepBatch is the most answers the keeper sends in one round trip, and
// keepQueue how many may wait for it.
const (
	keepBatch = 64
	keepQueue = 4096
)

// ReplaysOptions are Replays' settings; zero values take the defaults.
type ReplaysOptions struct {
	Mark   time.Duration // how long a request is remembered; default 24 hours
	Answer time.Duration // how long its answer is kept; default 15 minutes
	Budget time.Duration // the most one look in Redis may take; default 150 ms
	Local  int           // requests remembered in process; default 10,000
	// OnReplay is told each repeat answered, by route and how (ReplayKept,
	// ReplayAgain, ReplayWaited): the metrics.
	OnReplay func(route, how string)
	Log      *slog.Logger
}

const replayPrefix = "hl:replay:"

// NewReplays returns the guard, keeping its marks in rdb under keys derived
// from secret (ANALYTICS_SALT), which also keys the answers' encryption.
func NewReplays(rdb redis.UniversalClient, secret string, opts ReplaysOptions) *Replays {
	if opts.Mark <= 0 {
		opts.Mark = 24 * time.Hour
	}
	if opts.Answer <= 0 {
		opts.Answer = 15 * time.Minute
	}
	if opts.Budget <= 0 {
		opts.Budget = 150 * time.Millisecond
	}
	if opts.Local <= 0 {
		opts.Local = 10000
	}
	if opts.OnReplay == nil {
		opts.OnReplay = func(string, string) {}
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	derive := func(purpose string) []byte {
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte("heritageline replays\x00" + purpose))
		return m.Sum(nil)
	}
	block, err := aes.NewCipher(derive("answers")) // 32 bytes: AES-256
	if err != nil {
		panic(err) // cannot happen: the key is 32 bytes
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err) // cannot happen with AES
	}
	g := &Replays{rdb: rdb, opts: opts, names: derive("names"), aead: aead, local: newRecentRequests(opts.Local),
		keeps: make(chan keptAnswer, keepQueue)}
	g.namers.New = func() any { return hmac.New(sha256.New, g.names) }
	return g
}

// Close waits for the answers still being kept in Redis.
func (g *Replays) Close() { g.writes.Wait() }

// name is the keyed hash naming a request of route with key k.
func (g *Replays) name(route, k string) string {
	m := g.namers.Get().(hash.Hash)
	m.Reset()
	m.Write([]byte(route))
	m.Write([]byte{0})
	m.Write([]byte(k))
	var sum [sha256.Size]byte
	id := hex.EncodeToString(m.Sum(sum[:0])[:16])
	g.namers.Put(m)
	return id
}

// Redis keys of a request's mark and answer, in one hash slot.
func markKey(id string) string   { return replayPrefix + "{" + id + "}" }
func answerKey(id string) string { return replayPrefix + "{" + id + "}:a" }

// The mark of a request whose answer is under way.
const markPending = "p"

// Guard wraps next, the handler of route, so a request it has answered
// before acts once (see Replays). Requests rp.Key does not name pass
// through.
func (g *Replays) Guard(route string, rp Replay, next http.Handler) http.Handler {
	if g == nil || rp.Key == nil {
		return next
	}
	if rp.Again == nil {
		rp.Again = http.HandlerFunc(emptyTwiML)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k, ok := rp.Key(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		id := g.name(route, k)
		e, first := g.local.claim(id, time.Now().Add(g.opts.Mark))
		if !first {
			g.repeatLocal(w, r, route, e, rp.Again)
			return
		}
		if g.redisUp() {
			ctx, cancel := context.WithTimeout(r.Context(), g.opts.Budget)
			var mark *redis.BoolCmd
			err := g.send(ctx, func(p redis.Pipeliner) { mark = p.SetNX(ctx, markKey(id), markPending, g.opts.Mark) })
			set := false
			if err == nil {
				set, err = mark.Result()
			}
			cancel()
			switch {
			case err != nil:
				g.redisDown()
				g.opts.Log.WarnContext(r.Context(), "replay guard: redis; remembered in process only", "route", route, "err", err)
			case !set:
				// Answered (or being answered) by another instance, or by
				// this one before its memory let go.
				g.local.drop(id, e)
				g.repeatRedis(w, r, route, id, rp.Again)
				return
			}
		}
		c := &heldAnswer{header: http.Header{}}
		next.ServeHTTP(c, r)
		c.sendTo(w)
		if c.status != http.StatusOK {
			// Not an answer to give again: let a retry act.
			g.local.drop(id, e)
			g.forget(id)
			return
		}
		body := c.body.Bytes()
		g.local.answered(e, body, time.Now().Add(g.opts.Answer))
		g.keep(id, body)
	})
}

// send sends the command queue puts on a pipeline with roundtrip.Exec, so
// that on the line's autopipelined client it shares a round trip with other
// webhooks' commands rather than taking one of its own; it waits no longer
// than ctx allows. A command is read only when send returns nil: one Redis
// has not answered would wait for it.
func (g *Replays) send(ctx context.Context, queue func(redis.Pipeliner)) error {
	pipe := g.rdb.Pipeline()
	queue(pipe)
	return roundtrip.Exec(ctx, g.rdb, pipe)
}

// redisUp reports whether Redis may be asked now.
func (g *Replays) redisUp() bool { return time.Now().UnixNano() >= g.downTill.Load() }

// redisDown leaves Redis alone for a second.
func (g *Replays) redisDown() { g.downTill.Store(time.Now().Add(time.Second).UnixNano()) }

// keep stores the answer to request id in Redis, encrypted, off the request
// path: one goroutine (the keeper) sends the answers waiting, up to
// keepBatch in one round trip, rather than each webhook starting its own.
// When keepQueue answers already wait (Redis is slow) the answer is kept in
// process only; a repeat reaching another instance then gets the route's
// Again answer, which acts on nothing.
func (g *Replays) keep(id string, body []byte) {
	if !g.redisUp() {
		return
	}
	g.keeper.Do(func() { go g.keepAnswers() })
	g.writes.Add(1)
	select {
	case g.keeps <- keptAnswer{id, body}:
	default:
		g.writes.Done()
		g.opts.Log.Warn("replay guard: too many answers waiting for redis; kept in process only")
	}
}

// keepAnswers is the keeper: it runs for the life of the process.
func (g *Replays) keepAnswers() {
	batch := make([]keptAnswer, 0, keepBatch)
	for first := range g.keeps {
		batch = append(batch[:0], first)
	more:
		for len(batch) < keepBatch {
			select {
			case k := <-g.keeps:
				batch = append(batch, k)
			default:
				break more
			}
		}
		if g.redisUp() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			err := g.send(ctx, func(p redis.Pipeliner) {
				for _, k := range batch {
					p.Set(ctx, answerKey(k.id), g.seal(k.id, k.body), g.opts.Answer)
				}
			})
			cancel()
			if err != nil {
				g.redisDown()
				g.opts.Log.Warn("replay guard: keep answers", "answers", len(batch), "err", err)
			}
		}
		for range batch {
			g.writes.Done()
		}
	}
}

// forget removes request id's mark, so a retry acts.
func (g *Replays) forget(id string) {
	if !g.redisUp() {
		return
	}
	g.writes.Go(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := g.send(ctx, func(p redis.Pipeliner) { p.Del(ctx, markKey(id)) }); err != nil {
			g.opts.Log.Warn("replay guard: forget a request", "err", err)
		}
	})
}

// seal encrypts an answer, bound to its request.
func (g *Replays) seal(id string, body []byte) []byte {
	nonce := make([]byte, g.aead.NonceSize())
	rand.Read(nonce)
	return g.aead.Seal(nonce, nonce, body, []byte(id))
}

// open decrypts an answer sealed for request id.
func (g *Replays) open(id string, sealed []byte) ([]byte, error) {
	n := g.aead.NonceSize()
	if len(sealed) < n {
		return nil, errors.New("web: replay answer too short")
	}
	return g.aead.Open(nil, sealed[:n], sealed[n:], []byte(id))
}

// waitFor is how long a repeat may wait for a first answer still under
// way: half of what is left of the request's deadline, or 2 seconds.
func waitFor(ctx context.Context) time.Duration {
	if d, ok := ctx.Deadline(); ok {
		return time.Until(d) / 2
	}
	return 2 * time.Second
}

// repeatLocal answers a request this instance has seen.
func (g *Replays) repeatLocal(w http.ResponseWriter, r *http.Request, route string, e *recentRequest, again http.Handler) {
	how := ReplayAgain
	select {
	case <-e.done:
	case <-time.After(waitFor(r.Context())):
		how = ReplayWaited
	}
	if body := g.local.answer(e); body != nil {
		g.replayed(w, route, body)
		return
	}
	if how == ReplayAgain && g.redisUp() {
		// Perhaps answered elsewhere: another instance took it in Redis.
		if body, err := g.lookRedis(r.Context(), markKeyFor(e)); err == nil && body != nil {
			g.replayed(w, route, body)
			return
		}
	}
	g.opts.OnReplay(route, how)
	again.ServeHTTP(w, r)
}

// markKeyFor is the request id of a local entry.
func markKeyFor(e *recentRequest) string { return e.id }

// repeatRedis answers a request Redis has a mark for: with the first answer
// once it is kept, or with again.
func (g *Replays) repeatRedis(w http.ResponseWriter, r *http.Request, route, id string, again http.Handler) {
	deadline := time.Now().Add(waitFor(r.Context()))
	how := ReplayAgain
	for {
		body, err := g.lookRedis(r.Context(), id)
		if err == nil && body != nil {
			g.replayed(w, route, body)
			return
		}
		if err != nil || time.Now().After(deadline) {
			if err != nil {
				g.opts.Log.WarnContext(r.Context(), "replay guard: look for an answer", "route", route, "err", err)
			} else {
				how = ReplayWaited
			}
			break
		}
		pending, perr := g.pending(r.Context(), id)
		if perr != nil || !pending {
			break // answered, but the answer is gone: again
		}
		select {
		case <-time.After(50 * time.Millisecond):
		case <-r.Context().Done():
			how = ReplayWaited
			g.opts.OnReplay(route, how)
			again.ServeHTTP(w, r)
			return
		}
	}
	g.opts.OnReplay(route, how)
	again.ServeHTTP(w, r)
}

// lookRedis returns the kept answer to request id, nil if none.
func (g *Replays) lookRedis(ctx context.Context, id string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, g.opts.Budget)
	defer cancel()
	var get *redis.StringCmd
	err := g.send(ctx, func(p redis.Pipeliner) { get = p.Get(ctx, answerKey(id)) })
	var sealed []byte
	if err == nil {
		sealed, err = get.Bytes()
	}
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		g.redisDown()
		return nil, fmt.Errorf("web: replay answer: %w", err)
	}
	body, err := g.open(id, sealed)
	if err != nil {
		return nil, fmt.Errorf("web: replay answer: %w", err)
	}
	return body, nil
}

// pending reports whether request id's first answer is still under way.
func (g *Replays) pending(ctx context.Context, id string) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, g.opts.Budget)
	defer cancel()
	var get *redis.StringCmd
	err := g.send(ctx, func(p redis.Pipeliner) { get = p.Get(ctx, markKey(id)) })
	var v string
	if err == nil {
		v, err = get.Result()
	}
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return v == markPending, nil
}

// replayed writes the first answer again.
func (g *Replays) replayed(w http.ResponseWriter, route string, body []byte) {
	g.opts.OnReplay(route, ReplayKept)
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// heldAnswer is an answer held back until the handler is done, so the guard
// can keep it.
type heldAnswer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (c *heldAnswer) Header() http.Header { return c.header }

func (c *heldAnswer) WriteHeader(status int) {
	if c.status == 0 {
		c.status = status
	}
}

func (c *heldAnswer) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c.body.Write(b)
}

// sendTo writes the held answer to w.
func (c *heldAnswer) sendTo(w http.ResponseWriter) {
	for k, v := range c.header {
		w.Header()[k] = v
	}
	if c.status == 0 {
		c.status = http.StatusOK
	}
	w.WriteHeader(c.status)
	_, _ = w.Write(c.body.Bytes())
}

// recentRequests remembers the requests this instance answered, at most max
// of them, the oldest forgotten first.
type recentRequests struct {
	mu    sync.Mutex
	max   int
	byID  map[string]*list.Element // of *recentRequest
	order *list.List               // oldest at the front
}

// recentRequest is one request remembered in process.
type recentRequest struct {
	id       string
	expires  time.Time
	done     chan struct{} // closed when answered (or dropped)
	body     []byte        // the answer, while kept
	bodyTill time.Time
}

func newRecentRequests(max int) *recentRequests {
	return &recentRequests{max: max, byID: map[string]*list.Element{}, order: list.New()}
}

// claim returns the entry for id and whether this is its first request.
func (c *recentRequests) claim(id string, expires time.Time) (*recentRequest, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if el, ok := c.byID[id]; ok {
		e := el.Value.(*recentRequest)
		if now.Before(e.expires) {
			return e, false
		}
		c.order.Remove(el)
		delete(c.byID, id)
	}
	for c.order.Len() >= c.max {
		old := c.order.Remove(c.order.Front()).(*recentRequest)
		delete(c.byID, old.id)
	}
	e := &recentRequest{id: id, expires: expires, done: make(chan struct{})}
	c.byID[id] = c.order.PushBack(e)
	return e, true
}

// answered keeps body as e's answer until till, and wakes its waiters.
func (c *recentRequests) answered(e *recentRequest, body []byte, till time.Time) {
	c.mu.Lock()
	e.body, e.bodyTill = bytes.Clone(body), till
	c.mu.Unlock()
	close(e.done)
}

// answer returns e's answer while kept.
func (c *recentRequests) answer(e *recentRequest) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.body == nil || time.Now().After(e.bodyTill) {
		e.body = nil
		return nil
	}
	return e.body
}

// drop forgets e (its request may act again) and wakes its waiters.
func (c *recentRequests) drop(id string, e *recentRequest) {
	c.mu.Lock()
	if el, ok := c.byID[id]; ok && el.Value == e {
		c.order.Remove(el)
		delete(c.byID, id)
	}
	c.mu.Unlock()
	close(e.done)
}

// emptyTwiML answers with an empty Response: Twilio does nothing more.
func emptyTwiML(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><Response/>`))
}
