package catalogue

import (
	"slices"
	"time"
)

// horizonDays is how far ahead Next looks for a session: far enough for a
// seasonal rule that meets once a year.
const horizonDays = 2*366 + 7

// maxBetweenDays bounds the span Between will walk.
const maxBetweenDays = 10 * 366

// Next returns the first session of s that starts at or after the moment after,
// looking up to two years ahead. It returns false when there is none: no rules,
// a schedule that has ended, or only "every n weeks" rules with no start date
// to count the weeks from. Times are Europe/London wall-clock times, so a 10:30
// session is at 10:30 on either side of the clocks changing.
func (s Schedule) Next(after time.Time) (Session, bool) {
	if len(s.Rules) == 0 {
		return Session{}, false
	}
	d := DateOf(after)
	if !s.ValidFrom.IsZero() && d.Before(s.ValidFrom) {
		d = s.ValidFrom
	}
	for i := 0; i < horizonDays; {
		if !s.ValidTo.IsZero() && d.After(s.ValidTo) {
			break
		}
		if len(s.Months) > 0 && !slices.Contains(s.Months, d.Month) {
			// Out of season: on to the first of the next month.
			skip := daysIn(d.Year, d.Month) - d.Day + 1
			i, d = i+skip, d.AddDays(skip)
			continue
		}
		if sess, ok := s.firstOn(d, after); ok {
			return sess, true
		}
		i, d = i+1, d.AddDays(1)
	}
	return Session{}, false
}

// Ended reports whether s has ended by the moment now: it has an until date
// (ValidTo) and now falls on a later day in Europe/London. A schedule is still
// current on its until date itself. A schedule with no until date never ends.
func (s Schedule) Ended(now time.Time) bool {
	return s.EndedBy(DateOf(now))
}

// EndedBy is Ended on the day today in Europe/London.
func (s Schedule) EndedBy(today Date) bool {
	return !s.ValidTo.IsZero() && today.After(s.ValidTo)
}

// Between returns the sessions of s that start at or after t1 and before t2,
// in order (at most ten years of them).
func (s Schedule) Between(t1, t2 time.Time) []Session {
	if len(s.Rules) == 0 || !t1.Before(t2) {
		return nil
	}
	var out []Session
	last := DateOf(t2)
	d := DateOf(t1)
	for i := 0; i < maxBetweenDays && !d.After(last); i, d = i+1, d.AddDays(1) {
		for _, sess := range s.sessionsOn(d) {
			if !sess.Start.Before(t1) && sess.Start.Before(t2) {
				out = append(out, sess)
			}
		}
	}
	return out
}

// firstOn returns the earliest session on d starting at or after after. It
// is sessionsOn without the list, since Next asks it of every day it walks,
// and without onDate's checks, since Next walks only days inside the
// season and validity of s.
func (s Schedule) firstOn(d Date, after time.Time) (Session, bool) {
	var best Session
	found := false
	for _, r := range s.Rules {
		if !r.occursOn(d, s.ValidFrom) {
			continue
		}
		start := d.In(r.Opens, London)
		if start.Before(after) || (found && !start.Before(best.Start)) {
			continue
		}
		best, found = Session{Start: start, End: d.In(r.Closes, London)}, true
	}
	return best, found
}

// sessionsOn returns the sessions of s on the date d, earliest first.
func (s Schedule) sessionsOn(d Date) []Session {
	if !s.onDate(d) {
		return nil
	}
	var out []Session
	for _, r := range s.Rules {
		if r.occursOn(d, s.ValidFrom) {
			out = append(out, Session{Start: d.In(r.Opens, London), End: d.In(r.Closes, London)})
		}
	}
	slices.SortFunc(out, func(a, b Session) int { return a.Start.Compare(b.Start) })
	return slices.CompactFunc(out, func(a, b Session) bool { return a.Start.Equal(b.Start) })
}

// onDate reports whether d is inside the season and validity of s.
func (s Schedule) onDate(d Date) bool {
	if len(s.Months) > 0 && !slices.Contains(s.Months, d.Month) {
		return false
	}
	if !s.ValidFrom.IsZero() && d.Before(s.ValidFrom) {
		return false
	}
	if !s.ValidTo.IsZero() && d.After(s.ValidTo) {
		return false
	}
	return true
}

// occursOn reports whether the rule meets on d. An every-n-weeks rule counts its
// weeks (Monday to Sunday) from Start, or from validFrom when it has no Start;
// with neither it never occurs.
func (r Rule) occursOn(d Date, validFrom Date) bool {
	if !slices.Contains(r.Days, d.Weekday()) {
		return false
	}
	if !r.Start.IsZero() && d.Before(r.Start) {
		return false
	}
	switch r.Freq {
	case Monthly:
		nth := (d.Day-1)/7 + 1
		last := d.Day+7 > daysIn(d.Year, d.Month)
		for _, w := range r.Weeks {
			if w == nth || (w == -1 && last) {
				return true
			}
		}
		return false
	case Weekly, "":
		if r.Interval <= 1 {
			return true
		}
		anchor := r.Start
		if anchor.IsZero() {
			anchor = validFrom
		}
		if anchor.IsZero() {
			return false
		}
		weeks := mondayOf(anchor).DaysUntil(mondayOf(d)) / 7
		return weeks >= 0 && weeks%r.Interval == 0
	}
	return false
}

// Anchored reports whether every "every n weeks" rule of s has a date to count
// its weeks from (its own start or the schedule's valid-from date).
func (s Schedule) Anchored() bool {
	for _, r := range s.Rules {
		if r.Freq != Monthly && r.Interval > 1 && r.Start.IsZero() && s.ValidFrom.IsZero() {
			return false
		}
	}
	return true
}

func mondayOf(d Date) Date { return d.AddDays(-mondayFirst(d.Weekday())) }

// daysIn returns the number of days in month m (1 to 12) of year y.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}
