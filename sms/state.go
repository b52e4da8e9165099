package sms

import (
	"context"
	"fmt"
	"time"

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

func (l *Line) loadState(ctx context.Context, hash string) (state, error) {
	var st state
	if _, err := l.deps.Sessions.Load(ctx, stateKey(hash), &st); err != nil {
		return state{}, fmt.Errorf("sms: load state: %w", err)
	}
	return st, nil
}

// turn is one text being answered: whose it is, and the state to save
// with the reply (nil when unchanged).
type turn struct {
	hash string
	save *state
}

// keep marks st to be saved when the reply is sent.
func (t *turn) keep(st state) { t.save = &st }
