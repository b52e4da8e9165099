package ivr

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"

	"github.com/twilio/twilio-go/twiml"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/places"
	"github.com/heritage-line/heritageline/words"
)

// call is one call's state, saved in Redis under its CallSid. It holds no
// phone number and nothing the caller said.
type call struct {
	Step        string               `json:"step"`
	Misses      int                  `json:"misses"`       // silences or unknown answers at Step
	PlaceMisses int                  `json:"place_misses"` // places not understood, this search
	Week        bool                 `json:"week,omitempty"`
	Day         catalogue.Date       `json:"day,omitzero"` // a day the caller asked about ("on Saturday")
	Place       *places.Place        `json:"place,omitempty"`
	Guess       *places.Place        `json:"guess,omitempty"`   // awaiting "did you mean"
	Several     bool                 `json:"several,omitempty"` // other places share Guess's name
	Alt         *places.Place        `json:"alt,omitempty"`     // the other place of Guess's name, asked "which"
	Towns       []catalogue.Town     `json:"towns,omitempty"`   // the keypad menu of towns
	Kinds       []catalogue.Category `json:"kinds,omitempty"`
	Langs       []string             `json:"langs,omitempty"` // held in these, by English name ("Polish activities in Frome")
	Miles       float64              `json:"miles,omitempty"`
	Pos         int                  `json:"pos"`
	Total       int                  `json:"total"`
	Texts       int                  `json:"texts,omitempty"`
	// Lang is the language the caller chose, "" for the line's default.
	Lang words.Lang `json:"lang,omitempty"`
	// Question is the wellbeing question being asked (from 1), 0 for none.
	Question int `json:"wbq,omitempty"`
	// ToldEnglish is set once the caller has been told that activity
	// details are in English (said once a call, in other languages).
	ToldEnglish bool `json:"told_en,omitempty"`

	// inURL is set when the next step's URL carries all the state holds
	// (askPlace's first question), so it need not be saved.
	inURL bool
}

// bare reports whether st holds nothing but its step, the week asked about
// and the language (all of which a step's URL can carry).
func (st *call) bare() bool {
	return reflect.DeepEqual(*st, call{Step: st.Step, Week: st.Week, Lang: st.Lang, inURL: st.inURL})
}

// at moves the call to step, resetting the miss count when the step changes.
func (st *call) at(step string) {
	if st.Step != step {
		st.Misses = 0
	}
	st.Step = step
}

// maxMisses is how many silences or unknown answers a step takes before the
// caller is put through to a volunteer.
const maxMisses = 3

// dispatch runs one step. Star (main menu) and 0 (a volunteer) work at every
// step that gathers.
func (l *Line) dispatch(ctx context.Context, r *http.Request, step string, st *call, in input) ([]twiml.Element, error) {
	var keys map[string]string
	switch step {
	case "menu":
		keys = l.keys.menu
	case "result":
		keys = l.keys.result
	case "end":
		keys = l.keys.end
	case "confirm", "none", stepFollowUp, stepWellbeing:
		keys = l.keys.yesNo
	case "which":
		keys = map[string]string{}
	case "kind":
		keys = l.keys.kind
	}
	if step != stepQuestion && (step != "place" || in.Digits != "" || len(wordsOf(in.Speech)) <= 2) {
		switch l.keys.choice(in, keys) {
		case "*":
			st.at("menu")
			return l.mainMenu(ctx, st), nil
		case "0":
			return l.handoff(ctx, r, st), nil
		}
	}
	if st.Place == nil && (step == "result" || step == "end" || step == "kind" || followUpStep(step)) {
		// A step out of order (a replayed or forged request): ask where first.
		return l.askPlace(ctx, st, ""), nil
	}
	switch step {
	case "menu":
		return l.menuStep(ctx, r, st, in)
	case "place":
		return l.placeStep(ctx, r, st, in)
	case "confirm":
		return l.confirmStep(ctx, r, st, in)
	case "which":
		return l.whichStep(ctx, r, st, in)
	case "towns":
		return l.townsStep(ctx, r, st, in)
	case "result":
		return l.resultStep(ctx, r, st, in)
	case "kind":
		return l.kindStep(ctx, r, st, in)
	case "end":
		return l.endStep(ctx, r, st, in)
	case "none":
		return l.noneStep(ctx, r, st, in)
	case stepFollowUp:
		return l.followUpAnswer(ctx, r, st, in)
	case stepWellbeing:
		return l.wellbeingAnswer(ctx, r, st, in)
	case stepQuestion:
		return l.questionAnswer(ctx, r, st, in)
	}
	st.at("menu")
	return append([]twiml.Element{l.say(l.book.StartAgain())}, l.mainMenu(ctx, st)...), nil
}

// missed handles silence or an answer the step did not understand: a kind
// word and the prompt again, or after maxMisses a volunteer.
func (l *Line) missed(ctx context.Context, r *http.Request, st *call, in input, again func() []twiml.Element) []twiml.Element {
	st.Misses++
	if st.Misses >= maxMisses {
		if l.unstaffed() {
			// Nobody to find: handoff says so, then the menu.
			return l.handoff(ctx, r, st)
		}
		return append([]twiml.Element{l.say(l.book.FindingVolunteer())}, l.handoff(ctx, r, st)...)
	}
	sorry := l.book.NotCaught()
	if in.silent() {
		sorry = l.book.HeardNothing()
	}
	return append([]twiml.Element{l.say(sorry)}, again()...)
}

// mainMenu is the main menu's Gather.
func (l *Line) mainMenu(ctx context.Context, st *call) []twiml.Element {
	return l.menuAt(ctx, st, "menu")
}

// newCallMenu is the main menu's step as the greeting gathers to it: the
// call has no state yet, so the step need not read any.
const newCallMenu = "menu?new=1"

// newPlace is the place question's step when the call's state is bare (as
// it is for the first question of nearly every call): the URL carries the
// week, so the state is not saved and the answer reads none.
func newPlace(week bool) string {
	if week {
		return "place?new=1&week=1"
	}
	return "place?new=1"
}

// menuAt is the main menu's Gather, answered at step.
func (l *Line) menuAt(ctx context.Context, st *call, step string) []twiml.Element {
	st.at("menu")
	// The menu starts a search afresh: no day, kind or language from the
	// last one.
	st.Week, st.Day, st.Kinds, st.Langs = false, catalogue.Date{}, nil, nil
	return l.gather(step, l.hints(ctx, l.lex.Hints[words.PromptMenu]...), l.offers().MainMenu())
}

// menuStep answers the main menu. Besides its keys it takes a town said
// straight away.
func (l *Line) menuStep(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	c := l.keys.choice(in, l.keys.menu)
	if in.Digits == "" && (c == "1" || c == "2") && len(wordsOf(in.Speech)) > 1 {
		// "near Frome", "what's on this week in Frome": the place too.
		if m, asked, ok := l.resolve(ctx, in.Speech); ok {
			st.Week = c == "2"
			st.Day = l.dayIn(asked)
			return l.placeFound(ctx, r, st, in, m, asked)
		}
	}
	if c == "" && in.Digits == "" {
		// "what's on on Saturday": the day, then where.
		if d := l.dayAsked(ctx, in.Speech); !d.IsZero() {
			if m, asked, ok := l.resolve(ctx, in.Speech); ok {
				st.Week, st.Day = false, d
				return l.placeFound(ctx, r, st, in, m, asked)
			}
			st.Week, st.Day = false, d // kept in the state: the URL carries only the week
			return l.askPlace(ctx, st, ""), nil
		}
	}
	switch c {
	case "1":
		st.Week = false
		return l.askPlace(ctx, st, ""), nil
	case "2":
		st.Week = true
		return l.askPlace(ctx, st, ""), nil
	case "3":
		return l.mainMenu(ctx, st), nil
	}
	if !in.silent() && in.Digits == "" {
		if m, asked, ok := l.resolve(ctx, in.Speech); ok {
			st.Week = false
			st.Day = l.dayIn(asked)
			return l.placeFound(ctx, r, st, in, m, asked)
		}
	}
	return l.missed(ctx, r, st, in, func() []twiml.Element { return l.mainMenu(ctx, st) }), nil
}

// askPlace asks where the caller is.
func (l *Line) askPlace(ctx context.Context, st *call, lead string) []twiml.Element {
	st.at("place")
	st.Place, st.Guess, st.Alt, st.Kinds, st.Langs = nil, nil, nil, nil, nil
	step := "place"
	if st.bare() {
		step, st.inURL = newPlace(st.Week), true
	}
	return l.gatherIn(l.placeSpeech(), step, l.hints(ctx), lead, l.book.AskPlace())
}

// hints are the catalogue's towns, after extra words.
func (l *Line) hints(ctx context.Context, extra ...string) string {
	towns, err := bounded(ctx, l.deps.Towns.Towns)
	if err != nil {
		l.log.WarnContext(ctx, "voice: towns for hints", "err", err)
	}
	key := strings.Join(extra, ",")
	if m, ok := l.hintsMade.Load(key); ok && slices.Equal(m.(*madeHints).towns, towns) {
		return m.(*madeHints).hints
	}
	hs := append([]string(nil), extra...)
	for _, t := range towns {
		hs = append(hs, t.Name)
	}
	h := hintList(hs...)
	l.hintsMade.Store(key, &madeHints{towns, h})
	return h
}

// madeHints are the hints last made from towns (after some extra words),
// kept because every prompt asks for them and the towns change only with
// the catalogue.
type madeHints struct {
	towns []catalogue.Town
	hints string
}

// resolve matches speech against places: the whole of it, then the place the
// understander finds in it ("erm, Frome I think", "museums in Frome on
// Saturday"). asked is then the understander's reading, with any day, kind
// or language said with the place; it is zero when the whole of speech is a
// place ("Frome", a venue's own name: "Frome Heritage Museum").
func (l *Line) resolve(ctx context.Context, speech string) (m places.Match, asked catalogue.Request, ok bool) {
	if strings.TrimSpace(speech) == "" {
		return places.Match{}, asked, false
	}
	if m, ok := l.deps.Places.Resolve(speech); ok {
		return m, asked, true
	}
	if req := l.understand(ctx, speech); req.Place != "" && !strings.EqualFold(strings.TrimSpace(req.Place), strings.TrimSpace(speech)) {
		if m, ok := l.deps.Places.Resolve(req.Place); ok {
			return m, req, true
		}
	}
	return places.Match{}, asked, false
}

// placeStep hears a town, village or postcode.
func (l *Line) placeStep(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	if in.Digits == "" {
		if m, asked, ok := l.resolve(ctx, in.Speech); ok {
			if d := l.dayIn(asked); !d.IsZero() {
				st.Day, st.Week = d, false // "Frome on Saturday"
			}
			return l.placeFound(ctx, r, st, in, m, asked)
		}
	}
	return l.placeMissed(ctx, r, st, in)
}

// placeMissed counts a place not understood: after two, the keypad menu of
// the catalogue's towns.
func (l *Line) placeMissed(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	st.PlaceMisses++
	if st.PlaceMisses >= 2 {
		return l.townsMenu(ctx, r, st, l.book.StillNotCaught())
	}
	sorry := l.book.PlaceNotCaught()
	if in.silent() {
		sorry = l.book.HeardNothing()
	}
	week, day := st.Week, st.Day
	v := l.askPlace(ctx, st, sorry)
	st.Week, st.Day = week, day
	return v, nil
}

// placeFound searches at once when sure, or asks "did you mean". A kind or
// a language asked for with the place (asked: "museums in Frome", "Polish
// activities in Frome") narrows the search.
func (l *Line) placeFound(ctx context.Context, r *http.Request, st *call, in input, m places.Match, asked catalogue.Request) ([]twiml.Element, error) {
	if len(asked.Categories) > 0 {
		st.Kinds = asked.Categories
	}
	if len(asked.Languages) > 0 {
		st.Langs = asked.Languages
	}
	p := m.Place
	if p.InNorthernIreland() {
		return l.outsidePrompt(st), nil
	}
	unsure := !m.Sure || len(m.Others) > 0 || (in.Confidence >= 0 && in.Confidence < 0.5)
	if !unsure {
		st.Place = &p
		return l.startSearch(ctx, r, st, nil)
	}
	st.Guess, st.Several = &p, len(m.Others) > 0
	if alt, ok := sameNameElsewhere(p, m.Others); ok {
		// "Newport": in Wales, or in Shropshire?
		st.Alt = &alt
		return l.askWhich(st), nil
	}
	return l.askConfirm(st), nil
}

// sameNameElsewhere is the first of others that has p's name in an area of
// its own, so the caller can be asked which of the two they mean.
func sameNameElsewhere(p places.Place, others []places.Place) (places.Place, bool) {
	if p.Area == "" || p.Kind != places.KindTown {
		return places.Place{}, false
	}
	for _, o := range others {
		if places.SameName(o.Name, p.Name) && o.Area != "" && !strings.EqualFold(o.Area, p.Area) {
			return o, true
		}
	}
	return places.Place{}, false
}

// askWhich asks which of two places of one name the caller means.
func (l *Line) askWhich(st *call) []twiml.Element {
	st.at("which")
	ask := l.book.WhichPlace(st.Guess.Name, st.Guess.Area, st.Alt.Area)
	return l.gather("which", hintList(st.Guess.Area, st.Alt.Area), ask)
}

// whichStep: 1 or the first area said is Guess, 2 or the second is Alt, 3
// is another place.
func (l *Line) whichStep(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	if st.Guess == nil || st.Alt == nil {
		return l.askPlace(ctx, st, ""), nil
	}
	c := l.keys.choice(in, map[string]string{})
	if in.Digits == "" {
		said := " " + strings.Join(wordsOf(in.Speech), " ") + " "
		switch {
		case strings.Contains(said, " "+strings.Join(wordsOf(st.Guess.Area), " ")+" "):
			c = "1"
		case strings.Contains(said, " "+strings.Join(wordsOf(st.Alt.Area), " ")+" "):
			c = "2"
		}
	}
	switch c {
	case "1", "2":
		if c == "1" {
			st.Place = st.Guess
		} else {
			st.Place = st.Alt
		}
		st.Guess, st.Alt = nil, nil
		return l.startSearch(ctx, r, st, nil)
	case "3":
		st.Guess, st.Alt = nil, nil
		return l.askPlace(ctx, st, ""), nil
	}
	return l.missed(ctx, r, st, in, func() []twiml.Element { return l.askWhich(st) }), nil
}

func (l *Line) askConfirm(st *call) []twiml.Element {
	st.at("confirm")
	ask := l.book.DidYouMean(st.Guess.Name)
	if st.Several && st.Guess.Area != "" {
		ask = l.book.DidYouMeanIn(st.Guess.Name, st.Guess.Area)
	}
	return l.gather("confirm", hintList(l.lex.Hints[words.PromptConfirm]...), ask)
}

func (l *Line) confirmStep(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	if st.Guess == nil {
		return l.askPlace(ctx, st, ""), nil
	}
	switch l.keys.choice(in, l.keys.yesNo) {
	case "1":
		st.Place, st.Guess = st.Guess, nil
		return l.startSearch(ctx, r, st, nil)
	case "2":
		st.Guess = nil
		return l.placeMissed(ctx, r, st, input{Digits: "2"})
	}
	return l.missed(ctx, r, st, in, func() []twiml.Element { return l.askConfirm(st) }), nil
}

// townsMenu offers the catalogue's towns (up to nine) by key; with none, a
// volunteer.
func (l *Line) townsMenu(ctx context.Context, r *http.Request, st *call, lead string) ([]twiml.Element, error) {
	towns, err := bounded(ctx, l.deps.Towns.Towns)
	if err != nil {
		return nil, fmt.Errorf("ivr: towns menu: %w", err)
	}
	if len(towns) > 9 {
		towns = towns[:9]
	}
	if len(towns) == 0 {
		return append([]twiml.Element{l.say(lead)}, l.handoff(ctx, r, st)...), nil
	}
	st.Towns = towns
	return l.townsPrompt(st, lead), nil
}

func (l *Line) townsPrompt(st *call, lead string) []twiml.Element {
	st.at("towns")
	menu := make([]string, 0, len(st.Towns)+1)
	names := make([]string, len(st.Towns))
	for i, t := range st.Towns {
		menu = append(menu, l.book.TownKey(t.Name, i+1))
		names[i] = t.Name
	}
	if !l.unstaffed() {
		menu = append(menu, l.book.VolunteerKey())
	}
	return l.gather("towns", hintList(names...), lead, l.book.TownsIntro(), l.book.Join(menu...))
}

func (l *Line) townsStep(ctx context.Context, r *http.Request, st *call, in input) ([]twiml.Element, error) {
	keys := map[string]string{}
	for i, t := range st.Towns {
		for _, w := range wordsOf(t.Name) {
			keys[w] = fmt.Sprint(i + 1)
		}
	}
	c := l.keys.choice(in, keys)
	if n := atoi(c); c != "" && n >= 1 && n <= len(st.Towns) {
		t := st.Towns[n-1]
		st.Place = &places.Place{Name: t.Name, Lat: t.Lat, Lon: t.Lon, Kind: places.KindTown}
		st.Towns = nil
		return l.startSearch(ctx, r, st, nil)
	}
	return l.missed(ctx, r, st, in, func() []twiml.Element { return l.townsPrompt(st, "") }), nil
}

// understand is what the understander makes of speech, heard with the
// call's language's words; the zero Request when there is no understander
// or nothing was said. Within a step an utterance is understood once
// (understood, on the step's context), however many questions are asked of
// it: with a model behind the rules, each would be a call to it.
func (l *Line) understand(ctx context.Context, speech string) catalogue.Request {
	if l.deps.Understander == nil || strings.TrimSpace(speech) == "" {
		return catalogue.Request{}
	}
	memo, _ := ctx.Value(understoodKey{}).(*understood)
	if memo != nil && memo.ok && memo.lang == l.cfg.Lang && memo.speech == speech {
		return memo.req
	}
	req := l.deps.Understander.Understand(catalogue.WithLanguage(ctx, string(l.cfg.Lang)), speech)
	if memo != nil {
		*memo = understood{lang: l.cfg.Lang, speech: speech, req: req, ok: true}
	}
	return req
}

// understoodKey keys a step's *understood on its context.
type understoodKey struct{}

// understood is the last utterance a step understood, and what it meant.
type understood struct {
	lang   words.Lang
	speech string
	req    catalogue.Request
	ok     bool
}

// dayAsked is the day speech asks about (dayIn).
func (l *Line) dayAsked(ctx context.Context, speech string) catalogue.Date {
	return l.dayIn(l.understand(ctx, speech))
}

// dayIn is the day a reading asks about: a date ("on the fifth of
// December"), a weekday ("Saturday": the next one, today if it is today),
// today or tomorrow; zero when it names none, or a day gone by.
func (l *Line) dayIn(req catalogue.Request) catalogue.Date {
	today := catalogue.DateOf(l.cfg.Now())
	var d catalogue.Date
	switch {
	case !req.When.Date.IsZero():
		d = req.When.Date
	case req.When.Weekday != nil:
		d = today.AddDays((int(*req.When.Weekday) - int(today.Weekday()) + 7) % 7)
	case req.When.Today:
		d = today
	}
	if d.Before(today) {
		return catalogue.Date{}
	}
	return d
}
