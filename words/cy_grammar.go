package words

import (
	"fmt"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// cyGrammar says times, dates and schedules in Welsh. Hours are words, with
// the soft mutation Welsh makes after "o", "tan", "i" and "am" ("o ddeg
// tan ddeuddeg"); day numbers and years are digits, read well by the
// Welsh voice ("dydd Iau, 3 Rhagfyr").
type cyGrammar struct{}

var cyHours = []string{"deuddeg", "un", "dau", "tri", "pedwar", "pump", "chwech", "saith", "wyth", "naw", "deg", "un ar ddeg", "deuddeg"}

var cyDays = map[time.Weekday]string{
	time.Monday: "dydd Llun", time.Tuesday: "dydd Mawrth", time.Wednesday: "dydd Mercher",
	time.Thursday: "dydd Iau", time.Friday: "dydd Gwener", time.Saturday: "dydd Sadwrn", time.Sunday: "dydd Sul",
}

var cyShortDays = map[time.Weekday]string{
	time.Monday: "Llun", time.Tuesday: "Maw", time.Wednesday: "Mer",
	time.Thursday: "Iau", time.Friday: "Gwe", time.Saturday: "Sad", time.Sunday: "Sul",
}

var cyMonths = []string{"", "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"}

var cyShortMonths = []string{"", "Ion", "Chwe", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach", "Rhag"}

// cySoft makes the soft mutation of the first word of s: p, t, c, b, d, g,
// m, ll and rh become b, d, g, f, dd, (nothing), f, l and r, keeping a
// capital ("Rhagfyr" gives "Ragfyr", "dydd" gives "ddydd").
func cySoft(s string) string {
	lower := strings.ToLower(s)
	upper := s != "" && s[0] >= 'A' && s[0] <= 'Z'
	var from, to string
	switch {
	case strings.HasPrefix(lower, "ll"):
		from, to = "ll", "l"
	case strings.HasPrefix(lower, "rh"):
		from, to = "rh", "r"
	case strings.HasPrefix(lower, "ch"), strings.HasPrefix(lower, "ph"), strings.HasPrefix(lower, "th"):
		return s
	case strings.HasPrefix(lower, "p"):
		from, to = "p", "b"
	case strings.HasPrefix(lower, "t"):
		from, to = "t", "d"
	case strings.HasPrefix(lower, "c"):
		from, to = "c", "g"
	case strings.HasPrefix(lower, "b"):
		from, to = "b", "f"
	case strings.HasPrefix(lower, "dd"):
		return s
	case strings.HasPrefix(lower, "d"):
		from, to = "d", "dd"
	case strings.HasPrefix(lower, "g"):
		from, to = "g", ""
	case strings.HasPrefix(lower, "m"):
		from, to = "m", "f"
	default:
		return s
	}
	rest := s[len(from):]
	if upper {
		if to == "" {
			return upperFirst(rest)
		}
		return strings.ToUpper(to[:1]) + to[1:] + rest
	}
	return to + rest
}

// cyMinutes says minutes past or to the hour: "pum munud", "ugain munud".
func cyMinutes(m int) string {
	switch m {
	case 5:
		return "pum munud"
	case 10:
		return "deng munud"
	case 20:
		return "ugain munud"
	case 25:
		return "pum munud ar hugain"
	}
	return fmt.Sprintf("%d munud", m)
}

func cyHour(h int) string { return cyHours[h%12] }

// cyBare says c with no "o'r gloch" and no part of the day: "deg",
// "hanner awr wedi deg", "chwarter i dri".
func cyBare(c catalogue.Clock) string {
	h, m := c.Hour(), c.Minute()
	switch {
	case m == 0:
		return cyHour(h)
	case m == 15:
		return "chwarter wedi " + cyHour(h)
	case m == 30:
		return "hanner awr wedi " + cyHour(h)
	case m == 45:
		return "chwarter i " + cySoft(cyHour(h+1))
	case m < 30:
		return cyMinutes(m) + " wedi " + cyHour(h)
	}
	return cyMinutes(60-m) + " i " + cySoft(cyHour(h+1))
}

func cyPartOfDay(c catalogue.Clock) string {
	switch {
	case c < 8*60:
		return " y bore"
	case c >= 18*60:
		return " yr hwyr"
	}
	return ""
}

// clock says c: "deg o'r gloch", "hanner awr wedi saith yr hwyr", "hanner
// dydd".
func (cyGrammar) clock(c catalogue.Clock) string {
	switch c {
	case 0, 24 * 60:
		return "hanner nos"
	case 12 * 60:
		return "hanner dydd"
	}
	s := cyBare(c)
	if c.Minute() == 0 {
		s += " o'r gloch"
	}
	return s + cyPartOfDay(c)
}

// cyRange says a session's times: "o hanner awr wedi deg tan ddeuddeg".
func cyRange(opens, closes catalogue.Clock) string {
	a := cyBare(opens)
	if opens == 12*60 {
		a = "hanner dydd"
	}
	if opens < 8*60 {
		a += " y bore"
	}
	b := cyBare(closes)
	switch {
	case closes == 0 || closes == 24*60:
		b = "hanner nos"
	case closes == 12*60:
		b = "hanner dydd"
	case closes >= 18*60:
		b += " yr hwyr"
	}
	return "o " + cySoft(a) + " tan " + cySoft(b)
}

func cyDayList(days []time.Weekday) string {
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = cyDays[d]
	}
	return joinList(names, ", ", " a ")
}

// cyWeek is one week of a monthly rule with its day: "y dydd Iau cyntaf",
// "yr ail ddydd Sadwrn", "y dydd Gwener olaf".
func cyWeek(w int, days string) string {
	switch w {
	case 1:
		return "y " + days + " cyntaf"
	case -1:
		return "y " + days + " olaf"
	case 2:
		return "yr ail " + cySoft(days)
	case 3:
		return "y trydydd " + days
	case 4:
		return "y pedwerydd " + days
	case 5:
		return "y pumed " + days
	}
	return fmt.Sprintf("y %dfed %s", w, days)
}

var cyWeeksCount = map[int]string{3: "tair", 4: "pedair", 5: "pum", 6: "chwe", 7: "saith", 8: "wyth", 9: "naw", 10: "deg"}

func cyDaysPhrase(r catalogue.Rule) string {
	days := cyDayList(r.Days)
	if r.Freq == catalogue.Monthly {
		var b strings.Builder
		for i, w := range r.Weeks {
			p := cyWeek(w, days)
			if i > 0 {
				p = " a'r " + strings.TrimPrefix(strings.TrimPrefix(p, "yr "), "y ")
			}
			b.WriteString(p)
		}
		return b.String() + " o'r mis"
	}
	switch {
	case r.Interval == 2:
		return "bob yn ail " + cySoft(days)
	case r.Interval > 2:
		n, ok := cyWeeksCount[r.Interval]
		if !ok {
			n = fmt.Sprint(r.Interval)
		}
		return "bob " + n + " wythnos, ar " + cySoft(days)
	case len(r.Days) == 7:
		return "bob dydd"
	case isWeekdays(r.Days):
		return "bob dydd o ddydd Llun i ddydd Gwener"
	}
	return "bob " + days
}

func cyDate(d catalogue.Date) string {
	return fmt.Sprintf("%d %s %d", d.Day, cyMonths[d.Month], d.Year)
}

// schedule says s: "y dydd Iau cyntaf o'r mis, o hanner awr wedi deg tan
// ddeuddeg", "bob dydd Mercher a dydd Sadwrn, o ddeg tan ddau".
func (cyGrammar) schedule(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return "mae'r dyddiadau'n amrywio, felly holwch y trefnydd"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		parts[i] = cyDaysPhrase(r) + ", " + cyRange(r.Opens, r.Closes)
	}
	out := joinList(parts, ", ", ", a hefyd ")
	if len(s.Months) > 0 {
		if first, last, ok := monthRun(s.Months); ok {
			out += ", o " + cySoft(cyMonths[first]) + " i " + cySoft(cyMonths[last])
		} else {
			names := make([]string, len(s.Months))
			for i, m := range s.Months {
				names[i] = cyMonths[m]
			}
			out += ", dim ond ym mis " + joinList(names, ", ", " a mis ")
		}
	}
	if !s.ValidFrom.IsZero() {
		out += ", gan ddechrau ar " + cyDate(s.ValidFrom)
	}
	if !s.ValidTo.IsZero() {
		out += ", tan " + cyDate(s.ValidTo)
	}
	return out
}

// date says "heddiw", "yfory", "dydd Iau yma, 3 Rhagfyr", "dydd Iau, 10
// Rhagfyr", with the year when it is far off.
func (cyGrammar) date(t, now time.Time) string {
	d, n := daysUntil(t, now)
	switch {
	case n == 0:
		return "heddiw"
	case n == 1:
		return "yfory"
	case n > 1 && n < 7:
		return fmt.Sprintf("%s yma, %d %s", cyDays[d.Weekday()], d.Day, cyMonths[d.Month])
	}
	out := fmt.Sprintf("%s, %d %s", cyDays[d.Weekday()], d.Day, cyMonths[d.Month])
	if n > 300 || n < -300 {
		out += fmt.Sprintf(" %d", d.Year)
	}
	return out
}

// session says "heddiw am hanner awr wedi deg", "dydd Iau yma, 3 Rhagfyr,
// am ddeg o'r gloch".
func (g cyGrammar) session(s catalogue.Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	clock := cySoft(g.clock(londonClock(s.Start)))
	date := g.date(s.Start, now)
	if strings.Contains(date, ",") {
		return date + ", am " + clock
	}
	return date + " am " + clock
}

func (cyGrammar) miles(m float64) string {
	scale, n := catalogue.HowFar(m)
	switch scale {
	case catalogue.UnderQuarterMile:
		return "llai na chwarter milltir i ffwrdd"
	case catalogue.AboutHalfMile:
		return "tua hanner milltir i ffwrdd"
	case catalogue.AboutAMile:
		return "tua milltir i ffwrdd"
	}
	return fmt.Sprintf("%d milltir i ffwrdd", n)
}

var cyDigits = [10]string{"dim", "un", "dau", "tri", "pedwar", "pump", "chwech", "saith", "wyth", "naw"}

func (cyGrammar) digit(d int) string { return cyDigits[d] }

var cyShortWeeks = map[int]string{1: "1af", 2: "2il", 3: "3ydd", 4: "4ydd", 5: "5ed", -1: "olaf"}

// shortSchedule gives "Iau 1af 10:30", "Mer a Sad 10:00", "Bob yn ail Gwe
// 10:00", "Gwe olaf 14:00", "Sad 09:30 (Ebr-Medi)".
func (cyGrammar) shortSchedule(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return "Ffoniwch am ddyddiadau"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		names := make([]string, len(r.Days))
		for j, d := range r.Days {
			names[j] = cyShortDays[d]
		}
		days := joinList(names, ", ", " a ")
		var lead string
		switch {
		case r.Freq == catalogue.Monthly:
			ws := make([]string, len(r.Weeks))
			for j, w := range r.Weeks {
				ws[j] = cyShortWeeks[w]
				if ws[j] == "" {
					ws[j] = fmt.Sprint(w)
				}
			}
			lead = days + " " + joinList(ws, ", ", " a ")
		case r.Interval == 2:
			lead = "Bob yn ail " + days
		case r.Interval > 2:
			lead = fmt.Sprintf("Bob %d wythnos %s", r.Interval, days)
		case len(r.Days) == 7:
			lead = "Bob dydd"
		case isWeekdays(r.Days):
			lead = "Llun-Gwe"
		default:
			lead = days
		}
		parts[i] = lead + " " + r.Opens.String()
	}
	out := strings.Join(parts, "; ")
	if len(s.Months) > 0 {
		if first, last, ok := monthRun(s.Months); ok {
			out += fmt.Sprintf(" (%s-%s)", cyShortMonths[first], cyShortMonths[last])
		} else {
			names := make([]string, len(s.Months))
			for i, m := range s.Months {
				names[i] = cyShortMonths[m]
			}
			out += " (" + strings.Join(names, ", ") + ")"
		}
	}
	if !s.ValidTo.IsZero() {
		out += fmt.Sprintf(" tan %d %s %d", s.ValidTo.Day, cyShortMonths[s.ValidTo.Month], s.ValidTo.Year)
	}
	return out
}

func (cyGrammar) shortDate(t, now time.Time) string {
	d, n := daysUntil(t, now)
	switch n {
	case 0:
		return "heddiw"
	case 1:
		return "yfory"
	}
	out := fmt.Sprintf("%s %d %s", cyShortDays[d.Weekday()], d.Day, cyShortMonths[d.Month])
	if n > 300 || n < -300 {
		out += fmt.Sprintf(" %d", d.Year)
	}
	return out
}

func (g cyGrammar) shortSession(s catalogue.Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	return g.shortDate(s.Start, now) + " " + londonClock(s.Start).String()
}

func (cyGrammar) shortMiles(m float64) string { return scaleMiles(m, ".", "mltr") }

func (cyGrammar) age(d time.Duration) string { return shortAge(d, "mun", "awr", "d") }

var cyCategoryPlural = map[catalogue.Category]string{
	catalogue.Walk: "teithiau cerdded", catalogue.Museum: "amgueddfeydd", catalogue.HistoryGroup: "grwpiau hanes",
	catalogue.Cafe: "caffis", catalogue.Crafts: "crefftau", catalogue.Archaeology: "archaeoleg",
}

var cyTagWords = map[string]string{
	catalogue.TagDementiaFriendly: "cyfeillgar i ddementia", catalogue.TagStepFree: "heb risiau",
	catalogue.TagCarersWelcome: "croeso i ofalwyr", catalogue.TagWomenOnly: "i fenywod",
}

func cyWhen(f Filters) string {
	if !f.Date.IsZero() {
		return "ar " + dateAsked(cyGrammar{}, f)
	}
	if f.OnDay {
		return cySoft(cyDays[f.Day])
	}
	switch f.WithinDays {
	case 1:
		return "heddiw"
	case 7:
		return "yr wythnos hon"
	}
	return ""
}

// cyQualities are the filters besides the kind: free, tags, when.
func cyQualities(f Filters) []string {
	var q []string
	if f.Free {
		q = append(q, "am ddim")
	}
	for _, t := range f.Tags {
		q = append(q, cyTagWords[t])
	}
	if w := cyWhen(f); w != "" {
		q = append(q, w)
	}
	return q
}

// heading is "Teithiau cerdded ger Frome", "Gweithgareddau treftadaeth ger
// Frome (am ddim, yr wythnos hon)".
func (cyGrammar) heading(f Filters, place string) string {
	what := "gweithgareddau treftadaeth"
	if len(f.Categories) == 1 {
		what = cyCategoryPlural[f.Categories[0]]
	}
	h := upperFirst(what) + " ger " + place
	if q := cyQualities(f); len(q) > 0 {
		h += " (" + strings.Join(q, ", ") + ")"
	}
	return h
}

// moreHeading is "Rhagor ger Frome", "Rhagor o deithiau cerdded ger Frome".
func (g cyGrammar) moreHeading(f Filters, place string) string {
	if !f.Any() {
		return "Rhagor ger " + place
	}
	return "Rhagor o " + cySoft(lowerFirst(g.heading(f, place)))
}

func (cyGrammar) filters(f Filters) string {
	var parts []string
	if len(f.Categories) > 0 {
		var cs []string
		for _, c := range f.Categories {
			cs = append(cs, cyCategoryPlural[c])
		}
		parts = append(parts, strings.Join(cs, " neu "))
	}
	parts = append(parts, cyQualities(f)...)
	return strings.Join(parts, ", ")
}

func (cyGrammar) shortDay(d time.Weekday) string { return cyShortDays[d] }
