package catalogue

// Matches reports whether a satisfies q's filters (active, category, tags, free
// only, on within q.WithinDays of q.Now), ignoring distance, and returns its next
// session after q.Now (zero if unknown). Every Finder uses it, so the filters
// mean the same on every store.
//
// STUB: being written.
func Matches(a *Activity, q Query) (next Session, ok bool) {
	return Session{}, a.Active
}
