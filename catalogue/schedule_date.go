package catalogue

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DateOf returns the calendar date of t in Europe/London.
func DateOf(t time.Time) Date {
	y, m, d := t.In(London).Date()
	return Date{y, m, d}
}

// ParseDate reads an ISO date "2026-01-09". It returns an error for any other
// shape or for a date that does not exist (2026-02-30).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("catalogue: date %q: want YYYY-MM-DD", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// IsZero reports whether d is the zero Date ("not set").
func (d Date) IsZero() bool { return d == Date{} }

// String returns d as "2026-01-09", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// MarshalText encodes d as "2026-01-09"; the zero Date encodes as "".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText decodes "2026-01-09"; "" decodes as the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// In returns the moment the clock c strikes on d in loc. A wall-clock time the
// clocks skip (01:30 on the last Sunday of March in London) becomes the
// equivalent instant an hour later, as time.Date does.
func (d Date) In(c Clock, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, int(c)/60, int(c)%60, 0, 0, loc)
}

// AddDays returns the date n days after d (before, if n is negative).
func (d Date) AddDays(n int) Date {
	if d.valid() && d.Day+n >= 1 && d.Day+n <= daysIn(d.Year, d.Month) {
		d.Day += n // the same month: the common step of a day-by-day walk
		return d
	}
	t := time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return time.Weekday(((d.days()+4)%7 + 7) % 7) // 1970-01-01 was a Thursday
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	a, b := d.days(), e.days()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// DaysUntil returns the number of days from d to e (negative if e is earlier).
func (d Date) DaysUntil(e Date) int { return e.days() - d.days() }

// days returns the number of days from 1970-01-01 to d. A date out of range
// (the 31st of April, month 0) counts as time.Date normalises it.
func (d Date) days() int {
	if !d.valid() {
		return int(d.utc().Unix() / 86400)
	}
	// Days from civil (H. Hinnant): years start in March, so the leap day
	// is the last of its year.
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// valid reports whether d names a real day.
func (d Date) valid() bool {
	return d.Month >= time.January && d.Month <= time.December && d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

func (d Date) utc() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// ParseClock reads a 24-hour time "10:30" or "9:30" (a dot also separates:
// "10.30"). It returns an error for anything else or a time past 23:59.
func ParseClock(s string) (Clock, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	if !ok {
		h, m, ok = strings.Cut(s, ".")
	}
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return 0, fmt.Errorf("catalogue: time %q: want HH:MM", s)
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || h[0] == '+' || h[0] == '-' || m[0] == '+' || m[0] == '-' {
		return 0, fmt.Errorf("catalogue: time %q: want HH:MM from 00:00 to 23:59", s)
	}
	return Clock(hh*60 + mm), nil
}

// Hour returns the hour of c, 0 to 23.
func (c Clock) Hour() int { return int(c) / 60 }

// Minute returns the minute of c, 0 to 59.
func (c Clock) Minute() int { return int(c) % 60 }

// String returns c as "10:30".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour(), c.Minute()) }

// MarshalText encodes c as "10:30".
func (c Clock) MarshalText() ([]byte, error) {
	if c < 0 || c >= 24*60 {
		return nil, fmt.Errorf("catalogue: clock %d minutes is not a time of day", int(c))
	}
	return []byte(c.String()), nil
}

// UnmarshalText decodes "10:30".
func (c *Clock) UnmarshalText(b []byte) error {
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
