package smstext

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heritage-line/heritageline/catalogue"
)

// titleRunes is the most of an activity's title a list item shows.
const titleRunes = 40

// Distance says how far in a list item: one decimal under a mile ("0.3mi"),
// whole miles from there ("4mi").
func Distance(miles float64) string {
	if miles < 0.05 {
		return "<0.1mi" // at the very postcode texted: "0.0mi" reads like a mistake
	}
	if miles < 0.95 {
		return strconv.FormatFloat(miles, 'f', 1, 64) + "mi"
	}
	return strconv.FormatFloat(miles, 'f', 0, 64) + "mi"
}

// Item is one numbered line of a results list:
// "1 Heritage Café, 1st Thu 10:30, Free, 0.3mi". Long titles are shortened and
// the text is GSM-7 where a plain equivalent exists.
func Item(n int, r catalogue.Result) string {
	a := r.Activity
	parts := []string{strconv.Itoa(n) + " " + clip(oneLine(a.Title), titleRunes)}
	parts = append(parts, oneLine(a.Schedule.Short()))
	if c := shortCost(a); c != "" {
		parts = append(parts, c)
	}
	parts = append(parts, Distance(r.Miles))
	return strings.Join(parts, ", ")
}

// costRunes is the most of a cost a list item shows.
const costRunes = 20

// shortCost is the cost as a list shows it: "Free"; the organiser's wording
// up to its first bracket, comma or semicolon when that gives the price or
// there is no price ("£3 (tea included)" gives "£3"); otherwise the price
// ("Under 18s and Over 60s, £35 per 1 hour session" gives "£35"). See
// shortenCost: an amount is never lost or cut.
func shortCost(a catalogue.Activity) string {
	if a.Free {
		return "Free"
	}
	c := oneLine(a.Cost)
	if i := strings.IndexAny(c, "(,;"); i > 0 {
		if first := strings.TrimSpace(c[:i]); amountRE.MatchString(first) || !amountRE.MatchString(c) {
			c = first
		}
	}
	return shortenCost(c, costRunes)
}

// Fit joins head, as many of items as fit, and foot, one per line, into a body
// of at most MaxSegments segments. It drops whole items from the end rather
// than split one, and returns the body and how many items it kept. If even
// head and foot alone are too long, the body is cut to fit with "...".
func Fit(head string, items []string, foot string) (body string, kept int) {
	for k := len(items); k >= 0; k-- {
		body = join(head, items[:k], foot)
		if Segments(body) <= MaxSegments {
			return body, k
		}
	}
	if len(items) > 0 {
		// Keep the first item at the cost of the head: a list with nothing
		// in it helps nobody.
		body = join("", items[:1], foot)
		if Segments(body) <= MaxSegments {
			return body, 1
		}
	}
	return Truncate(join(head, nil, foot), MaxSegments), 0
}

func join(head string, items []string, foot string) string {
	lines := make([]string, 0, len(items)+2)
	if head != "" {
		lines = append(lines, head)
	}
	lines = append(lines, items...)
	if foot != "" {
		lines = append(lines, foot)
	}
	return strings.Join(lines, "\n")
}

// Truncate returns s cut, if need be, to at most max segments, ending with
// "..." when anything was cut. It never splits a character.
func Truncate(s string, max int) string {
	if Segments(s) <= max {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes) // lo always fits
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if Segments(string(runes[:mid])+"...") <= max {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(runes[:lo]), " ,\n") + "..."
}

// oneLine is s normalised to GSM-7 where possible, with every run of
// spaces, tabs and line breaks made one space.
func oneLine(s string) string {
	s = Normalise(s)
	if singleSpaced(s) {
		return s // as nearly every title and cost is
	}
	return strings.Join(strings.Fields(s), " ")
}

// singleSpaced reports whether s has no space but single spaces (' ')
// between words: none first or last, no other kind (tab, line break,
// no-break space).
func singleSpaced(s string) bool {
	space := true // a space here would be first
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r == ' ':
			if space {
				return false
			}
			space = true
		case unicode.IsSpace(r):
			return false
		default:
			space = false
		}
	}
	return s == "" || !space
}

// clip shortens s to at most n runes, ending with "..." when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-3]), " ,") + "..."
}
