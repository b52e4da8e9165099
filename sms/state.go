package sms

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
)

// state is what the line remembers of one texter, under the hash of their
// number: the last search and the activities listed so far, numbered from 1
// across pages.
type state struct {
	Place      string               `json:"place,omitempty"` // as the reply names it: "Frome"
	Area       string               `json:"area,omitempty"`  // for figures: the outcode or place name
	Lat        float64              `json:"lat,omitempty"`
	Lon        float64              `json:"lon,omitempty"`
	Categories []catalogue.Category `json:"cat,omitempty"`
	Tags       []string             `json:"tags,omitempty"`
	FreeOnly   bool                 `json:"free,omitempty"`
	WithinDays int                  `json:"days,omitempty"`
	From       time.Time            `json:"from,omitzero"`    // a weekday asked for: the London midnight it starts
	Day        string               `json:"day,omitempty"`    // that weekday's name, for the heading
	Within     float64              `json:"within,omitempty"` // miles the list was searched within
	IDs        []string             `json:"ids,omitempty"`    // listed so far: IDs[n-1] is item n
	Total      int                  `json:"total,omitempty"`
}

func (s *state) hasPlace() bool { return s.Place != "" }

func stateKey(hash string) string { return "sms:state:" + hash }

// loadTexter reads, in one round trip, the state of the texter from (whose
// hash is hash) and whether they opted out. err is the state's error. When
// the opt-out check fails it is logged and the texter counts as not opted
// out: Redis down must mean a simpler line, not a silent one, and Twilio
// itself refuses to deliver to a number that texted STOP to the line.
func (l *Line) loadTexter(ctx context.Context, log *slog.Logger, from, hash string) (st state, opted bool, err error) {
	var optedOut func() (bool, error)
	if _, err = l.deps.Sessions.LoadAlso(ctx, stateKey(hash), &st, func(pipe redis.Pipeliner) {
		optedOut = l.deps.OptOuts.QueueOptedOut(ctx, pipe, from)
	}); err != nil {
		st, err = state{}, fmt.Errorf("sms: load state: %w", err)
	}
	opted, optErr := optedOut()
	if optErr != nil {
		log.ErrorContext(ctx, "check opt-out", "err", optErr)
	}
	return st, opted, err
}

// turn is one text being answered: whose it is, and the state to save
// with the reply (nil when unchanged).
type turn struct {
	hash string
	save *state
}

// keep marks st to be saved when the reply is sent.
func (t *turn) keep(st state) { t.save = &st }
