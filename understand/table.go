package understand

import (
	"sort"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/words"
)

// rule is one phrase of the book's lexicon (words.go) and what it does to a
// request.
type rule struct {
	words    []string
	apply    func(req *catalogue.Request, now time.Time)
	callback bool // asks for a volunteer to ring
	helpMe   bool // asks for a volunteer unless the message is a search
}

// buildTable returns every phrase rule of p, longest phrase first, so "step
// free" wins over "free" and "memory cafe" over "cafe", and every word of
// the phrases. Rows with the same phrase are merged.
func buildTable(p phrases) ([]rule, map[string]bool) {
	byPhrase := map[string]*rule{}
	var order []string
	add := func(phrase string, f func(*catalogue.Request, time.Time), callback, helpMe bool) {
		ru, ok := byPhrase[phrase]
		if !ok {
			ru = &rule{words: strings.Fields(phrase), apply: func(*catalogue.Request, time.Time) {}}
			byPhrase[phrase] = ru
			order = append(order, phrase)
		}
		prev := ru.apply
		ru.apply = func(r *catalogue.Request, now time.Time) { prev(r, now); f(r, now) }
		ru.callback = ru.callback || callback
		ru.helpMe = ru.helpMe || helpMe
	}
	nothing := func(*catalogue.Request, time.Time) {}
	for _, ph := range p.callback {
		add(ph, nothing, true, false)
	}
	for _, ph := range p.helpMe {
		add(ph, nothing, false, true)
	}
	for ph, c := range p.categories {
		add(ph, func(r *catalogue.Request, _ time.Time) { r.Categories = append(r.Categories, c) }, false, false)
	}
	for ph, t := range p.tags {
		add(ph, func(r *catalogue.Request, _ time.Time) { r.Tags = append(r.Tags, t) }, false, false)
	}
	for _, ph := range p.free {
		add(ph, func(r *catalogue.Request, _ time.Time) { r.FreeOnly = true }, false, false)
	}
	for ph, l := range p.languages {
		add(ph, func(r *catalogue.Request, _ time.Time) { r.Languages = append(r.Languages, l) }, false, false)
	}
	for _, ph := range p.today {
		add(ph, func(r *catalogue.Request, _ time.Time) { r.When.Today = true }, false, false)
	}
	for _, ph := range p.tomorrow {
		add(ph, func(r *catalogue.Request, now time.Time) {
			d := now.In(catalogue.London).AddDate(0, 0, 1).Weekday()
			r.When.Weekday = &d
		}, false, false)
	}
	for _, ph := range p.week {
		add(ph, func(r *catalogue.Request, _ time.Time) { r.When.ThisWeek = true }, false, false)
	}
	for ph, d := range p.days {
		add(ph, func(r *catalogue.Request, _ time.Time) { r.When.Weekday = &d }, false, false)
	}
	sort.Strings(order) // map iteration above is random: make the order stable
	sort.SliceStable(order, func(i, j int) bool {
		return len(strings.Fields(order[i])) > len(strings.Fields(order[j]))
	})
	rules := make([]rule, 0, len(order))
	known := map[string]bool{}
	for _, p := range order {
		rules = append(rules, *byPhrase[p])
		for _, w := range byPhrase[p].words {
			known[w] = true
		}
	}
	return rules, known
}

// Normalise prepares text for the rules: lower case, accents removed ("café"
// becomes "cafe"), apostrophes dropped ("what's" becomes "whats"), every
// other run of punctuation or space a single space, trimmed. It is the book
// of words' words.Normalise, which the lexicon's phrases are written in.
func Normalise(text string) string { return words.Normalise(text) }
