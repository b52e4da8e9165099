// Package volunteers is the roster of Heritage Connectors who take forwarded
// calls, their hours and duty, and the queue of callback requests they handle.
//
// STUB: the API below is fixed; the implementation is being written.
package volunteers

import (
	"context"
	"time"
)

// Volunteer is one rostered person. Phone is E.164 and is never shown to a caller.
type Volunteer struct {
	Name   string
	Phone  string
	OnDuty bool
}

// Roster is the volunteers file.
type Roster struct {
	Sequential  bool // ring one after another rather than all at once
	RingSeconds int
	Volunteers  []Volunteer
}

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
}

// Desk runs forwarding decisions, duty and the callback queue.
type Desk struct{ roster Roster }

// Roster returns the roster as loaded.
func (d *Desk) Roster() Roster { return d.roster }

// Available returns the volunteers to ring now: within hours and on duty. An
// empty slice means nobody can be rung.
func (d *Desk) Available(ctx context.Context, now time.Time) ([]Volunteer, error) { return nil, nil }

// IsVolunteer reports whether phone is a rostered volunteer's number.
func (d *Desk) IsVolunteer(phone string) bool { return false }

// RequestCallback queues a callback and texts every on-duty volunteer.
func (d *Desk) RequestCallback(ctx context.Context, req CallbackRequest) (Callback, error) {
	return Callback{}, nil
}

// HandleText answers a text from a rostered volunteer (ON, OFF, LIST, TAKE,
// DONE, NOTE, HELP) and returns the reply.
func (d *Desk) HandleText(ctx context.Context, from, body string) string { return "" }
