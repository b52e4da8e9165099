package volunteers

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/London even on a machine without zoneinfo
)

// London is the zone the hours are written in; the clocks change with it.
var London = mustLondon()

func mustLondon() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil { // cannot happen: time/tzdata is embedded
		return time.FixedZone("GMT", 0)
	}
	return loc
}

// Hours are when calls are forwarded, in Europe/London wall-clock time:
// "Mon-Fri 09:00-17:00, Sat 10:00-13:00" or "always". The zero Hours is never
// open.
type Hours struct {
	text   string
	always bool
	spans  []span
}

// span is one day's opening, minutes after midnight, [from, to).
type span struct {
	day      time.Weekday
	from, to int
}

var dayNames = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday,
	"mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday,
}

// ParseHours reads hours such as "Mon-Fri 09:00-17:00, Sat 10:00-13:00" or
// "always". Each comma-separated part is a day or a range of days (which may
// wrap, "Fri-Mon") and one or more times "HH:MM-HH:MM" (24-hour, "24:00" ends
// the day; an opening may not run past midnight). It returns an error naming
// the part that is wrong: an unknown day, a malformed time, an end not after
// its start, or two openings on the same day that overlap.
func ParseHours(s string) (Hours, error) {
	text := strings.TrimSpace(s)
	if strings.EqualFold(text, "always") {
		return Hours{text: "always", always: true}, nil
	}
	if text == "" {
		return Hours{}, fmt.Errorf("no hours given: write them like \"Mon-Fri 09:00-17:00\" or \"always\"")
	}
	h := Hours{text: text}
	for part := range strings.SplitSeq(text, ",") {
		part = strings.TrimSpace(part)
		fields := strings.Fields(part)
		if len(fields) < 2 {
			return Hours{}, fmt.Errorf("%q: want days then times, like \"Mon-Fri 09:00-17:00\"", part)
		}
		days, err := parseDays(fields[0])
		if err != nil {
			return Hours{}, fmt.Errorf("%q: %w", part, err)
		}
		for _, f := range fields[1:] {
			from, to, err := parseTimes(f)
			if err != nil {
				return Hours{}, fmt.Errorf("%q: %w", part, err)
			}
			for _, d := range days {
				sp := span{day: d, from: from, to: to}
				for _, o := range h.spans {
					if o.day == d && sp.from < o.to && o.from < sp.to {
						return Hours{}, fmt.Errorf("%q: overlaps %s %s on %s", part, clock(o.from), clock(o.to), d)
					}
				}
				h.spans = append(h.spans, sp)
			}
		}
	}
	return h, nil
}

func parseDays(s string) ([]time.Weekday, error) {
	first, last, isRange := strings.Cut(s, "-")
	a, ok := dayNames[strings.ToLower(first)]
	if !ok {
		return nil, fmt.Errorf("unknown day %q: use Mon, Tue, Wed, Thu, Fri, Sat or Sun", first)
	}
	if !isRange {
		return []time.Weekday{a}, nil
	}
	b, ok := dayNames[strings.ToLower(last)]
	if !ok {
		return nil, fmt.Errorf("unknown day %q: use Mon, Tue, Wed, Thu, Fri, Sat or Sun", last)
	}
	days := []time.Weekday{a}
	for d := a; d != b; {
		d = (d + 1) % 7
		days = append(days, d)
	}
	return days, nil
}

func parseTimes(s string) (from, to int, err error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, fmt.Errorf("time %q: want a range like 09:00-17:00", s)
	}
	if from, err = parseClock(a); err != nil {
		return 0, 0, err
	}
	if to, err = parseClock(b); err != nil {
		return 0, 0, err
	}
	if to <= from {
		return 0, 0, fmt.Errorf("time %q: the end must be after the start (openings may not run past midnight)", s)
	}
	return from, to, nil
}

func parseClock(s string) (int, error) {
	hh, mm, ok := strings.Cut(s, ":")
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if !ok || err1 != nil || err2 != nil || len(mm) != 2 || len(hh) < 1 || len(hh) > 2 ||
		h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("time %q: want HH:MM on the 24-hour clock", s)
	}
	return h*60 + m, nil
}

func clock(min int) string { return fmt.Sprintf("%02d:%02d", min/60, min%60) }

// Open reports whether calls are forwarded at t, judged by the wall clock in
// Europe/London (so "09:00" is nine o'clock in both GMT and BST).
func (h Hours) Open(t time.Time) bool {
	if h.always {
		return true
	}
	l := t.In(London)
	m := l.Hour()*60 + l.Minute()
	for _, s := range h.spans {
		if s.day == l.Weekday() && m >= s.from && m < s.to {
			return true
		}
	}
	return false
}

// Always reports whether the hours are "always".
func (h Hours) Always() bool { return h.always }

// String returns the hours as written in the file.
func (h Hours) String() string { return h.text }
