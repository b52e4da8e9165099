package smstext

import (
	"strings"
)

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
