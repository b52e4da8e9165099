package smstext

import (
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// Details is the full SMS text of one activity: title, organisation, where,
// when (schedule and next date), cost, access, booking phone, booking or
// referral needed. It is GSM-7 where possible and at most three segments:
// when the whole would be longer, the access note and then the organisation
// are shortened first, and the rest is cut with "..." only as a last resort.
func Details(r catalogue.Result, now time.Time) string {
	a := r.Activity
	title := Normalise(a.Title)
	org := ""
	if a.Organisation != "" && !strings.EqualFold(a.Organisation, a.Title) {
		org = "By " + Normalise(a.Organisation)
	}
	where := "Where: " + Normalise(joinDistinct(a.Venue, a.Address, strings.TrimSpace(a.Town+" "+a.Postcode)))
	when := "When: " + whenText(r, now)
	cost := ""
	if c := strings.TrimSpace(a.Cost); c != "" {
		cost = "Cost: " + Normalise(c)
	} else if a.Free {
		cost = "Cost: Free"
	}
	access := ""
	if a.Access != "" {
		access = "Access: " + Normalise(a.Access)
	}
	book := bookingText(a)

	build := func(org, access string) string {
		return joinLines(title, org, where, when, cost, access, book)
	}
	body := build(org, access)
	if Segments(body) <= MaxSegments {
		return body
	}
	for _, n := range []int{60, 30} {
		body = build(clip(org, n), clip(access, n))
		if Segments(body) <= MaxSegments {
			return body
		}
	}
	return Truncate(build("", ""), MaxSegments)
}

func whenText(r catalogue.Result, now time.Time) string {
	sc := r.Activity.Schedule
	s := Normalise(sc.Short())
	if t := strings.TrimSpace(sc.Text); len(sc.Rules) == 0 && t != "" {
		s = clip(Normalise(t), 60) // the organiser's own words beat "Ring for dates"
	}
	if !r.Next.Start.IsZero() && r.Next.Start.After(now) {
		s += ". Next: " + catalogue.ShortDate(r.Next.Start, now)
	}
	return s
}

func bookingText(a catalogue.Activity) string {
	var parts []string
	switch {
	case a.Phone != "" && a.BookingNeeded:
		parts = append(parts, "Booking needed: "+a.Phone)
	case a.Phone != "":
		parts = append(parts, "Phone: "+a.Phone)
	case a.BookingNeeded:
		parts = append(parts, "Booking needed.")
	}
	if a.Referral == catalogue.LinkWorker {
		parts = append(parts, "Referral needed: ask your GP or link worker.")
	}
	return strings.Join(parts, ". ")
}

// joinDistinct joins the non-empty parts with ", ", leaving out any part
// already contained in what came before ("Frome Heritage Museum" and
// "Frome Heritage Museum, North Parade" give the latter once).
func joinDistinct(parts ...string) string {
	var out []string
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		dup := false
		for j, q := range parts {
			if j != i && strings.TrimSpace(q) != p && strings.Contains(strings.ToLower(q), strings.ToLower(p)) {
				dup = true
			}
		}
		for _, q := range out {
			if strings.EqualFold(q, p) {
				dup = true
			}
		}
		if !dup {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

func joinLines(lines ...string) string {
	var out []string
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
