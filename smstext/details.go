package smstext

import (
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// Details is the full SMS text of one activity: title, organisation, where,
// when (schedule and next date), cost, access, booking phone, booking or
// referral needed. It is GSM-7 where possible and at most three segments:
// when the whole would be longer, the access note and the organisation are
// shortened first, then dropped with every other line clipped, and the rest
// is cut with "..." only as a last resort.
func Details(r catalogue.Result, now time.Time) string {
	a := r.Activity
	title := oneLine(a.Title)
	org := ""
	if a.Organisation != "" && !strings.EqualFold(a.Organisation, a.Title) {
		org = "By " + oneLine(a.Organisation)
	}
	where := "Where: " + oneLine(joinDistinct(a.Venue, a.Address, strings.TrimSpace(a.Town+" "+a.Postcode)))
	when := "When: " + whenText(r, now)
	cost := ""
	if c := strings.TrimSpace(a.Cost); c != "" {
		cost = "Cost: " + oneLine(c)
	} else if a.Free {
		cost = "Cost: Free"
	}
	access := ""
	if a.Access != "" {
		access = "Access: " + oneLine(a.Access)
	}
	book := bookingText(a)

	body := joinLines(title, org, where, when, cost, access, book)
	if Segments(body) <= MaxSegments {
		return body
	}
	for _, n := range []int{60, 30} {
		body = joinLines(title, clip(org, n), where, when, cost, clip(access, n), book)
		if Segments(body) <= MaxSegments {
			return body
		}
	}
	// Still too long (odd data, or UCS-2): every line gets a fair share.
	if cost != "" {
		cost = "Cost: " + shortenCost(strings.TrimPrefix(cost, "Cost: "), 30-len("Cost: "))
	}
	body = joinLines(clip(title, 40), clip(where, 60), clip(when, 50), cost, clip(book, 60))
	return Truncate(body, MaxSegments)
}

func whenText(r catalogue.Result, now time.Time) string {
	sc := r.Activity.Schedule
	s := Normalise(sc.Short())
	if t := strings.TrimSpace(sc.Text); len(sc.Rules) == 0 && t != "" {
		s = clip(oneLine(t), 60) // the organiser's own words beat "Ring for dates"
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
