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
	"github.com/heritage-line/heritageline/smstext"
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
		Now:         l.cfg.Now(),
		Offset:      offset,
		Limit:       1,
	}
	if st.Week {
		q.WithinDays = 7
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
	filtered := len(st.Kinds) > 0 || st.Week
	kinds := st.Kinds
	dropped := ""
	for _, keep := range []bool{true, false} {
		if !keep {
			if !filtered {
				break
			}
			dropped = fmt.Sprintf("I found nothing of that kind within %d miles, so here are the nearest of any kind.", farMiles)
			if st.Week && len(st.Kinds) == 0 {
				dropped = fmt.Sprintf("Nothing is on in the next seven days within %d miles, so here are the nearest at any time.", farMiles)
			}
			st.Kinds, st.Week = nil, false
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
			found := fmt.Sprintf("I found %d within %v miles.", total, miles)
			if miles == farMiles && keep {
				found = fmt.Sprintf("There's nothing within %d miles, but I found %d within %d.", nearMiles, total, farMiles)
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

var noneWords = map[string]string{
	"somewhere": "1", "else": "1", "elsewhere": "1", "different": "1", "try": "1", "again": "1",
}

func (l *Line) nonePrompt(st *call, lead ...string) []twiml.Element {
	st.at("none")
	prompts := append(lead, fmt.Sprintf("I'm sorry, I couldn't find any activities within %d miles.", farMiles),
		"To try somewhere else, press 1. For a volunteer, press 0, or stay on the line.")
	return l.gather("none", "somewhere else, volunteer", prompts...)
}

// noneStep: 1 searches somewhere else; silence is staying on the line for a
// volunteer.
func (l *Line) noneStep(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	if in.silent() {
		return l.handoff(ctx, r, st), nil
	}
	if choice(in, noneWords) == "1" {
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
	v = append(v, l.say(describe(res, l.cfg.Now())))
	return append(v, l.resultOptions(st)...)
}

var resultWords = map[string]string{
	"next": "1", "another": "1", "more": "1",
	"again": "2", "repeat": "2", "pardon": "2",
	"text": "3", "send": "3", "message": "3",
	"number": "4", "phone": "4", "booking": "4", "book": "4",
	"kind": "5", "type": "5", "sort": "5", "choose": "5",
	"bye": "9", "goodbye": "9", "end": "9",
}

func (l *Line) resultOptions(st *call, lead ...string) []twiml.Element {
	st.at("result")
	kind := "To choose a kind of activity, press 5."
	if len(st.Kinds) > 0 {
		kind = "To choose a different kind, press 5."
	}
	prompts := append(lead,
		"For the next one, press 1. To hear it again, press 2. To have it sent by text, press 3. For the phone number, press 4. "+
			kind+" For the menu, press star, or for a volunteer, press 0.")
	return l.gather("result", "next, again, text, number, kind, menu, volunteer", prompts...)
}

func (l *Line) resultStep(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	c := choice(in, resultWords)
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
	n := spokenPhone(res.Activity.Phone)
	if n == "" {
		return l.resultOptions(st, "There's no phone number for this one."), nil
	}
	return l.resultOptions(st, fmt.Sprintf("The number is %s. Again, that's %s.", n, n)), nil
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
		return l.resultOptions(st, fmt.Sprintf("I've already sent %d texts on this call, which is as many as I can.", st.Texts)), nil
	case withheld(from):
		return l.resultOptions(st, "Your number is hidden, so I can't send a text."), nil
	case !ukMobile(to):
		return l.resultOptions(st, "I can only send texts to UK mobile phones, so I can't text this phone."), nil
	}
	res, ok, err := l.current(ctx, st)
	if err != nil {
		return nil, err
	}
	if !ok {
		return l.endPrompt(st), nil
	}
	err = l.deps.Texter.SendText(ctx, to, smstext.Details(res, l.cfg.Now()))
	switch {
	case err == nil:
		st.Texts++
		l.deps.Figures.Record(ctx, figures.Event{
			Time: l.cfg.Now(), Channel: figures.Voice, Kind: figures.Texted,
			Person: l.person(r), Area: area(st), Offered: []string{res.Activity.ID},
		})
		return l.resultOptions(st, "I've sent it to your phone."), nil
	case errors.Is(err, outbound.ErrOptedOut):
		return l.resultOptions(st, "Your number has asked us not to send texts. To turn them back on, text START to this number."), nil
	case errors.Is(err, outbound.ErrRateLimited), errors.Is(err, outbound.ErrCapReached):
		return l.resultOptions(st, "I can't send any more texts just now. Please try again later."), nil
	case errors.Is(err, outbound.ErrCountry):
		return l.resultOptions(st, "I can only send texts to UK mobile phones, so I can't text this phone."), nil
	}
	l.log.ErrorContext(ctx, "voice: send text", "call_sid", r.PostForm.Get("CallSid"), "err", err)
	return l.resultOptions(st, "I'm sorry, the text didn't go through. Please try again later."), nil
}

// kindGroups are the kinds a caller can narrow to, in menu order.
var kindGroups = [][]catalogue.Category{
	{catalogue.Walk},
	{catalogue.Museum},
	{catalogue.HistoryGroup, catalogue.Cafe},
	{catalogue.Crafts, catalogue.Archaeology},
}

var kindWords = map[string]string{
	"walk": "1", "walks": "1", "walking": "1", "tour": "1", "tours": "1",
	"museum": "2", "museums": "2", "historic": "2", "castle": "2", "castles": "2", "places": "2",
	"group": "3", "groups": "3", "talk": "3", "talks": "3", "cafe": "3", "café": "3", "cafes": "3", "cafés": "3", "coffee": "3", "society": "3",
	"hands": "4", "craft": "4", "crafts": "4", "crafting": "4", "archaeology": "4", "dig": "4", "digging": "4",
	"everything": "5", "all": "5", "anything": "5", "any": "5",
}

func (l *Line) kindPrompt(st *call, lead ...string) []twiml.Element {
	st.at("kind")
	prompts := append(lead, "For walks and tours, press 1. For museums and historic places, press 2. "+
		"For groups, talks and cafés, press 3. For hands-on crafts and archaeology, press 4. For everything, press 5.")
	return l.gather("kind", "walks, museums, groups, talks, cafés, crafts, archaeology, everything", prompts...)
}

// kindStep narrows the list to one kind and restarts it from the nearest.
func (l *Line) kindStep(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	if st.Place == nil {
		// Reached without a place (an old Gather's action, a replay): ask.
		return l.askPlace(ctx, st, ""), nil
	}
	var kinds []catalogue.Category
	c := choice(in, kindWords)
	switch n := atoi(c); {
	case c == "5":
	case n >= 1 && n <= len(kindGroups):
		kinds = kindGroups[n-1]
	case c == "" && !in.silent() && l.deps.Understander != nil:
		kinds = l.deps.Understander.Understand(ctx, in.Speech).Categories
		if len(kinds) == 0 {
			return l.missed(ctx, r, st, in, func() []twiml.Element { return l.kindPrompt(st) }), nil
		}
	default:
		return l.missed(ctx, r, st, in, func() []twiml.Element { return l.kindPrompt(st) }), nil
	}
	st.Kinds = kinds
	return l.startSearch(ctx, r, st, nil)
}

var endWords = map[string]string{
	"again": "1", "repeat": "1",
	"somewhere": "2", "else": "2", "elsewhere": "2", "different": "2",
	"end": "9", "bye": "9", "goodbye": "9", "finish": "9", "finished": "9",
}

func (l *Line) endPrompt(st *call) []twiml.Element {
	st.at("end")
	return l.gather("end", "again, somewhere else, volunteer, goodbye",
		"That's all of them. To hear them again, press 1. To search somewhere else, press 2. For a volunteer, press 0. To end the call, press 9.")
}

func (l *Line) endStep(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	switch choice(in, endWords) {
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

// goodbye invites the caller to call again and mentions the SMS line.
func (l *Line) goodbye() []twiml.Element {
	text := "Thank you for calling " + l.cfg.LineName + ". Please call again any time."
	if n := spokenPhone(l.cfg.LineNumber); n != "" {
		text += " You can also text the name of your town to " + n + "."
	}
	return []twiml.Element{l.say(text + " Goodbye."), twiml.VoiceHangup{}}
}
