package ivr

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// describe is one activity as the caller hears it: title, where, when, cost
// and one line of access.
func describe(res catalogue.Result, now time.Time) string {
	a := res.Activity
	var parts []string
	parts = append(parts, sentence(a.Title))

	where := strings.Join(nonEmpty(a.Venue, a.Town), ", ")
	if where != "" {
		parts = append(parts, sentence("At "+where+", "+spokenMiles(res.Miles)))
	} else {
		parts = append(parts, sentence(upperFirst(spokenMiles(res.Miles))))
	}

	when := spokenSchedule(a.Schedule)
	if !res.Next.Start.IsZero() {
		next := "next " + spokenDay(res.Next.Start, now)
		if when == "" {
			when = upperFirst(next)
		} else {
			when += ", " + next
		}
	}
	if when == "" {
		when = "Please ring them for dates"
	}
	parts = append(parts, sentence(when))

	switch {
	case a.Cost != "":
		parts = append(parts, sentence(a.Cost))
	case a.Free:
		parts = append(parts, "Free.")
	}
	if a.Access != "" {
		parts = append(parts, sentence(a.Access))
	}
	return strings.Join(parts, " ")
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// sentence ends s with a full stop unless it has one.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// spokenMiles says a distance: "about half a mile away" and "about a mile
// away" under a mile and a half (places are postcode-district centres), then
// whole miles.
func spokenMiles(m float64) string {
	switch {
	case m < 0.75:
		return "about half a mile away"
	case m < 1.5:
		return "about a mile away"
	}
	return fmt.Sprintf("%d miles away", int(math.Round(m)))
}

var hourWords = []string{"twelve", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"}

// spokenClock says a time of day the way people do: "half past ten",
// "quarter to three", "noon", "ten twenty".
func spokenClock(c catalogue.Clock) string {
	h, m := int(c)/60%24, int(c)%60
	hour := func(h int) string { return hourWords[h%12] }
	switch {
	case m == 0 && h == 12:
		return "noon"
	case m == 0 && h == 0:
		return "midnight"
	case m == 0:
		return hour(h) + " o'clock"
	case m == 15:
		return "quarter past " + hour(h)
	case m == 30:
		return "half past " + hour(h)
	case m == 45:
		return "quarter to " + hour(h+1)
	}
	return fmt.Sprintf("%d:%02d", (h+11)%12+1, m)
}

var ordinals = map[int]string{1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}

// spokenSchedule says when an activity meets: "every Tuesday from ten o'clock
// to noon", "every other Friday ...", "on the first and third Thursday of the
// month ...". A schedule with no rules says the source's own words, or
// nothing.
func spokenSchedule(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return strings.TrimSuffix(strings.TrimSpace(s.Text), ".")
	}
	var rules []string
	for _, r := range s.Rules {
		days := make([]string, len(r.Days))
		for i, d := range r.Days {
			days[i] = d.String()
		}
		var when string
		switch {
		case r.Freq == catalogue.Monthly:
			var ws []string
			for _, w := range r.Weeks {
				if o, ok := ordinals[w]; ok {
					ws = append(ws, o)
				}
			}
			when = "on the " + andList(ws) + " " + andList(days) + " of the month"
		case r.Interval == 2:
			when = "every other " + andList(days)
		case r.Interval > 2:
			when = fmt.Sprintf("every %d weeks on %s", r.Interval, andList(days))
		default:
			when = "every " + andList(days)
		}
		if r.Closes > r.Opens {
			when += " from " + spokenClock(r.Opens) + " to " + spokenClock(r.Closes)
		} else if r.Opens > 0 {
			when += " at " + spokenClock(r.Opens)
		}
		rules = append(rules, when)
	}
	return upperFirst(strings.Join(rules, ", and "))
}

func andList(ss []string) string {
	switch len(ss) {
	case 0:
		return ""
	case 1:
		return ss[0]
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " and " + ss[len(ss)-1]
}

// spokenDay says the day of t relative to now, in London: "today",
// "tomorrow", or "Tuesday 1 December".
func spokenDay(t, now time.Time) string {
	t, now = t.In(catalogue.London), now.In(catalogue.London)
	d, today := catalogue.DateOf(t), catalogue.DateOf(now)
	switch today.DaysUntil(d) {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	}
	return t.Format("Monday 2 January")
}

var digitWords = [10]string{"oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// spokenPhone reads a UK phone number digit by digit in groups, "oh one six
// three two, nine six oh, one oh one", so it can be written down. It keeps the
// number's own spacing ("01632 960101"), splitting a long group into threes;
// an E.164 UK number is read in its national form. It returns "" when number
// has no digits.
func spokenPhone(number string) string {
	number = strings.TrimSpace(number)
	var groups []string
	if strings.ContainsAny(number, " -") {
		for _, g := range strings.FieldsFunc(number, func(r rune) bool { return r == ' ' || r == '-' }) {
			groups = append(groups, digitsOf(g))
		}
		if len(groups) > 0 && strings.HasPrefix(number, "+44") {
			groups = groups[1:]
			if len(groups) > 0 {
				groups[0] = "0" + groups[0]
			}
		}
	} else {
		d := digitsOf(number)
		if strings.HasPrefix(number, "+44") {
			d = "0" + strings.TrimPrefix(d, "44")
		}
		groups = ukGroups(d)
	}
	var out []string
	for i, g := range groups {
		if g == "" {
			continue
		}
		if i > 0 && len(g) > 4 {
			for len(g) > 4 {
				out = append(out, g[:3])
				g = g[3:]
			}
		}
		out = append(out, g)
	}
	spoken := make([]string, 0, len(out))
	for _, g := range out {
		ws := make([]string, len(g))
		for i, c := range g {
			ws[i] = digitWords[c-'0']
		}
		spoken = append(spoken, strings.Join(ws, " "))
	}
	return strings.Join(spoken, ", ")
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ukGroups splits an unspaced national number the usual way: 020 7946 0000,
// 01632 960 101, 07700 900 111, 0800 123 4567.
func ukGroups(d string) []string {
	if len(d) != 11 || d[0] != '0' {
		return []string{d}
	}
	switch {
	case strings.HasPrefix(d, "02"):
		return []string{d[:3], d[3:7], d[7:]}
	case strings.HasPrefix(d, "01"), strings.HasPrefix(d, "07"):
		return []string{d[:5], d[5:8], d[8:]}
	}
	return []string{d[:4], d[4:7], d[7:]}
}
