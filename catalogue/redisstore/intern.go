package redisstore

import (
	"strings"

	"github.com/heritage-line/heritageline/catalogue"
)

// interner shares one copy of each repeated string among the activities of
// a snapshot: a catalogue of 200,000 names a few thousand towns, organisations
// and venues, six categories and a few hundred schedule wordings, and each
// decoded copy of them would otherwise be its own allocation.
type interner map[string]string

func newInterner() interner { return interner{} }

func (in interner) str(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := in[s]; ok {
		return v
	}
	// A copy, so that a string cut from a larger one (a CSV line, a JSON
	// chunk) does not keep all of it alive.
	s = strings.Clone(s)
	in[s] = s
	return s
}

// activity interns a's fields that activities commonly share. Ids, titles
// and descriptions are left alone: they are mostly unique.
func (in interner) activity(a *catalogue.Activity) {
	a.Organisation = in.str(a.Organisation)
	a.Summary = in.str(a.Summary)
	a.Category = catalogue.Category(in.str(string(a.Category)))
	for i := range a.Tags {
		a.Tags[i] = in.str(a.Tags[i])
	}
	a.Venue = in.str(a.Venue)
	a.Address = in.str(a.Address)
	a.Town = in.str(a.Town)
	a.Postcode = in.str(a.Postcode)
	a.Schedule.Text = in.str(a.Schedule.Text)
	a.Cost = in.str(a.Cost)
	a.Access = in.str(a.Access)
	a.Phone = in.str(a.Phone)
	a.Referral = catalogue.Referral(in.str(string(a.Referral)))
	for i := range a.Languages {
		a.Languages[i] = in.str(a.Languages[i])
	}
	a.Source = in.str(a.Source)
}
