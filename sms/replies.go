package sms

import (
	"context"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/volunteers"
	"github.com/heritage-line/heritageline/words"
)

// What residents read comes from the book of words (words.Book); these put
// in the line's name, its number and an example from the catalogue.

func (l *Line) help(ctx context.Context) string {
	town, postcode := l.example(ctx)
	return l.offers().Help(l.cfg.LineName, l.cfg.LineNumber, town, postcode)
}

func (l *Line) callbackBooked(cb volunteers.Callback) string {
	return l.book.CallbackBooked(l.cfg.LineNumber, cb.Ref)
}

func (l *Line) optedIn() string { return l.book.OptedIn(l.cfg.LineName) }

func (l *Line) languageChosen() string { return l.book.LanguageChosen(l.cfg.LineName) }

// languageList names every language on, each in itself, in the order
// LANGUAGES gives, as a texter would send it to choose it.
func (l *Line) languageList() string {
	names := make([]string, len(l.cfg.Languages))
	for i, code := range l.cfg.Languages {
		names[i] = strings.ToUpper(words.For(code).Language().Name)
	}
	return l.book.LanguageList(strings.Join(names, ", "))
}

// languageOf returns the language to answer tx in: the one they chose if it
// is still on; else, when body is surely written in another language on,
// that one, with chose true (it is remembered as their choice); else the
// default.
func (l *Line) languageOf(tx texter, body string) (lang words.Lang, chose bool) {
	if _, on := l.in[tx.lang]; on {
		return tx.lang, false
	}
	if code, ok := words.Detect(body, l.cfg.Languages); ok && code != l.cfg.Language {
		return code, true
	}
	return l.cfg.Language, false
}

// detect is the language body is surely written in among those on, else
// the default.
func (l *Line) detect(body string) words.Lang {
	if len(l.cfg.Languages) > 1 {
		if code, ok := words.Detect(body, l.cfg.Languages); ok {
			return code
		}
	}
	return l.cfg.Language
}

func (l *Line) tooMany() string { return l.book.TooMany(l.cfg.LineName, l.cfg.LineNumber) }

func (l *Line) empty(ctx context.Context) string {
	town, postcode := l.example(ctx)
	return l.book.Empty(l.cfg.LineName, town, postcode)
}

func (l *Line) pictureOnly(ctx context.Context) string {
	town, postcode := l.example(ctx)
	return l.book.PictureOnly(l.cfg.LineName, town, postcode)
}

func (l *Line) unknown(ctx context.Context) string {
	town, postcode := l.example(ctx)
	return l.offers().NotUnderstood(town, postcode)
}

func (l *Line) askPlace(ctx context.Context) string {
	town, postcode := l.example(ctx)
	return l.book.WhereToLook(town, postcode)
}

func (l *Line) notFound(ctx context.Context) string {
	town, postcode := l.example(ctx)
	return l.book.PlaceNotFound(town, postcode)
}

func (l *Line) noListYet(ctx context.Context) string {
	town, postcode := l.example(ctx)
	return l.book.NoListYet(town, postcode)
}

// example returns the catalogue's busiest town and the postcode of its
// nearest activity. Errors leave them empty: the reply does without.
func (l *Line) example(ctx context.Context) (town, postcode string) {
	towns, err := l.deps.Towns.Towns(ctx)
	if err != nil || len(towns) == 0 {
		return "", ""
	}
	t := towns[0]
	// The nearest activity is nearly always within nearMiles of its own
	// town, and a search with a range reads only the cells around it; one
	// with none reads the whole catalogue (a tenth of a millisecond per
	// 1,000 activities, on every "MORE" before a list).
	for _, within := range []float64{nearMiles, 0} {
		res, _, err := l.deps.Finder.Near(ctx, catalogue.Query{Lat: t.Lat, Lon: t.Lon, WithinMiles: within, Limit: 1, Now: l.cfg.Now()})
		if err != nil {
			break
		}
		if len(res) > 0 {
			return t.Name, res[0].Activity.Postcode
		}
	}
	return t.Name, ""
}

// filters are what st narrowed its search to, for the book's headings.
func filters(st state) words.Filters {
	f := words.Filters{Categories: st.Categories, Tags: st.Tags, Free: st.FreeOnly, WithinDays: st.WithinDays}
	if d, ok := weekdays[st.Day]; ok {
		f.Day, f.OnDay = d, true
	}
	if !st.Date.IsZero() {
		f.Date = st.Date.In(0, catalogue.London)
	}
	return f
}

// weekdays reads back the weekday a state keeps by name.
var weekdays = func() map[string]time.Weekday {
	m := map[string]time.Weekday{}
	for d := time.Sunday; d <= time.Saturday; d++ {
		m[d.String()] = d
	}
	return m
}()
