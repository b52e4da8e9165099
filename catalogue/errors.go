package catalogue

import (
	"errors"
	"fmt"
)

var (
	// ErrNotFound means no active activity has the id asked for.
	ErrNotFound = errors.New("catalogue: activity not found")
	// ErrNoCatalogue means no catalogue has been loaded yet.
	ErrNoCatalogue = errors.New("catalogue: no catalogue loaded")
	// ErrTruncated means a source ends part way through a record, as a file
	// still being copied or a download cut short does: what was read is not
	// the whole catalogue. Readers wrap it with where the source ends; a
	// Refresher holds such a source and keeps the catalogue in service.
	ErrTruncated = errors.New("catalogue: source ends part way through a record")
)

// RecordError says precisely why one record of a source was skipped: which
// source, which record (a line number for files, an id for feeds), which field.
type RecordError struct {
	Source string // file path or URL
	Line   int    // 1-based line in a file, 0 if not applicable
	Record string // record id, if it has one
	Field  string // the field at fault
	Reason string // plain words: "missing", "outside the UK", "unparseable schedule \"...\""
}

func (e *RecordError) Error() string {
	where := e.Source
	if e.Line > 0 {
		where = fmt.Sprintf("%s line %d", where, e.Line)
	}
	if e.Record != "" {
		where = fmt.Sprintf("%s record %q", where, e.Record)
	}
	return fmt.Sprintf("%s: field %s: %s", where, e.Field, e.Reason)
}

// Load is the outcome of reading a source: the activities it yielded (active and
// inactive), the records it skipped, each with its reason, the records left
// out because their schedules have ended, and warnings about records that
// loaded. Summarise sums it up for the coordinator.
type Load struct {
	Source     string
	Activities []Activity
	Skipped    []*RecordError
	// Ended are active records, fit to load, whose schedules ended before
	// the day they were read (Field "schedule"). They are not in Activities:
	// an ended activity is never offered.
	Ended []*RecordError
	// Warnings are about records that are in Activities all the same: a
	// phone that is not a phone number, an "every other" rule with no start
	// date, an Open Referral record whose own page could not be fetched.
	Warnings []*RecordError
}
