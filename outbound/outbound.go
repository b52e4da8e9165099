// Package outbound is the only way the line sends a text or places a call:
// through Twilio's REST API (twilio-go), behind the guards against SMS pumping
// and toll fraud (allowed country codes, per-number and global hourly caps,
// opt-outs).
//
// STUB: the API below is fixed; the implementation is being written.
package outbound

import (
	"context"
	"errors"
)

var (
	ErrCountry     = errors.New("outbound: number outside the allowed country codes")
	ErrRateLimited = errors.New("outbound: too many texts to this number this hour")
	ErrCapReached  = errors.New("outbound: hourly cap on texts reached")
	ErrOptedOut    = errors.New("outbound: number has opted out of texts")
)

// Sender sends texts and places calls. Safe for concurrent use.
type Sender struct{}

// SendText sends body to the number to from the line's number. It returns one
// of the errors above, wrapped, when a guard refuses, and sends nothing then.
func (s *Sender) SendText(ctx context.Context, to, body string) error { return nil }

// StartCall rings to from the line's number and runs twiml when answered. It
// returns the call SID. Only the country guard applies.
func (s *Sender) StartCall(ctx context.Context, to, twiml string) (string, error) { return "", nil }

// OptOut records that number wants no more texts; OptIn reverses it.
func (s *Sender) OptOut(ctx context.Context, number string) error { return nil }

// OptIn reverses OptOut.
func (s *Sender) OptIn(ctx context.Context, number string) error { return nil }

// OptedOut reports whether number has opted out.
func (s *Sender) OptedOut(ctx context.Context, number string) (bool, error) { return false, nil }
