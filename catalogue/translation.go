package catalogue

import "strings"

// Translation is an activity's own words in another language, as the
// catalogue gives them (columns such as title_cy, summary_pl, access_ro).
// An empty field has no translation: the catalogue's own text is used.
type Translation struct {
	Title   string `json:"title,omitempty"`
	Summary string `json:"summary,omitempty"`
	Access  string `json:"access,omitempty"`
}

// In returns a copy of a whose title, summary and access notes are in the
// language with code ("cy", the book of words' codes) wherever the
// catalogue translates them, and the catalogue's own words elsewhere.
func (a Activity) In(code string) Activity {
	t, ok := a.Translations[code]
	if !ok {
		return a
	}
	if t.Title != "" {
		a.Title = t.Title
	}
	if t.Summary != "" {
		a.Summary = t.Summary
	}
	if t.Access != "" {
		a.Access = t.Access
	}
	return a
}

// OfferedIn reports whether a is offered in the language named (its
// English name, as Languages lists them: "Polish"), whatever the case.
func (a *Activity) OfferedIn(name string) bool {
	for _, l := range a.Languages {
		if strings.EqualFold(strings.TrimSpace(l), name) {
			return true
		}
	}
	return false
}

// offeredInAny reports whether a is offered in one of names; none asks
// for nothing.
func (a *Activity) offeredInAny(names []string) bool {
	if len(names) == 0 {
		return true
	}
	for _, n := range names {
		if a.OfferedIn(n) {
			return true
		}
	}
	return false
}
