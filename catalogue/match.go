package catalogue

import "time"

// Matches reports whether a satisfies q's filters (active and not ended,
// category, tags, free only, on within q.WithinDays of q.Now), ignoring
// distance, and returns its next session after q.Now (zero if unknown). Every
// Finder uses it, so the filters mean the same on every store.
//
// In detail: a must be offerable at q.Now (active, and its schedule not ended
// before that day: see Activity.Offerable); its category must be one of q.Categories (any
// of them; none means all); it must carry every tag of q.Tags; with q.FreeOnly
// it must be free; with q.Languages it must be offered in one of them
// (Activity.OfferedIn). With q.WithinDays > 0 it must have a session starting at or
// after q.Now and before the same wall-clock time q.WithinDays days later in
// Europe/London; an activity whose next date is unknown (no fixed dates, or an
// "every other" rule with no start date) does not match a time filter. A zero
// q.Now means the current time.
func Matches(a *Activity, q Query) (next Session, ok bool) {
	now := q.Now
	if now.IsZero() {
		now = time.Now()
	}
	if a == nil || !a.Offerable(now) {
		return Session{}, false
	}
	if len(q.Categories) > 0 {
		found := false
		for _, c := range q.Categories {
			if a.Category == c {
				found = true
				break
			}
		}
		if !found {
			return Session{}, false
		}
	}
	for _, tag := range q.Tags {
		if !a.HasTag(tag) {
			return Session{}, false
		}
	}
	if q.FreeOnly && !a.Free {
		return Session{}, false
	}
	if !a.offeredInAny(q.Languages) {
		return Session{}, false
	}
	next, known := a.Schedule.Next(now)
	if q.WithinDays > 0 {
		if !known || !next.Start.Before(now.In(London).AddDate(0, 0, q.WithinDays)) {
			return Session{}, false
		}
	}
	return next, true
}
