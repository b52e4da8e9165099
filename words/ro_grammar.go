package words

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/heritage-line/heritageline/catalogue"
)

// roGrammar says times, dates and schedules in Romanian, on the 24-hour
// clock as announcements do ("de la ora zece și jumătate până la ora
// douăsprezece"); day numbers and years are digits, except the first of
// the month ("întâi").
type roGrammar struct{}

var roHours = []string{
	"zero", "unu", "două", "trei", "patru", "cinci", "șase", "șapte", "opt", "nouă", "zece",
	"unsprezece", "douăsprezece", "treisprezece", "paisprezece", "cincisprezece", "șaisprezece",
	"șaptesprezece", "optsprezece", "nouăsprezece", "douăzeci", "douăzeci și unu", "douăzeci și două", "douăzeci și trei",
}

var roFives = map[int]string{
	5: "cinci", 10: "zece", 20: "douăzeci", 25: "douăzeci și cinci", 35: "treizeci și cinci",
	40: "patruzeci", 45: "patruzeci și cinci", 50: "cincizeci", 55: "cincizeci și cinci",
}

// roBare says c without "ora": "zece și jumătate", "paisprezece și un sfert".
func roBare(c catalogue.Clock) string {
	h, m := c.Hour()%24, c.Minute()
	s := roHours[h]
	switch {
	case m == 0:
		return s
	case m == 15:
		return s + " și un sfert"
	case m == 30:
		return s + " și jumătate"
	}
	if w, ok := roFives[m]; ok {
		return s + " și " + w
	}
	return fmt.Sprintf("%s și %d minute", s, m)
}

// clock says c: "ora zece și jumătate", "miezul nopții".
func (roGrammar) clock(c catalogue.Clock) string {
	if c == 0 || c == 24*60 {
		return "miezul nopții"
	}
	return "ora " + roBare(c)
}

func roRange(opens, closes catalogue.Clock) string {
	b := "ora " + roBare(closes)
	if closes == 0 || closes == 24*60 {
		b = "miezul nopții"
	}
	return "de la ora " + roBare(opens) + " până la " + b
}

var roDays = map[time.Weekday]string{
	time.Monday: "luni", time.Tuesday: "marți", time.Wednesday: "miercuri", time.Thursday: "joi",
	time.Friday: "vineri", time.Saturday: "sâmbătă", time.Sunday: "duminică",
}

// roDaysDef are the days with the article, as "this Thursday" needs them.
var roDaysDef = map[time.Weekday]string{
	time.Monday: "lunea", time.Tuesday: "marțea", time.Wednesday: "miercurea", time.Thursday: "joia",
	time.Friday: "vinerea", time.Saturday: "sâmbăta", time.Sunday: "duminica",
}

var roShortDays = map[time.Weekday]string{
	time.Monday: "lun", time.Tuesday: "mar", time.Wednesday: "mie", time.Thursday: "joi",
	time.Friday: "vin", time.Saturday: "sâm", time.Sunday: "dum",
}

var roMonths = []string{"", "ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie", "octombrie", "noiembrie", "decembrie"}

var roShortMonths = []string{"", "ian", "feb", "mar", "apr", "mai", "iun", "iul", "aug", "sep", "oct", "noi", "dec"}

// roDay says a day of the month: "întâi" for the first, digits otherwise.
func roDay(d int) string {
	if d == 1 {
		return "întâi"
	}
	return fmt.Sprint(d)
}

func roDate(d catalogue.Date) string {
	return roDay(d.Day) + " " + roMonths[d.Month]
}

func roDayList(days []time.Weekday) string {
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = roDays[d]
	}
	return joinList(names, ", ", " și ")
}

var roWeeks = map[int]string{1: "prima", 2: "a doua", 3: "a treia", 4: "a patra", 5: "a cincea", -1: "ultima"}

var roWeeksCount = map[int]string{3: "trei", 4: "patru", 5: "cinci", 6: "șase", 7: "șapte", 8: "opt"}

func roDaysPhrase(r catalogue.Rule) string {
	days := roDayList(r.Days)
	if r.Freq == catalogue.Monthly {
		ws := make([]string, len(r.Weeks))
		for i, w := range r.Weeks {
			ws[i] = roWeeks[w]
			if ws[i] == "" {
				ws[i] = fmt.Sprintf("a %d-a", w)
			}
		}
		return "în " + joinList(ws, ", ", " și ") + " " + days + " din lună"
	}
	switch {
	case r.Interval == 2:
		return "o dată la două săptămâni, " + days
	case r.Interval > 2:
		n, ok := roWeeksCount[r.Interval]
		if !ok {
			n = fmt.Sprint(r.Interval)
		}
		return "o dată la " + n + " săptămâni, " + days
	case len(r.Days) == 7:
		return "în fiecare zi"
	case isWeekdays(r.Days):
		return "de luni până vineri"
	}
	return "în fiecare " + days
}

// schedule says s: "în prima joi din lună, de la ora zece și jumătate până
// la ora douăsprezece", "în fiecare miercuri și sâmbătă, de la ora zece
// până la ora paisprezece".
func (roGrammar) schedule(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return "datele variază, așa că vă rugăm să întrebați organizatorul"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		parts[i] = roDaysPhrase(r) + ", " + roRange(r.Opens, r.Closes)
	}
	out := joinList(parts, ", ", ", precum și ")
	if len(s.Months) > 0 {
		if first, last, ok := monthRun(s.Months); ok {
			out += ", din " + roMonths[first] + " până în " + roMonths[last]
		} else {
			names := make([]string, len(s.Months))
			for i, m := range s.Months {
				names[i] = roMonths[m]
			}
			out += ", doar în " + joinList(names, ", ", " și ")
		}
	}
	if !s.ValidFrom.IsZero() {
		out += fmt.Sprintf(", începând cu %s %d", roDate(s.ValidFrom), s.ValidFrom.Year)
	}
	if !s.ValidTo.IsZero() {
		out += fmt.Sprintf(", până la %s %d", roDate(s.ValidTo), s.ValidTo.Year)
	}
	return out
}

// date says "azi", "mâine", "joia aceasta, 3 decembrie", "joi, 10
// decembrie".
func (roGrammar) date(t, now time.Time) string {
	d, n := daysUntil(t, now)
	switch {
	case n == 0:
		return "azi"
	case n == 1:
		return "mâine"
	case n > 1 && n < 7:
		return roDaysDef[d.Weekday()] + " aceasta, " + roDate(d)
	}
	out := roDays[d.Weekday()] + ", " + roDate(d)
	if n > 300 || n < -300 {
		out += fmt.Sprintf(" %d", d.Year)
	}
	return out
}

// session says "azi la ora zece și jumătate", "joia aceasta, 3 decembrie,
// la ora zece".
func (g roGrammar) session(s catalogue.Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	clock := g.clock(londonClock(s.Start))
	date := g.date(s.Start, now)
	if strings.Contains(date, ",") {
		return date + ", la " + clock
	}
	return date + " la " + clock
}

func (roGrammar) miles(m float64) string {
	scale, n := catalogue.HowFar(m)
	switch scale {
	case catalogue.UnderQuarterMile:
		return "la mai puțin de un sfert de milă"
	case catalogue.AboutHalfMile:
		return "la aproximativ o jumătate de milă"
	case catalogue.AboutAMile:
		return "la aproximativ o milă"
	}
	if plural.Cardinal.MatchPlural(language.Romanian, n, 0, 0, 0, 0) == plural.Other {
		return fmt.Sprintf("la %d de mile", n)
	}
	return fmt.Sprintf("la %d mile", n)
}

var roDigits = [10]string{"zero", "unu", "doi", "trei", "patru", "cinci", "șase", "șapte", "opt", "nouă"}

func (roGrammar) digit(d int) string { return roDigits[d] }

var roShortWeeks = map[int]string{1: "prima", 2: "a 2-a", 3: "a 3-a", 4: "a 4-a", 5: "a 5-a", -1: "ultima"}

// shortSchedule gives "prima joi din lună 10:30", "mie și sâm 10:00", "la 2
// săpt. vin 10:00", "sâm 09:30 (apr-sep)".
func (roGrammar) shortSchedule(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return "Sunați pentru date"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		names := make([]string, len(r.Days))
		for j, d := range r.Days {
			names[j] = roShortDays[d]
		}
		days := joinList(names, ", ", " și ")
		var lead string
		switch {
		case r.Freq == catalogue.Monthly:
			ws := make([]string, len(r.Weeks))
			for j, w := range r.Weeks {
				ws[j] = roShortWeeks[w]
				if ws[j] == "" {
					ws[j] = fmt.Sprintf("a %d-a", w)
				}
			}
			lead = joinList(ws, ", ", " și ") + " " + days + " din lună"
		case r.Interval >= 2:
			lead = fmt.Sprintf("la %d săpt. %s", r.Interval, days)
		case len(r.Days) == 7:
			lead = "zilnic"
		case isWeekdays(r.Days):
			lead = "lun-vin"
		default:
			lead = days
		}
		parts[i] = lead + " " + r.Opens.String()
	}
	out := strings.Join(parts, "; ")
	if len(s.Months) > 0 {
		if first, last, ok := monthRun(s.Months); ok {
			out += fmt.Sprintf(" (%s-%s)", roShortMonths[first], roShortMonths[last])
		} else {
			names := make([]string, len(s.Months))
			for i, m := range s.Months {
				names[i] = roShortMonths[m]
			}
			out += " (" + strings.Join(names, ", ") + ")"
		}
	}
	if !s.ValidTo.IsZero() {
		out += fmt.Sprintf(" până la %d %s %d", s.ValidTo.Day, roShortMonths[s.ValidTo.Month], s.ValidTo.Year)
	}
	return out
}

func (roGrammar) shortDate(t, now time.Time) string {
	d, n := daysUntil(t, now)
	switch n {
	case 0:
		return "azi"
	case 1:
		return "mâine"
	}
	out := fmt.Sprintf("%s %d %s", roShortDays[d.Weekday()], d.Day, roShortMonths[d.Month])
	if n > 300 || n < -300 {
		out += fmt.Sprintf(" %d", d.Year)
	}
	return out
}

func (g roGrammar) shortSession(s catalogue.Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	return g.shortDate(s.Start, now) + " " + londonClock(s.Start).String()
}

func (roGrammar) shortMiles(m float64) string { return scaleMiles(m, ",", "mi") }

func (roGrammar) age(d time.Duration) string { return shortAge(d, " min", " h", " z") }

var roCategoryPlural = map[catalogue.Category]string{
	catalogue.Walk: "plimbări", catalogue.Museum: "muzee", catalogue.HistoryGroup: "grupuri de istorie",
	catalogue.Cafe: "cafenele", catalogue.Crafts: "meșteșuguri", catalogue.Archaeology: "arheologie",
}

var roTagWords = map[string]string{
	catalogue.TagDementiaFriendly: "potrivite pentru persoane cu demență", catalogue.TagStepFree: "fără trepte",
	catalogue.TagCarersWelcome: "însoțitorii bineveniți", catalogue.TagWomenOnly: "pentru femei",
}

func roQualities(f Filters) []string {
	var q []string
	if f.Free {
		q = append(q, "gratuite")
	}
	for _, t := range f.Tags {
		q = append(q, roTagWords[t])
	}
	switch {
	case !f.Date.IsZero():
		q = append(q, dateAsked(roGrammar{}, f))
	case f.OnDay:
		q = append(q, roDays[f.Day])
	case f.WithinDays == 1:
		q = append(q, "azi")
	case f.WithinDays == 7:
		q = append(q, "săptămâna aceasta")
	}
	return q
}

// heading is "Plimbări lângă Frome", "Activități de patrimoniu lângă Frome
// (gratuite, azi)".
func (roGrammar) heading(f Filters, place string) string {
	what := "activități de patrimoniu"
	if len(f.Categories) == 1 {
		what = roCategoryPlural[f.Categories[0]]
	}
	h := upperFirst(what) + " lângă " + place
	if q := roQualities(f); len(q) > 0 {
		h += " (" + strings.Join(q, ", ") + ")"
	}
	return h
}

// moreHeading is "Mai multe lângă Frome", "Mai multe: plimbări lângă Frome".
func (g roGrammar) moreHeading(f Filters, place string) string {
	if !f.Any() {
		return "Mai multe lângă " + place
	}
	return "Mai multe: " + lowerFirst(g.heading(f, place))
}

func (roGrammar) filters(f Filters) string {
	var parts []string
	if len(f.Categories) > 0 {
		var cs []string
		for _, c := range f.Categories {
			cs = append(cs, roCategoryPlural[c])
		}
		parts = append(parts, strings.Join(cs, " sau "))
	}
	parts = append(parts, roQualities(f)...)
	return strings.Join(parts, ", ")
}

func (roGrammar) shortDay(d time.Weekday) string { return roShortDays[d] }
