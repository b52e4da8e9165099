package csvfile

import (
	"fmt"

	"github.com/heritage-line/heritageline/catalogue"
)

// Rows is a table in the project's catalogue format read one row at a time:
// a CSV file's records, or the rows of a spreadsheet's sheet.
type Rows interface {
	// Next returns the next row's fields and its line: the line of a text
	// file the row starts on, or a sheet's row number, as the coordinator
	// sees it. After the last row it returns io.EOF. An error of type
	// *RowError means that one row could not be read and the next may be
	// asked for; any other error ends the table.
	Next() (fields []string, line int, err error)
}

// RowError is one row that could not be read at all (bad quoting). The row
// is skipped with the reason; the rest of the table is read.
type RowError struct {
	Line   int
	Reason string
}

func (e *RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// ReadRows reads a catalogue in the project's format from a table, as Read
// does from a CSV file: the first row that is not blank is the header, and
// every later row that is not blank is one activity, checked with checks.
// Each bad row is skipped, and reported with its line (Rows' own numbering),
// field and reason. It returns an error wrapping ErrHeader when the header is
// missing or wrong, or the error Rows gave that ended the table.
func ReadRows(name string, rows Rows, checks catalogue.Checks) (catalogue.Load, error) {
	return readTable(name, rows, checks, 0)
}
