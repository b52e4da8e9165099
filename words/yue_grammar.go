package words

import (
	"fmt"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// yueGrammar says times, dates and schedules in Cantonese: the 12-hour
// clock after the part of the day ("上午十點半"), weekly days with 逢
// ("逢星期三同星期六"), dates in digits as written Chinese has them
// ("12月3號"), which the Cantonese voice reads out.
type yueGrammar struct{}

var yueDigitChars = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// yueNumber writes 0 to 99 in Chinese numerals: "十", "十五", "二十一".
func yueNumber(n int) string {
	switch {
	case n < 0 || n > 99:
		return fmt.Sprint(n)
	case n < 10:
		return yueDigitChars[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + yueDigitChars[n%10]
	case n%10 == 0:
		return yueDigitChars[n/10] + "十"
	}
	return yueDigitChars[n/10] + "十" + yueDigitChars[n%10]
}

// yueHour is the hour on the 12-hour clock, with 兩 for two o'clock.
func yueHour(h int) string {
	h %= 12
	switch h {
	case 0:
		return "十二"
	case 2:
		return "兩"
	}
	return yueNumber(h)
}

func yuePeriod(c catalogue.Clock) string {
	h := c.Hour()
	switch {
	case h < 6:
		return "凌晨"
	case h < 12:
		return "上午"
	case h < 13:
		return "中午"
	case h < 18:
		return "下午"
	}
	return "晚上"
}

// yueBare says c without the part of the day: "十點半", "兩點十五分".
func yueBare(c catalogue.Clock) string {
	h, m := c.Hour(), c.Minute()
	switch {
	case m == 0:
		return yueHour(h) + "點"
	case m == 30:
		return yueHour(h) + "點半"
	case m < 10:
		return yueHour(h) + "點零" + yueNumber(m) + "分"
	}
	return yueHour(h) + "點" + yueNumber(m) + "分"
}

// clock says c: "上午十點半", "晚上七點半", "午夜十二點".
func (yueGrammar) clock(c catalogue.Clock) string {
	if c == 0 || c == 24*60 {
		return "午夜十二點"
	}
	return yuePeriod(c) + yueBare(c)
}

// yueRange says "上午十點半至中午十二點", leaving out the part of the day
// the end shares with the start ("上午十點至十一點").
func yueRange(opens, closes catalogue.Clock) string {
	a := yuePeriod(opens) + yueBare(opens)
	b := yueBare(closes)
	switch {
	case closes == 0 || closes == 24*60:
		b = "午夜十二點"
	case yuePeriod(closes) != yuePeriod(opens):
		b = yuePeriod(closes) + b
	}
	return a + "至" + b
}

var yueDays = map[time.Weekday]string{
	time.Monday: "星期一", time.Tuesday: "星期二", time.Wednesday: "星期三", time.Thursday: "星期四",
	time.Friday: "星期五", time.Saturday: "星期六", time.Sunday: "星期日",
}

var yueShortDays = map[time.Weekday]string{
	time.Monday: "週一", time.Tuesday: "週二", time.Wednesday: "週三", time.Thursday: "週四",
	time.Friday: "週五", time.Saturday: "週六", time.Sunday: "週日",
}

func yueDayList(days []time.Weekday, names map[time.Weekday]string) string {
	out := make([]string, len(days))
	for i, d := range days {
		out[i] = names[d]
	}
	return joinList(out, "、", "同")
}

var yueWeeks = map[int]string{1: "第一個", 2: "第二個", 3: "第三個", 4: "第四個", 5: "第五個", -1: "最後一個"}

func yueDaysPhrase(r catalogue.Rule) string {
	days := yueDayList(r.Days, yueDays)
	if r.Freq == catalogue.Monthly {
		ws := make([]string, len(r.Weeks))
		for i, w := range r.Weeks {
			ws[i] = strings.TrimSuffix(yueWeeks[w], "個")
			if ws[i] == "" {
				ws[i] = "第" + yueNumber(w)
			}
		}
		return "每月" + joinList(ws, "、", "同") + "個" + days
	}
	switch {
	case r.Interval == 2:
		return "隔星期嘅" + days
	case r.Interval > 2:
		return "每" + yueNumber(r.Interval) + "個星期嘅" + days
	case len(r.Days) == 7:
		return "每日"
	case isWeekdays(r.Days):
		return "星期一至五"
	}
	return "逢" + days
}

func yueDate(d catalogue.Date) string { return fmt.Sprintf("%d月%d號", d.Month, d.Day) }

// schedule says s: "每月第一個星期四，上午十點半至中午十二點".
func (yueGrammar) schedule(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return "日期唔定，請問主辦機構"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		parts[i] = yueDaysPhrase(r) + "，" + yueRange(r.Opens, r.Closes)
	}
	out := joinList(parts, "；", "；另外")
	if len(s.Months) > 0 {
		if first, last, ok := monthRun(s.Months); ok {
			out += fmt.Sprintf("，%d月至%d月", first, last)
		} else {
			names := make([]string, len(s.Months))
			for i, m := range s.Months {
				names[i] = fmt.Sprintf("%d月", m)
			}
			out += "，只限" + joinList(names, "、", "同")
		}
	}
	if !s.ValidFrom.IsZero() {
		out += fmt.Sprintf("，由%d年%s開始", s.ValidFrom.Year, yueDate(s.ValidFrom))
	}
	if !s.ValidTo.IsZero() {
		out += fmt.Sprintf("，至%d年%s為止", s.ValidTo.Year, yueDate(s.ValidTo))
	}
	return out
}

// date says "今日", "聽日", "今個星期四，12月3號", "12月10號星期四".
func (yueGrammar) date(t, now time.Time) string {
	d, n := daysUntil(t, now)
	switch {
	case n == 0:
		return "今日"
	case n == 1:
		return "聽日"
	case n > 1 && n < 7:
		return "今個" + yueDays[d.Weekday()] + "，" + yueDate(d)
	}
	out := yueDate(d) + yueDays[d.Weekday()]
	if n > 300 || n < -300 {
		out = fmt.Sprintf("%d年", d.Year) + out
	}
	return out
}

// session says "今日上午十點半", "今個星期四，12月3號，上午十點".
func (g yueGrammar) session(s catalogue.Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	date := g.date(s.Start, now)
	if strings.Contains(date, "，") {
		date += "，"
	}
	return date + g.clock(londonClock(s.Start))
}

func (yueGrammar) miles(m float64) string {
	scale, n := catalogue.HowFar(m)
	switch scale {
	case catalogue.UnderQuarterMile:
		return "唔夠四分一英里遠"
	case catalogue.AboutHalfMile:
		return "大約半英里遠"
	case catalogue.AboutAMile:
		return "大約一英里遠"
	}
	return fmt.Sprintf("%d英里遠", n)
}

func (yueGrammar) digit(d int) string { return yueDigitChars[d] }

// shortSchedule gives "每月第1個週四 10:30", "逢週三同週六 10:00", "隔週週五
// 10:00", "每月最後一個週五 14:00".
func (yueGrammar) shortSchedule(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return "請致電查詢日期"
	}
	parts := make([]string, len(s.Rules))
	for i, r := range s.Rules {
		days := yueDayList(r.Days, yueShortDays)
		var lead string
		switch {
		case r.Freq == catalogue.Monthly:
			ws := make([]string, len(r.Weeks))
			for j, w := range r.Weeks {
				ws[j] = fmt.Sprintf("第%d", w)
				if w == -1 {
					ws[j] = "最後一"
				}
			}
			lead = "每月" + joinList(ws, "、", "同") + "個" + days
		case r.Interval == 2:
			lead = "隔週" + days
		case r.Interval > 2:
			lead = fmt.Sprintf("每%d週%s", r.Interval, days)
		case len(r.Days) == 7:
			lead = "每日"
		case isWeekdays(r.Days):
			lead = "週一至五"
		default:
			lead = "逢" + days
		}
		parts[i] = lead + " " + r.Opens.String()
	}
	out := strings.Join(parts, "；")
	if len(s.Months) > 0 {
		if first, last, ok := monthRun(s.Months); ok {
			out += fmt.Sprintf("（%d月至%d月）", first, last)
		} else {
			names := make([]string, len(s.Months))
			for i, m := range s.Months {
				names[i] = fmt.Sprintf("%d月", m)
			}
			out += "（" + strings.Join(names, "、") + "）"
		}
	}
	if !s.ValidTo.IsZero() {
		out += fmt.Sprintf("，至%d年%d月%d日", s.ValidTo.Year, s.ValidTo.Month, s.ValidTo.Day)
	}
	return out
}

func (yueGrammar) shortDate(t, now time.Time) string {
	d, n := daysUntil(t, now)
	switch n {
	case 0:
		return "今日"
	case 1:
		return "聽日"
	}
	out := fmt.Sprintf("%s %d月%d日", yueShortDays[d.Weekday()], d.Month, d.Day)
	if n > 300 || n < -300 {
		out = fmt.Sprintf("%s %d年%d月%d日", yueShortDays[d.Weekday()], d.Year, d.Month, d.Day)
	}
	return out
}

func (g yueGrammar) shortSession(s catalogue.Session, now time.Time) string {
	if s.Start.IsZero() {
		return ""
	}
	return g.shortDate(s.Start, now) + " " + londonClock(s.Start).String()
}

func (yueGrammar) shortMiles(m float64) string { return scaleMiles(m, ".", "英里") }

func (yueGrammar) age(d time.Duration) string { return shortAge(d, "分鐘", "小時", "日") }

var yueCategoryPlural = map[catalogue.Category]string{
	catalogue.Walk: "導賞散步", catalogue.Museum: "博物館", catalogue.HistoryGroup: "歷史小組",
	catalogue.Cafe: "咖啡聚會", catalogue.Crafts: "手工藝", catalogue.Archaeology: "考古",
}

var yueTagWords = map[string]string{
	catalogue.TagDementiaFriendly: "適合認知障礙症人士", catalogue.TagStepFree: "無樓梯",
	catalogue.TagCarersWelcome: "歡迎照顧者", catalogue.TagWomenOnly: "女士專場",
}

func yueQualities(f Filters) []string {
	var q []string
	if f.Free {
		q = append(q, "免費")
	}
	for _, t := range f.Tags {
		q = append(q, yueTagWords[t])
	}
	switch {
	case !f.Date.IsZero():
		q = append(q, dateAsked(yueGrammar{}, f))
	case f.OnDay:
		q = append(q, yueDays[f.Day])
	case f.WithinDays == 1:
		q = append(q, "今日")
	case f.WithinDays == 7:
		q = append(q, "今個星期")
	}
	return q
}

// heading is "Frome附近嘅導賞散步", "Frome附近嘅文化遺產活動（免費，今日）".
func (yueGrammar) heading(f Filters, place string) string {
	what := "文化遺產活動"
	if len(f.Categories) == 1 {
		what = yueCategoryPlural[f.Categories[0]]
	}
	h := place + "附近嘅" + what
	if q := yueQualities(f); len(q) > 0 {
		h += "（" + strings.Join(q, "，") + "）"
	}
	return h
}

// moreHeading is "Frome附近更多活動", "更多：Frome附近嘅導賞散步".
func (g yueGrammar) moreHeading(f Filters, place string) string {
	if !f.Any() {
		return place + "附近更多活動"
	}
	return "更多：" + g.heading(f, place)
}

func (yueGrammar) filters(f Filters) string {
	var parts []string
	if len(f.Categories) > 0 {
		var cs []string
		for _, c := range f.Categories {
			cs = append(cs, yueCategoryPlural[c])
		}
		parts = append(parts, strings.Join(cs, "或"))
	}
	parts = append(parts, yueQualities(f)...)
	return strings.Join(parts, "，")
}

func (yueGrammar) shortDay(d time.Weekday) string { return yueShortDays[d] }
