package words

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/heritage-line/heritageline/catalogue"
)

// plGrammar says times, dates and schedules in Polish: the 24-hour clock in
// words, as Polish speaks it ("od dziesiątej trzydzieści do dwunastej"),
// day and month in the cases the sentence needs ("w pierwszą środę
// miesiąca", "trzeciego grudnia").
type plGrammar struct{}

// plHourNom and plHourGen are the hours 0 to 24 as feminine ordinals, in
// the nominative ("dziesiąta") and the genitive, which is also the
// locative ("od dziesiątej", "o dziesiątej").
var plHourNom = []string{
	"północ", "pierwsza", "druga", "trzecia", "czwarta", "piąta", "szósta", "siódma", "ósma", "dziewiąta",
	"dziesiąta", "jedenasta", "dwunasta", "trzynasta", "czternasta", "piętnasta", "szesnasta", "siedemnasta",
	"osiemnasta", "dziewiętnasta", "dwudziesta", "dwudziesta pierwsza", "dwudziesta druga", "dwudziesta trzecia", "północ",
}

var plHourGen = []string{
	"północy", "pierwszej", "drugiej", "trzeciej", "czwartej", "piątej", "szóstej", "siódmej", "ósmej", "dziewiątej",
	"dziesiątej", "jedenastej", "dwunastej", "trzynastej", "czternastej", "piętnastej", "szesnastej", "siedemnastej",
	"osiemnastej", "dziewiętnastej", "dwudziestej", "dwudziestej pierwszej", "dwudziestej drugiej", "dwudziestej trzeciej", "północy",
}

var plUnits = []string{"zero", "jeden", "dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć",
	"dziesięć", "jedenaście", "dwanaście", "trzynaście", "czternaście", "piętnaście", "szesnaście", "siedemnaście",
	"osiemnaście", "dziewiętnaście"}

var plTens = []string{"", "", "dwadzieścia", "trzydzieści", "czterdzieści", "pięćdziesiąt"}

// plMinutes says the minutes after the hour: "trzydzieści", "zero pięć".
func plMinutes(m int) string {
	switch {
	case m < 10:
		return "zero " + plUnits[m]
	case m < 20:
		return plUnits[m]
	case m%10 == 0:
		return plTens[m/10]
	}
	return plTens[m/10] + " " + plUnits[m%10]
}

func plTime(c catalogue.Clock, hours []string) string {
	h, m := c.Hour(), c.Minute()
	if h > 24 {
		h = 24
	}
	if m == 0 {
		return hours[h]
	}
	return hours[h] + " " + plMinutes(m)
}

// clock says c: "dziesiąta trzydzieści", "dwunasta", "północ".
func (plGrammar) clock(c catalogue.Clock) string { return plTime(c, plHourNom) }

func plRange(opens, closes catalogue.Clock) string {
	return "od " + plTime(opens, plHourGen) + " do " + plTime(closes, plHourGen)
}

var plDayNom = map[time.Weekday]string{
	time.Monday: "poniedziałek", time.Tuesday: "wtorek", time.Wednesday: "środa", time.Thursday: "czwartek",
	time.Friday: "piątek", time.Saturday: "sobota", time.Sunday: "niedziela",
}

var plDayAcc = map[time.Weekday]string{
	time.Monday: "poniedziałek", time.Tuesday: "wtorek", time.Wednesday: "środę", time.Thursday: "czwartek",
	time.Friday: "piątek", time.Saturday: "sobotę", time.Sunday: "niedzielę",
}

var plShortDays = map[time.Weekday]string{
	time.Monday: "pon.", time.Tuesday: "wt.", time.Wednesday: "śr.", time.Thursday: "czw.",
	time.Friday: "pt.", time.Saturday: "sob.", time.Sunday: "niedz.",
}

// plFeminine reports whether a day's name is feminine (środa, sobota,
// niedziela), which its ordinals and "this" agree with.
func plFeminine(d time.Weekday) bool {
	return d == time.Wednesday || d == time.Saturday || d == time.Sunday
}

var plMonthGen = []string{"", "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"}

var plMonthLoc = []string{"", "styczniu", "lutym", "marcu", "kwietniu", "maju", "czerwcu", "lipcu", "sierpniu", "wrześniu", "październiku", "listopadzie", "grudniu"}

var plShortMonths = []string{"", "sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"}

// plW is the preposition w before word: "we" before a w or ś and a
// consonant ("we wtorek", "we wrześniu", "we środę"), otherwise "w".
func plW(word string) string {
	lower := strings.ToLower(word)
	if strings.HasPrefix(lower, "wt") || strings.HasPrefix(lower, "wr") || strings.HasPrefix(lower, "śr") {
		return "we " + word
	}
	return "w " + word
}

var plOrdGenUnits = []string{"", "pierwszego", "drugiego", "trzeciego", "czwartego", "piątego", "szóstego", "siódmego",
	"ósmego", "dziewiątego", "dziesiątego", "jedenastego", "dwunastego", "trzynastego", "czternastego", "piętnastego",
	"szesnastego", "siedemnastego", "osiemnastego", "dziewiętnastego"}

// plDayOfMonth says a day of the month in the genitive: "trzeciego",
// "dwudziestego pierwszego".
func plDayOfMonth(d int) string {
	switch {
	case d < 1 || d > 31:
		return fmt.Sprint(d)
	case d < 20:
		return plOrdGenUnits[d]
	case d == 20:
		return "dwudziestego"
	case d < 30:
		return "dwudziestego " + plOrdGenUnits[d-20]
	case d == 30:
		return "trzydziestego"
	}
	return "trzydziestego " + plOrdGenUnits[d-30]
}

func plDate(d catalogue.Date) string {
	return plDayOfMonth(d.Day) + " " + plMonthGen[d.Month]
}

var plWeekMasc = map[int]string{1: "pierwszy", 2: "drugi", 3: "trzeci", 4: "czwarty", 5: "piąty", -1: "ostatni"}
var plWeekFem = map[int]string{1: "pierwszą", 2: "drugą", 3: "trzecią", 4: "czwartą", 5: "piątą", -1: "ostatnią"}

func plDaysAcc(days []time.Weekday) string {
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = plDayAcc[d]
	}
	return joinList(names, ", ", " i ")
}

func plDaysPhrase(r catalogue.Rule) string {
	days := plDaysAcc(r.Days)
	fem := len(r.Days) > 0 && plFeminine(r.Days[0])
	if r.Freq == catalogue.Monthly {
		ws := make([]string, len(r.Weeks))
		for i, w := range r.Weeks {
			words := plWeekMasc
			if fem {
				words = plWeekFem
			}
			ws[i] = words[w]
			if ws[i] == "" {
				ws[i] = fmt.Sprintf("%d.", w)
			}
		}
		return "w " + joinList(ws, ", ", " i ") + " " + days + " miesiąca"
	}
	switch {
	case r.Interval == 2:
		if fem {
			return "co drugą " + days
		}
		return "co drugi " + days
	case r.Interval > 2:
		return "co " + plWeeks(r.Interval) + ", " + plW(days)
	case len(r.Days) == 7:
		return "codziennie"
	case isWeekdays(r.Days):
		return "od poniedziałku do piątku"
	}
	if fem {
		return "w każdą " + days
	}
	return "w każdy " + days
}

func plWeeks(n int) string {
	switch n {
	case 3:
		return "trzy tygodnie"
	case 4:
		return "cztery tygodnie"
	case 5:
		return "pięć tygodni"
	case 6:
		return "sześć tygodni"
	}
	return fmt.Sprintf("%d tygodni", n)
}

// schedule says s: "w pierwszy czwartek miesiąca, od dziesiątej trzydzieści
// do dwunastej", "w każdą środę i sobotę, od dziesiątej do czternastej".
func (plGrammar) schedule(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return "terminy się zmieniają, proszę pytać organizatora"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		parts[i] = plDaysPhrase(r) + ", " + plRange(r.Opens, r.Closes)
	}
	out := joinList(parts, ", ", ", a także ")
	if len(s.Months) > 0 {
		if first, last, ok := monthRun(s.Months); ok {
			out += ", od " + plMonthGen[first] + " do " + plMonthGen[last]
		} else {
			names := make([]string, len(s.Months))
			for i, m := range s.Months {
				names[i] = plMonthLoc[m]
			}
			out += ", tylko " + plW(joinList(names, ", ", " i "))
		}
	}
	if !s.ValidFrom.IsZero() {
		out += fmt.Sprintf(", od %s %d", plDate(s.ValidFrom), s.ValidFrom.Year)
	}
	if !s.ValidTo.IsZero() {
		out += fmt.Sprintf(", do %s %d", plDate(s.ValidTo), s.ValidTo.Year)
	}
	return out
}

// date says "dziś", "jutro", "w ten czwartek, trzeciego grudnia", "w
// czwartek, dziesiątego grudnia".
func (plGrammar) date(t, now time.Time) string {
	d, n := daysUntil(t, now)
	switch {
	case n == 0:
		return "dziś"
	case n == 1:
		return "jutro"
	case n > 1 && n < 7:
		this := "w ten "
		if plFeminine(d.Weekday()) {
			this = "w tę "
		}
		return this + plDayAcc[d.Weekday()] + ", " + plDate(d)
	}
	out := plW(plDayAcc[d.Weekday()]) + ", " + plDate(d)
	if n > 300 || n < -300 {
		out += fmt.Sprintf(" %d", d.Year)
	}
	return out
}

// session says "dziś o dziesiątej trzydzieści", "w ten czwartek, trzeciego
// grudnia, o dziesiątej".
func (g plGrammar) session(s catalogue.Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	clock := plTime(londonClock(s.Start), plHourGen)
	date := g.date(s.Start, now)
	if strings.Contains(date, ",") {
		return date + ", o " + clock
	}
	return date + " o " + clock
}

func (plGrammar) miles(m float64) string {
	scale, n := catalogue.HowFar(m)
	switch scale {
	case catalogue.UnderQuarterMile:
		return "mniej niż ćwierć mili stąd"
	case catalogue.AboutHalfMile:
		return "około pół mili stąd"
	case catalogue.AboutAMile:
		return "około mili stąd"
	}
	switch plural.Cardinal.MatchPlural(language.Polish, n, 0, 0, 0, 0) {
	case plural.Few:
		return fmt.Sprintf("%d mile stąd", n)
	}
	return fmt.Sprintf("%d mil stąd", n)
}

var plDigits = [10]string{"zero", "jeden", "dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć"}

func (plGrammar) digit(d int) string { return plDigits[d] }

// shortSchedule gives "1. czw. mies. 10:30", "śr. i sob. 10:00", "co 2 tyg.
// pt. 10:00", "ost. pt. mies. 14:00", "sob. 09:30 (kwi-wrz)".
func (plGrammar) shortSchedule(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return "Terminy: telefonicznie"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		names := make([]string, len(r.Days))
		for j, d := range r.Days {
			names[j] = plShortDays[d]
		}
		days := joinList(names, ", ", " i ")
		var lead string
		switch {
		case r.Freq == catalogue.Monthly:
			ws := make([]string, len(r.Weeks))
			for j, w := range r.Weeks {
				ws[j] = fmt.Sprintf("%d.", w)
				if w == -1 {
					ws[j] = "ost."
				}
			}
			lead = joinList(ws, ", ", " i ") + " " + days + " mies."
		case r.Interval >= 2:
			lead = fmt.Sprintf("co %d tyg. %s", r.Interval, days)
		case len(r.Days) == 7:
			lead = "codziennie"
		case isWeekdays(r.Days):
			lead = "pon.-pt."
		default:
			lead = days
		}
		parts[i] = lead + " " + r.Opens.String()
	}
	out := strings.Join(parts, "; ")
	if len(s.Months) > 0 {
		if first, last, ok := monthRun(s.Months); ok {
			out += fmt.Sprintf(" (%s-%s)", plShortMonths[first], plShortMonths[last])
		} else {
			names := make([]string, len(s.Months))
			for i, m := range s.Months {
				names[i] = plShortMonths[m]
			}
			out += " (" + strings.Join(names, ", ") + ")"
		}
	}
	if !s.ValidTo.IsZero() {
		out += fmt.Sprintf(" do %d %s %d", s.ValidTo.Day, plShortMonths[s.ValidTo.Month], s.ValidTo.Year)
	}
	return out
}

func (plGrammar) shortDate(t, now time.Time) string {
	d, n := daysUntil(t, now)
	switch n {
	case 0:
		return "dziś"
	case 1:
		return "jutro"
	}
	out := fmt.Sprintf("%s %d %s", plShortDays[d.Weekday()], d.Day, plShortMonths[d.Month])
	if n > 300 || n < -300 {
		out += fmt.Sprintf(" %d", d.Year)
	}
	return out
}

func (g plGrammar) shortSession(s catalogue.Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	return g.shortDate(s.Start, now) + " " + londonClock(s.Start).String()
}

func (plGrammar) shortMiles(m float64) string { return scaleMiles(m, ",", "mi") }

func (plGrammar) age(d time.Duration) string { return shortAge(d, " min", " godz.", " d.") }

var plCategoryPlural = map[catalogue.Category]string{
	catalogue.Walk: "spacery", catalogue.Museum: "muzea", catalogue.HistoryGroup: "grupy historyczne",
	catalogue.Cafe: "kawiarenki", catalogue.Crafts: "rękodzieło", catalogue.Archaeology: "archeologia",
}

var plTagWords = map[string]string{
	catalogue.TagDementiaFriendly: "przyjazne osobom z demencją", catalogue.TagStepFree: "bez schodów",
	catalogue.TagCarersWelcome: "opiekunowie mile widziani", catalogue.TagWomenOnly: "dla kobiet",
}

func plQualities(f Filters) []string {
	var q []string
	if f.Free {
		q = append(q, "bezpłatne")
	}
	for _, t := range f.Tags {
		q = append(q, plTagWords[t])
	}
	switch {
	case !f.Date.IsZero():
		q = append(q, dateAsked(plGrammar{}, f))
	case f.OnDay:
		q = append(q, plW(plDayAcc[f.Day]))
	case f.WithinDays == 1:
		q = append(q, "dziś")
	case f.WithinDays == 7:
		q = append(q, "w tym tygodniu")
	}
	return q
}

// heading is "Spacery w pobliżu Frome", "Zajęcia w pobliżu Frome
// (bezpłatne, dziś)".
func (plGrammar) heading(f Filters, place string) string {
	what := "zajęcia"
	if len(f.Categories) == 1 {
		what = plCategoryPlural[f.Categories[0]]
	}
	h := upperFirst(what) + " w pobliżu " + place
	if q := plQualities(f); len(q) > 0 {
		h += " (" + strings.Join(q, ", ") + ")"
	}
	return h
}

// moreHeading is "Więcej w pobliżu Frome", "Więcej: spacery w pobliżu Frome".
func (g plGrammar) moreHeading(f Filters, place string) string {
	if !f.Any() {
		return "Więcej w pobliżu " + place
	}
	return "Więcej: " + lowerFirst(g.heading(f, place))
}

func (plGrammar) filters(f Filters) string {
	var parts []string
	if len(f.Categories) > 0 {
		var cs []string
		for _, c := range f.Categories {
			cs = append(cs, plCategoryPlural[c])
		}
		parts = append(parts, strings.Join(cs, " lub "))
	}
	parts = append(parts, plQualities(f)...)
	return strings.Join(parts, ", ")
}

func (plGrammar) shortDay(d time.Weekday) string { return plShortDays[d] }
