package followup

import (
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// Bank holidays in England and Wales, when the line starts no text.
//
// Source: GOV.UK, "UK bank holidays" (https://www.gov.uk/bank-holidays,
// also as https://www.gov.uk/bank-holidays.json, division
// "england-and-wales"), Open Government Licence v3. The list covers 2024
// to 2027; 2027's dates are the statutory rules' (holidayRules) as GOV.UK
// publishes them. Update it each year from that file. After the list ends
// the rules give the dates (a one-off holiday, such as a coronation, is
// then missed), and start-up warns (HolidaysCover).
var bankHolidays = map[catalogue.Date]string{
	{Year: 2024, Month: 1, Day: 1}:   "New Year's Day",
	{Year: 2024, Month: 3, Day: 29}:  "Good Friday",
	{Year: 2024, Month: 4, Day: 1}:   "Easter Monday",
	{Year: 2024, Month: 5, Day: 6}:   "Early May bank holiday",
	{Year: 2024, Month: 5, Day: 27}:  "Spring bank holiday",
	{Year: 2024, Month: 8, Day: 26}:  "Summer bank holiday",
	{Year: 2024, Month: 12, Day: 25}: "Christmas Day",
	{Year: 2024, Month: 12, Day: 26}: "Boxing Day",

	{Year: 2025, Month: 1, Day: 1}:   "New Year's Day",
	{Year: 2025, Month: 4, Day: 18}:  "Good Friday",
	{Year: 2025, Month: 4, Day: 21}:  "Easter Monday",
	{Year: 2025, Month: 5, Day: 5}:   "Early May bank holiday",
	{Year: 2025, Month: 5, Day: 26}:  "Spring bank holiday",
	{Year: 2025, Month: 8, Day: 25}:  "Summer bank holiday",
	{Year: 2025, Month: 12, Day: 25}: "Christmas Day",
	{Year: 2025, Month: 12, Day: 26}: "Boxing Day",

	{Year: 2026, Month: 1, Day: 1}:   "New Year's Day",
	{Year: 2026, Month: 4, Day: 3}:   "Good Friday",
	{Year: 2026, Month: 4, Day: 6}:   "Easter Monday",
	{Year: 2026, Month: 5, Day: 4}:   "Early May bank holiday",
	{Year: 2026, Month: 5, Day: 25}:  "Spring bank holiday",
	{Year: 2026, Month: 8, Day: 31}:  "Summer bank holiday",
	{Year: 2026, Month: 12, Day: 25}: "Christmas Day",
	{Year: 2026, Month: 12, Day: 28}: "Boxing Day (substitute day)",

	{Year: 2027, Month: 1, Day: 1}:   "New Year's Day",
	{Year: 2027, Month: 3, Day: 26}:  "Good Friday",
	{Year: 2027, Month: 3, Day: 29}:  "Easter Monday",
	{Year: 2027, Month: 5, Day: 3}:   "Early May bank holiday",
	{Year: 2027, Month: 5, Day: 31}:  "Spring bank holiday",
	{Year: 2027, Month: 8, Day: 30}:  "Summer bank holiday",
	{Year: 2027, Month: 12, Day: 27}: "Christmas Day (substitute day)",
	{Year: 2027, Month: 12, Day: 28}: "Boxing Day (substitute day)",
}

// Holidays the list covers.
const (
	HolidaysFrom = 2024
	HolidaysTo   = 2027
)

// HolidaysCover reports whether the embedded list covers the year of t
// (Europe/London); after it, the rules alone give the bank holidays.
func HolidaysCover(t time.Time) bool {
	y := t.In(catalogue.London).Year()
	return y >= HolidaysFrom && y <= HolidaysTo
}

// BankHoliday returns the name of the bank holiday in England and Wales on
// the London date of t, if it is one: from the list for the years it
// covers, from the rules otherwise.
func BankHoliday(t time.Time) (string, bool) {
	l := t.In(catalogue.London)
	d := catalogue.Date{Year: l.Year(), Month: l.Month(), Day: l.Day()}
	if d.Year >= HolidaysFrom && d.Year <= HolidaysTo {
		name, ok := bankHolidays[d]
		return name, ok
	}
	name, ok := holidayRules(d.Year)[d]
	return name, ok
}

// holidayRules are England and Wales's usual bank holidays in year by the
// rules of the Banking and Financial Dealings Act 1971 and royal
// proclamations since: New Year's Day, Good Friday, Easter Monday, the
// first and last Mondays of May, the last Monday of August, Christmas Day
// and Boxing Day, each of the three fixed ones moved to the next weekday
// that is not already a holiday when it falls at a weekend. One-off
// holidays are not in them.
func holidayRules(year int) map[catalogue.Date]string {
	day := func(m time.Month, d int) time.Time { return time.Date(year, m, d, 12, 0, 0, 0, time.UTC) }
	date := func(t time.Time) catalogue.Date {
		return catalogue.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
	}
	out := map[catalogue.Date]string{}
	easter := easterSunday(year)
	out[date(easter.AddDate(0, 0, -2))] = "Good Friday"
	out[date(easter.AddDate(0, 0, 1))] = "Easter Monday"
	firstMonday := func(m time.Month) time.Time {
		t := day(m, 1)
		for t.Weekday() != time.Monday {
			t = t.AddDate(0, 0, 1)
		}
		return t
	}
	lastMonday := func(m time.Month) time.Time {
		t := day(m+1, 1).AddDate(0, 0, -1)
		for t.Weekday() != time.Monday {
			t = t.AddDate(0, 0, -1)
		}
		return t
	}
	out[date(firstMonday(time.May))] = "Early May bank holiday"
	out[date(lastMonday(time.May))] = "Spring bank holiday"
	out[date(lastMonday(time.August))] = "Summer bank holiday"
	// The fixed holidays, in order, each on its day or the next free
	// weekday.
	for _, f := range []struct {
		t    time.Time
		name string
	}{{day(time.January, 1), "New Year's Day"}, {day(time.December, 25), "Christmas Day"}, {day(time.December, 26), "Boxing Day"}} {
		t, name := f.t, f.name
		for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday || out[date(t)] != "" {
			t = t.AddDate(0, 0, 1)
			name = f.name + " (substitute day)"
		}
		out[date(t)] = name
	}
	return out
}

// easterSunday is Easter Day in the Gregorian calendar (the anonymous
// Gregorian algorithm, "Meeus/Jones/Butcher").
func easterSunday(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	dd := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), dd, 12, 0, 0, 0, time.UTC)
}
