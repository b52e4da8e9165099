package followup

import (
	"fmt"
	"time"

	"github.com/heritage-line/heritageline/volunteers"
)

// DefaultHours is when the line starts texts by default: Monday to Saturday,
// nine till seven, London time, and never on a bank holiday.
const DefaultHours = "Mon-Sat 09:00-19:00"

// Hours are when the line may start a text (FOLLOWUP_HOURS): the volunteers
// file's syntax ("Mon-Sat 09:00-19:00", Europe/London wall-clock time), and
// never on a bank holiday in England and Wales; or "always" (for tests and
// the simulator), which also texts on bank holidays.
type Hours struct {
	h volunteers.Hours
}

// ParseHours reads FOLLOWUP_HOURS; an empty string gives DefaultHours. The
// error names what is wrong, as volunteers.ParseHours does.
func ParseHours(s string) (Hours, error) {
	if s == "" {
		s = DefaultHours
	}
	h, err := volunteers.ParseHours(s)
	if err != nil {
		return Hours{}, fmt.Errorf("followup: hours: %w", err)
	}
	return Hours{h: h}, nil
}

// MustHours is ParseHours for hours known to be good; it panics otherwise.
func MustHours(s string) Hours {
	h, err := ParseHours(s)
	if err != nil {
		panic(err)
	}
	return h
}

// Open reports whether a text may be started at t.
func (h Hours) Open(t time.Time) bool {
	if h.h.Always() {
		return true
	}
	if _, holiday := BankHoliday(t); holiday {
		return false
	}
	return h.h.Open(t)
}

// Always reports whether the hours are "always".
func (h Hours) Always() bool { return h.h.Always() }

// String returns the hours as written.
func (h Hours) String() string { return h.h.String() }

// searchLimit is how far ahead Next looks for an opening: beyond any run of
// closed days the hours syntax and the bank holidays can make.
const searchLimit = 21 * 24 * time.Hour

// Next returns the first time at or after t when a text may be started, to
// the minute: t itself when the hours are open at t. Hours that are never
// open (the zero Hours) give t plus searchLimit.
func (h Hours) Next(t time.Time) time.Time {
	if h.Open(t) {
		return t
	}
	// Walk whole minutes from the next one; openings start on a minute.
	m := t.Truncate(time.Minute).Add(time.Minute)
	for end := t.Add(searchLimit); m.Before(end); m = m.Add(time.Minute) {
		if h.Open(m) {
			return m
		}
	}
	return t.Add(searchLimit)
}
