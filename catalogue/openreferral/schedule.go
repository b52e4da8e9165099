package openreferral

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// fieldError is a problem with one field of a record; the reader turns it into a
// catalogue.RecordError.
type fieldError struct {
	field, reason string
}

func (e *fieldError) Error() string { return e.field + ": " + e.reason }

var icalDays = map[string]time.Weekday{
	"MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday, "TH": time.Thursday,
	"FR": time.Friday, "SA": time.Saturday, "SU": time.Sunday,
}

// buildSchedule turns a record's schedule entries into a catalogue.Schedule.
// field names the JSON array ("schedules" or "regular_schedules") for errors.
// An entry it cannot understand at all (an unknown freq, a malformed byday, a
// time that is not HH:MM) is an error; an entry that is valid but says nothing
// the line can use (bymonthday only) adds no rule, and its words are kept in Text.
// The months of the entries' bymonth (iCal's BYMONTH, which HSDS 3.0 lacks but
// the line's own feed writes) are the season, when every entry with a rule
// has them.
func buildSchedule(field string, entries []schedule) (catalogue.Schedule, *fieldError) {
	var s catalogue.Schedule
	var texts []string
	allFrom, allTo := true, true
	allMonths := true
	for i, e := range entries {
		at := fmt.Sprintf("%s[%d]", field, i)
		if d := strings.TrimSpace(e.Description); d != "" && !containsString(texts, d) {
			texts = append(texts, d)
		}
		rules, err := buildRules(at, e)
		if err != nil {
			return catalogue.Schedule{}, err
		}
		s.Rules = append(s.Rules, rules...)
		months, err := parseMonths(at+".bymonth", string(e.ByMonth))
		if err != nil {
			return catalogue.Schedule{}, err
		}
		if len(rules) > 0 {
			if len(months) == 0 {
				allMonths = false
			}
			for _, m := range months {
				if !slices.Contains(s.Months, m) {
					s.Months = append(s.Months, m)
				}
			}
		}

		from, err := parseDate(at+".valid_from", e.ValidFrom)
		if err != nil {
			return catalogue.Schedule{}, err
		}
		to, err := parseDate(at+".valid_to", e.ValidTo)
		if err != nil {
			return catalogue.Schedule{}, err
		}
		until, err := parseDate(at+".until", e.Until)
		if err != nil {
			return catalogue.Schedule{}, err
		}
		if to == (catalogue.Date{}) || until != (catalogue.Date{}) && until.Before(to) {
			to = until
		}
		// The schedule's range covers every entry: the earliest start and the
		// latest end, and no limit at all if any entry has none.
		if from == (catalogue.Date{}) {
			allFrom = false
		} else if s.ValidFrom == (catalogue.Date{}) || from.Before(s.ValidFrom) {
			s.ValidFrom = from
		}
		if to == (catalogue.Date{}) {
			allTo = false
		} else if s.ValidTo.Before(to) {
			s.ValidTo = to
		}
	}
	if !allFrom {
		s.ValidFrom = catalogue.Date{}
	}
	if !allTo {
		s.ValidTo = catalogue.Date{}
	}
	if !allMonths || len(s.Months) == 12 {
		s.Months = nil
	}
	if s.ValidFrom != (catalogue.Date{}) && s.ValidTo != (catalogue.Date{}) && s.ValidTo.Before(s.ValidFrom) {
		return catalogue.Schedule{}, &fieldError{field + ".valid_to", "ends before valid_from"}
	}
	s.Text = strings.Join(texts, " ")
	return s, nil
}

// buildRules turns one schedule entry into rules: one for a weekly entry, one per
// weekday for a monthly entry ("1TH,3TH,-1FR" is first and third Thursday, and
// last Friday).
func buildRules(at string, e schedule) ([]catalogue.Rule, *fieldError) {
	freq := strings.ToUpper(strings.TrimSpace(e.Freq))
	byday := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(e.ByDay), " ", ""))
	if byday == "" && e.Weekday != "" {
		d, ok := weekdayName(string(e.Weekday))
		if !ok {
			return nil, &fieldError{at + ".weekday", fmt.Sprintf("unparseable schedule: weekday %q", clip(string(e.Weekday)))}
		}
		byday = d
		if freq == "" {
			freq = "WEEKLY"
		}
	}
	if freq == "" && byday == "" {
		if strings.TrimSpace(e.OpensAt) != "" {
			return nil, &fieldError{at + ".freq", "unparseable schedule: opening times with no freq or byday"}
		}
		return nil, nil // words only
	}
	if byday == "" {
		if freq == "MONTHLY" && strings.TrimSpace(string(e.ByMonthDay)) != "" {
			return nil, nil // days of the month: kept in words only
		}
		return nil, &fieldError{at + ".byday", "unparseable schedule: missing byday"}
	}
	interval := 1
	if e.Interval != nil {
		interval = int(*e.Interval)
	}
	if interval < 0 || interval > 52 {
		return nil, &fieldError{at + ".interval", fmt.Sprintf("unparseable schedule: interval %d", interval)}
	}
	if interval == 0 {
		interval = 1
	}
	// dtstart is the first session: nothing is offered before it.
	start, err := parseDate(at+".dtstart", e.DTStart)
	if err != nil {
		return nil, err
	}
	opens, err := parseClock(at+".opens_at", e.OpensAt)
	if err != nil {
		return nil, err
	}
	closes, err := parseClock(at+".closes_at", e.ClosesAt)
	if err != nil {
		return nil, err
	}
	if closes <= opens {
		return nil, &fieldError{at + ".closes_at", fmt.Sprintf("unparseable schedule: closes at %q, not after opens_at %q", clip(e.ClosesAt), clip(e.OpensAt))}
	}

	type dayWeek struct {
		day  time.Weekday
		week int // 0 when none given
	}
	var parts []dayWeek
	for _, tok := range strings.Split(byday, ",") {
		if len(tok) < 2 {
			return nil, &fieldError{at + ".byday", fmt.Sprintf("unparseable schedule: byday %q", clip(e.ByDay))}
		}
		day, ok := icalDays[tok[len(tok)-2:]]
		if !ok {
			return nil, &fieldError{at + ".byday", fmt.Sprintf("unparseable schedule: byday %q", clip(e.ByDay))}
		}
		week := 0
		if n := tok[:len(tok)-2]; n != "" {
			w, err := strconv.Atoi(n)
			if err != nil || w == 0 || w < -1 || w > 5 {
				return nil, &fieldError{at + ".byday", fmt.Sprintf("unparseable schedule: byday %q", clip(e.ByDay))}
			}
			week = w
		}
		parts = append(parts, dayWeek{day, week})
	}

	switch freq {
	case "DAILY", "WEEKLY":
		r := catalogue.Rule{Freq: catalogue.Weekly, Opens: opens, Closes: closes, Start: start}
		if freq == "DAILY" {
			if interval != 1 {
				return nil, &fieldError{at + ".interval", "unparseable schedule: daily with an interval"}
			}
			r.Days = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
		}
		for _, p := range parts {
			if p.week != 0 {
				return nil, &fieldError{at + ".byday", fmt.Sprintf("unparseable schedule: byday %q numbers a week in a weekly rule", clip(e.ByDay))}
			}
			if freq == "WEEKLY" && !containsDay(r.Days, p.day) {
				r.Days = append(r.Days, p.day)
			}
		}
		if interval > 1 {
			r.Interval = interval
			// The anchor is dtstart, else valid_from; without either the
			// rule is kept and the line gives no next date.
			if r.Start == (catalogue.Date{}) {
				if r.Start, err = parseDate(at+".valid_from", e.ValidFrom); err != nil {
					return nil, err
				}
			}
		}
		return []catalogue.Rule{r}, nil
	case "MONTHLY":
		if interval != 1 {
			return nil, &fieldError{at + ".interval", fmt.Sprintf("unparseable schedule: monthly every %d months", interval)}
		}
		var rules []catalogue.Rule
		for _, p := range parts {
			if p.week == 0 {
				return nil, &fieldError{at + ".byday", fmt.Sprintf("unparseable schedule: byday %q needs a week number in a monthly rule", clip(e.ByDay))}
			}
			i := indexDay(rules, p.day)
			if i < 0 {
				rules = append(rules, catalogue.Rule{Freq: catalogue.Monthly, Days: []time.Weekday{p.day}, Opens: opens, Closes: closes, Start: start})
				i = len(rules) - 1
			}
			if !containsInt(rules[i].Weeks, p.week) {
				rules[i].Weeks = append(rules[i].Weeks, p.week)
			}
		}
		return rules, nil
	}
	return nil, &fieldError{at + ".freq", fmt.Sprintf("unparseable schedule: freq %q", clip(e.Freq))}
}

// parseClock reads "10:00", "10:00:00", "1000" or those with a zone suffix ("Z",
// "+01:00"); the zone is ignored, as the line reads every time as London time.
// An empty time is an error: a rule needs both ends.
func parseClock(field, s string) (catalogue.Clock, *fieldError) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, &fieldError{field, "unparseable schedule: missing time"}
	}
	if i := strings.IndexAny(t, "Z+-"); i > 0 {
		t = t[:i]
	}
	var h, m int
	parts := strings.Split(t, ":")
	switch {
	case len(parts) == 1 && len(t) == 4:
		parts = []string{t[:2], t[2:]}
	case len(parts) == 3:
		if sec, err := strconv.Atoi(parts[2]); err != nil || sec < 0 || sec > 59 || len(parts[2]) != 2 {
			return 0, &fieldError{field, fmt.Sprintf("unparseable schedule: time %q", clip(s))}
		}
		parts = parts[:2]
	}
	if len(parts) != 2 || len(parts[0]) == 0 || len(parts[0]) > 2 || len(parts[1]) != 2 {
		return 0, &fieldError{field, fmt.Sprintf("unparseable schedule: time %q", clip(s))}
	}
	h, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || h < 0 || h > 24 || m < 0 || m > 59 || h == 24 && m != 0 {
		return 0, &fieldError{field, fmt.Sprintf("unparseable schedule: time %q", clip(s))}
	}
	return catalogue.Clock(h*60 + m), nil
}

// parseDate reads an ISO 8601 date, or the date part of a date-time. An empty
// string is the zero Date.
func parseDate(field, s string) (catalogue.Date, *fieldError) {
	s = strings.TrimSpace(s)
	if s == "" {
		return catalogue.Date{}, nil
	}
	d := s
	if len(d) > 10 && (d[10] == 'T' || d[10] == ' ') {
		d = d[:10]
	}
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		if t, err = time.Parse("20060102", d); err != nil {
			return catalogue.Date{}, &fieldError{field, fmt.Sprintf("unparseable date %q", clip(s))}
		}
	}
	return catalogue.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, nil
}

// parseMonths reads iCal's BYMONTH: month numbers 1 to 12 separated by
// commas ("4,5,6,7,8,9"), in the order given. Empty is no months.
func parseMonths(field, s string) ([]time.Month, *fieldError) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	var out []time.Month
	for _, tok := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(tok))
		if err != nil || n < 1 || n > 12 {
			return nil, &fieldError{field, fmt.Sprintf("unparseable schedule: bymonth %q", clip(s))}
		}
		if m := time.Month(n); !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out, nil
}

func weekdayName(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for code, d := range icalDays {
		name := strings.ToLower(d.String())
		if s == name || s == name[:3] || s == strings.ToLower(code) {
			return code, true
		}
	}
	return "", false
}

func containsDay(ds []time.Weekday, d time.Weekday) bool {
	for _, x := range ds {
		if x == d {
			return true
		}
	}
	return false
}

func containsInt(ns []int, n int) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}

func indexDay(rules []catalogue.Rule, d time.Weekday) int {
	for i, r := range rules {
		if len(r.Days) == 1 && r.Days[0] == d {
			return i
		}
	}
	return -1
}

// clip shortens outside text quoted in a reason, so one bad field cannot flood a report.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}
