package web

import (
	"context"
	"net/http"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/volunteers"
)

// Desk is what the console needs of the volunteers desk
// (*volunteers.Desk), one small interface per page.
type Desk interface {
	todayDesk
	callbacksDesk
}

var _ Desk = (*volunteers.Desk)(nil)

type todayDesk interface {
	Open(ctx context.Context) ([]volunteers.Callback, error)
	OnDuty(ctx context.Context) ([]volunteers.Volunteer, error)
	Roster() volunteers.Roster
}

// Figures is what the console reads of the figures (*figures.Redis).
type Figures interface {
	Report(ctx context.Context, from, to time.Time) (figures.Report, error)
	Events(ctx context.Context, day time.Time) ([]figures.Event, error)
}

var _ Figures = (*figures.Redis)(nil)

// todayPage is Today: how the line is doing, at a glance.
type todayPage struct {
	Today, Week tally
	FiguresErr  bool

	Callbacks    []openCallback
	CallbacksErr bool
	CallbacksURL string

	OnDuty    []string
	DutyErr   bool
	HoursOpen bool
	Hours     string

	Catalogue catalogueState
}

// tally is a day's or a week's contacts.
type tally struct {
	Calls, Texts, People             int
	HandoffsAnswered, HandoffsMissed int
}

type openCallback struct {
	Ref, Kind, Age, TakenBy string
}

type catalogueState struct {
	Known           bool // a status was given
	Active, Skipped int
	Inactive        int
	InService       time.Time // when the catalogue in service was loaded; zero if none
	LastAttempt     time.Time
	Held            bool      // a reload was held back and the catalogue before it is still in service
	HeldAt          time.Time // when
	HeldWhy         string    // why, precisely
	Failed          bool      // the last reload could not read its source
	FailedWhy       string
}

// today answers GET /console/.
func (c *Console) today(w http.ResponseWriter, r *http.Request) {
	c.render(w, r, "today", http.StatusOK, page{Title: "Today", Current: "", Body: c.todayPage(r.Context())})
}

// todayPage fills Today from the figures, the desk and the catalogue. A part
// that cannot be read says so; the rest of the page still shows.
func (c *Console) todayPage(ctx context.Context) todayPage {
	now := c.Now()
	p := todayPage{}
	for _, n := range nav {
		if n.Page == "callbacks" {
			p.CallbacksURL = c.urls.Console("callbacks")
		}
	}
	if c.Figures != nil {
		day, week, err := c.tallies(ctx, now)
		if err != nil {
			c.log.ErrorContext(ctx, "console: today's figures", "err", err)
			p.FiguresErr = true
		}
		p.Today, p.Week = day, week
	}
	if c.Desk != nil {
		cbs, err := c.Desk.Open(ctx)
		if err != nil {
			c.log.ErrorContext(ctx, "console: open callbacks", "err", err)
			p.CallbacksErr = true
		}
		for _, cb := range cbs {
			p.Callbacks = append(p.Callbacks, openCallback{Ref: cb.Ref, Kind: kindName(cb.Kind), Age: ago(now.Sub(cb.Requested)), TakenBy: cb.TakenBy})
		}
		on, err := c.Desk.OnDuty(ctx)
		if err != nil {
			c.log.ErrorContext(ctx, "console: duty", "err", err)
			p.DutyErr = true
		}
		for _, v := range on {
			p.OnDuty = append(p.OnDuty, v.Name)
		}
		hours := c.Desk.Roster().Hours
		p.HoursOpen, p.Hours = hours.Open(now), hours.String()
	}
	if c.Catalogue != nil {
		st := c.Catalogue()
		p.Catalogue = catalogueState{
			Known: true, Active: st.Active, Inactive: st.Inactive, Skipped: st.Skipped,
			InService: st.LastSuccess, LastAttempt: st.LastAttempt,
		}
		switch {
		case st.Held.Reason != "":
			p.Catalogue.Held, p.Catalogue.HeldAt, p.Catalogue.HeldWhy = true, st.Held.At, st.Held.Message
		case st.LastOutcome == catalogue.OutcomeFailed && st.LastErr != nil:
			p.Catalogue.Failed, p.Catalogue.FailedWhy = true, st.LastErr.Error()
		}
	}
	return p
}

// tallies counts today's contacts from its events, and this week's from the
// weekly report.
func (c *Console) tallies(ctx context.Context, now time.Time) (day, week tally, err error) {
	events, err := c.Figures.Events(ctx, now)
	if err != nil {
		return day, week, err
	}
	people := map[string]bool{}
	for _, e := range events {
		switch e.Kind {
		case figures.Contact:
			if e.Channel == figures.Voice {
				day.Calls++
			} else {
				day.Texts++
			}
			if e.Person != "" {
				people[e.Person] = true
			}
		case figures.Handoff:
			switch e.Outcome {
			case "answered":
				day.HandoffsAnswered++
			case "missed":
				day.HandoffsMissed++
			}
		}
	}
	day.People = len(people)
	rep, err := c.Figures.Report(ctx, figures.WeekStart(now, london), now)
	if err != nil {
		return day, week, err
	}
	t := rep.Total
	week = tally{Calls: t.Calls, Texts: t.Texts, People: t.People, HandoffsAnswered: t.HandoffsAnswered, HandoffsMissed: t.HandoffsMissed}
	return day, week, nil
}

// kindName says how a callback was asked for.
func kindName(kind string) string {
	switch kind {
	case "voicemail":
		return "left a message"
	case "sms":
		return "by text"
	case "voice":
		return "on the phone"
	}
	return kind
}
