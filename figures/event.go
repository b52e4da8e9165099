// Package figures records what the line did, for the coordinator's evaluation
// figures, without any phone number: people are counted by a keyed hash.
package figures

import (
	"context"
	"time"
)

// Channel is how a resident reached the line.
type Channel string

const (
	Voice Channel = "voice"
	SMS   Channel = "sms"
)

// Kind is what happened.
type Kind string

const (
	Contact  Kind = "contact"  // a call answered or a text received (one per call; one per text)
	Search   Kind = "search"   // activities offered: Area, Categories, Offered
	Details  Kind = "details"  // a resident asked for one activity's details: Offered[0]
	Texted   Kind = "texted"   // an activity's details were sent by text: Offered[0]
	Handoff  Kind = "handoff"  // a caller asked for a person: Outcome asked/answered/missed, Seconds talked
	Callback Kind = "callback" // Outcome requested/taken/done, Seconds since requested
	// FollowUp is a step of the follow-up (issue 19): Outcome offered,
	// agreed, wellbeing (agreed to the wellbeing questions), sent (the text
	// asking "did you go?"), went, not_yet or no. It has no Person: the
	// line, not the resident, was in touch.
	FollowUp Kind = "followup"
	// Buddy is a request for a volunteer to go along to an activity the
	// first time: Outcome requested, taken or done.
	Buddy Kind = "buddy"
)

// Event is one signposting event. It never holds a phone number or message text.
type Event struct {
	Time       time.Time `json:"t"`
	Channel    Channel   `json:"ch"`
	Kind       Kind      `json:"k"`
	Person     string    `json:"p,omitempty"` // privacy.Hasher hash of the resident's number
	Area       string    `json:"area,omitempty"`
	Categories []string  `json:"cat,omitempty"`
	Offered    []string  `json:"ids,omitempty"`
	Zero       bool      `json:"zero,omitempty"` // a search that found nothing
	Outcome    string    `json:"o,omitempty"`
	Seconds    int       `json:"s,omitempty"`
	// Language is the code of the language a contact was in ("cy"),
	// empty for one recorded before languages were (English).
	Language string `json:"lang,omitempty"`
}

// Recorder records events. Record never fails the caller's request: an
// implementation logs its own errors.
type Recorder interface {
	Record(ctx context.Context, e Event)
}

// Discard is a Recorder that records nothing.
type Discard struct{}

// Record does nothing.
func (Discard) Record(context.Context, Event) {}
