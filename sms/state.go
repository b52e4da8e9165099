package sms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/followup"
	"github.com/heritage-line/heritageline/internal/roundtrip"
	"github.com/heritage-line/heritageline/words"
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
	Languages  []string             `json:"langs,omitempty"` // offered in one of these ("Polish")
	WithinDays int                  `json:"days,omitempty"`
	From       time.Time            `json:"from,omitzero"`    // a weekday asked for: the London midnight it starts
	Day        string               `json:"day,omitempty"`    // that weekday's name, for the heading
	Date       catalogue.Date       `json:"date,omitzero"`    // a date asked for ("on 5th December")
	Within     float64              `json:"within,omitempty"` // miles the list was searched within
	IDs        []string             `json:"ids,omitempty"`    // listed so far: IDs[n-1] is item n
	Ahead      []string             `json:"ahead,omitempty"`  // found by the search, not listed yet, in its order
	Total      int                  `json:"total,omitempty"`
}

func (s *state) hasPlace() bool { return s.Place != "" }

func stateKey(hash string) string { return "sms:state:" + hash }

// langKey is where a texter's choice of language is kept.
func langKey(hash string) string { return "sms:lang:" + hash }

// texter is what the line knows of a resident when their text arrives.
type texter struct {
	saved json.RawMessage // their state, decoded only if the text needs it
	stErr error           // the state could not be read
	opted bool            // they texted STOP
	v     verdict
	// pending reads their follow-up, read with the rest.
	pending func() (followup.Pending, error)
	lang    words.Lang // the language they chose, "" if none (or it could not be read)
}

// state returns the texter's state (the zero state when none is saved).
func (tx *texter) state() (state, error) {
	var st state
	if tx.stErr != nil {
		return st, tx.stErr
	}
	if len(tx.saved) > 0 {
		if err := json.Unmarshal(tx.saved, &st); err != nil {
			return state{}, fmt.Errorf("sms: decode state: %w", err)
		}
	}
	return st, nil
}

// needsState reports whether the answer to req depends on what the texter
// asked before: a number or MORE from their list, or a search with no place
// named (the last place is used). A new search with a place, HELP or CALL
// does not, so their state is not decoded.
func needsState(req catalogue.Request) bool {
	switch req.Intent {
	case catalogue.IntentDetails, catalogue.IntentMore:
		return true
	case catalogue.IntentFind:
		return req.Place == ""
	}
	return false
}

// loadTexter reads, in one round trip, the state of the texter from (whose
// hash is hash), whether they opted out, and counts their text against the
// rate limit. When the opt-out check or the count fails it is logged and the
// texter counts as not opted out and within the limit: Redis down must mean
// a simpler line, not a silent one, and Twilio itself refuses to deliver to
// a number that texted STOP to the line.
func (l *Line) loadTexter(ctx context.Context, log func() *slog.Logger, from, hash string) texter {
	var optedOut func() (bool, error)
	var count, sent func() (int64, error)
	var chosen func() (bool, error)
	var tx texter
	if _, err := l.deps.Sessions.LoadAlso(ctx, stateKey(hash), &tx.saved, func(pipe redis.Pipeliner) {
		optedOut = l.deps.OptOuts.QueueOptedOut(ctx, pipe, from)
		count = l.deps.Sessions.QueueCount(ctx, pipe, rateKey(hash), time.Hour)
		tx.pending = l.deps.FollowUps.QueuePending(ctx, pipe, hash)
		if len(l.cfg.Languages) > 1 {
			chosen = l.deps.Sessions.QueueLoad(ctx, pipe, langKey(hash), &tx.lang)
		}
		sent = l.deps.Sessions.QueuePeek(ctx, pipe, globalKey(l.cfg.Now()))
	}); err != nil {
		tx.saved, tx.stErr = nil, fmt.Errorf("sms: load state: %w", err)
		if errors.Is(err, roundtrip.ErrGaveUp) {
			// Redis is too slow to wait for: not opted out, within the limit.
			tx.pending = nil
			tx.v = l.judge(0)
			return tx
		}
	}
	var err error
	if tx.opted, err = optedOut(); err != nil {
		log().ErrorContext(ctx, "check opt-out", "err", err)
	}
	n, err := count()
	if err != nil {
		log().ErrorContext(ctx, "rate limit", "err", err)
	}
	tx.v = l.judge(n)
	if chosen != nil {
		if _, err := chosen(); err != nil {
			tx.lang = ""
			log().ErrorContext(ctx, "read language", "err", err)
		}
	}
	g, err := sent()
	if err != nil {
		log().ErrorContext(ctx, "global reply cap", "err", err)
	}
	tx.v = l.capGlobal(tx.v, g)
	return tx
}

// turn is one text being answered: whose it is, and the state to save
// with the reply (nil when unchanged).
type turn struct {
	hash string
	from string // their number, for the follow-up's offer
	save *state
	lang words.Lang // a language chosen, to remember with the reply
}

// keep marks st to be saved when the reply is sent.
func (t *turn) keep(st state) { t.save = &st }
