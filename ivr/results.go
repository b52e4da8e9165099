package ivr

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/twilio/twilio-go/twiml"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/outbound"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/words"
)

// The search widens once, from near to far, saying so.
const (
	nearMiles = 10
	farMiles  = 25
)

// near is Finder.Near within ctx's deadline.
func (l *Line) near(ctx context.Context, q catalogue.Query) ([]catalogue.Result, int, error) {
	type page struct {
		res   []catalogue.Result
		total int
	}
	p, err := bounded(ctx, func(ctx context.Context) (page, error) {
		res, total, err := l.deps.Finder.Near(ctx, q)
		return page{res, total}, err
	})
	return p.res, p.total, err
}

// query is the search for the result at offset in the call's current list.
func (l *Line) query(st *call, miles float64, offset int) catalogue.Query {
	q := catalogue.Query{
		Lat: st.Place.Lat, Lon: st.Place.Lon,
		WithinMiles: miles,
		Categories:  st.Kinds,
		Languages:   st.Langs,
		Now:         l.cfg.Now(),
		Offset:      offset,
		Limit:       1,
	}
	if st.Week {
		q.WithinDays = 7
	}
	if !st.Day.IsZero() {
		// The day asked about: from its midnight, or now when it is today.
		if from := st.Day.In(0, catalogue.London); from.After(q.Now) {
			q.Now = from
		}
		q.WithinDays = 1
	}
	return q
}

// startSearch searches near st.Place within 10 miles, then once within 25,
// then, if the caller's filters (a kind, the next seven days) left nothing,
// without them, and speaks the first result straight away. With nothing at
// all it apologises and offers a volunteer. It returns the Finder's error
// (for example catalogue.ErrNoCatalogue), wrapped.
func (l *Line) startSearch(ctx context.Context, r *http.Request, st *call, lead []string) ([]twiml.Element, error) {
	if st.Place == nil {
		return l.askPlace(ctx, st, ""), nil
	}
	st.PlaceMisses = 0
	st.Pos = 0
	kinds := st.Kinds
	timed := st.Week || !st.Day.IsZero()
	narrowed := len(st.Kinds) > 0 || len(st.Langs) > 0
	// What the line says when the day or week asked about is dropped.
	timeGone := l.book.NothingThisWeek(farMiles)
	if !st.Day.IsZero() {
		lead = append(lead, l.book.OnDay(l.dayWords(st.Day)))
		timeGone = l.book.NothingOnDay(l.dayWords(st.Day), farMiles)
	}
	dropped := ""
	// Three tries: everything asked; then, when a kind or language was
	// asked for a day or the week, that kind at any time; then anything.
	for try := range 3 {
		if try > 0 {
			switch {
			case try == 1 && timed && narrowed:
				dropped = timeGone
			case try == 2 && (timed || narrowed):
				dropped = timeGone
				if narrowed {
					dropped = l.book.NothingOfKind(farMiles)
				}
				st.Kinds, st.Langs = nil, nil
			default:
				continue // nothing to drop at this try
			}
			if !st.Day.IsZero() {
				lead = lead[:len(lead)-1] // not "here is what's on": nothing is
			}
			st.Week, st.Day = false, catalogue.Date{}
		}
		for _, miles := range []float64{nearMiles, farMiles} {
			res, total, err := l.near(ctx, l.query(st, miles, 0))
			if err != nil {
				return nil, fmt.Errorf("ivr: search within %v miles: %w", miles, err)
			}
			if total == 0 || len(res) == 0 {
				continue
			}
			st.Miles, st.Total = miles, total
			found := l.book.Found(total, int(miles))
			if miles == farMiles && try == 0 {
				found = l.book.FoundFurther(total, nearMiles, farMiles)
			}
			if dropped != "" {
				lead = append(lead, dropped)
			}
			lead = append(lead, found)
			l.recordSearch(ctx, r, st, kinds, res[0].Activity.ID)
			return l.speakResult(st, res[0], lead...), nil
		}
	}
	l.recordSearch(ctx, r, st, kinds, "")
	st.Total = 0
	return l.nonePrompt(st, lead...), nil
}

func (l *Line) recordSearch(ctx context.Context, r *http.Request, st *call, kinds []catalogue.Category, offered string) {
	e := figures.Event{
		Time: l.cfg.Now(), Channel: figures.Voice, Kind: figures.Search,
		Person: l.person(r), Area: area(st), Zero: offered == "",
	}
	for _, k := range kinds {
		e.Categories = append(e.Categories, string(k))
	}
	if offered != "" {
		e.Offered = []string{offered}
	}
	l.deps.Figures.Record(ctx, e)
}

// area is the place searched, for the figures: its postcode district, or its name.
func area(st *call) string {
	if st.Place == nil {
		return ""
	}
	if st.Place.Outcode != "" {
		return st.Place.Outcode
	}
	return st.Place.Name
}

func (l *Line) nonePrompt(st *call, lead ...string) []twiml.Element {
	st.at("none")
	prompts := append(lead, l.book.NoneFound(farMiles), l.offers().NoneOptions())
	return l.gather("none", hintList(l.lex.Hints[words.PromptNone]...), prompts...)
}

// outsidePrompt tells a caller who named a place in Northern Ireland that
// the line covers Great Britain, then offers the none step's choices:
// somewhere else, or a volunteer.
func (l *Line) outsidePrompt(st *call) []twiml.Element {
	st.at("none")
	return l.gather("none", hintList(l.lex.Hints[words.PromptNone]...), l.book.OutsideGB(), l.offers().NoneOptions())
}

// noneStep: 1 searches somewhere else; silence is staying on the line for a
// volunteer.
func (l *Line) noneStep(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	if in.silent() {
		return l.handoff(ctx, r, st), nil
	}
	if l.keys.choice(in, l.keys.none) == "1" {
		return l.askPlace(ctx, st, ""), nil
	}
	return l.missed(ctx, r, st, in, func() []twiml.Element { return l.nonePrompt(st) }), nil
}

// current fetches the result at st.Pos again. It reports false when the list
// has changed under the call and there is none there now.
func (l *Line) current(ctx context.Context, st *call) (catalogue.Result, bool, error) {
	if st.Place == nil {
		return catalogue.Result{}, false, nil
	}
	res, _, err := l.near(ctx, l.query(st, st.Miles, st.Pos))
	if err != nil {
		return catalogue.Result{}, false, fmt.Errorf("ivr: result %d: %w", st.Pos, err)
	}
	if len(res) == 0 {
		return catalogue.Result{}, false, nil
	}
	return res[0], true, nil
}

// speakResult says lead, one activity, and the choices after it.
func (l *Line) speakResult(st *call, res catalogue.Result, lead ...string) []twiml.Element {
	var v []twiml.Element
	for _, s := range lead {
		v = append(v, l.say(s))
	}
	if code := l.book.Language().Code; code != words.English && !st.ToldEnglish && res.Activity.In(string(code)).Title == res.Activity.Title {
		// Once a call: what follows is the catalogue's, in English.
		v = append(v, l.say(l.book.DetailsInEnglish()))
		st.ToldEnglish = true
	}
	v = append(v, l.say(l.book.Describe(res, l.cfg.Now())))
	return append(v, l.resultOptions(st)...)
}

// resultOptions are the choices after an activity. Sending it by text is
// not offered once the call has sent as many texts as it may.
func (l *Line) resultOptions(st *call, lead ...string) []twiml.Element {
	st.at("result")
	options := l.offers().ResultOptions(len(st.Kinds) > 0)
	if st.Texts >= l.cfg.MaxTextsPerCall {
		options = l.offers().ResultOptionsNoText(len(st.Kinds) > 0)
	}
	prompts := append(lead, options)
	return l.gather("result", hintList(l.lex.Hints[words.PromptResult]...), prompts...)
}

func (l *Line) resultStep(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	c := l.keys.choice(in, l.keys.result)
	switch c {
	case "1", "2":
		if c == "1" {
			st.Pos++
		}
		if st.Pos >= st.Total {
			return l.endPrompt(st), nil
		}
		res, ok, err := l.current(ctx, st)
		if err != nil {
			return nil, err
		}
		if !ok {
			return l.endPrompt(st), nil
		}
		return l.speakResult(st, res), nil
	case "3":
		return l.textStep(ctx, r, st)
	case "4":
		return l.phoneStep(ctx, r, st)
	case "5":
		return l.kindPrompt(st), nil
	case "9":
		return l.goodbye(), nil
	}
	return l.missed(ctx, r, st, in, func() []twiml.Element { return l.resultOptions(st) }), nil
}

// phoneStep reads the booking number slowly, twice.
func (l *Line) phoneStep(ctx context.Context, r *http.Request, st *call) ([]twiml.Element, error) {
	res, ok, err := l.current(ctx, st)
	if err != nil {
		return nil, err
	}
	if !ok {
		return l.endPrompt(st), nil
	}
	l.deps.Figures.Record(ctx, figures.Event{
		Time: l.cfg.Now(), Channel: figures.Voice, Kind: figures.Details,
		Person: l.person(r), Area: area(st), Offered: []string{res.Activity.ID},
	})
	n := l.book.SpokenPhone(res.Activity.Phone)
	if n == "" {
		return l.resultOptions(st, l.book.NoPhone()), nil
	}
	return l.resultOptions(st, l.book.PhoneIs(n)), nil
}

// ukMobile reports whether number (E.164) is a UK mobile.
func ukMobile(number string) bool {
	return strings.HasPrefix(number, "+447") && len(number) == 13
}

// textStep sends the current activity's details by text to the caller, if the
// call is from a UK mobile and the call has texts left, and says what happened.
func (l *Line) textStep(ctx context.Context, r *http.Request, st *call) ([]twiml.Element, error) {
	from := r.PostForm.Get("From")
	to := privacy.Normalise(from)
	switch {
	case st.Texts >= l.cfg.MaxTextsPerCall:
		return l.resultOptions(st, l.book.TextsUsedUp(st.Texts)), nil
	case withheld(from):
		return l.resultOptions(st, l.book.HiddenNoText()), nil
	case !ukMobile(to):
		return l.resultOptions(st, l.book.OnlyUKMobiles()), nil
	}
	res, ok, err := l.current(ctx, st)
	if err != nil {
		return nil, err
	}
	if !ok {
		return l.endPrompt(st), nil
	}
	err = l.deps.Texter.SendText(ctx, to, l.book.Details(res, l.cfg.Now()))
	switch {
	case err == nil:
		st.Texts++
		l.deps.Figures.Record(ctx, figures.Event{
			Time: l.cfg.Now(), Channel: figures.Voice, Kind: figures.Texted,
			Person: l.person(r), Area: area(st), Offered: []string{res.Activity.ID},
		})
		if offer := l.offerFollowUp(ctx, r, st, to, res.Activity); offer != nil {
			return offer, nil
		}
		return l.resultOptions(st, l.book.TextSent()), nil
	case errors.Is(err, outbound.ErrOptedOut):
		return l.resultOptions(st, l.book.TextOptedOut()), nil
	case errors.Is(err, outbound.ErrRateLimited), errors.Is(err, outbound.ErrCapReached):
		return l.resultOptions(st, l.book.TextsLater()), nil
	case errors.Is(err, outbound.ErrCountry):
		return l.resultOptions(st, l.book.OnlyUKMobiles()), nil
	}
	l.log.ErrorContext(ctx, "voice: send text", "call_sid", r.PostForm.Get("CallSid"), "err", err)
	return l.resultOptions(st, l.book.TextFailed()), nil
}

// kindGroups are the kinds a caller can narrow to, in menu order.
var kindGroups = [][]catalogue.Category{
	{catalogue.Walk},
	{catalogue.Museum},
	{catalogue.HistoryGroup, catalogue.Cafe},
	{catalogue.Crafts, catalogue.Archaeology},
}

func (l *Line) kindPrompt(st *call, lead ...string) []twiml.Element {
	st.at("kind")
	prompts := append(lead, l.book.KindMenu())
	return l.gather("kind", hintList(l.lex.Hints[words.PromptKind]...), prompts...)
}

// kindStep narrows the list to one kind and restarts it from the nearest.
func (l *Line) kindStep(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	if st.Place == nil {
		// Reached without a place (an old Gather's action, a replay): ask.
		return l.askPlace(ctx, st, ""), nil
	}
	var kinds []catalogue.Category
	c := l.keys.choice(in, l.keys.kind)
	switch n := atoi(c); {
	case c == "5":
	case n >= 1 && n <= len(kindGroups):
		kinds = kindGroups[n-1]
	case c == "" && !in.silent() && l.deps.Understander != nil:
		// A kind, a language the activities are held in ("in Polish"), or
		// both.
		req := l.understand(ctx, in.Speech)
		if len(req.Categories) == 0 && len(req.Languages) == 0 {
			return l.missed(ctx, r, st, in, func() []twiml.Element { return l.kindPrompt(st) }), nil
		}
		kinds = req.Categories
		if len(req.Languages) > 0 {
			st.Langs = req.Languages
		}
	default:
		return l.missed(ctx, r, st, in, func() []twiml.Element { return l.kindPrompt(st) }), nil
	}
	st.Kinds = kinds
	return l.startSearch(ctx, r, st, nil)
}

func (l *Line) endPrompt(st *call) []twiml.Element {
	st.at("end")
	return l.gather("end", hintList(l.lex.Hints[words.PromptEnd]...), l.offers().EndOptions())
}

func (l *Line) endStep(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	switch l.keys.choice(in, l.keys.end) {
	case "1":
		st.Pos = 0
		res, ok, err := l.current(ctx, st)
		if err != nil {
			return nil, err
		}
		if !ok {
			return l.askPlace(ctx, st, ""), nil
		}
		return l.speakResult(st, res), nil
	case "2":
		return l.askPlace(ctx, st, ""), nil
	case "9":
		return l.goodbye(), nil
	}
	return l.missed(ctx, r, st, in, func() []twiml.Element { return l.endPrompt(st) }), nil
}

// goodbye invites the caller to call again and, when the line's number takes
// texts, mentions the SMS line.
func (l *Line) goodbye() []twiml.Element {
	return []twiml.Element{l.say(l.book.Goodbye(l.cfg.LineName, l.textsTo())), twiml.VoiceHangup{}}
}

// textsTo is the line's number as said, when it takes texts; "" when it
// cannot (a UK landline) or is not known.
func (l *Line) textsTo() string {
	if !l.cfg.TakesTexts {
		return ""
	}
	return l.book.SpokenPhone(l.cfg.LineNumber)
}

// dayWords says day as the caller hears dates: "tomorrow", "this Saturday,
// the fifth of December".
func (l *Line) dayWords(day catalogue.Date) string {
	return l.book.Date(day.In(12*60, catalogue.London), l.cfg.Now())
}
