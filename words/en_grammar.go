package words

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// enGrammar says times, dates and schedules in slow, plain British English,
// with no digits for the text-to-speech voice to misread, and writes the
// short forms a text uses.
type enGrammar struct{}

var enSmall = []string{
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
}

var enTens = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}

// enNumber spells 0 to 99: "seven", "twenty-five".
func enNumber(n int) string {
	switch {
	case n < 0 || n > 99:
		return fmt.Sprint(n)
	case n < 20:
		return enSmall[n]
	case n%10 == 0:
		return enTens[n/10]
	}
	return enTens[n/10] + "-" + enSmall[n%10]
}

var enOrdinalSmall = []string{
	"zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
}

// enOrdinal spells 1 to 31 as an ordinal: "third", "twenty-first", "thirtieth".
func enOrdinal(n int) string {
	switch {
	case n < 0 || n > 99:
		return fmt.Sprintf("%dth", n)
	case n < 20:
		return enOrdinalSmall[n]
	case n%10 == 0:
		return strings.TrimSuffix(enTens[n/10], "y") + "ieth"
	}
	return enTens[n/10] + "-" + enOrdinalSmall[n%10]
}

// enYear says a year as people do: "twenty twenty-six", "two thousand and nine".
func enYear(y int) string {
	switch {
	case y >= 2000 && y < 2010:
		if y == 2000 {
			return "two thousand"
		}
		return "two thousand and " + enNumber(y%100)
	case y >= 1100 && y < 10000:
		hi, lo := y/100, y%100
		switch {
		case lo == 0:
			return enNumber(hi) + " hundred"
		case lo < 10:
			return enNumber(hi) + " oh " + enNumber(lo)
		}
		return enNumber(hi) + " " + enNumber(lo)
	}
	return fmt.Sprint(y)
}

func enHour(h int) string {
	h %= 12
	if h == 0 {
		h = 12
	}
	return enNumber(h)
}

// enBare says c with no "o'clock" and no part of the day: "ten", "half past
// ten", "a quarter to three", "twenty past ten", "ten oh seven".
func enBare(c catalogue.Clock) string {
	h, m := c.Hour(), c.Minute()
	switch {
	case m == 0:
		return enHour(h)
	case m == 15:
		return "a quarter past " + enHour(h)
	case m == 30:
		return "half past " + enHour(h)
	case m == 45:
		return "a quarter to " + enHour(h+1)
	case m%5 == 0 && m < 30:
		return enNumber(m) + " past " + enHour(h)
	case m%5 == 0:
		return enNumber(60-m) + " to " + enHour(h+1)
	case m < 10:
		return enHour(h) + " oh " + enNumber(m)
	}
	return enHour(h) + " " + enNumber(m)
}

// enPartOfDay is what a caller needs to tell 7:30 in the morning from 7:30
// in the evening; daytime hours need nothing.
func enPartOfDay(c catalogue.Clock) string {
	switch {
	case c < 8*60:
		return " in the morning"
	case c >= 18*60:
		return " in the evening"
	}
	return ""
}

// clock says c as a caller would: "ten o'clock", "half past ten", "a
// quarter to three", "midday", "midnight", "half past seven in the evening".
func (enGrammar) clock(c catalogue.Clock) string {
	switch c {
	case 0:
		return "midnight"
	case 12 * 60:
		return "midday"
	}
	s := enBare(c)
	if c.Minute() == 0 {
		s += " o'clock"
	}
	return s + enPartOfDay(c)
}

// enRange says a session's times: "half past ten to twelve", "ten till
// two", "half past seven to nine in the evening". It uses "till" where "to"
// could be misheard ("ten to two" is 1:50).
func enRange(opens, closes catalogue.Clock) string {
	a, b := enBare(opens), enBare(closes)
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

// schedule says s in short plain British English: "the first Thursday of
// the month, half past ten to twelve", "every Wednesday and Saturday, ten
// till two", "every other Friday, ten till twelve", "every Saturday, half
// past nine till half past three, from April to September".
func (enGrammar) schedule(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return "the dates vary, so please ask the organiser"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		parts[i] = enDays(r) + ", " + enRange(r.Opens, r.Closes)
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
		out += ", starting on " + enDayMonth(s.ValidFrom) + ", " + enYear(s.ValidFrom.Year)
	}
	if !s.ValidTo.IsZero() {
		out += ", until " + enDayMonth(s.ValidTo) + ", " + enYear(s.ValidTo.Year)
	}
	return out
}

// enWeek names the week of a monthly rule: "first", "last".
func enWeek(w int) string {
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

func enDayList(days []time.Weekday, sep, last string) string {
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = d.String()
	}
	return joinList(names, sep, last)
}

func enDays(r catalogue.Rule) string {
	days := enDayList(r.Days, ", ", " and ")
	if r.Freq == catalogue.Monthly {
		ws := make([]string, len(r.Weeks))
		for i, w := range r.Weeks {
			ws[i] = enWeek(w)
		}
		return "the " + joinList(ws, ", ", " and ") + " " + days + " of the month"
	}
	switch {
	case r.Interval == 2:
		return "every other " + days
	case r.Interval > 2:
		return "every " + enNumber(r.Interval) + " weeks, on " + days
	case len(r.Days) == 7:
		return "every day"
	case isWeekdays(r.Days):
		return "every weekday"
	}
	return "every " + days
}

func enDayMonth(d catalogue.Date) string {
	return "the " + enOrdinal(d.Day) + " of " + d.Month.String()
}

// date says the date of t relative to now: "today", "tomorrow", "this
// Thursday, the third of December" within the coming week, otherwise
// "Thursday the third of December", with the year when it is more than
// about ten months away.
func (enGrammar) date(t, now time.Time) string {
	d, n := daysUntil(t, now)
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n > 1 && n < 7:
		return "this " + d.Weekday().String() + ", " + enDayMonth(d)
	}
	out := d.Weekday().String() + " " + enDayMonth(d)
	if n > 300 || n < -300 {
		out += ", " + enYear(d.Year)
	}
	return out
}

// session says when a session starts: "today at half past ten", "this
// Thursday, the third of December, at half past ten".
func (g enGrammar) session(s catalogue.Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	clock := g.clock(londonClock(s.Start))
	date := g.date(s.Start, now)
	if strings.Contains(date, ",") {
		return date + ", at " + clock
	}
	return date + " at " + clock
}

// miles says a distance on the line's one scale (catalogue.HowFar): "under
// a quarter of a mile away", "about half a mile away", "about a mile away",
// then whole miles.
func (enGrammar) miles(m float64) string {
	switch scale, n := catalogue.HowFar(m); scale {
	case catalogue.UnderQuarterMile:
		return "under a quarter of a mile away"
	case catalogue.AboutHalfMile:
		return "about half a mile away"
	case catalogue.AboutAMile:
		return "about a mile away"
	default:
		return fmt.Sprintf("%d miles away", n)
	}
}

var enDigits = [10]string{"oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

func (enGrammar) digit(d int) string { return enDigits[d] }

// shortSchedule gives s in a few characters: "1st Thu 10:30", "Wed & Sat
// 10:00", "Alt Fri 10:00", "Last Fri 14:00", "Sat 09:30 (Apr-Sep)". A
// schedule with no rules is "Ring for dates".
func (enGrammar) shortSchedule(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return "Ring for dates"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		parts[i] = enShortRule(r)
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

func enShortRule(r catalogue.Rule) string {
	names := make([]string, len(r.Days))
	for i, d := range r.Days {
		names[i] = d.String()[:3]
	}
	days := joinList(names, ", ", " & ")
	var lead string
	if r.Freq == catalogue.Monthly {
		ws := make([]string, len(r.Weeks))
		for i, w := range r.Weeks {
			ws[i] = enShortOrdinal(w)
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

func enShortOrdinal(w int) string {
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

// shortDate gives the date of t: "today", "tomorrow", "Thu 3 Dec", with the
// year when it is more than about ten months away ("Thu 3 Dec 2027").
func (enGrammar) shortDate(t, now time.Time) string {
	d, n := daysUntil(t, now)
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

// shortSession gives when a session starts: "today 10:30", "Thu 3 Dec 10:30".
func (g enGrammar) shortSession(s catalogue.Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	return g.shortDate(s.Start, now) + " " + londonClock(s.Start).String()
}

// shortMiles says the same distance as miles, for a text: "<0.25mi",
// "0.5mi", "1mi", "4mi".
func (enGrammar) shortMiles(m float64) string { return scaleMiles(m, ".", "mi") }

// scaleMiles writes a distance on the one scale (catalogue.HowFar) with the
// language's decimal point and unit: "<0.25mi", "0.5mi", "1mi", "4mi".
func scaleMiles(m float64, point, unit string) string {
	switch scale, n := catalogue.HowFar(m); scale {
	case catalogue.UnderQuarterMile:
		return "<0" + point + "25" + unit
	case catalogue.AboutHalfMile:
		return "0" + point + "5" + unit
	default:
		return strconv.Itoa(n) + unit
	}
}

// age says a duration briefly: "4m", "2h 5m", "3d 4h".
func (enGrammar) age(d time.Duration) string {
	return shortAge(d, "m", "h", "d")
}

func shortAge(d time.Duration, min, hour, day string) string {
	if d < 0 {
		d = 0
	}
	m := int(d.Minutes())
	switch {
	case m < 60:
		return fmt.Sprintf("%d%s", m, min)
	case m < 24*60:
		return fmt.Sprintf("%d%s %d%s", m/60, hour, m%60, min)
	}
	return fmt.Sprintf("%d%s %d%s", m/(24*60), day, m%(24*60)/60, hour)
}

var enCategoryPlural = map[catalogue.Category]string{
	catalogue.Walk: "walks", catalogue.Museum: "museums", catalogue.HistoryGroup: "history groups",
	catalogue.Cafe: "cafés", catalogue.Crafts: "crafts", catalogue.Archaeology: "archaeology",
}

var enTagWords = map[string]string{
	catalogue.TagDementiaFriendly: "dementia-friendly", catalogue.TagStepFree: "step-free",
	catalogue.TagCarersWelcome: "welcoming carers", catalogue.TagWomenOnly: "for women",
}

// heading is "Walks near Frome", "Free dementia-friendly heritage
// activities near Lowestoft this week".
func (enGrammar) heading(f Filters, place string) string {
	what := "heritage activities"
	if len(f.Categories) == 1 {
		what = enCategoryPlural[f.Categories[0]]
	}
	var adj, suffix []string
	if f.Free {
		adj = append(adj, "free")
	}
	for _, t := range f.Tags {
		switch t {
		case catalogue.TagDementiaFriendly, catalogue.TagStepFree:
			adj = append(adj, enTagWords[t])
		default:
			suffix = append(suffix, enTagWords[t])
		}
	}
	h := strings.Join(append(adj, what), " ")
	if len(suffix) > 0 {
		h += " " + strings.Join(suffix, ", ")
	}
	h += " near " + place
	if d := enWhen(f); d != "" {
		h += " " + d
	}
	return upperFirst(h)
}

// moreHeading is "More near Frome", "More walks near Frome".
func (g enGrammar) moreHeading(f Filters, place string) string {
	return "More " + strings.TrimPrefix(lowerFirst(g.heading(f, place)), "heritage activities ")
}

func enWhen(f Filters) string {
	if !f.Date.IsZero() {
		return "on " + dateAsked(enGrammar{}, f)
	}
	if f.OnDay {
		return "on " + f.Day.String()
	}
	switch f.WithinDays {
	case 1:
		return "today"
	case 7:
		return "this week"
	}
	return ""
}

// filters says what the resident asked for: "for walks dementia-friendly
// on Saturday", "free this week".
func (enGrammar) filters(f Filters) string {
	var parts []string
	if len(f.Categories) > 0 {
		var cs []string
		for _, c := range f.Categories {
			cs = append(cs, enCategoryPlural[c])
		}
		parts = append(parts, "for "+strings.Join(cs, " or "))
	}
	var quals []string
	if f.Free {
		quals = append(quals, "free")
	}
	for _, t := range f.Tags {
		quals = append(quals, enTagWords[t])
	}
	if len(quals) > 0 {
		parts = append(parts, strings.Join(quals, ", "))
	}
	if w := enWhen(f); w != "" {
		parts = append(parts, w)
	}
	return strings.Join(parts, " ")
}

func (enGrammar) shortDay(d time.Weekday) string { return d.String()[:3] }
