package volunteers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/heritage-line/heritageline/privacy"
)

// The coordinator's console works the same queue as volunteers' texts: a
// callback the console takes is taken for TAKE, LIST shows who holds it,
// and a note or DONE from either is seen by both. A coordinator is not on
// the roster: the console rings the coordinator's own phone first (the same
// "press 1 to be connected" call a volunteer gets), then the resident,
// showing the line's number, so neither sees the other's number.

// Taker is a coordinator taking a callback from the console: their first
// name, as volunteers read it on LIST, and their own phone, which the line
// rings first.
type Taker struct {
	Name  string
	Phone string // E.164
}

// Waiting is one open callback as the console shows it: never the
// resident's number, only its last three digits.
type Waiting struct {
	Callback
	Ending string // the last three digits of the resident's number, "" if none
	Notes  int    // notes ever added
}

// HeldError says a callback cannot be taken, or closed, because someone
// else holds it or it is already closed.
type HeldError struct {
	Ref  string
	By   string // who holds it, or who closed it
	Done bool   // closed, rather than held
}

func (e *HeldError) Error() string {
	if e.Done {
		return fmt.Sprintf("volunteers: callback %s already closed by %s", e.Ref, e.By)
	}
	return fmt.Sprintf("volunteers: callback %s already taken by %s", e.Ref, e.By)
}

// ErrRingFailed: the line could not start the call to the coordinator's
// phone (Twilio refused it or could not be reached); the callback is back on
// the queue.
var ErrRingFailed = errors.New("volunteers: could not ring the phone")

// Queue returns the open callbacks, oldest first, as the console shows them.
// Errors are wrapped Redis errors.
func (d *Desk) Queue(ctx context.Context) ([]Waiting, error) {
	es, err := d.open(ctx)
	out := make([]Waiting, len(es))
	for i, e := range es {
		out[i] = Waiting{Callback: e.Callback, Notes: e.notes}
		if n := privacy.Normalise(e.phone); len(n) >= 6 {
			out[i].Ending = n[len(n)-3:]
		}
	}
	return out, err
}

// TakeFor takes the callback ref for a coordinator and rings their phone;
// when they press 1 the line rings the resident (Connect). A coordinator who
// already holds it is rung again. Errors: ErrUnknownCallback, *HeldError
// (held by someone else, or closed), ErrCannotRing (the resident's number, or
// the coordinator's, is one the line may not ring), ErrRingFailed (the call
// could not be started; the callback is back on the queue), or a wrapped Redis
// error.
func (d *Desk) TakeFor(ctx context.Context, t Taker, ref string) error {
	if !validRef(ref) {
		return fmt.Errorf("volunteers: take %s: %w", ref, ErrUnknownCallback)
	}
	phone := privacy.Normalise(t.Phone)
	if !privacy.IsE164(phone) || !d.allowedNumber(phone) {
		return fmt.Errorf("volunteers: take %s: the coordinator's phone: %w", ref, ErrCannotRing)
	}
	v := Volunteer{Name: t.Name, Phone: phone}
	key := recordKey(ref)
	res, err := takeScript.Run(ctx, d.rdb, []string{key}, v.Name, d.volunteerKey(v), d.now().UnixMilli()).StringSlice()
	if err != nil {
		return fmt.Errorf("volunteers: take %s: %w", ref, err)
	}
	switch res[0] {
	case "missing":
		return fmt.Errorf("volunteers: take %s: %w", ref, ErrUnknownCallback)
	case "done":
		return &HeldError{Ref: ref, By: res[1], Done: true}
	case "taken":
		return &HeldError{Ref: ref, By: res[1]}
	}
	resident, kind, requested, recording := res[1], res[2], millis(res[3]), res[4]
	release := func() {
		if err := releaseScript.Run(context.WithoutCancel(ctx), d.rdb, []string{key}, d.volunteerKey(v)).Err(); err != nil {
			d.log.ErrorContext(ctx, "release callback", "ref", ref, "err", err)
		}
	}
	if !privacy.IsE164(resident) || !d.allowedNumber(resident) {
		release()
		return fmt.Errorf("volunteers: take %s: %w", ref, ErrCannotRing)
	}
	ring := d.ringAnswer(ref, kind, requested, recording != "", d.buddyActivity(ctx, key, kind))
	sid, err := d.caller.Ring(ctx, phone, ring, d.urls.VoiceStep(takenStep, "ref="+url.QueryEscape(ref)))
	if err != nil {
		release()
		d.log.ErrorContext(ctx, "ring coordinator for callback", "ref", ref, "coordinator", privacy.Mask(phone), "err", err)
		return fmt.Errorf("volunteers: take %s: %w: %w", ref, ErrRingFailed, err)
	}
	if err := d.rdb.HSet(context.WithoutCancel(ctx), key, "taken_call", sid).Err(); err != nil {
		d.log.ErrorContext(ctx, "note the call for a taken callback", "ref", ref, "err", err)
	}
	d.log.InfoContext(ctx, "callback taken from the console", "ref", ref, "coordinator", privacy.Mask(phone), "call_sid", sid)
	d.changed(ctx, ref)
	return nil
}

// NoteFor keeps a note by name on the open callback ref, as NOTE does
// (cut to 300 characters; the newest five are kept). Errors:
// ErrUnknownCallback, *HeldError with Done (notes are not kept on a closed
// callback), or a wrapped Redis error.
func (d *Desk) NoteFor(ctx context.Context, name, ref, text string) error {
	text = strings.TrimSpace(text)
	if r := []rune(text); len(r) > maxNote {
		text = string(r[:maxNote])
	}
	if !validRef(ref) {
		return fmt.Errorf("volunteers: note %s: %w", ref, ErrUnknownCallback)
	}
	b, err := json.Marshal(Note{By: name, At: d.now(), Text: text})
	if err != nil {
		return fmt.Errorf("volunteers: note %s: %w", ref, err)
	}
	n, err := noteScript.Run(ctx, d.rdb, []string{recordKey(ref), notesKey(ref)}, b, maxNotes).Int()
	if err != nil {
		return fmt.Errorf("volunteers: note %s: %w", ref, err)
	}
	switch n {
	case 0:
		return fmt.Errorf("volunteers: note %s: %w", ref, ErrUnknownCallback)
	case 2:
		return &HeldError{Ref: ref, Done: true}
	}
	return nil
}

// DoneFor closes the callback ref by name, as DONE does: the resident's
// number, the recording and the notes are forgotten. Errors:
// ErrUnknownCallback, *HeldError with Done (already closed, and by whom), or
// a wrapped Redis error.
func (d *Desk) DoneFor(ctx context.Context, name, ref string) error {
	if !validRef(ref) {
		return fmt.Errorf("volunteers: done %s: %w", ref, ErrUnknownCallback)
	}
	res, err := doneScript.Run(ctx, d.rdb, []string{recordKey(ref), openKey, notesKey(ref)}, name, d.now().UnixMilli(), ref).StringSlice()
	if err != nil {
		return fmt.Errorf("volunteers: done %s: %w", ref, err)
	}
	switch res[0] {
	case "missing":
		return fmt.Errorf("volunteers: done %s: %w", ref, ErrUnknownCallback)
	case "done":
		return &HeldError{Ref: ref, By: res[1], Done: true}
	}
	d.log.InfoContext(ctx, "callback done from the console", "ref", ref)
	d.changed(ctx, ref)
	return nil
}

// holder returns who the line rang for the callback whose holder key is
// key, when phone (the number the line's own call went to) is not on the
// roster: a coordinator who took it from the console holds it under the
// keyed hash of their phone, so only the number the line itself rang for it
// matches.
func (d *Desk) holder(phone, key, name string) (Volunteer, bool) {
	n := privacy.Normalise(phone)
	if key == "" || !privacy.IsE164(n) || d.hasher.Hash(n) != key {
		return Volunteer{}, false
	}
	return Volunteer{Name: name, Phone: n}, true
}
