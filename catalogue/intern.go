package catalogue

import "strings"

// Interner shares one copy of each repeated string among many activities: a
// catalogue of 200,000 names a few thousand towns, organisations and venues,
// six categories and a few hundred schedule wordings, and each decoded copy
// of them would otherwise be its own allocation. The zero value is not
// usable: make one with NewInterner. It is not safe for concurrent use.
type Interner struct{ m map[string]string }

// NewInterner returns an empty Interner.
func NewInterner() *Interner { return &Interner{m: map[string]string{}} }

// String returns the shared copy of s. The first copy is a clone, so that a
// string cut from a larger one (a CSV line, a JSON chunk) does not keep all
// of it alive.
func (in *Interner) String(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := in.m[s]; ok {
		return v
	}
	s = strings.Clone(s)
	in.m[s] = s
	return s
}

// Activity shares the fields of a that activities commonly have in common.
// Ids, titles and descriptions, mostly unique, are left as they are.
func (in *Interner) Activity(a *Activity) {
	a.Organisation = in.String(a.Organisation)
	a.Summary = in.String(a.Summary)
	a.Category = Category(in.String(string(a.Category)))
	for i := range a.Tags {
		a.Tags[i] = in.String(a.Tags[i])
	}
	a.Venue = in.String(a.Venue)
	a.Address = in.String(a.Address)
	a.Town = in.String(a.Town)
	a.Postcode = in.String(a.Postcode)
	a.Schedule.Text = in.String(a.Schedule.Text)
	a.Cost = in.String(a.Cost)
	a.Access = in.String(a.Access)
	a.Phone = in.String(a.Phone)
	a.Referral = Referral(in.String(string(a.Referral)))
	for i := range a.Languages {
		a.Languages[i] = in.String(a.Languages[i])
	}
	a.Source = in.String(a.Source)
}
