package words

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/heritage-line/heritageline/catalogue"
)

// arGrammar says times, dates and schedules in Modern Standard Arabic: the
// 12-hour clock with the part of the day ("العاشرة والنصف صباحاً"), the
// Gregorian months as they are named across the Arab world's media
// (يناير، فبراير...), day numbers and years as digits.
type arGrammar struct{}

var arHours = []string{"الثانية عشرة", "الواحدة", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة",
	"السابعة", "الثامنة", "التاسعة", "العاشرة", "الحادية عشرة", "الثانية عشرة"}

func arHour(h int) string { return arHours[h%12] }

func arPeriod(c catalogue.Clock) string {
	h := c.Hour()
	switch {
	case h < 12:
		return "صباحاً"
	case h < 15:
		return "ظهراً"
	case h < 18:
		return "عصراً"
	}
	return "مساءً"
}

// arBare says c without "الساعة": "العاشرة والنصف صباحاً", "الثالثة إلا
// ربعاً عصراً".
func arBare(c catalogue.Clock) string {
	if c == 0 || c == 24*60 {
		return "منتصف الليل"
	}
	h, m := c.Hour(), c.Minute()
	var s string
	switch {
	case m == 0:
		s = arHour(h)
	case m == 15:
		s = arHour(h) + " والربع"
	case m == 20:
		s = arHour(h) + " والثلث"
	case m == 30:
		s = arHour(h) + " والنصف"
	case m == 40:
		s = arHour(h+1) + " إلا ثلثاً"
	case m == 45:
		s = arHour(h+1) + " إلا ربعاً"
	case m == 5:
		s = arHour(h) + " وخمس دقائق"
	case m == 10:
		s = arHour(h) + " وعشر دقائق"
	default:
		s = fmt.Sprintf("%s و%d دقيقة", arHour(h), m)
	}
	return s + " " + arPeriod(c)
}

// clock says c: "الساعة العاشرة والنصف صباحاً", "منتصف الليل".
func (arGrammar) clock(c catalogue.Clock) string {
	if c == 0 || c == 24*60 {
		return "منتصف الليل"
	}
	return "الساعة " + arBare(c)
}

func arRange(opens, closes catalogue.Clock) string {
	return "من " + arBare(opens) + " حتى " + arBare(closes)
}

// arDays are the days without the article, as "كل خميس" needs them;
// arDaysDef with it ("يوم الخميس").
var arDays = map[time.Weekday]string{
	time.Monday: "اثنين", time.Tuesday: "ثلاثاء", time.Wednesday: "أربعاء", time.Thursday: "خميس",
	time.Friday: "جمعة", time.Saturday: "سبت", time.Sunday: "أحد",
}

var arDaysDef = map[time.Weekday]string{
	time.Monday: "الاثنين", time.Tuesday: "الثلاثاء", time.Wednesday: "الأربعاء", time.Thursday: "الخميس",
	time.Friday: "الجمعة", time.Saturday: "السبت", time.Sunday: "الأحد",
}

var arMonths = []string{"", "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}

func arDayList(days []time.Weekday, names map[time.Weekday]string) string {
	out := make([]string, len(days))
	for i, d := range days {
		out[i] = names[d]
	}
	return joinList(out, "، ", " و")
}

var arWeeks = map[int]string{1: "أول", 2: "ثاني", 3: "ثالث", 4: "رابع", 5: "خامس", -1: "آخر"}

func arDaysPhrase(r catalogue.Rule) string {
	if r.Freq == catalogue.Monthly {
		ws := make([]string, len(r.Weeks))
		for i, w := range r.Weeks {
			ws[i] = arWeeks[w]
			if ws[i] == "" {
				ws[i] = fmt.Sprint(w)
			}
		}
		return joinList(ws, "، ", " و") + " " + arDayList(r.Days, arDays) + " من كل شهر"
	}
	switch {
	case r.Interval == 2:
		return "كل أسبوعين يوم " + arDayList(r.Days, arDaysDef)
	case r.Interval > 2:
		return fmt.Sprintf("كل %d أسابيع يوم %s", r.Interval, arDayList(r.Days, arDaysDef))
	case len(r.Days) == 7:
		return "كل يوم"
	case isWeekdays(r.Days):
		return "من الاثنين إلى الجمعة"
	}
	return "كل " + arDayList(r.Days, arDays)
}

func arDate(d catalogue.Date) string {
	return fmt.Sprintf("%d %s", d.Day, arMonths[d.Month])
}

// schedule says s: "أول خميس من كل شهر، من العاشرة والنصف صباحاً حتى
// الثانية عشرة ظهراً".
func (arGrammar) schedule(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return "المواعيد تتغير، فيرجى سؤال المنظمين"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		parts[i] = arDaysPhrase(r) + "، " + arRange(r.Opens, r.Closes)
	}
	out := joinList(parts, "، ", "، وكذلك ")
	if len(s.Months) > 0 {
		if first, last, ok := monthRun(s.Months); ok {
			out += "، من " + arMonths[first] + " إلى " + arMonths[last]
		} else {
			names := make([]string, len(s.Months))
			for i, m := range s.Months {
				names[i] = arMonths[m]
			}
			out += "، في " + joinList(names, "، ", " و") + " فقط"
		}
	}
	if !s.ValidFrom.IsZero() {
		out += fmt.Sprintf("، ابتداءً من %s %d", arDate(s.ValidFrom), s.ValidFrom.Year)
	}
	if !s.ValidTo.IsZero() {
		out += fmt.Sprintf("، حتى %s %d", arDate(s.ValidTo), s.ValidTo.Year)
	}
	return out
}

// date says "اليوم", "غداً", "هذا الخميس، 3 ديسمبر", "الخميس، 10 ديسمبر".
func (arGrammar) date(t, now time.Time) string {
	d, n := daysUntil(t, now)
	switch {
	case n == 0:
		return "اليوم"
	case n == 1:
		return "غداً"
	case n > 1 && n < 7:
		return "هذا " + arDaysDef[d.Weekday()] + "، " + arDate(d)
	}
	out := arDaysDef[d.Weekday()] + "، " + arDate(d)
	if n > 300 || n < -300 {
		out += fmt.Sprintf(" %d", d.Year)
	}
	return out
}

// session says "اليوم، الساعة العاشرة والنصف صباحاً".
func (g arGrammar) session(s catalogue.Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	return g.date(s.Start, now) + "، " + g.clock(londonClock(s.Start))
}

func (arGrammar) miles(m float64) string {
	scale, n := catalogue.HowFar(m)
	switch scale {
	case catalogue.UnderQuarterMile:
		return "على بعد أقل من ربع ميل"
	case catalogue.AboutHalfMile:
		return "على بعد نصف ميل تقريباً"
	case catalogue.AboutAMile:
		return "على بعد ميل تقريباً"
	}
	switch plural.Cardinal.MatchPlural(language.Arabic, n, 0, 0, 0, 0) {
	case plural.Two:
		return "على بعد ميلين"
	case plural.Few:
		return fmt.Sprintf("على بعد %d أميال", n)
	case plural.Many:
		return fmt.Sprintf("على بعد %d ميلاً", n)
	}
	return fmt.Sprintf("على بعد %d ميل", n)
}

var arDigits = [10]string{"صفر", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"}

func (arGrammar) digit(d int) string { return arDigits[d] }

// shortSchedule gives "أول خميس 10:30", "كل أربعاء وسبت 10:00", "كل
// أسبوعين جمعة 10:00".
func (arGrammar) shortSchedule(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return "اتصل لمعرفة المواعيد"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		days := arDayList(r.Days, arDays)
		var lead string
		switch {
		case r.Freq == catalogue.Monthly:
			ws := make([]string, len(r.Weeks))
			for j, w := range r.Weeks {
				ws[j] = arWeeks[w]
				if ws[j] == "" {
					ws[j] = fmt.Sprint(w)
				}
			}
			lead = joinList(ws, "، ", " و") + " " + days
		case r.Interval == 2:
			lead = "كل أسبوعين " + days
		case r.Interval > 2:
			lead = fmt.Sprintf("كل %d أسابيع %s", r.Interval, days)
		case len(r.Days) == 7:
			lead = "يومياً"
		case isWeekdays(r.Days):
			lead = "الاثنين-الجمعة"
		default:
			lead = "كل " + days
		}
		parts[i] = lead + " " + r.Opens.String()
	}
	out := strings.Join(parts, "؛ ")
	if len(s.Months) > 0 {
		if first, last, ok := monthRun(s.Months); ok {
			out += fmt.Sprintf(" (%s-%s)", arMonths[first], arMonths[last])
		} else {
			names := make([]string, len(s.Months))
			for i, m := range s.Months {
				names[i] = arMonths[m]
			}
			out += " (" + strings.Join(names, "، ") + ")"
		}
	}
	if !s.ValidTo.IsZero() {
		out += fmt.Sprintf(" حتى %d %s %d", s.ValidTo.Day, arMonths[s.ValidTo.Month], s.ValidTo.Year)
	}
	return out
}

func (arGrammar) shortDate(t, now time.Time) string {
	d, n := daysUntil(t, now)
	switch n {
	case 0:
		return "اليوم"
	case 1:
		return "غداً"
	}
	out := fmt.Sprintf("%s %d %s", arDaysDef[d.Weekday()], d.Day, arMonths[d.Month])
	if n > 300 || n < -300 {
		out += fmt.Sprintf(" %d", d.Year)
	}
	return out
}

func (g arGrammar) shortSession(s catalogue.Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	return g.shortDate(s.Start, now) + " " + londonClock(s.Start).String()
}

func (arGrammar) shortMiles(m float64) string { return scaleMiles(m, ".", " ميل") }

func (arGrammar) age(d time.Duration) string { return shortAge(d, " د", " س", " ي") }

var arCategoryPlural = map[catalogue.Category]string{
	catalogue.Walk: "جولات مشي", catalogue.Museum: "متاحف", catalogue.HistoryGroup: "مجموعات تاريخ",
	catalogue.Cafe: "مقاهٍ", catalogue.Crafts: "حرف يدوية", catalogue.Archaeology: "علم الآثار",
}

var arTagWords = map[string]string{
	catalogue.TagDementiaFriendly: "مناسبة لمرضى الخرف", catalogue.TagStepFree: "بلا درج",
	catalogue.TagCarersWelcome: "ترحب بمقدمي الرعاية", catalogue.TagWomenOnly: "للنساء",
}

func arQualities(f Filters) []string {
	var q []string
	if f.Free {
		q = append(q, "مجانية")
	}
	for _, t := range f.Tags {
		q = append(q, arTagWords[t])
	}
	switch {
	case !f.Date.IsZero():
		q = append(q, dateAsked(arGrammar{}, f))
	case f.OnDay:
		q = append(q, "يوم "+arDaysDef[f.Day])
	case f.WithinDays == 1:
		q = append(q, "اليوم")
	case f.WithinDays == 7:
		q = append(q, "هذا الأسبوع")
	}
	return q
}

// heading is "جولات مشي قرب Frome", "أنشطة تراثية قرب Frome (مجانية، اليوم)".
func (arGrammar) heading(f Filters, place string) string {
	what := "أنشطة تراثية"
	if len(f.Categories) == 1 {
		what = arCategoryPlural[f.Categories[0]]
	}
	h := what + " قرب " + place
	if q := arQualities(f); len(q) > 0 {
		h += " (" + strings.Join(q, "، ") + ")"
	}
	return h
}

// moreHeading is "المزيد قرب Frome", "المزيد: جولات مشي قرب Frome".
func (g arGrammar) moreHeading(f Filters, place string) string {
	if !f.Any() {
		return "المزيد قرب " + place
	}
	return "المزيد: " + g.heading(f, place)
}

func (arGrammar) filters(f Filters) string {
	var parts []string
	if len(f.Categories) > 0 {
		var cs []string
		for _, c := range f.Categories {
			cs = append(cs, arCategoryPlural[c])
		}
		parts = append(parts, strings.Join(cs, " أو "))
	}
	parts = append(parts, arQualities(f)...)
	return strings.Join(parts, "، ")
}

func (arGrammar) shortDay(d time.Weekday) string { return arDaysDef[d] }
