package catalogue

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ScheduleError says why a schedule's text could not be read.
type ScheduleError struct {
	Text    string // the text as given
	Problem string // plain words: "no time given for \"every tuesday\""
}

func (e *ScheduleError) Error() string {
	return fmt.Sprintf("catalogue: schedule %q: %s", e.Text, e.Problem)
}

// ParseSchedule reads a schedule written in the small English rule language of
// docs/catalogue.md, for example
//
//	first Thursday of the month, 10:30-12:00
//	every Wednesday and Saturday, 10:00-14:00
//	second and fourth Saturday, 10:30-12:00
//	every other Friday from 2026-01-09, 10:00-12:00
//	every 3 weeks on Tuesday from 2026-01-06, 14:00-15:30
//	every Saturday, 09:30-15:30, April to September
//	last Friday of the month, 14:00-15:30; every Tuesday, 10:00-12:00, until 2027-03-31
//
// Clauses are separated by commas or semicolons. A rule clause names the days
// (weekly, every n weeks, or the nth or last weekday of the month), optionally
// followed by "from DATE", the date of its first session (needed to know which
// weeks an "every other" rule meets in). A time range "HH:MM-HH:MM" applies to
// the rule clauses before it that have no time yet. A season ("April to
// September", "August only") and a validity ("from DATE", "until DATE", "from
// DATE until DATE") apply to the whole schedule. "contact the organiser" (or
// "ring for dates", "by arrangement") is a schedule with no rules.
//
// The returned Schedule keeps text in its Text field. Any other wording, a rule
// with no time, a time that closes before it opens, a start date that is not one
// of the rule's days or a validity that ends before it begins is an error of
// type *ScheduleError.
func ParseSchedule(text string) (Schedule, error) {
	s := Schedule{Text: strings.TrimSpace(text)}
	fail := func(format string, args ...any) (Schedule, error) {
		return Schedule{}, &ScheduleError{Text: text, Problem: fmt.Sprintf(format, args...)}
	}
	norm := normaliseSchedule(text)
	if norm == "" {
		return fail("empty")
	}
	if slices.Contains(noRulePhrases, norm) {
		return s, nil
	}
	var pending []int // rules with no time yet
	var seenSeason, seenValid bool
	for clause := range strings.FieldsFuncSeq(norm, func(r rune) bool { return r == ',' || r == ';' }) {
		clause = strings.TrimSpace(clause)
		if clause == "" {
			continue
		}
		if opens, closes, ok, err := parseTimeRange(clause); ok {
			if err != nil {
				return fail("%v", err)
			}
			if len(pending) == 0 {
				return fail("time %q comes before any days", clause)
			}
			for _, i := range pending {
				s.Rules[i].Opens, s.Rules[i].Closes = opens, closes
			}
			pending = pending[:0]
			continue
		}
		if months, ok := parseSeason(clause); ok {
			if seenSeason {
				return fail("more than one season")
			}
			seenSeason = true
			s.Months = months
			continue
		}
		if from, to, ok, err := parseValidity(clause); ok {
			if err != nil {
				return fail("%v", err)
			}
			if seenValid {
				return fail("more than one from/until")
			}
			seenValid = true
			s.ValidFrom, s.ValidTo = from, to
			continue
		}
		if days, ok := parseDayList(clause); ok && len(pending) > 0 && pending[len(pending)-1] == len(s.Rules)-1 {
			// "every Monday, Wednesday and Friday": more days for the rule before.
			last := &s.Rules[len(s.Rules)-1]
			last.Days = sortDays(append(last.Days, days...))
			continue
		}
		r, timed, err := parseRule(clause)
		if err != nil {
			return fail("%v", err)
		}
		s.Rules = append(s.Rules, r)
		if !timed {
			pending = append(pending, len(s.Rules)-1)
		}
	}
	if len(pending) > 0 {
		return fail("no time given for the days (add a time such as 10:00-12:00)")
	}
	if len(s.Rules) == 0 {
		return fail("no days given")
	}
	if !s.ValidFrom.IsZero() && !s.ValidTo.IsZero() && s.ValidTo.Before(s.ValidFrom) {
		return fail("until %s is before from %s", s.ValidTo, s.ValidFrom)
	}
	return s, nil
}

// noRulePhrases are whole schedules that mean "no fixed dates".
var noRulePhrases = []string{
	"contact the organiser", "contact the organizer", "ring for dates",
	"ring for dates and times", "by arrangement", "ask the organiser", "varies",
}

var (
	dashes       = strings.NewReplacer("–", "-", "—", "-", "‒", "-", "&", " and ", "\u00a0", " ")
	spaceAround  = regexp.MustCompile(`\s*-\s*`)
	manySpaces   = regexp.MustCompile(`\s+`)
	timeRangeRe  = regexp.MustCompile(`^(\d{1,2}[:.]\d{2})\s*(?:-|to|till|until)\s*(\d{1,2}[:.]\d{2})$`)
	trailingTime = regexp.MustCompile(`\s(\d{1,2}[:.]\d{2})\s*(?:-|to|till|until)\s*(\d{1,2}[:.]\d{2})$`)
	dateRe       = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

func normaliseSchedule(text string) string {
	t := strings.ToLower(dashes.Replace(text))
	t = manySpaces.ReplaceAllString(t, " ")
	t = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t), "."))
	return t
}

// parseTimeRange reports whether clause is a time range; err says why a range
// is impossible.
func parseTimeRange(clause string) (opens, closes Clock, ok bool, err error) {
	m := timeRangeRe.FindStringSubmatch(clause)
	if m == nil {
		return 0, 0, false, nil
	}
	opens, closes, err = clockPair(m[1], m[2])
	return opens, closes, true, err
}

func clockPair(a, b string) (opens, closes Clock, err error) {
	if opens, err = ParseClock(a); err != nil {
		return 0, 0, err
	}
	if closes, err = ParseClock(b); err != nil {
		return 0, 0, err
	}
	if closes <= opens {
		return 0, 0, fmt.Errorf("closes at %s, not after it opens at %s", closes, opens)
	}
	return opens, closes, nil
}

var monthNames = map[string]time.Month{}

func init() {
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		monthNames[name] = m
		monthNames[name[:3]] = m
	}
	monthNames["sept"] = time.September
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		dayNames[name] = d
		dayNames[name+"s"] = d
		dayNames[name[:3]] = d
	}
	dayNames["tues"], dayNames["weds"], dayNames["thur"], dayNames["thurs"] = time.Tuesday, time.Wednesday, time.Thursday, time.Thursday
}

// parseSeason reads "april to september", "september-may", "august only",
// "july and august only".
func parseSeason(clause string) ([]time.Month, bool) {
	c := strings.TrimPrefix(clause, "from ")
	c = spaceAround.ReplaceAllString(c, " to ")
	if a, b, ok := strings.Cut(c, " to "); ok {
		ma, oka := monthNames[strings.TrimSpace(a)]
		mb, okb := monthNames[strings.TrimSpace(b)]
		if !oka || !okb {
			return nil, false
		}
		var months []time.Month
		for m := ma; ; m = m%12 + 1 {
			months = append(months, m)
			if m == mb {
				break
			}
		}
		slices.Sort(months)
		return months, true
	}
	c, ok := strings.CutSuffix(c, " only")
	if !ok {
		return nil, false
	}
	var months []time.Month
	for _, w := range strings.Fields(c) {
		if w == "and" {
			continue
		}
		m, ok := monthNames[w]
		if !ok {
			return nil, false
		}
		months = append(months, m)
	}
	if len(months) == 0 {
		return nil, false
	}
	slices.Sort(months)
	return slices.Compact(months), true
}

// parseValidity reads "until 2027-03-31", "from 2026-01-01", "from 2026-01-01
// until 2027-03-31" (or "to").
func parseValidity(clause string) (from, to Date, ok bool, err error) {
	f := strings.Fields(clause)
	switch {
	case len(f) == 2 && (f[0] == "until" || f[0] == "till" || f[0] == "to") && dateRe.MatchString(f[1]):
		to, err = ParseDate(f[1])
		return Date{}, to, true, err
	case len(f) == 2 && f[0] == "from" && dateRe.MatchString(f[1]):
		from, err = ParseDate(f[1])
		return from, Date{}, true, err
	case len(f) == 4 && f[0] == "from" && (f[2] == "until" || f[2] == "to" || f[2] == "till") && dateRe.MatchString(f[1]) && dateRe.MatchString(f[3]):
		if from, err = ParseDate(f[1]); err != nil {
			return Date{}, Date{}, true, err
		}
		to, err = ParseDate(f[3])
		return from, to, true, err
	}
	return Date{}, Date{}, false, nil
}

var dayNames = map[string]time.Weekday{}

var ordinalWords = map[string]int{
	"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
	"fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1,
}

var numberWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}

// parseRule reads one rule clause, with an optional trailing time range and an
// optional "from DATE" start. timed reports whether it carried its time.
func parseRule(clause string) (r Rule, timed bool, err error) {
	if m := trailingTime.FindStringSubmatchIndex(clause); m != nil {
		r.Opens, r.Closes, err = clockPair(clause[m[2]:m[3]], clause[m[4]:m[5]])
		if err != nil {
			return Rule{}, false, err
		}
		timed = true
		clause = strings.TrimSpace(clause[:m[0]])
	}
	words := strings.Fields(clause)
	if n := len(words); n >= 2 && words[n-2] == "from" {
		if !dateRe.MatchString(words[n-1]) {
			return Rule{}, false, fmt.Errorf("start %q: want YYYY-MM-DD", words[n-1])
		}
		if r.Start, err = ParseDate(words[n-1]); err != nil {
			return Rule{}, false, err
		}
		words = words[:n-2]
	}
	if len(words) == 0 {
		return Rule{}, false, fmt.Errorf("no days given")
	}
	r.Freq = Weekly
	rest := words
	switch {
	case words[0] == "daily" && len(words) == 1:
		r.Days = allDays()
		rest = nil
	case words[0] == "fortnightly":
		r.Interval = 2
		rest = words[1:]
	case words[0] == "every":
		rest = words[1:]
		switch {
		case len(rest) == 1 && rest[0] == "day":
			r.Days, rest = allDays(), nil
		case len(rest) == 1 && rest[0] == "weekday":
			r.Days, rest = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, nil
		case len(rest) > 0 && rest[0] == "other":
			r.Interval, rest = 2, rest[1:]
		case len(rest) > 2 && (rest[1] == "weeks" || rest[1] == "week"):
			n, ok := numberWords[rest[0]]
			if !ok {
				var err error
				if n, err = strconv.Atoi(rest[0]); err != nil || n < 1 || n > 52 {
					return Rule{}, false, fmt.Errorf("%q is not a number of weeks from 1 to 52", rest[0])
				}
			}
			r.Interval, rest = n, rest[2:]
		}
		if r.Interval == 1 {
			r.Interval = 0
		}
	default:
		// nth weekday of the month
		r.Freq = Monthly
		i := 0
		for ; i < len(words); i++ {
			if words[i] == "and" {
				continue
			}
			n, ok := ordinalWords[words[i]]
			if !ok {
				break
			}
			r.Weeks = append(r.Weeks, n)
		}
		if len(r.Weeks) == 0 {
			return Rule{}, false, fmt.Errorf("%q: start with \"every\" or an ordinal such as \"first\"", clause)
		}
		rest = words[i:]
		// "of the month", "of every month", "of each month", "each month", "monthly"
		for _, tail := range [][]string{{"of", "the", "month"}, {"of", "every", "month"}, {"of", "each", "month"}, {"each", "month"}, {"in", "the", "month"}, {"monthly"}} {
			if len(rest) > len(tail) && slices.Equal(rest[len(rest)-len(tail):], tail) {
				rest = rest[:len(rest)-len(tail)]
				break
			}
		}
		slices.Sort(r.Weeks)
		r.Weeks = slices.Compact(r.Weeks)
		if r.Weeks[0] == -1 { // keep "last" at the end
			r.Weeks = append(r.Weeks[1:], -1)
		}
	}
	if len(rest) > 0 && rest[0] == "on" {
		rest = rest[1:]
	}
	if r.Days == nil {
		for _, w := range rest {
			if w == "and" || w == "or" {
				continue
			}
			d, ok := dayNames[w]
			if !ok {
				return Rule{}, false, fmt.Errorf("%q is not a day of the week", w)
			}
			r.Days = append(r.Days, d)
		}
	} else if len(rest) > 0 {
		return Rule{}, false, fmt.Errorf("unexpected %q", strings.Join(rest, " "))
	}
	if len(r.Days) == 0 {
		return Rule{}, false, fmt.Errorf("%q names no day of the week", clause)
	}
	r.Days = sortDays(r.Days)
	if !r.Start.IsZero() && !slices.Contains(r.Days, r.Start.Weekday()) {
		return Rule{}, false, fmt.Errorf("start %s is a %s, not a %s", r.Start, r.Start.Weekday(), dayList(r.Days, ", ", " or "))
	}
	return r, timed, nil
}

// parseDayList reads a clause that is only days: "wednesday and friday".
func parseDayList(clause string) ([]time.Weekday, bool) {
	var days []time.Weekday
	for _, w := range strings.Fields(clause) {
		if w == "and" {
			continue
		}
		d, ok := dayNames[w]
		if !ok {
			return nil, false
		}
		days = append(days, d)
	}
	return days, len(days) > 0
}

func allDays() []time.Weekday {
	return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
}

// sortDays orders weekdays Monday first, as people list them, without repeats.
func sortDays(days []time.Weekday) []time.Weekday {
	slices.SortFunc(days, func(a, b time.Weekday) int { return mondayFirst(a) - mondayFirst(b) })
	return slices.Compact(days)
}

func mondayFirst(d time.Weekday) int { return (int(d) + 6) % 7 }

// String returns s in the canonical form of the rule language, which
// ParseSchedule reads back to the same rules, season and validity. A schedule
// with no rules is "contact the organiser".
func (s Schedule) String() string {
	if len(s.Rules) == 0 {
		return "contact the organiser"
	}
	var parts []string
	for _, r := range s.Rules {
		parts = append(parts, r.String())
	}
	out := strings.Join(parts, "; ")
	if len(s.Months) > 0 {
		out += ", " + seasonText(s.Months)
	}
	switch {
	case !s.ValidFrom.IsZero() && !s.ValidTo.IsZero():
		out += ", from " + s.ValidFrom.String() + " until " + s.ValidTo.String()
	case !s.ValidFrom.IsZero():
		out += ", from " + s.ValidFrom.String()
	case !s.ValidTo.IsZero():
		out += ", until " + s.ValidTo.String()
	}
	return out
}

// String returns r in the canonical form of the rule language.
func (r Rule) String() string {
	var b strings.Builder
	switch {
	case r.Freq == Monthly:
		var ws []string
		for _, w := range r.Weeks {
			ws = append(ws, ordinalName(w))
		}
		b.WriteString(strings.Join(ws, " and ") + " " + dayList(r.Days, " and ", " and ") + " of the month")
	case r.Interval == 2:
		b.WriteString("every other " + dayList(r.Days, " and ", " and "))
	case r.Interval > 2:
		fmt.Fprintf(&b, "every %d weeks on %s", r.Interval, dayList(r.Days, " and ", " and "))
	default:
		b.WriteString("every " + dayList(r.Days, " and ", " and "))
	}
	if !r.Start.IsZero() {
		b.WriteString(" from " + r.Start.String())
	}
	fmt.Fprintf(&b, ", %s-%s", r.Opens, r.Closes)
	return b.String()
}

func ordinalName(w int) string {
	switch w {
	case -1:
		return "last"
	case 1:
		return "first"
	case 2:
		return "second"
	case 3:
		return "third"
	case 4:
		return "fourth"
	case 5:
		return "fifth"
	}
	return strconv.Itoa(w) + "th"
}

// dayList names days in English: "Tuesday", "Wednesday and Saturday",
// "Monday, Wednesday and Friday" (sep ", ", last " and ").
func dayList(days []time.Weekday, sep, last string) string {
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = d.String()
	}
	return joinList(names, sep, last)
}

// joinList joins items with sep, and the last two with last.
func joinList(items []string, sep, last string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], sep) + last + items[len(items)-1]
}

// seasonText is "April to September" for a run of months (which may wrap past
// December), otherwise "July and August only".
func seasonText(months []time.Month) string {
	if first, last, ok := monthRun(months); ok {
		return first.String() + " to " + last.String()
	}
	names := make([]string, len(months))
	for i, m := range months {
		names[i] = m.String()
	}
	return strings.Join(names, " and ") + " only"
}

// monthRun finds the first and last month of months when they form one run of
// two or more consecutive months, perhaps wrapping from December to January.
func monthRun(months []time.Month) (first, last time.Month, ok bool) {
	if len(months) < 2 || len(months) >= 12 {
		return 0, 0, false
	}
	in := map[time.Month]bool{}
	for _, m := range months {
		in[m] = true
	}
	starts := 0
	for _, m := range months {
		prev := (m+10)%12 + 1
		if !in[prev] {
			first = m
			starts++
		}
	}
	if starts != 1 {
		return 0, 0, false
	}
	last = first
	for in[last%12+1] && last%12+1 != first {
		last = last%12 + 1
	}
	return first, last, true
}
