// Package xlsxfile reads and writes the project's catalogue format as an
// Excel workbook (.xlsx), with github.com/xuri/excelize/v2: the sheet called
// Activities (or else the first sheet) holds the same columns as the CSV
// format (see csvfile and docs/catalogue.md), and a record's line is its
// row number in the sheet.
package xlsxfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
)

// Sheet is the name of the sheet that holds the activities. A workbook with
// no sheet of that name (in any case) is read from its first sheet.
const Sheet = "Activities"

// ErrFormat is wrapped by the error for a file that is not an Excel
// workbook in the .xlsx format (an older .xls, a password-protected
// workbook, or not a workbook at all).
var ErrFormat = errors.New("xlsxfile: not an Excel workbook (.xlsx)")

// maxUnzipped bounds how much a workbook may unzip to, so a small file
// cannot expand into all the memory there is.
const maxUnzipped = 1 << 30

// ReadFile reads the workbook at path, as Read does.
func ReadFile(path string) (catalogue.Load, error) {
	f, err := os.Open(path)
	if err != nil {
		return catalogue.Load{Source: path}, fmt.Errorf("xlsxfile: %w", err)
	}
	defer f.Close()
	return Read(path, f)
}

// Read reads a catalogue from the workbook in r; name says where it came
// from in Load.Source and in every RecordError. Postcodes are checked and
// located with csvfile.PlaceChecks. See ReadWith.
func Read(name string, r io.Reader) (catalogue.Load, error) {
	return ReadWith(name, r, csvfile.PlaceChecks())
}

// ReadWith reads a catalogue from the workbook in r with the checks given,
// as csvfile.ReadRows reads a table: the first row that is not blank is the
// header; a row whose first cell starts with # is a note and is not read;
// every other row that is not blank is one activity, and a bad one is
// skipped with its row number, field and reason.
//
// Cells are read as Excel shows them ("£2.00" for a price formatted as
// currency, "TRUE" for a tick box's value), except numbers shown rounded,
// which are read in full (a latitude formatted to two places keeps all of
// its digits). Formulas give the value Excel last worked out.
//
// It returns an error wrapping ErrFormat when r does not hold an .xlsx
// workbook, one wrapping csvfile.ErrHeader when the header is missing or
// wrong, or the reader's error.
func ReadWith(name string, r io.Reader, checks catalogue.Checks) (catalogue.Load, error) {
	load := catalogue.Load{Source: name}
	data, err := io.ReadAll(r)
	if err != nil {
		return load, fmt.Errorf("xlsxfile: %s: %w", name, err)
	}
	rows, err := sheetRowsOf(name, data)
	if err != nil {
		return load, err
	}
	return csvfile.ReadRows(name, rows, checks)
}

// oleMagic starts an Office file in the old compound format: an .xls
// workbook, or an .xlsx protected by a password.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sheetRowsOf opens the workbook in data and returns its activities sheet
// as rows.
func sheetRowsOf(name string, data []byte) (*sheetRows, error) {
	if bytes.HasPrefix(data, oleMagic) {
		return nil, fmt.Errorf("%w: %s is an older Excel workbook (.xls) or one protected by a password: save it as an Excel Workbook (.xlsx) or as CSV UTF-8", ErrFormat, name)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped})
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFormat, name, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%w: %s has no sheets", ErrFormat, name)
	}
	sheet := sheets[0]
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), Sheet) {
			sheet = s
			break
		}
	}
	shown, err := f.GetRows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: sheet %q: %v", ErrFormat, name, sheet, err)
	}
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("%w: %s: sheet %q: %v", ErrFormat, name, sheet, err)
	}
	return &sheetRows{shown: shown, raw: raw}, nil
}

// sheetRows are a sheet's rows, numbered as the spreadsheet numbers them.
// Excel leaves out the empty cells at the end of a row; rows after the
// header are padded to its width.
type sheetRows struct {
	shown, raw [][]string // cells as shown and as stored; row i is row i+1
	next       int
	width      int // the header's, once read
}

var _ csvfile.Rows = (*sheetRows)(nil)

func (s *sheetRows) Next() ([]string, int, error) {
	for s.next < len(s.shown) {
		i := s.next
		s.next++
		var raw []string
		if i < len(s.raw) {
			raw = s.raw[i]
		}
		row := cells(s.shown[i], raw)
		if len(row) > 0 && strings.HasPrefix(strings.TrimSpace(row[0]), "#") {
			continue // a note, as a line starting with # is in CSV
		}
		if s.width == 0 {
			if !blank(row) {
				s.width = len(row)
			}
		} else {
			for len(row) > s.width && strings.TrimSpace(row[len(row)-1]) == "" {
				row = row[:len(row)-1]
			}
			for len(row) < s.width {
				row = append(row, "")
			}
		}
		return row, i + 1, nil
	}
	return nil, 0, io.EOF
}

// cells chooses each cell's text: as shown, unless the cell is a number
// shown as a number, whose stored value has every digit ("51.23" shown,
// 51.230012 stored).
func cells(shown, raw []string) []string {
	row := make([]string, len(shown))
	for j, v := range shown {
		row[j] = v
		if j < len(raw) && raw[j] != v && isNumber(v) && isNumber(raw[j]) {
			row[j] = raw[j]
		}
	}
	return row
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
