// Package publish is the coordinator's catalogue workflow: upload a workbook,
// CSV or Open Referral file; see, before anything goes live, every record that
// would be skipped or has ended, with its line and field; preview an activity
// exactly as a caller would hear it and a texter would read it; publish; keep
// the last ten published versions and roll back to any of them.
//
// Drafts and versions are kept by a Store shared by every instance of the line
// (catalogue/published keeps them in Redis). The version published last, or
// rolled back to, is the catalogue in service: the Service's Load is what the
// line's catalogue.Refresher reads, on every instance, in place of the
// CATALOGUE source, until the coordinator goes back to that source.
package publish

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// Errors the Service returns (wrapped); the console turns each into a plain
// sentence for the coordinator.
var (
	// ErrNotFound means no draft or version has the id asked for; a draft
	// is kept DraftTTL after its upload.
	ErrNotFound = errors.New("publish: no such draft or version")
	// ErrUnsupported means the file is not a workbook (.xlsx), a CSV file
	// (.csv) or an Open Referral file (.json).
	ErrUnsupported = errors.New("publish: not a workbook, CSV or Open Referral file")
	// ErrEmpty means the file uploaded has nothing in it.
	ErrEmpty = errors.New("publish: the file is empty")
	// ErrTooLarge means the file is larger than Options.MaxSize.
	ErrTooLarge = errors.New("publish: the file is too large")
	// ErrUnreadable wraps a reader's error for a file that cannot be read at
	// all (no header, not JSON, cut off part way); its text names the file
	// and where.
	ErrUnreadable = errors.New("publish: the file cannot be read")
)

// DropError is returned by Publish, unaccepted, for a draft that would take
// more than Options.MaxDrop of the active activities in service out at once.
type DropError struct {
	InService int // active activities in service now
	Offered   int // active activities the draft would put in service
	MaxDrop   float64
}

func (e *DropError) Error() string {
	return fmt.Sprintf("publish: would take %d of the %d activities in service out at once (at most %.0f%% may go without accepting it)",
		e.InService-e.Offered, e.InService, 100*e.MaxDrop)
}

// Draft is one uploaded file, read and checked, waiting to be published.
type Draft struct {
	ID   string    `json:"id"`
	File string    `json:"file"` // the file's name as uploaded
	By   string    `json:"by"`   // who uploaded it
	At   time.Time `json:"at"`

	// Load is the file read: the activities that load (active and
	// inactive) and every record skipped or ended, with line, field and
	// reason.
	Load catalogue.Load `json:"load"`
	// Change compares the draft with the catalogue in service when it was
	// uploaded.
	Change Change `json:"change"`
}

// Counts sums up what a catalogue holds.
type Counts struct {
	Active   int `json:"active"`
	Inactive int `json:"inactive"`
	Ended    int `json:"ended"`
	Skipped  int `json:"skipped"`
	Warnings int `json:"warnings"`
}

// Counts sums up the draft's Load.
func (d *Draft) Counts() Counts { return countsOf(&d.Load) }

func countsOf(l *catalogue.Load) Counts {
	c := Counts{Skipped: len(l.Skipped)}
	for i := range l.Activities {
		if l.Activities[i].Active {
			c.Active++
		} else {
			c.Inactive++
		}
	}
	c.Ended, c.Warnings = loadExtras(l)
	return c
}

// Change is how a catalogue differs from the one in service, by activity id
// (active activities only).
type Change struct {
	InService int      `json:"in_service"` // active activities in service
	Added     []string `json:"added,omitempty"`
	Removed   []string `json:"removed,omitempty"`
	Changed   []string `json:"changed,omitempty"`
}

// Info describes one published version.
type Info struct {
	ID     string    `json:"id"` // "v12": numbered from 1 in the order published
	File   string    `json:"file"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Counts Counts    `json:"counts"`
}

// Version is one published catalogue, whole: inactive activities and the
// report of what was skipped are kept with it.
type Version struct {
	Info Info           `json:"info"`
	Load catalogue.Load `json:"load"`
}

// Store keeps drafts and published versions where every instance of the line
// sees them. catalogue/published is the Redis implementation.
type Store interface {
	// SaveDraft keeps d, by its ID, for the store's draft lifetime.
	SaveDraft(ctx context.Context, d *Draft) error
	// Draft returns the draft with id, or ErrNotFound.
	Draft(ctx context.Context, id string) (*Draft, error)
	// Publish keeps v as the newest version, numbering it (v.Info.ID is
	// ignored), makes it current, and forgets the versions beyond the
	// newest keep, all at once. It returns v's Info as kept.
	Publish(ctx context.Context, v *Version, keep int) (Info, error)
	// Versions lists the versions kept, newest first, and the id of the
	// current one ("" when none is: the line follows its CATALOGUE source).
	Versions(ctx context.Context) (infos []Info, current string, err error)
	// Version returns the version with id, or ErrNotFound.
	Version(ctx context.Context, id string) (*Version, error)
	// SetCurrent makes the kept version id current ("" for none), or
	// returns ErrNotFound.
	SetCurrent(ctx context.Context, id string) error
}
