package figures

import "strings"

// Limits on what an event may carry. Anything that could be a phone number or
// a resident's own words is dropped rather than stored.
const (
	maxArea     = 64
	maxCategory = 40
	maxID       = 128
	maxOutcome  = 32
	maxDigits   = 6 // an area or category with more digits than this may be a number
)

// IsPersonHash reports whether p looks like a keyed hash from privacy.Hasher
// (16 to 64 lower-case hexadecimal characters) rather than a phone number or
// anything else. A hash of 24 hex characters cannot be an E.164 number, which
// has at most 15 digits and may start with "+".
func IsPersonHash(p string) bool {
	if len(p) < 16 || len(p) > 64 {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// clean returns e with every field that might identify a resident or hold
// their words removed, and which fields it dropped. The Person is refused,
// not re-hashed: the recorder holds no key, and hashing with another key
// would count the same person twice.
func clean(e Event) (Event, []string) {
	var dropped []string
	if e.Person != "" && !IsPersonHash(e.Person) {
		e.Person = ""
		dropped = append(dropped, "person")
	}
	e.Area = strings.TrimSpace(e.Area)
	if e.Area != "" && !plain(e.Area, maxArea) {
		e.Area = ""
		dropped = append(dropped, "area")
	}
	if len(e.Categories) > 0 {
		cats := make([]string, 0, len(e.Categories))
		for _, c := range e.Categories {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			if !plain(c, maxCategory) {
				dropped = append(dropped, "category")
				continue
			}
			cats = append(cats, c)
		}
		e.Categories = cats
	}
	if len(e.Offered) > 0 {
		ids := make([]string, 0, len(e.Offered))
		for _, id := range e.Offered {
			if id == "" {
				continue
			}
			if len(id) > maxID {
				dropped = append(dropped, "activity")
				continue
			}
			ids = append(ids, id)
		}
		e.Offered = ids
	}
	if e.Outcome != "" && !token(e.Outcome) {
		e.Outcome = ""
		dropped = append(dropped, "outcome")
	}
	if e.Seconds < 0 {
		e.Seconds = 0
	}
	return e, dropped
}

// plain reports whether s is short and has too few digits to be a number.
func plain(s string, max int) bool {
	if len(s) > max {
		return false
	}
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n <= maxDigits
}

// token reports whether s is a short lower-case word such as "answered" or
// "no-answer".
func token(s string) bool {
	if len(s) > maxOutcome {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
