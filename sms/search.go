package sms

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/places"
	"github.com/heritage-line/heritageline/smstext"
)

// Search radii: first near, then once wider, saying so.
const (
	nearMiles  = 10
	widerMiles = 25
)

// find answers a search: a place (or the last one) with any filters.
func (l *Line) find(ctx context.Context, t *turn, old state, req catalogue.Request) (string, error) {
	st := state{Categories: req.Categories, Tags: req.Tags, FreeOnly: req.FreeOnly, Languages: req.Languages}
	other := "" // another place of the name, as a texter would ask for it
	switch {
	case !req.When.Date.IsZero():
		// A date ("on 5th December") is that one day, from its midnight
		// (or now, when it is today).
		st.WithinDays, st.Date = 1, req.When.Date
		st.From = req.When.Date.In(0, catalogue.London)
	case req.When.Today:
		st.WithinDays = 1
	case req.When.Weekday != nil:
		st.WithinDays, st.Day = 1, req.When.Weekday.String()
		st.From = nextDay(l.cfg.Now(), *req.When.Weekday)
	case req.When.ThisWeek:
		st.WithinDays = 7
	}
	if req.Place == "" {
		if !old.hasPlace() {
			return l.askPlace(ctx), nil
		}
		st.Place, st.Area, st.Lat, st.Lon = old.Place, old.Area, old.Lat, old.Lon
	} else {
		p, ok := l.resolve(req.Place)
		if !ok {
			return l.notFound(ctx), nil
		}
		if p.Place.InNorthernIreland() {
			// The data and the catalogue are Great Britain's: say so, and
			// how to reach a volunteer, rather than "nothing near".
			return l.offers().OutsideGBText(), nil
		}
		st.Place, st.Area, st.Lat, st.Lon = placeName(p), cmpOr(p.Place.Outcode, p.Place.Name), p.Place.Lat, p.Place.Lon
		other = otherPlace(p)
	}

	filtered := len(st.Categories) > 0 || len(st.Tags) > 0 || st.FreeOnly || st.WithinDays > 0 || len(st.Languages) > 0
	results, total, err := l.widening(ctx, &st)
	if err != nil {
		return "", err
	}
	var note string
	if total == 0 && filtered {
		note = l.book.NothingFiltered(filters(st), st.Place, widerMiles)
		st.Categories, st.Tags, st.FreeOnly, st.WithinDays, st.From, st.Day, st.Date = nil, nil, false, 0, time.Time{}, "", catalogue.Date{}
		st.Languages = nil
		if results, total, err = l.widening(ctx, &st); err != nil {
			return "", err
		}
	} else if total > 0 && st.Within > nearMiles {
		note = l.book.WiderHeading(st.Place, nearMiles, widerMiles)
	}
	l.recordSearch(ctx, t.hash, st, l.onePage(results))
	if total == 0 {
		t.keep(st)
		if other != "" {
			return l.offers().NothingNear(st.Place, widerMiles) + "\n" + l.book.OtherPlace(other), nil
		}
		return l.offers().NothingNear(st.Place, widerMiles), nil
	}
	st.Total = total
	head := note
	if head == "" {
		head = l.book.Heading(filters(st), st.Place)
	}
	if other != "" {
		head = l.book.OtherPlace(other) + "\n" + head
	}
	return l.page(ctx, t, st, head, results)
}

// widening searches within nearMiles, then once within widerMiles, and
// remembers which in st.Within.
func (l *Line) widening(ctx context.Context, st *state) ([]catalogue.Result, int, error) {
	for _, within := range []float64{nearMiles, widerMiles} {
		st.Within = within
		res, total, err := l.near(ctx, *st, 0)
		if err != nil || total > 0 {
			return res, total, err
		}
	}
	return nil, 0, nil
}

// ahead is how many activities past a page a search fetches and keeps in
// the state (state.Ahead), so that MORE lists them in the order the search
// found them, without searching again.
const ahead = 10

// query is the search st describes, from the offset-th match.
func (l *Line) query(st state, offset int) catalogue.Query {
	now := l.cfg.Now()
	if st.From.After(now) {
		now = st.From
	}
	return catalogue.Query{
		Lat: st.Lat, Lon: st.Lon, WithinMiles: st.Within,
		Categories: st.Categories, Tags: st.Tags, FreeOnly: st.FreeOnly, Languages: st.Languages,
		Now: now, WithinDays: st.WithinDays,
		Offset: offset, Limit: l.cfg.PageSize + ahead,
	}
}

// near runs the search st describes from the offset-th match: a page and
// the activities ahead of it.
func (l *Line) near(ctx context.Context, st state, offset int) ([]catalogue.Result, int, error) {
	res, total, err := l.deps.Finder.Near(ctx, l.query(st, offset))
	if err != nil {
		return nil, 0, fmt.Errorf("sms: search: %w", err)
	}
	return res, total, nil
}

// aheadOf reads the activities kept in st.Ahead, skipping any no longer
// listed or no longer matching the search (a day gone by for TODAY), until
// it has a page's worth; it returns them and the ids it did not come to.
func (l *Line) aheadOf(ctx context.Context, st state) (results []catalogue.Result, rest []string, err error) {
	q := l.query(st, 0)
	results = make([]catalogue.Result, 0, min(len(st.Ahead), l.cfg.PageSize))
	for i, id := range st.Ahead {
		if len(results) == l.cfg.PageSize {
			return results, st.Ahead[i:], nil
		}
		a, err := l.deps.Finder.Get(ctx, id)
		if errors.Is(err, catalogue.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("sms: get activity: %w", err)
		}
		next, ok := catalogue.Matches(&a, q)
		if !ok {
			continue
		}
		results = append(results, catalogue.Result{Activity: a, Miles: places.Miles(st.Lat, st.Lon, a.Lat, a.Lon), Next: next})
	}
	return results, nil, nil
}

// onePage is the part of results one reply lists at most.
func (l *Line) onePage(results []catalogue.Result) []catalogue.Result {
	return results[:min(len(results), l.cfg.PageSize)]
}

// page lists the first page of results numbered on from the items already
// listed, as many as fit, keeps the rest for MORE, saves the state, and
// returns the reply.
func (l *Line) page(ctx context.Context, t *turn, st state, head string, results []catalogue.Result) (string, error) {
	shown := l.onePage(results)
	first := len(st.IDs) + 1
	// Measured as they are sent (GSM-7 where they can be): a Polish
	// "ę" in the foot must not count as UCS-2 and crowd out activities.
	head = smstext.Normalise(head)
	items := make([]string, len(shown))
	for i, r := range shown {
		items[i] = smstext.Normalise(l.book.ListItem(first+i, r))
	}
	foot := func(more bool) string { return smstext.Normalise(l.offers().ListFoot(more)) }
	more := len(st.IDs)+len(shown) < st.Total
	body, kept := smstext.Fit(head, items, foot(more))
	if kept < len(shown) && !more {
		// Some did not fit, so there is more after all.
		body, kept = smstext.Fit(head, items, foot(true))
	}
	for _, r := range shown[:kept] {
		st.IDs = append(st.IDs, r.Activity.ID)
	}
	var ahead []string
	for _, r := range results[kept:] {
		ahead = append(ahead, r.Activity.ID)
	}
	st.Ahead = append(ahead, st.Ahead...) // then those MORE has not come to yet
	t.keep(st)
	return body, nil
}

// more lists the next page of the last search.
func (l *Line) more(ctx context.Context, t *turn, st state) (string, error) {
	if !st.hasPlace() {
		return l.askPlace(ctx), nil
	}
	if len(st.IDs) >= st.Total {
		return l.offers().AllShown(st.Place, int(st.Within)), nil
	}
	results, rest, err := l.aheadOf(ctx, st)
	if err != nil {
		return "", err
	}
	st.Ahead = rest
	if len(results) == 0 {
		// None kept, or all gone since: search again.
		st.Ahead = nil
		var total int
		if results, total, err = l.near(ctx, st, len(st.IDs)); err != nil {
			return "", err
		}
		st.Total = total
		if len(results) == 0 {
			st.Total = len(st.IDs)
			t.keep(st)
			return l.more(ctx, t, st)
		}
	}
	l.recordSearch(ctx, t.hash, st, l.onePage(results))
	return l.page(ctx, t, st, l.book.MoreHeading(filters(st), st.Place), results)
}

// details answers a number from the last list.
func (l *Line) details(ctx context.Context, t *turn, st state, n int) (string, error) {
	if len(st.IDs) == 0 {
		return l.noListYet(ctx), nil
	}
	if n < 1 || n > len(st.IDs) {
		return l.book.NoSuchNumber(n, len(st.IDs)), nil
	}
	a, err := l.deps.Finder.Get(ctx, st.IDs[n-1])
	if errors.Is(err, catalogue.ErrNotFound) {
		return l.book.NoLongerListed(), nil
	}
	if err != nil {
		return "", fmt.Errorf("sms: get activity: %w", err)
	}
	now := l.cfg.Now()
	next, _ := catalogue.Matches(&a, catalogue.Query{Now: now})
	res := catalogue.Result{Activity: a, Miles: places.Miles(st.Lat, st.Lon, a.Lat, a.Lon), Next: next}
	l.deps.Figures.Record(ctx, figures.Event{Time: now, Channel: figures.SMS, Kind: figures.Details, Person: t.hash, Area: st.Area, Offered: []string{a.ID}})
	return l.withFollowUpOffer(ctx, t.from, t.hash, a, l.book.Details(res, now)), nil
}

func (l *Line) recordSearch(ctx context.Context, hash string, st state, results []catalogue.Result) {
	e := figures.Event{Time: l.cfg.Now(), Channel: figures.SMS, Kind: figures.Search, Person: hash, Area: st.Area, Zero: len(results) == 0}
	for _, c := range st.Categories {
		e.Categories = append(e.Categories, string(c))
	}
	for _, r := range results {
		e.Offered = append(e.Offered, r.Activity.ID)
	}
	l.deps.Figures.Record(ctx, e)
}

// resolve finds the place a resident named; a full postcode the index does
// not know falls back to its district.
func (l *Line) resolve(text string) (places.Match, bool) {
	if l.deps.Places == nil {
		return places.Match{}, false
	}
	if m, ok := l.deps.Places.Resolve(text); ok {
		return m, true
	}
	if _, out, ok := places.ParsePostcode(text); ok {
		return l.deps.Places.Resolve(out)
	}
	return places.Match{}, false
}

// placeName is how a reply names the place: with its area when other places
// share the name, so the resident can tell which was chosen.
func placeName(m places.Match) string {
	name := m.Place.Name
	if len(m.Others) > 0 && m.Place.Area != "" && m.Place.Kind == places.KindTown {
		name += " (" + m.Place.Area + ")"
	}
	return name
}

// otherPlace is how a texter asks for the first other place of m's name in
// an area of its own ("Newport, Shropshire"), which the places index reads
// back as that place; "" when there is none.
func otherPlace(m places.Match) string {
	p := m.Place
	if p.Kind != places.KindTown || p.Area == "" {
		return ""
	}
	for _, o := range m.Others {
		if places.SameName(o.Name, p.Name) && o.Area != "" && !strings.EqualFold(o.Area, p.Area) {
			return o.Name + ", " + o.Area
		}
	}
	return ""
}

// nextDay is the London midnight starting the next day after now that falls
// on d, or now itself when today is d (sessions already over are not shown).
func nextDay(now time.Time, d time.Weekday) time.Time {
	now = now.In(catalogue.London)
	ahead := (int(d) - int(now.Weekday()) + 7) % 7
	if ahead == 0 {
		return now
	}
	y, m, day := now.Date()
	return time.Date(y, m, day+ahead, 0, 0, 0, 0, catalogue.London)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
