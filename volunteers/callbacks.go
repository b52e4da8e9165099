package volunteers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/privacy"
)

// CallbackRequest asks for a volunteer to ring a resident.
type CallbackRequest struct {
	Phone        string    // the resident's own number (From of the call or text)
	Kind         string    // "voicemail", "voice" (pressed for a callback), "sms", KindBuddy
	RecordingURL string    // for voicemail
	Requested    time.Time // when it was asked for; zero means now (a spooled request keeps its own)
	Activity     string    // for KindBuddy: the title of the activity to go to
}

// KindBuddy is a request for a volunteer to go along with a resident to an
// activity the first time (a follow-up's BUDDY): queued, listed, taken and
// closed like any callback, and the volunteer rings the resident to
// arrange it.
const KindBuddy = "buddy"

// Callback is a queued request.
type Callback struct {
	Ref       string // "C7"
	Kind      string
	Requested time.Time
	TakenBy   string // the volunteer's name once taken
	// Spooled: Redis could not be reached, so the request was kept on disk
	// (WithSpool) and will be queued, with a reference, when Redis is
	// back. Ref is empty.
	Spooled bool
}

// Timing is how a callback went, for the figures. Zero times mean "not yet".
type Timing struct {
	Ref       string
	Kind      string
	Requested time.Time
	Taken     time.Time
	Done      time.Time
	TakenBy   string
	DoneBy    string
}

// Stage is how far the callback has got: "requested", "taken" or "done".
func (t Timing) Stage() string {
	switch {
	case !t.Done.IsZero():
		return "done"
	case !t.Taken.IsZero():
		return "taken"
	}
	return "requested"
}

// Callback records are hashes with these fields; the resident's number is in
// "phone" only, and is deleted on DONE. All keys share a hash tag so the
// scripts' keys live in one Redis Cluster slot.
const (
	cbPrefix = "{hl:cb}:"
	seqKey   = cbPrefix + "seq"
	openKey  = cbPrefix + "open" // sorted set of open refs, scored by request time
)

func recordKey(ref string) string { return cbPrefix + ref }

// residentKey finds an open callback from the same number, so asking twice
// does not queue (and text volunteers) twice. It is named by the keyed hash
// of the number.
func (d *Desk) residentKey(phone string) string { return cbPrefix + "res:" + d.hasher.Hash(phone) }

var kinds = []string{"voicemail", "voice", "sms", KindBuddy}

// requestScript queues a callback for one resident, atomically: when the
// resident key (KEYS[3]) names a callback that is still open it returns
// {"open", ref, kind, requested, taken_by} and changes nothing; otherwise it
// takes the next reference, at least ARGV[1] + 1 (refFloor), writes the
// record under the prefix ARGV[2] (the keys share one hash tag, so one
// Redis Cluster slot), puts it on the open list (KEYS[2]), points the
// resident key at it, keeps a buddy request's activity (ARGV[8]), counts one notice in this hour's window (KEYS[4]) and
// returns {"new", ref, notices}.
var requestScript = redis.NewScript(`
local ref = redis.call('GET', KEYS[3])
if ref then
  local rec = ARGV[2] .. ref
  if redis.call('EXISTS', rec) == 1 and redis.call('HEXISTS', rec, 'done_at') == 0 then
    return {'open', ref, redis.call('HGET', rec, 'kind') or '', redis.call('HGET', rec, 'requested') or '',
      redis.call('HGET', rec, 'taken_by') or ''}
  end
end
local n = redis.call('INCR', KEYS[1])
local floor = tonumber(ARGV[1])
if n <= floor then
  n = floor + 1
  redis.call('SET', KEYS[1], n)
end
ref = 'C' .. n
local rec = ARGV[2] .. ref
redis.call('HSET', rec, 'phone', ARGV[3], 'kind', ARGV[4], 'recording', ARGV[5], 'requested', ARGV[6], 'rk', KEYS[3])
if ARGV[8] ~= '' then
  redis.call('HSET', rec, 'activity', ARGV[8])
end
redis.call('PEXPIRE', rec, ARGV[7])
redis.call('ZADD', KEYS[2], ARGV[6], ref)
redis.call('SET', KEYS[3], ref, 'PX', ARGV[7])
local notices = redis.call('INCR', KEYS[4])
redis.call('EXPIRE', KEYS[4], 7200)
return {'new', ref, notices}
`)

// noticeKey counts the callbacks requested in the clock hour (UTC) of t,
// for the notices' flood limit.
func noticeKey(t time.Time) string { return cbPrefix + "notices:" + t.UTC().Format("2006010215") }

// summaryEvery is how often a flood gets a summary text at most: one in each
// such slot of the clock.
const summaryEvery = 15 * time.Minute

// summaryKey is set once a summary has been texted in the slot of t, so a
// flood gets one summary a slot, not one per request.
func summaryKey(t time.Time) string {
	return cbPrefix + "summary:" + strconv.FormatInt(t.Unix()/int64(summaryEvery.Seconds()), 10)
}

// RequestCallback queues a callback and texts every on-duty volunteer
// "Callback C7 requested 14:05 (voicemail). Text TAKE C7 to ring them." A
// second request from a number with a callback still open returns that one
// and texts nobody; the check and the queueing are one atomic step, so
// requests at the same moment from one number make one callback. Past the
// notices per hour (WithNoticesPerHour), volunteers get one summary every
// quarter hour ("12 callbacks are waiting...") instead of a text per
// callback. The reference is never one the line has given before
// (refFloor). The resident is never texted.
//
// Errors: ErrNoNumber (no usable number) or ErrCannotRing (a number the
// number policy refuses), each matching the policy's refusal too, or a
// wrapped Redis error. A text that fails is logged, not returned: the
// callback is queued and LIST shows it.
func (d *Desk) RequestCallback(ctx context.Context, req CallbackRequest) (Callback, error) {
	return d.requestCallback(ctx, req, d.spool != nil)
}

// requestCallback is RequestCallback; with spool set, a Redis that fails
// (or cannot answer within the request's time, less spoolMargin) has the
// request kept on disk instead (spooled.go).
func (d *Desk) requestCallback(ctx context.Context, req CallbackRequest, spool bool) (Callback, error) {
	phone, err := d.ringable(req.Phone)
	if err != nil {
		return Callback{}, err
	}
	kind := req.Kind
	if !slices.Contains(kinds, kind) {
		kind = "voice"
	}
	requested := req.Requested
	if requested.IsZero() {
		requested = d.now()
	}
	var activity string
	if kind == KindBuddy {
		activity = req.Activity
	}
	keys := []string{seqKey, openKey, d.residentKey(phone), noticeKey(d.now())}
	rctx, cancel := ctx, context.CancelFunc(func() {})
	if spool {
		rctx, cancel = spoolBudget(ctx)
	}
	defer cancel()
	res, err := requestScript.Run(rctx, d.rdb, keys, d.refFloor(), cbPrefix, phone, kind,
		twilioRecording(req.RecordingURL), requested.UnixMilli(), d.ttl.Milliseconds(), activity).Slice()
	if err != nil {
		err = fmt.Errorf("volunteers: request callback: %w", err)
		if spool {
			return d.spoolCallback(ctx, phone, kind, req, requested, err)
		}
		return Callback{}, err
	}
	str := func(i int) string {
		if i < len(res) {
			s, _ := res[i].(string)
			return s
		}
		return ""
	}
	ref := str(1)
	if str(0) == "open" {
		return Callback{Ref: ref, Kind: str(2), Requested: millis(str(3)), TakenBy: str(4)}, nil
	}
	d.issued(ref)
	var notices int64
	if len(res) > 2 {
		notices, _ = res[2].(int64)
	}
	cb := Callback{Ref: ref, Kind: kind, Requested: requested}
	d.log.InfoContext(ctx, "callback requested", "ref", ref, "kind", kind)
	switch {
	case kind == KindBuddy:
		d.textOnDuty(ctx, ref, d.book.BuddyRequested(ref, requested.In(London).Format("15:04"), req.Activity), "")
	case notices <= int64(d.noticesPerHour):
		d.notify(ctx, cb)
	default:
		d.summarise(ctx, cb)
	}
	d.changed(ctx, ref)
	return cb, nil
}

// buddyActivity is the activity a buddy request (kind KindBuddy) kept in
// its record key, or "" for any other kind or when it cannot be read.
func (d *Desk) buddyActivity(ctx context.Context, key, kind string) string {
	if kind != KindBuddy {
		return ""
	}
	activity, err := d.rdb.HGet(ctx, key, "activity").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		d.log.WarnContext(ctx, "buddy activity", "key", key, "err", err)
	}
	return activity
}

// summarise texts the volunteers on duty how many callbacks are waiting,
// once every summaryEvery at most, when requests come faster than the
// notices per hour.
func (d *Desk) summarise(ctx context.Context, newest Callback) {
	ok, err := d.rdb.SetNX(ctx, summaryKey(d.now()), newest.Ref, 2*summaryEvery).Result()
	if err != nil || !ok {
		if err != nil {
			d.log.WarnContext(ctx, "callback summary", "ref", newest.Ref, "err", err)
		}
		return
	}
	n, err := d.rdb.ZCard(ctx, openKey).Result()
	if err != nil {
		d.log.WarnContext(ctx, "callback summary", "ref", newest.Ref, "err", err)
		return
	}
	d.log.InfoContext(ctx, "callback summary texted", "ref", newest.Ref, "waiting", n)
	body := d.book.CallbacksWaiting(int(n), newest.Ref, newest.Requested.In(London).Format("15:04"))
	d.textOnDuty(ctx, newest.Ref, body, "")
}

// notify texts every on-duty volunteer about cb, all at once.
func (d *Desk) notify(ctx context.Context, cb Callback) {
	body := d.book.CallbackRequested(cb.Ref, cb.Requested.In(London).Format("15:04"), d.book.CallbackKind(cb.Kind))
	d.textOnDuty(ctx, cb.Ref, body, "")
}

// textOnDuty texts body about callback ref to every on-duty volunteer except
// the number except, all at once. Failures are logged.
func (d *Desk) textOnDuty(ctx context.Context, ref, body, except string) {
	on, err := d.onDuty(ctx)
	if err != nil {
		d.log.WarnContext(ctx, "duty for callback texts", "ref", ref, "err", err)
	}
	var wg sync.WaitGroup
	for _, v := range on {
		if v.Phone == except {
			continue
		}
		wg.Go(func() {
			if err := d.texter.SendText(ctx, v.Phone, body); err != nil {
				d.log.WarnContext(ctx, "text volunteer about callback", "ref", ref,
					"volunteer", privacy.Mask(v.Phone), "err", err)
			}
		})
	}
	wg.Wait()
}

// twilioRecording keeps a recording URL only if it is Twilio's own, so the
// volunteer never hears a URL a request parameter made up.
func twilioRecording(u string) string {
	if strings.HasPrefix(u, "https://api.twilio.com/") && !strings.ContainsAny(u, " \n\r\t<>\"") {
		return u
	}
	return ""
}

// Timing returns the timings of the callback ref (open or done, until its
// record expires). Errors: ErrUnknownCallback, or a wrapped Redis error.
func (d *Desk) Timing(ctx context.Context, ref string) (Timing, error) {
	m, err := d.rdb.HGetAll(ctx, recordKey(ref)).Result()
	if err != nil {
		return Timing{}, fmt.Errorf("volunteers: callback %s: %w", ref, err)
	}
	if len(m) == 0 {
		return Timing{}, fmt.Errorf("volunteers: callback %s: %w", ref, ErrUnknownCallback)
	}
	return Timing{
		Ref: ref, Kind: m["kind"],
		Requested: millis(m["requested"]), Taken: millis(m["taken_at"]), Done: millis(m["done_at"]),
		TakenBy: m["taken_by"], DoneBy: m["done_by"],
	}, nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func millis(s string) time.Time {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n == 0 {
		return time.Time{}
	}
	return time.UnixMilli(n)
}

// openEntry is one line of LIST.
type openEntry struct {
	Callback
	phone string
	notes int // notes added
}

// open returns the open callbacks, oldest first, pruning refs whose record
// has expired.
func (d *Desk) open(ctx context.Context) ([]openEntry, error) {
	refs, err := d.rdb.ZRange(ctx, openKey, 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("volunteers: list callbacks: %w", err)
	}
	return d.entries(ctx, refs)
}

// ends returns how many callbacks are open, and the k oldest and k newest
// of them (all of them, oldest first, when there are at most 2k, with
// newest nil), pruning refs whose record has expired.
func (d *Desk) ends(ctx context.Context, k int) (n int, oldest, newest []openEntry, err error) {
	var card *redis.IntCmd
	var first, last *redis.StringSliceCmd
	if _, err := d.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		card = p.ZCard(ctx, openKey)
		first = p.ZRange(ctx, openKey, 0, int64(k-1))
		last = p.ZRange(ctx, openKey, -int64(k), -1)
		return nil
	}); err != nil {
		return 0, nil, nil, fmt.Errorf("volunteers: list callbacks: %w", err)
	}
	n = int(card.Val())
	if n <= 2*k {
		all, err := d.open(ctx)
		return len(all), all, nil, err
	}
	if oldest, err = d.entries(ctx, first.Val()); err != nil {
		return 0, nil, nil, err
	}
	if newest, err = d.entries(ctx, last.Val()); err != nil {
		return 0, nil, nil, err
	}
	gone := len(first.Val()) - len(oldest) + len(last.Val()) - len(newest)
	return n - gone, oldest, newest, nil
}

// entries reads the open callbacks refs, in order, dropping (and taking off
// the open list) any whose record has expired.
func (d *Desk) entries(ctx context.Context, refs []string) ([]openEntry, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	cmds, err := d.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, ref := range refs {
			p.HMGet(ctx, recordKey(ref), "kind", "requested", "taken_by", "phone", "notes")
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("volunteers: list callbacks: %w", err)
	}
	var out []openEntry
	var gone []any
	for i, c := range cmds {
		vals := c.(*redis.SliceCmd).Val()
		str := func(j int) string { s, _ := vals[j].(string); return s }
		if len(vals) < 5 || str(1) == "" {
			gone = append(gone, refs[i])
			continue
		}
		out = append(out, openEntry{
			Callback: Callback{Ref: refs[i], Kind: str(0), Requested: millis(str(1)), TakenBy: str(2)},
			phone:    str(3),
			notes:    atoi(str(4)),
		})
	}
	if len(gone) > 0 {
		d.rdb.ZRem(ctx, openKey, gone...)
	}
	return out, nil
}

// Open returns the open callbacks, oldest first. Errors are wrapped Redis errors.
func (d *Desk) Open(ctx context.Context) ([]Callback, error) {
	es, err := d.open(ctx)
	out := make([]Callback, len(es))
	for i, e := range es {
		out[i] = e.Callback
	}
	return out, err
}
