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

	parts = append(parts, sentence(upperFirst(a.Schedule.Spoken())))
	if !res.Next.Start.IsZero() {
		parts = append(parts, sentence("The next is "+catalogue.SpokenDate(res.Next.Start, now)))
	}

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
