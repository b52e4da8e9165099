package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/heritage-line/heritageline/figures"
)

// figuresWeeks is how many weeks Figures shows unless asked for others.
const figuresWeeks = 12

// figuresPage is the weekly report as a page: a summary, the chart, a row
// per week, the period's top lists, and the same as CSV.
type figuresPage struct {
	From, To   string // the dates asked for, YYYY-MM-DD, as the form shows them
	Action     string
	Summary    string
	ChartURL   string
	CSVURL     string
	Weeks      []figuresRow
	Total      figuresRow
	Lists      []figuresList
	HasContact bool
	// The follow-up and its wellbeing questions (issue 19), as the report
	// shows them; FollowUp is nil when nothing was counted.
	FollowUp *figuresFollowUp
}

// figuresFollowUp is the follow-up section: did they go, and did it help?
type figuresFollowUp struct {
	Rows           []figures.FollowUpRow
	SmallCountNote string
	// Wellbeing is empty when no one answered the wellbeing questions, or
	// too few twice (Withheld says so).
	Wellbeing     []figures.WellbeingRow
	Withheld      string
	WellbeingNote string
}

type figuresRow struct {
	Week                                     string
	Calls, Texts, People, Searches, Zero     int
	Asked, Answered, Missed, Requested, Done int
	Median                                   string
}

type figuresList struct {
	Title string
	Unit  string // "times", "searches"
	Items []figuresItem
}

type figuresItem struct {
	Label string
	N     int
}

// figuresRange reads from and to (YYYY-MM-DD) from the query: by default
// the last twelve weeks to today. It returns the dates as given and the
// period, or a message for the coordinator.
func (c *Console) figuresRange(q url.Values) (from, to string, start, end time.Time, msg string) {
	now := c.Now().In(london)
	from, to = q.Get("from"), q.Get("to")
	if from == "" {
		from = now.AddDate(0, 0, -7*(figuresWeeks-1)).Format(time.DateOnly)
	}
	if to == "" {
		to = now.Format(time.DateOnly)
	}
	start, err1 := time.ParseInLocation(time.DateOnly, from, london)
	last, err2 := time.ParseInLocation(time.DateOnly, to, london)
	switch {
	case err1 != nil:
		return from, to, start, end, fmt.Sprintf("The first day %q isn't a date: write it like %s.", from, now.Format(time.DateOnly))
	case err2 != nil:
		return from, to, start, end, fmt.Sprintf("The last day %q isn't a date: write it like %s.", to, now.Format(time.DateOnly))
	case last.Before(start):
		return from, to, start, end, "The last day is before the first: please swap them."
	case last.Sub(start) > 3*366*24*time.Hour:
		return from, to, start, end, "Please ask for at most three years at once."
	}
	return from, to, start, last.Add(24*time.Hour - time.Second), ""
}

// figures answers GET /console/figures?from=&to=.
func (c *Console) figures(w http.ResponseWriter, r *http.Request) {
	from, to, start, end, msg := c.figuresRange(r.URL.Query())
	p := figuresPage{From: from, To: to, Action: c.urls.Console("figures")}
	if msg != "" {
		c.render(w, r, "figures", http.StatusUnprocessableEntity, page{Title: "Figures", Current: "figures", Error: msg, Body: p})
		return
	}
	rep, err := c.Figures.Report(r.Context(), start, end)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	q := url.Values{"from": {from}, "to": {to}}.Encode()
	p.ChartURL = c.urls.Console("figures/chart.png") + "?" + q
	p.CSVURL = c.urls.Console("figures.csv") + "?" + q
	p.Summary = figures.Summary(rep)
	p.HasContact = rep.Total.Calls+rep.Total.Texts > 0
	for _, wk := range rep.Weeks {
		p.Weeks = append(p.Weeks, figuresRowOf(wk.Start.Format("2 Jan 2006"), wk))
	}
	p.Total = figuresRowOf("Total", rep.Total)
	t := rep.Total
	cats := make([]figures.Count, len(t.Categories))
	for i, k := range t.Categories {
		cats[i] = figures.Count{Key: figures.CategoryName(k.Key), N: k.N}
	}
	for _, l := range []struct {
		title, unit string
		counts      []figures.Count
	}{
		{"Activities most often suggested", "times", t.Signposted},
		{"Activities residents asked about", "times", t.Asked},
		{"Areas searched", "searches", t.Areas},
		{"Kinds of activity asked for", "searches", cats},
	} {
		if len(l.counts) == 0 {
			continue
		}
		fl := figuresList{Title: l.title, Unit: l.unit}
		for _, c := range l.counts {
			fl.Items = append(fl.Items, figuresItem{Label: c.Label(), N: c.N})
		}
		p.Lists = append(p.Lists, fl)
	}
	p.FollowUp = followUpOf(rep)
	c.render(w, r, "figures", http.StatusOK, page{Title: "Figures", Current: "figures", Body: p})
}

// followUpOf is rep's follow-up section, or nil when there is nothing to
// show.
func followUpOf(rep figures.Report) *figuresFollowUp {
	f := rep.Total.FollowUps
	if !f.Any() && len(rep.Wellbeing) == 0 {
		return nil
	}
	fu := &figuresFollowUp{Rows: f.Rows(), SmallCountNote: figures.SmallCountNote}
	if len(rep.Wellbeing) > 0 {
		fu.Wellbeing, fu.Withheld = figures.WellbeingRows(rep.Wellbeing)
		if fu.Withheld == "" {
			fu.WellbeingNote = figures.WellbeingNote
		}
	}
	return fu
}

func figuresRowOf(name string, wk figures.Week) figuresRow {
	med := "none"
	if wk.MedianCallback > 0 {
		med = figures.SpokenDuration(wk.MedianCallback)
	}
	return figuresRow{
		Week: name, Calls: wk.Calls, Texts: wk.Texts, People: wk.People, Searches: wk.Searches, Zero: wk.ZeroSearches,
		Asked: wk.HandoffsAsked, Answered: wk.HandoffsAnswered, Missed: wk.HandoffsMissed,
		Requested: wk.CallbacksRequested, Done: wk.CallbacksDone, Median: med,
	}
}

// figuresChart answers GET /console/figures/chart.png?from=&to=: calls and
// texts per week.
func (c *Console) figuresChart(w http.ResponseWriter, r *http.Request) {
	_, _, start, end, msg := c.figuresRange(r.URL.Query())
	if msg != "" {
		http.Error(w, msg, http.StatusUnprocessableEntity)
		return
	}
	rep, err := c.Figures.Report(r.Context(), start, end)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := figures.Chart(&buf, rep); err != nil && !errors.Is(err, figures.ErrEmptyReport) {
		c.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

// figuresCSV answers GET /console/figures.csv?from=&to=: the report for a
// spreadsheet, as `heritageline report --format csv` writes it.
func (c *Console) figuresCSV(w http.ResponseWriter, r *http.Request) {
	from, to, start, end, msg := c.figuresRange(r.URL.Query())
	if msg != "" {
		http.Error(w, msg, http.StatusUnprocessableEntity)
		return
	}
	rep, err := c.Figures.Report(r.Context(), start, end)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := figures.WriteCSV(&buf, rep); err != nil {
		c.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="heritageline-figures-%s-to-%s.csv"`, from, to))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}
