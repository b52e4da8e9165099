package volunteers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/heritage-line/heritageline/internal/spool"
)

// WithSpool keeps a callback request on disk when Redis cannot take it
// (down, or too slow for the webhook), so that none is lost: the request is
// answered as queued, a voicemail's recording is texted to the volunteers
// on duty at once, and Requeue queues it when Redis is back.
func WithSpool(s *spool.Spool) Option { return func(k *Desk) { k.spool = s } }

// WithOnSpooled is told the kind of every callback request kept on disk
// (for the metrics).
func WithOnSpooled(f func(kind string)) Option { return func(k *Desk) { k.onSpooled = f } }

// WithDutyBudget sets the most a look at duty in Redis may take before the
// volunteers file's duty is used instead; default 300 ms.
func WithDutyBudget(d time.Duration) Option { return func(k *Desk) { k.dutyBudget = d } }

// spoolMargin is the time kept back from a request's deadline to write the
// spool and answer, when Redis does not answer.
const spoolMargin = 300 * time.Millisecond

// spoolBudget is ctx with a deadline spoolMargin before its own (but at
// least 100 ms away), for the Redis side of a request that can be spooled.
func spoolBudget(ctx context.Context) (context.Context, context.CancelFunc) {
	dl, ok := ctx.Deadline()
	if !ok {
		return context.WithTimeout(ctx, 2*time.Second)
	}
	return context.WithTimeout(context.WithoutCancel(ctx), max(time.Until(dl)-spoolMargin, 100*time.Millisecond))
}

// spoolCallback keeps a callback request Redis could not take (cause) on
// disk, texts a voicemail's recording to the volunteers on duty at once
// (from the volunteers file when Redis cannot say who is on duty; within
// the outbound guards), and returns the request marked Spooled. When even
// the disk fails, it returns both errors.
func (d *Desk) spoolCallback(ctx context.Context, phone, kind string, req CallbackRequest, requested time.Time, cause error) (Callback, error) {
	rec := twilioRecording(req.RecordingURL)
	e := spool.Entry{What: spool.Callback, Phone: phone, Kind: kind, RecordingURL: rec, Activity: req.Activity, At: requested}
	if err := d.spool.Add(e); err != nil {
		return Callback{}, fmt.Errorf("%w; and not kept on disk: %w", cause, err)
	}
	d.log.WarnContext(ctx, "callback kept on disk until redis is back", "kind", kind, "err", cause)
	if d.onSpooled != nil {
		d.onSpooled(kind)
	}
	if kind == "voicemail" && rec != "" {
		body := d.book.VoicemailKept(requested.In(London).Format("15:04"), rec)
		// At once, but not on the caller's time: the REST texts go on
		// after the webhook has answered.
		go func() {
			ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
			defer cancel()
			d.textOnDuty(ctx, "", body, "")
		}()
	}
	return Callback{Kind: kind, Requested: requested, Spooled: true}, nil
}

// ErrNotCallback: Requeue was given a spool entry that is not a callback.
var ErrNotCallback = errors.New("volunteers: not a spooled callback")

// Requeue queues a callback kept on disk while Redis was down, with the time
// it was asked for, as RequestCallback would have (the volunteers on duty
// are texted its reference; a resident with a callback open already gets
// that one). It never spools again: an error means Redis is still failing,
// and the entry stays on disk.
func (d *Desk) Requeue(ctx context.Context, e spool.Entry) (Callback, error) {
	if e.What != spool.Callback {
		return Callback{}, ErrNotCallback
	}
	cb, err := d.requestCallback(ctx, CallbackRequest{Phone: e.Phone, Kind: e.Kind, RecordingURL: e.RecordingURL, Requested: e.At, Activity: e.Activity}, false)
	if errors.Is(err, ErrNoNumber) || errors.Is(err, ErrCannotRing) {
		// The policy changed since: nothing to queue, and nothing to retry.
		d.log.WarnContext(ctx, "spooled callback refused by the number policy", "err", err)
		return Callback{}, nil
	}
	return cb, err
}
