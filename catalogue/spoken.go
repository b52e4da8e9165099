package catalogue

import (
	"fmt"
	"strings"
	"time"
)

// This file renders schedules, times and dates as the words a caller hears
// (slow, plain British English, no digits for the text-to-speech voice to
// misread) and as the short forms an SMS uses.

var smallNumbers = []string{
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
}

var tensWords = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}

// numberWords spells 0 to 99: "seven", "twenty-five".
func numberWord(n int) string {
	switch {
	case n < 0 || n > 99:
		return fmt.Sprint(n)
	case n < 20:
		return smallNumbers[n]
	case n%10 == 0:
		return tensWords[n/10]
	}
	return tensWords[n/10] + "-" + smallNumbers[n%10]
}

var ordinalSmall = []string{
	"zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
}

// ordinalWord spells 1 to 31 as an ordinal: "third", "twenty-first", "thirtieth".
func ordinalWord(n int) string {
	switch {
	case n < 0 || n > 99:
		return fmt.Sprintf("%dth", n)
	case n < 20:
		return ordinalSmall[n]
	case n%10 == 0:
		return strings.TrimSuffix(tensWords[n/10], "y") + "ieth"
	}
	return tensWords[n/10] + "-" + ordinalSmall[n%10]
}

// yearWords says a year as people do: "twenty twenty-six", "two thousand and nine".
func yearWords(y int) string {
	switch {
	case y >= 2000 && y < 2010:
		if y == 2000 {
			return "two thousand"
		}
		return "two thousand and " + numberWord(y%100)
	case y >= 1100 && y < 10000:
		hi, lo := y/100, y%100
		switch {
		case lo == 0:
			return numberWord(hi) + " hundred"
		case lo < 10:
			return numberWord(hi) + " oh " + numberWord(lo)
		}
		return numberWord(hi) + " " + numberWord(lo)
	}
	return fmt.Sprint(y)
}

func hourWord(h int) string {
	h %= 12
	if h == 0 {
		h = 12
	}
	return numberWord(h)
}

// bare says c with no "o'clock" and no part of the day: "ten", "half past ten",
// "a quarter to three", "twenty past ten", "ten oh seven".
func (c Clock) bare() string {
	h, m := c.Hour(), c.Minute()
	switch {
	case m == 0:
		return hourWord(h)
	case m == 15:
		return "a quarter past " + hourWord(h)
	case m == 30:
		return "half past " + hourWord(h)
	case m == 45:
		return "a quarter to " + hourWord(h+1)
	case m%5 == 0 && m < 30:
		return numberWord(m) + " past " + hourWord(h)
	case m%5 == 0:
		return numberWord(60-m) + " to " + hourWord(h+1)
	case m < 10:
		return hourWord(h) + " oh " + numberWord(m)
	}
	return hourWord(h) + " " + numberWord(m)
}

// partOfDay is what a caller needs to tell 7:30 in the morning from 7:30 in the
// evening; daytime hours need nothing.
func (c Clock) partOfDay() string {
	switch {
	case c < 8*60:
		return " in the morning"
	case c >= 18*60:
		return " in the evening"
	}
	return ""
}

// Spoken says c as a caller would: "ten o'clock", "half past ten", "a quarter to
// three", "midday", "midnight", "half past seven in the evening".
func (c Clock) Spoken() string {
	switch c {
	case 0:
		return "midnight"
	case 12 * 60:
		return "midday"
	}
	s := c.bare()
	if c.Minute() == 0 {
		s += " o'clock"
	}
	return s + c.partOfDay()
}

// spokenRange says a session's times: "half past ten to twelve", "ten till two",
// "half past seven to nine in the evening". It uses "till" where "to" could be
// misheard ("ten to two" is 1:50).
func spokenRange(opens, closes Clock) string {
	a, b := opens.bare(), closes.bare()
	if closes == 0 || closes == 24*60 {
		b = "midnight"
	}
	if opens < 8*60 {
		a += " in the morning"
	}
	join := " to "
	if opens.Minute() == 0 || strings.Contains(a, " to ") || strings.Contains(b, " to ") {
		join = " till "
	}
	if closes >= 18*60 && b != "midnight" {
		b += " in the evening"
	}
	return a + join + b
}

// Spoken says s for the telephone, in short plain British English: "the first
// Thursday of the month, half past ten to twelve", "every Wednesday and
// Saturday, ten till two", "every other Friday, ten till twelve", "every
// Saturday, half past nine till half past three, from April to September". A
// schedule with no rules says the organiser has the dates.
func (s Schedule) Spoken() string {
	if len(s.Rules) == 0 {
		return "the dates vary, so please ask the organiser"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		parts[i] = r.spokenDays() + ", " + spokenRange(r.Opens, r.Closes)
	}
	out := joinList(parts, ", ", ", and ")
	if len(s.Months) > 0 {
		if first, last, ok := monthRun(s.Months); ok {
			out += ", from " + first.String() + " to " + last.String()
		} else {
			names := make([]string, len(s.Months))
			for i, m := range s.Months {
				names[i] = m.String()
			}
			out += ", in " + joinList(names, ", ", " and ") + " only"
		}
	}
	if !s.ValidFrom.IsZero() {
		out += ", starting on " + spokenDayMonth(s.ValidFrom) + ", " + yearWords(s.ValidFrom.Year)
	}
	if !s.ValidTo.IsZero() {
		out += ", until " + spokenDayMonth(s.ValidTo) + ", " + yearWords(s.ValidTo.Year)
	}
	return out
}

func (r Rule) spokenDays() string {
	days := dayList(r.Days, ", ", " and ")
	if r.Freq == Monthly {
		ws := make([]string, len(r.Weeks))
		for i, w := range r.Weeks {
			ws[i] = ordinalName(w)
		}
		return "the " + joinList(ws, ", ", " and ") + " " + days + " of the month"
	}
	switch {
	case r.Interval == 2:
		return "every other " + days
	case r.Interval > 2:
		return "every " + numberWord(r.Interval) + " weeks, on " + days
	case len(r.Days) == 7:
		return "every day"
	case isWeekdays(r.Days):
		return "every weekday"
	}
	return "every " + days
}

func isWeekdays(days []time.Weekday) bool {
	if len(days) != 5 {
		return false
	}
	for _, d := range days {
		if d == time.Saturday || d == time.Sunday {
			return false
		}
	}
	return true
}

// Short gives s in a few characters for an SMS: "1st Thu 10:30", "Wed & Sat
// 10:00", "Alt Fri 10:00", "Last Fri 14:00", "Sat 09:30 (Apr-Sep)". A schedule
// with no rules is "Ring for dates".
func (s Schedule) Short() string {
	if len(s.Rules) == 0 {
		return "Ring for dates"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		parts[i] = r.short()
	}
	out := strings.Join(parts, "; ")
	if len(s.Months) > 0 {
		if first, last, ok := monthRun(s.Months); ok {
			out += fmt.Sprintf(" (%s-%s)", first.String()[:3], last.String()[:3])
		} else {
			names := make([]string, len(s.Months))
			for i, m := range s.Months {
				names[i] = m.String()[:3]
			}
			out += " (" + strings.Join(names, ", ") + ")"
		}
	}
	if !s.ValidTo.IsZero() {
		out += fmt.Sprintf(" until %d %s %d", s.ValidTo.Day, s.ValidTo.Month.String()[:3], s.ValidTo.Year)
	}
	return out
}

func (r Rule) short() string {
	names := make([]string, len(r.Days))
	for i, d := range r.Days {
		names[i] = d.String()[:3]
	}
	days := joinList(names, ", ", " & ")
	var lead string
	if r.Freq == Monthly {
		ws := make([]string, len(r.Weeks))
		for i, w := range r.Weeks {
			ws[i] = shortOrdinal(w)
		}
		lead = joinList(ws, ", ", " & ") + " " + days
		if r.Weeks[0] == -1 {
			lead = "Last " + days
		}
	} else {
		switch {
		case r.Interval == 2:
			lead = "Alt " + days
		case r.Interval > 2:
			lead = fmt.Sprintf("Every %d wks %s", r.Interval, days)
		case len(r.Days) == 7:
			lead = "Daily"
		case isWeekdays(r.Days):
			lead = "Mon-Fri"
		default:
			lead = days
		}
	}
	return lead + " " + r.Opens.String()
}

func shortOrdinal(w int) string {
	switch w {
	case -1:
		return "last"
	case 1, 21, 31:
		return fmt.Sprintf("%dst", w)
	case 2, 22:
		return fmt.Sprintf("%dnd", w)
	case 3, 23:
		return fmt.Sprintf("%drd", w)
	}
	return fmt.Sprintf("%dth", w)
}

func spokenDayMonth(d Date) string {
	return "the " + ordinalWord(d.Day) + " of " + d.Month.String()
}

// SpokenDate says the date of t (in Europe/London) relative to now: "today",
// "tomorrow", "this Thursday, the third of December" within the coming week,
// otherwise "Thursday the third of December", with the year when it is more
// than about ten months away.
func SpokenDate(t, now time.Time) string {
	d, today := DateOf(t), DateOf(now)
	n := today.DaysUntil(d)
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n > 1 && n < 7:
		return "this " + d.Weekday().String() + ", " + spokenDayMonth(d)
	}
	out := d.Weekday().String() + " " + spokenDayMonth(d)
	if n > 300 || n < -300 {
		out += ", " + yearWords(d.Year)
	}
	return out
}

// ShortDate gives the date of t (in Europe/London) for an SMS: "today",
// "tomorrow", "Thu 3 Dec", with the year when it is more than about ten months
// away ("Thu 3 Dec 2027").
func ShortDate(t, now time.Time) string {
	d, today := DateOf(t), DateOf(now)
	n := today.DaysUntil(d)
	switch n {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	}
	out := fmt.Sprintf("%s %d %s", d.Weekday().String()[:3], d.Day, d.Month.String()[:3])
	if n > 300 || n < -300 {
		out += fmt.Sprintf(" %d", d.Year)
	}
	return out
}

// SpokenSession says when a session starts, relative to now: "today at half
// past ten", "tomorrow at two o'clock", "this Thursday, the third of December,
// at half past ten", "Thursday the tenth of December at midday". A zero
// session says nothing ("").
func SpokenSession(s Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	l := s.Start.In(London)
	clock := Clock(l.Hour()*60 + l.Minute()).Spoken()
	date := SpokenDate(s.Start, now)
	if strings.Contains(date, ",") {
		return date + ", at " + clock
	}
	return date + " at " + clock
}

// ShortSession gives when a session starts for an SMS: "today 10:30",
// "tomorrow 14:00", "Thu 3 Dec 10:30". A zero session gives "".
func ShortSession(s Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	l := s.Start.In(London)
	return ShortDate(s.Start, now) + " " + Clock(l.Hour()*60+l.Minute()).String()
}
