package followup

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/outbound"
	"github.com/heritage-line/heritageline/smstext"
	"github.com/heritage-line/heritageline/words"
)

// The due-queue. An item ("<hash>:went" or "<hash>:again") waits in
// dueKey, scored by when it is due. A scheduler claims the items that are
// due in one atomic step (claimScript): each leaves dueKey for claimedKey,
// scored by when the claim lapses, and its state in the person's record
// becomes "claimed:<token>". Only the holder of the token may then send it:
// just before asking Twilio it marks the item "sending:<token>", and after
// Twilio's answer settles it (sent, due again later, cancelled or failed).
// A claim that lapses, because its instance stopped, goes back to the queue
// if it had not started sending; if it had, nobody can tell whether Twilio
// took the text, and it is marked "unsure" rather than risk texting the
// resident twice. So each follow-up is texted at most once, and exactly
// once unless an instance dies while Twilio is answering it.

// settle is Lua shared by the scripts: it forgets the person's number once
// no item of theirs is waiting or being sent.
const settle = `
local function waiting(st)
  return st == 'due' or (st and (string.sub(st, 1, 8) == 'claimed:' or string.sub(st, 1, 8) == 'sending:'))
end
local function settle(p)
  if not waiting(redis.call('HGET', p, 'went_state')) and not waiting(redis.call('HGET', p, 'again_state')) then
    redis.call('HDEL', p, 'num')
  end
end
local function split(m)
  return string.match(m, '^(.*):(%a+)$')
end
`

// claimScript returns up to ARGV[4] items due at ARGV[1] (ms), claimed for
// token ARGV[3] until ARGV[1] + ARGV[2]. First it settles lapsed claims.
// KEYS: due, claimed. ARGV[5] is the person key prefix.
var claimScript = redis.NewScript(settle + `
local now = tonumber(ARGV[1])
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)) do
  redis.call('ZREM', KEYS[2], m)
  local hash, kind = split(m)
  if hash then
    local p = ARGV[5] .. hash
    local st = redis.call('HGET', p, kind .. '_state') or ''
    if string.sub(st, 1, 8) == 'sending:' then
      redis.call('HSET', p, kind .. '_state', 'unsure')
      settle(p)
    elseif string.sub(st, 1, 8) == 'claimed:' then
      redis.call('HSET', p, kind .. '_state', 'due')
      redis.call('ZADD', KEYS[1], now, m)
    end
  end
end
local out = {}
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[4]))) do
  redis.call('ZREM', KEYS[1], m)
  local hash, kind = split(m)
  if hash then
    local p = ARGV[5] .. hash
    if redis.call('HGET', p, kind .. '_state') == 'due' then
      redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), m)
      redis.call('HSET', p, kind .. '_state', 'claimed:' .. ARGV[3])
      table.insert(out, m)
    end
  end
end
return out
`)

// sendingScript marks an item as being sent, if token still holds it.
// KEYS: person. ARGV: kind, token. Returns 1 when marked.
var sendingScript = redis.NewScript(`
if redis.call('HGET', KEYS[1], ARGV[1] .. '_state') ~= 'claimed:' .. ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1] .. '_state', 'sending:' .. ARGV[2])
return 1
`)

// finishScript settles an item token holds: ARGV[4] is its new state; for
// "due" it goes back on the queue at ARGV[5] (ms). KEYS: claimed, person,
// due. ARGV: item, kind, token, state, due at. Returns 1 when settled, 0
// when token no longer holds it.
var finishScript = redis.NewScript(settle + `
local st = redis.call('HGET', KEYS[2], ARGV[2] .. '_state')
if st ~= 'claimed:' .. ARGV[3] and st ~= 'sending:' .. ARGV[3] then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[2] .. '_state', ARGV[4])
if ARGV[4] == 'due' then
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
  redis.call('HSET', KEYS[2], ARGV[2] .. '_due', ARGV[5])
end
settle(KEYS[2])
return 1
`)

// gapScript keeps texts the line starts to one person at least a gap
// apart: when the last (at the time kept in KEYS[1]) was less than ARGV[2]
// ms before ARGV[1], it returns how many ms are left; otherwise it notes
// ARGV[1] with token ARGV[3] and returns 0. The key expires after the gap;
// the time in it, by the line's clock, is what counts.
var gapScript = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
local now, gap = tonumber(ARGV[1]), tonumber(ARGV[2])
if v then
  local at = tonumber(string.match(v, '^(%d+)'))
  if at and now - at < gap then return at + gap - now end
end
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[3], 'PX', ARGV[2])
return 0
`)

// releaseGap deletes the gap mark if token set it. KEYS: gap. ARGV: token.
var releaseGap = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, -string.len(ARGV[1]) - 1) == '|' .. ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
`)

// Scheduler sends the follow-ups as they fall due. Run it in every
// instance of the line: they share the work through Redis.
type Scheduler struct {
	d *Diary
	// Lease is how long a claimed item is held before another instance
	// may take it; far longer than a send takes.
	Lease time.Duration
	// Batch is how many items one round claims at most.
	Batch int
	// MaxWait is the longest the scheduler sleeps between looks at the
	// queue (items queued by another instance are seen within it).
	MaxWait time.Duration
	// RetryLater is how long a text refused by a cap or failed at Twilio
	// waits before it is tried again; MaxTries ends the tries.
	RetryLater time.Duration
	MaxTries   int
}

// NewScheduler returns a Scheduler for d's queue: leases of two minutes,
// ten items a round, a look at the queue at least every 30 s (sooner for a
// short FOLLOWUP_AFTER), texts refused or failed tried again after 15
// minutes, five times at most.
func NewScheduler(d *Diary) *Scheduler {
	wait := min(30*time.Second, max(100*time.Millisecond, min(d.cfg.After, d.cfg.WellbeingAfter)/4))
	return &Scheduler{d: d, Lease: 2 * time.Minute, Batch: 10, MaxWait: wait, RetryLater: 15 * time.Minute, MaxTries: 5}
}

// Run sends follow-ups until ctx ends: it claims what is due, sends it,
// then sleeps until the next item is due (or MaxWait, or a nudge from a
// consent in this process). Errors are logged, and it carries on.
func (s *Scheduler) Run(ctx context.Context) {
	for {
		n, err := s.Round(ctx)
		if err != nil && ctx.Err() == nil {
			s.d.deps.Log.WarnContext(ctx, "follow-up scheduler", "err", err)
		}
		wait := s.MaxWait
		if n == s.Batch {
			wait = 0
		} else if next, ok := s.next(ctx); ok {
			wait = min(wait, max(0, next.Sub(s.d.cfg.Now())))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-s.d.wake:
			t.Stop()
		case <-t.C:
		}
	}
}

// next is when the first item on the queue is due.
func (s *Scheduler) next(ctx context.Context) (time.Time, bool) {
	zs, err := s.d.rdb.ZRangeWithScores(ctx, dueKey, 0, 0).Result()
	if err != nil || len(zs) == 0 {
		return time.Time{}, false
	}
	return time.UnixMilli(int64(zs[0].Score)), true
}

// Round claims the items due now (at most Batch) and sends each, and
// returns how many it claimed. The error is the claim's; each item's
// trouble is logged and settled on the item.
func (s *Scheduler) Round(ctx context.Context) (int, error) {
	token := newToken()
	now := s.d.cfg.Now()
	items, err := claimScript.Run(ctx, s.d.rdb, []string{dueKey, claimedKey},
		ms(now), s.Lease.Milliseconds(), token, s.Batch, prefix+"p:").StringSlice()
	if err != nil {
		return 0, fmt.Errorf("followup: claim: %w", err)
	}
	for _, m := range items {
		if ctx.Err() != nil {
			break // the claims lapse and another round takes them
		}
		s.send(ctx, m, token)
	}
	return len(items), nil
}

func newToken() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// send texts one claimed item, or puts it off, and settles it.
func (s *Scheduler) send(ctx context.Context, m, token string) {
	d := s.d
	log := d.deps.Log
	i := strings.LastIndexByte(m, ':')
	hash, kind := m[:i], m[i+1:]
	pk := personKey(hash)
	finish := func(state string, at time.Time) {
		keys := []string{claimedKey, pk, dueKey}
		if err := finishScript.Run(context.WithoutCancel(ctx), d.rdb, keys, m, kind, token, state, ms(at)).Err(); err != nil {
			log.ErrorContext(ctx, "follow-up: settle", "person", hash, "item", kind, "state", state, "err", err)
		}
	}
	rec, err := d.rdb.HGetAll(ctx, pk).Result()
	if err != nil {
		log.WarnContext(ctx, "follow-up: read", "person", hash, "err", err)
		return // the claim lapses and the item is taken again
	}
	now := d.cfg.Now()
	switch {
	case rec["stopped"] != "" || rec["num"] == "":
		finish("cancelled", now)
		return
	case kind == kindAgain && !d.hasAnswers(ctx, hash, 1):
		// Nothing to pair a second round with.
		finish("cancelled", now)
		return
	case !d.cfg.Hours.Open(now):
		finish("due", d.cfg.Hours.Next(now))
		return
	}
	number, err := d.deps.Sealer.Open(rec["num"], hash)
	if err != nil {
		log.ErrorContext(ctx, "follow-up: the number cannot be read (FOLLOWUP_KEY changed?)", "person", hash, "err", err)
		finish("failed", now)
		return
	}
	if !d.deps.Textable(number) {
		finish("cancelled", now)
		return
	}
	// One text a person a day at most (FOLLOWUP_MIN_GAP), across instances.
	gk := gapKey(hash)
	left, err := gapScript.Run(ctx, d.rdb, []string{gk}, ms(now), d.cfg.MinGap.Milliseconds(), token).Int64()
	if err != nil {
		log.WarnContext(ctx, "follow-up: gap", "person", hash, "err", err)
		return
	}
	if left > 0 {
		finish("due", d.cfg.Hours.Next(now.Add(max(time.Duration(left)*time.Millisecond, time.Second))))
		return
	}
	unGap := func() { releaseGap.Run(context.WithoutCancel(ctx), d.rdb, []string{gk}, token) }
	marked, err := sendingScript.Run(ctx, d.rdb, []string{pk}, kind, token).Int()
	if err != nil || marked != 1 {
		unGap()
		return
	}
	book := words.For(words.Lang(rec["lang"]))
	var body string
	switch kind {
	case kindWent:
		body = book.DidYouGo(d.cfg.LineName, rec["title"])
	default:
		body = book.WellbeingAgain(d.cfg.LineName, len(d.cfg.Questionnaire.Items()))
	}
	body = smstext.Normalise(body)
	if smstext.Segments(body) > smstext.MaxSegments && kind == kindWent {
		// A very long title: shorten it, never the way to stop.
		body = smstext.Normalise(book.DidYouGo(d.cfg.LineName, clip(rec["title"], 40)))
	}
	err = d.deps.Texter.SendText(ctx, number, body)
	tries, _ := strconv.Atoi(rec[kind+"_tries"])
	switch {
	case err == nil:
		finish("sent", now)
		if werr := d.write(context.WithoutCancel(ctx), hash, "q", kind, "q_at", ms(now)); werr != nil {
			log.ErrorContext(ctx, "follow-up: wait for the answer", "person", hash, "err", werr)
		}
		log.InfoContext(ctx, "follow-up sent", "person", hash, "item", kind)
		if kind == kindWent {
			d.deps.Figures.Record(ctx, figures.Event{Time: now, Channel: figures.SMS, Kind: figures.FollowUp, Outcome: "sent"})
		}
	case errors.Is(err, outbound.ErrOptedOut):
		// Texted STOP to Twilio, or opted out some other way: end it all.
		finish("cancelled", now)
		if serr := d.Stop(context.WithoutCancel(ctx), number); serr != nil {
			log.ErrorContext(ctx, "follow-up: stop after opt-out", "person", hash, "err", serr)
		}
	case errors.Is(err, outbound.ErrCountry):
		finish("cancelled", now)
	case errors.Is(err, outbound.ErrRateLimited), errors.Is(err, outbound.ErrCapReached):
		// Within the outbound caps: try again after the hour's window.
		unGap()
		finish("due", d.cfg.Hours.Next(now.Truncate(time.Hour).Add(time.Hour+time.Minute)))
	default:
		unGap()
		d.write(context.WithoutCancel(ctx), hash, kind+"_tries", tries+1)
		if tries+1 >= s.MaxTries {
			log.ErrorContext(ctx, "follow-up: giving up", "person", hash, "item", kind, "tries", tries+1, "err", err)
			finish("failed", now)
			return
		}
		log.WarnContext(ctx, "follow-up: will try again", "person", hash, "item", kind, "err", err)
		finish("due", d.cfg.Hours.Next(now.Add(s.RetryLater)))
	}
}

// hasAnswers reports whether hash has any answer in round.
func (d *Diary) hasAnswers(ctx context.Context, hash string, round int) bool {
	at, err := d.rdb.HGet(ctx, answerKey(hash), answerField(d.cfg.Questionnaire.Name(), round, "at")).Result()
	return err == nil && at != ""
}

// clip shortens s to n characters at most, with "...".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-3])) + "..."
}
