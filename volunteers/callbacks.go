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
	Phone        string // the resident's own number (From of the call or text)
	Kind         string // "voicemail", "voice" (pressed for a callback), "sms"
	RecordingURL string // for voicemail
}

// Callback is a queued request.
type Callback struct {
	Ref       string // "C7"
	Kind      string
	Requested time.Time
	TakenBy   string // the volunteer's name once taken
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

var kinds = []string{"voicemail", "voice", "sms"}

// RequestCallback queues a callback and texts every on-duty volunteer
// "Callback C7 requested 14:05 (voicemail). Text TAKE C7 to ring them." A
// second request from a number with a callback still open returns that one
// and texts nobody. The resident is never texted. Errors: ErrNoNumber (no
// usable number), ErrCannotRing (outside the allowed country codes), or a
// wrapped Redis error. A text that fails is logged, not returned: the
// callback is queued and LIST shows it.
func (d *Desk) RequestCallback(ctx context.Context, req CallbackRequest) (Callback, error) {
	phone := privacy.Normalise(req.Phone)
	if !privacy.IsE164(phone) {
		return Callback{}, ErrNoNumber
	}
	if !d.allowedNumber(phone) {
		return Callback{}, ErrCannotRing
	}
	kind := req.Kind
	if !slices.Contains(kinds, kind) {
		kind = "voice"
	}
	rk := d.residentKey(phone)
	if cb, ok, err := d.openFor(ctx, rk); err != nil {
		return Callback{}, err
	} else if ok {
		return cb, nil
	}
	n, err := d.rdb.Incr(ctx, seqKey).Result()
	if err != nil {
		return Callback{}, fmt.Errorf("volunteers: request callback: %w", err)
	}
	ref := "C" + strconv.FormatInt(n, 10)
	now := d.now()
	key := recordKey(ref)
	_, err = d.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, key, "phone", phone, "kind", kind, "recording", twilioRecording(req.RecordingURL),
			"requested", now.UnixMilli(), "rk", rk)
		p.Expire(ctx, key, d.ttl)
		p.ZAdd(ctx, openKey, redis.Z{Score: float64(now.UnixMilli()), Member: ref})
		p.Set(ctx, rk, ref, d.ttl)
		return nil
	})
	if err != nil {
		return Callback{}, fmt.Errorf("volunteers: request callback %s: %w", ref, err)
	}
	cb := Callback{Ref: ref, Kind: kind, Requested: now}
	d.log.InfoContext(ctx, "callback requested", "ref", ref, "kind", kind)
	d.notify(ctx, cb)
	d.changed(ctx, ref)
	return cb, nil
}

// openFor returns the open callback recorded under the resident key rk.
func (d *Desk) openFor(ctx context.Context, rk string) (Callback, bool, error) {
	ref, err := d.rdb.Get(ctx, rk).Result()
	if errors.Is(err, redis.Nil) {
		return Callback{}, false, nil
	}
	if err != nil {
		return Callback{}, false, fmt.Errorf("volunteers: request callback: %w", err)
	}
	t, err := d.Timing(ctx, ref)
	if errors.Is(err, ErrUnknownCallback) || (err == nil && !t.Done.IsZero()) {
		return Callback{}, false, nil
	}
	if err != nil {
		return Callback{}, false, err
	}
	return Callback{Ref: ref, Kind: t.Kind, Requested: t.Requested, TakenBy: t.TakenBy}, true, nil
}

// notify texts every on-duty volunteer about cb, all at once.
func (d *Desk) notify(ctx context.Context, cb Callback) {
	body := fmt.Sprintf("Callback %s requested %s (%s). Text TAKE %s to ring them.",
		cb.Ref, cb.Requested.In(London).Format("15:04"), cb.Kind, cb.Ref)
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
