package csvfile

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"github.com/heritage-line/heritageline/catalogue"
)

// endWatch passes a source through to the CSV reader and remembers how it
// ends, so that a file cut off part way through a record (a copy still in
// progress, a download cut short) is told from a whole one.
type endWatch struct {
	r      io.Reader
	last   byte  // the last byte read
	quotes int64 // quote characters read
}

func (e *endWatch) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if n > 0 {
		e.last = p[n-1]
		for _, b := range p[:n] {
			if b == '"' {
				e.quotes++
			}
		}
	}
	return n, err
}

// lastRow is the last thing the CSV reader gave before the end: a row with
// its line and number of fields, or a parse error.
type lastRow struct {
	line, fields int
	err          *csv.ParseError
}

// cutOff returns an error wrapping catalogue.ErrTruncated when the source
// read through e ended part way through its last record, given that record
// and the header's width:
//
//   - the source ends inside a quoted field: the last read failed with an
//     open quote and the source holds an odd number of quote characters
//     (in whole CSV every quote is one of a pair), or
//   - the last line has no line end and fewer fields than the header.
//
// A last line with no line end but every field is taken as whole: many
// programs write no final line end. A cut that falls exactly at the end of a
// line cannot be seen here; the Refresher's limit on how much one reload may
// remove is the guard for that.
func (e *endWatch) cutOff(name string, last lastRow, width int) error {
	if last.err != nil && errors.Is(last.err.Err, csv.ErrQuote) && e.quotes%2 == 1 {
		return fmt.Errorf("csvfile: %s: %w: it ends inside a quoted field that opens on line %d (the file may still be being copied, or a closing quote is missing)",
			name, catalogue.ErrTruncated, last.err.StartLine)
	}
	if last.err == nil && last.line > 0 && e.last != '\n' && e.last != '\r' && last.fields < width {
		return fmt.Errorf("csvfile: %s: %w: its last line (line %d) has %d of the header's %d fields and no line end (the file may still be being copied)",
			name, catalogue.ErrTruncated, last.line, last.fields, width)
	}
	return nil
}

// readErr wraps an error from the reader under the CSV parser: a source
// that ended before its declared length (a download cut short) is a
// truncated one.
func readErr(name string, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("csvfile: %s: %w: %w", name, catalogue.ErrTruncated, err)
	}
	return fmt.Errorf("csvfile: %s: %w", name, err)
}
