package catalogue

import "time"

// London is the time zone every schedule is written in.
var London = mustLondon()

// Freq is how often a Rule repeats.
type Freq string

const (
	Weekly  Freq = "weekly"  // on Days, every Interval weeks counted from Start
	Monthly Freq = "monthly" // on the Weeks-th Days of each month ("first Thursday", "last Friday")
)

// Date is a calendar date with no time zone (a civil date). The zero Date means "not set".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Clock is a time of day in minutes after midnight, Europe/London wall-clock time.
type Clock int

// Rule is one recurrence: "every Tuesday 10:00-12:00", "every other Friday from
// 2026-01-09", "first and third Thursday 10:30-12:00", "last Friday 14:00-15:30".
type Rule struct {
	Freq     Freq           `json:"freq"`
	Interval int            `json:"interval,omitempty"` // weekly: every n weeks; 0 and 1 mean every week
	Days     []time.Weekday `json:"days"`               // the weekdays it meets on
	Weeks    []int          `json:"weeks,omitempty"`    // monthly: 1..5, or -1 for the last
	Start    Date           `json:"start,omitzero"`     // anchor for Interval > 1 (the date of one real session)
	Opens    Clock          `json:"opens"`
	Closes   Clock          `json:"closes"`
}

// Schedule says when an activity meets: the union of its rules, limited to the
// months of its season and to the dates ValidFrom..ValidTo (inclusive), all in
// Europe/London time. A Schedule with no rules is "contact the organiser".
type Schedule struct {
	Rules     []Rule       `json:"rules,omitempty"`
	Months    []time.Month `json:"months,omitempty"` // season; empty means all year
	ValidFrom Date         `json:"valid_from,omitzero"`
	ValidTo   Date         `json:"valid_to,omitzero"`
	Text      string       `json:"text,omitempty"` // the source's own wording, kept for reference
}

// Session is one meeting of an activity.
type Session struct {
	Start, End time.Time
}

func mustLondon() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		// time/tzdata is embedded by cmd/heritageline, so this only happens in a
		// test binary on a machine with no zoneinfo: fall back to a fixed zone
		// rather than crash.
		return time.FixedZone("GMT", 0)
	}
	return loc
}
