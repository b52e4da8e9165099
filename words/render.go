package words

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/smstext"
)

// grammar is what a language does its own way: how it says times, dates,
// schedules, distances and phone numbers, the short forms a text uses, and
// the heading of a list of results. Each language's file implements it.
type grammar interface {
	// clock says a time of day for the telephone.
	clock(c catalogue.Clock) string
	// schedule says when an activity meets, for the telephone, starting
	// lower case where the language has case.
	schedule(s catalogue.Schedule) string
	// date says the date of t (Europe/London) relative to now.
	date(t, now time.Time) string
	// session says when a session starts, relative to now; "" for none.
	session(s catalogue.Session, now time.Time) string
	// miles says how far, for the telephone.
	miles(m float64) string
	// digit is a digit (0 to 9) read out on its own, as in a phone number.
	digit(d int) string

	// shortSchedule, shortDate and shortSession are the few characters a
	// text uses: "1st Thu 10:30", "Thu 3 Dec", "Thu 3 Dec 10:30".
	shortSchedule(s catalogue.Schedule) string
	shortDate(t, now time.Time) string
	shortSession(s catalogue.Session, now time.Time) string
	// shortMiles is how far in a list: "0.5mi".
	shortMiles(m float64) string
	// age says how long ago, briefly, for a volunteer's list: "2h 5m".
	age(d time.Duration) string
	// shortDay names a weekday in a few letters: "Mon".
	shortDay(d time.Weekday) string

	// heading is the first line of a list of results near place, without
	// its colon; moreHeading the first line of the next page; filters the
	// filters alone, for "nothing ... within 25 miles".
	heading(f Filters, place string) string
	moreHeading(f Filters, place string) string
	filters(f Filters) string
}

// Filters are what a resident narrowed a search to, for the headings of a
// list of results.
type Filters struct {
	Categories []catalogue.Category
	Tags       []string
	Free       bool
	// Day is the weekday asked about ("on Saturday") when OnDay is set.
	Day   time.Weekday
	OnDay bool
	// WithinDays is 1 for today, 7 for this week, 0 for any time.
	WithinDays int
	// Date is the day asked about ("on 5th December"), the London midnight
	// starting it; zero for none. It is said in place of Day and WithinDays.
	Date time.Time
}

// dateAsked says f.Date in a text's few characters, always as a date ("Sat 5
// Dec"), never "today" or "tomorrow".
func dateAsked(g grammar, f Filters) string {
	return g.shortDate(f.Date, f.Date.AddDate(0, 0, -7))
}

// Any reports whether f narrows the search at all.
func (f Filters) Any() bool {
	return len(f.Categories) > 0 || len(f.Tags) > 0 || f.Free || f.OnDay || f.WithinDays > 0 || !f.Date.IsZero()
}

// Clock says a time of day for the telephone: "half past ten", "midday".
func (b *Book) Clock(c catalogue.Clock) string { return b.g.clock(c) }

// Schedule says when an activity meets, for the telephone: "the first
// Thursday of the month, half past ten to twelve". A schedule with no rules
// says the organiser has the dates.
func (b *Book) Schedule(s catalogue.Schedule) string { return b.g.schedule(s) }

// Date says the date of t (in Europe/London) relative to now: "today",
// "tomorrow", "this Thursday, the third of December".
func (b *Book) Date(t, now time.Time) string { return b.g.date(t, now) }

// Session says when a session starts, relative to now: "today at half past
// ten". A zero session says nothing ("").
func (b *Book) Session(s catalogue.Session, now time.Time) string { return b.g.session(s, now) }

// Miles says a distance for the telephone: "about half a mile away".
func (b *Book) Miles(m float64) string { return b.g.miles(m) }

// ShortSchedule gives a schedule in a few characters for a text: "1st Thu
// 10:30"; a schedule with no rules is "Ring for dates".
func (b *Book) ShortSchedule(s catalogue.Schedule) string { return b.g.shortSchedule(s) }

// ShortDate gives the date of t for a text: "today", "Thu 3 Dec".
func (b *Book) ShortDate(t, now time.Time) string { return b.g.shortDate(t, now) }

// ShortSession gives when a session starts for a text: "Thu 3 Dec 10:30";
// a zero session gives "".
func (b *Book) ShortSession(s catalogue.Session, now time.Time) string {
	return b.g.shortSession(s, now)
}

// ShortMiles gives a distance for a list in a text: "<0.25mi", "0.5mi", "4mi".
func (b *Book) ShortMiles(m float64) string { return b.g.shortMiles(m) }

// Age says how long ago, briefly: "4m", "2h 5m", "3d 4h".
func (b *Book) Age(d time.Duration) string { return b.g.age(d) }

// ShortDayTime gives the weekday and time of t (Europe/London) for a
// volunteer's text: "Mon 15:04".
func (b *Book) ShortDayTime(t time.Time) string {
	return b.g.shortDay(t.In(catalogue.London).Weekday()) + " " + londonClock(t).String()
}

// Heading is the first line of a list of results near place, with its
// colon: "Walks near Frome this week:".
func (b *Book) Heading(f Filters, place string) string {
	return b.say(kListHeading, "heading", b.g.heading(f, place))
}

// MoreHeading is the first line of the next page of a list: "More near
// Frome:".
func (b *Book) MoreHeading(f Filters, place string) string {
	return b.say(kListHeading, "heading", b.g.moreHeading(f, place))
}

// SpokenPhone reads a UK phone number digit by digit in groups, "oh one six
// three two, nine six oh, one oh one", so it can be written down. It keeps
// the number's own spacing ("01632 960101"), splitting a long group into
// threes; an E.164 UK number is read in its national form. It returns ""
// when number has no digits.
func (b *Book) SpokenPhone(number string) string {
	groups := phoneGroups(number)
	sep, groupSep := " ", b.say(kItemSep)
	if !b.lang.Spaced {
		sep = ""
	}
	spoken := make([]string, 0, len(groups))
	for _, g := range groups {
		ws := make([]string, len(g))
		for i, c := range g {
			ws[i] = b.g.digit(int(c - '0'))
		}
		spoken = append(spoken, strings.Join(ws, sep))
	}
	return strings.Join(spoken, groupSep)
}

// phoneGroups splits a UK number into the groups it is read in.
func phoneGroups(number string) []string {
	number = strings.TrimSpace(number)
	var groups []string
	if strings.ContainsAny(number, " -") {
		for _, g := range strings.FieldsFunc(number, func(r rune) bool { return r == ' ' || r == '-' }) {
			groups = append(groups, digitsOf(g))
		}
		if len(groups) > 0 && strings.HasPrefix(number, "+44") {
			groups = groups[1:]
			if len(groups) > 0 {
				groups[0] = "0" + groups[0]
			}
		}
	} else {
		d := digitsOf(number)
		if strings.HasPrefix(number, "+44") {
			d = "0" + strings.TrimPrefix(d, "44")
		}
		groups = ukGroups(d)
	}
	var out []string
	for i, g := range groups {
		if g == "" {
			continue
		}
		if i > 0 && len(g) > 4 {
			for len(g) > 4 {
				out = append(out, g[:3])
				g = g[3:]
			}
		}
		out = append(out, g)
	}
	return out
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ukGroups splits an unspaced national number the usual way: 020 7946 0000,
// 01632 960 101, 07700 900 111, 0800 123 4567.
func ukGroups(d string) []string {
	if len(d) != 11 || d[0] != '0' {
		return []string{d}
	}
	switch {
	case strings.HasPrefix(d, "02"):
		return []string{d[:3], d[3:7], d[7:]}
	case strings.HasPrefix(d, "01"), strings.HasPrefix(d, "07"):
		return []string{d[:5], d[5:8], d[8:]}
	}
	return []string{d[:4], d[4:7], d[7:]}
}

// sentence ends s with the language's full stop unless it ends a sentence
// already.
func (b *Book) sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '。', '！', '？', '؟':
		return s
	}
	if !b.lang.Spaced {
		return s + "。"
	}
	return s + "."
}

// Describe is one activity as a caller hears it: title, where and how far,
// when (and the next date), cost and one line of access, in the catalogue's
// translation into b's language where it has one (catalogue.Activity.In),
// and whether it is held in b's language too.
func (b *Book) Describe(res catalogue.Result, now time.Time) string {
	a := res.Activity.In(string(b.lang.Code))
	parts := []string{b.sentence(a.Title)}
	where := strings.Join(nonEmpty(a.Venue, a.Town), ", ")
	if where != "" {
		parts = append(parts, b.say(kAt, "where", where, "distance", b.g.miles(res.Miles)))
	} else {
		parts = append(parts, b.say(kDistance, "distance", upperFirst(b.g.miles(res.Miles))))
	}
	parts = append(parts, b.say(kWhen, "schedule", upperFirst(b.g.schedule(a.Schedule))))
	if !res.Next.Start.IsZero() {
		parts = append(parts, b.say(kNextIs, "date", b.g.date(res.Next.Start, now)))
	}
	switch {
	case a.Cost != "":
		parts = append(parts, b.sentence(a.Cost))
	case a.Free:
		parts = append(parts, b.say(kFree))
	}
	if a.Access != "" {
		parts = append(parts, b.sentence(a.Access))
	}
	if b.offeredInMine(a) {
		parts = append(parts, b.OfferedIn())
	}
	return b.join(parts...)
}

// OfferedIn says an activity is held in b's language as well as English
// ("Zajęcia są prowadzone także po polsku.").
func (b *Book) OfferedIn() string { return b.say(kOfferedIn) }

// OfferedInShort is OfferedIn as a list item marks it ("po polsku").
func (b *Book) OfferedInShort() string { return b.say(kOfferedInShort) }

// offeredInMine reports whether a is held in b's language as well as
// English, so that a list or a description marks it.
func (b *Book) offeredInMine(a catalogue.Activity) bool {
	return b.lang.Code != English && a.OfferedIn(b.lang.EnglishName)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// titleRunes is the most of an activity's title a list item shows.
const titleRunes = 40

// ListItem is one numbered line of a list of results in a text: "1
// Heritage Café, 1st Thu 10:30, Free, 0.5mi", translated and marked as
// Describe is ("..., Bezplatne, po polsku, 0,5mi"). Long titles are shortened and
// the text is GSM-7 where a plain equivalent exists.
func (b *Book) ListItem(n int, r catalogue.Result) string {
	a := r.Activity.In(string(b.lang.Code))
	parts := []string{
		b.say(kItemTitle, "number", itoa(n), "title", clip(oneLine(a.Title), titleRunes)),
		oneLine(b.g.shortSchedule(a.Schedule)),
	}
	if c := b.shortCost(a); c != "" {
		parts = append(parts, c)
	}
	if b.offeredInMine(a) {
		parts = append(parts, b.OfferedInShort())
	}
	parts = append(parts, b.g.shortMiles(r.Miles))
	return smstext.Normalise(strings.Join(parts, b.say(kItemSep)))
}

// shortCost is the cost as a list shows it: "Free"; the organiser's wording
// up to its first bracket, comma or semicolon when that gives the price or
// there is no price ("£3 (tea included)" gives "£3"); otherwise the price
// ("Under 18s and Over 60s, £35 per 1 hour session" gives "£35"). See
// shortenCost: an amount is never lost or cut.
func (b *Book) shortCost(a catalogue.Activity) string {
	if a.Free {
		return b.say(kFreeShort)
	}
	c := oneLine(a.Cost)
	if i := strings.IndexAny(c, "(,;"); i > 0 {
		if first := strings.TrimSpace(c[:i]); amountRE.MatchString(first) || !amountRE.MatchString(c) {
			c = first
		}
	}
	return b.shortenCost(c, costRunes)
}

// Details is the full text of one activity: title, organisation, where,
// when (schedule and next date), cost, access, booking phone, booking or
// referral needed. It is GSM-7 where possible and at most three segments:
// when the whole would be longer, the access note and the organisation are
// shortened first, then dropped with every other line clipped, and the rest
// is cut with "..." only as a last resort.
func (b *Book) Details(r catalogue.Result, now time.Time) string {
	a := r.Activity.In(string(b.lang.Code))
	title := oneLine(a.Title)
	org := ""
	if a.Organisation != "" && !strings.EqualFold(a.Organisation, a.Title) {
		org = b.say(kDetailsBy, "organisation", oneLine(a.Organisation))
	}
	where := b.say(kDetailsWhere, "where", oneLine(joinDistinct(a.Venue, a.Address, strings.TrimSpace(a.Town+" "+a.Postcode))))
	when := b.say(kDetailsWhen, "when", b.whenText(r, now))
	cost, costText := "", ""
	if c := strings.TrimSpace(a.Cost); c != "" {
		costText = oneLine(c)
	} else if a.Free {
		costText = b.say(kFreeShort)
	}
	if costText != "" {
		cost = b.say(kDetailsCost, "cost", costText)
	}
	access := ""
	if a.Access != "" {
		access = b.say(kDetailsAccess, "access", oneLine(a.Access))
	}
	book := b.bookingText(a)
	// The labels are GSM-7 where the language allows, as the line sends
	// them, so that they are counted as they will go.
	org, where, when = smstext.Normalise(org), smstext.Normalise(where), smstext.Normalise(when)
	cost, access, book = smstext.Normalise(cost), smstext.Normalise(access), smstext.Normalise(book)
	body := joinLines(title, org, where, when, cost, access, book)
	if smstext.Segments(body) <= smstext.MaxSegments {
		return body
	}
	for _, n := range []int{60, 30} {
		body = joinLines(title, clip(org, n), where, when, cost, clip(access, n), book)
		if smstext.Segments(body) <= smstext.MaxSegments {
			return body
		}
	}
	// Still too long (odd data, or UCS-2): every line gets a fair share,
	// the cost keeping its price.
	if cost != "" {
		label := utf8.RuneCountInString(b.say(kDetailsCost, "cost", ""))
		cost = smstext.Normalise(b.say(kDetailsCost, "cost", b.shortenCost(costText, 30-label)))
	}
	body = joinLines(clip(title, 40), clip(where, 60), clip(when, 50), cost, clip(book, 60))
	return smstext.Truncate(body, smstext.MaxSegments)
}

func (b *Book) whenText(r catalogue.Result, now time.Time) string {
	sc := r.Activity.Schedule
	s := smstext.Normalise(b.g.shortSchedule(sc))
	if t := strings.TrimSpace(sc.Text); len(sc.Rules) == 0 && t != "" {
		s = clip(oneLine(t), 60) // the organiser's own words beat "Ring for dates"
	}
	if !r.Next.Start.IsZero() && r.Next.Start.After(now) {
		s = b.say(kDetailsNext, "when", s, "date", b.g.shortDate(r.Next.Start, now))
	}
	return s
}

func (b *Book) bookingText(a catalogue.Activity) string {
	var parts []string
	switch {
	case a.Phone != "" && a.BookingNeeded:
		parts = append(parts, b.say(kDetailsBook, "phone", a.Phone))
	case a.Phone != "":
		parts = append(parts, b.say(kDetailsPhone, "phone", a.Phone))
	case a.BookingNeeded:
		parts = append(parts, b.say(kDetailsBookOnly))
	}
	if a.Referral == catalogue.LinkWorker {
		parts = append(parts, b.say(kDetailsReferral))
	}
	switch {
	case len(parts) < 2:
		return strings.Join(parts, "")
	case strings.HasSuffix(parts[0], ".") || strings.HasSuffix(parts[0], "。"):
		return b.join(parts...)
	}
	return b.join(parts[0]+b.say(kStop), parts[1])
}

// joinDistinct joins the non-empty parts with ", ", leaving out any part
// already contained in what came before ("Frome Heritage Museum" and
// "Frome Heritage Museum, North Parade" give the latter once).
func joinDistinct(parts ...string) string {
	var out []string
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		dup := false
		for j, q := range parts {
			if j != i && strings.TrimSpace(q) != p && strings.Contains(strings.ToLower(q), strings.ToLower(p)) {
				dup = true
			}
		}
		for _, q := range out {
			if strings.EqualFold(q, p) {
				dup = true
			}
		}
		if !dup {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

func joinLines(lines ...string) string {
	var out []string
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// oneLine is s normalised to GSM-7 where possible, with every run of
// spaces, tabs and line breaks made one space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(smstext.Normalise(s)), " ")
}

// clip shortens s to at most n runes, ending with "..." when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-3]), " ,") + "..."
}

// isWeekdays reports whether days are Monday to Friday.
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

// monthRun finds the first and last month of months when they form one run
// of two or more consecutive months, perhaps wrapping from December to
// January.
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

// daysUntil is how many days from now's date to t's, in Europe/London.
func daysUntil(t, now time.Time) (catalogue.Date, int) {
	d := catalogue.DateOf(t)
	return d, catalogue.DateOf(now).DaysUntil(d)
}

// londonClock is the time of day of t in Europe/London.
func londonClock(t time.Time) catalogue.Clock {
	l := t.In(catalogue.London)
	return catalogue.Clock(l.Hour()*60 + l.Minute())
}
