package xlsxfile

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
)

// fakeChecks stands in for the places package: it knows one postcode.
var fakeChecks = catalogue.Checks{
	Postcode: func(s string) (string, bool) {
		if strings.EqualFold(strings.ReplaceAll(s, " ", ""), "BA111AT") {
			return "BA11 1AT", true
		}
		return "", false
	},
	Locate: func(pc string) (float64, float64, bool) { return 51.23, -2.3208, pc == "BA11 1AT" },
}

// coordinatorWorkbook is a workbook as a coordinator might keep one: a
// sheet of their own first, then Activities with a note above the header,
// numbers and prices typed as numbers and formatted, a tick-box TRUE, a gap,
// and a bad row.
func coordinatorWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Contacts"))
	must(f.SetSheetRow("Contacts", "A1", &[]string{"who", "number"}))
	_, err := f.NewSheet("activities") // any case
	must(err)
	s := "activities"
	must(f.SetCellStr(s, "A1", "# Our catalogue, kept by the coordinator"))
	must(f.SetSheetRow(s, "A3", &[]any{"id", "title", "category", "schedule", "town", "postcode", "latitude", "longitude", "cost", "free", "phone"}))
	must(f.SetSheetRow(s, "A4", &[]any{"cafe", "Heritage Café", "cafe", "first Thursday of the month, 10:30-12:00", "Frome", "BA11 1AT", 51.230012, -2.320845, 0, true, "01632 960101"}))
	must(f.SetSheetRow(s, "A5", &[]any{"weave", "Weavers’ taster", "crafts", "every other Friday from 2026-01-09, 10:00-12:00", "Frome", "ba11 1at", nil, nil, 2, false}))
	must(f.SetSheetRow(s, "A6", &[]any{"bingo", "Bingo", "bingo", "every Friday, 19:00-21:00", "Frome", "BA11 1AT"}))
	// Row 7 is empty; row 8 is a walk with no trailing cells at all.
	must(f.SetSheetRow(s, "A8", &[]any{"walk", "Town walk", "walk", "every Tuesday, 10:00-12:00", "Frome", "BA11 1AT"}))
	twoPlaces, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	must(err)
	must(f.SetCellStyle(s, "G4", "H4", twoPlaces))
	pounds := "£#,##0.00"
	money, err := f.NewStyle(&excelize.Style{CustomNumFmt: &pounds})
	must(err)
	must(f.SetCellStyle(s, "I4", "I5", money))
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadWorkbook(t *testing.T) {
	load, err := ReadWith("catalogue.xlsx", bytes.NewReader(coordinatorWorkbook(t)), fakeChecks)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range load.Activities {
		ids = append(ids, a.ID)
	}
	if !slices.Equal(ids, []string{"cafe", "weave", "walk"}) {
		t.Fatalf("got %v, skipped %v; want cafe, weave, walk", ids, load.Skipped)
	}
	cafe, weave := load.Activities[0], load.Activities[1]
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"title", cafe.Title, "Heritage Café"},
		{"latitude in full, not as shown", cafe.Lat, 51.230012},
		{"longitude in full", cafe.Lon, -2.320845},
		{"tick box", cafe.Free, true},
		{"price as shown", weave.Cost, "£2.00"},
		{"not free", weave.Free, false},
		{"curly quote", weave.Title, "Weavers’ taster"},
		{"postcode normalised", weave.Postcode, "BA11 1AT"},
		{"source", cafe.Source, "catalogue.xlsx#cafe"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %v; want %v", c.name, c.got, c.want)
		}
	}
	if len(load.Skipped) != 1 || *load.Skipped[0] != (catalogue.RecordError{Source: "catalogue.xlsx", Line: 6, Record: "bingo", Field: "category", Reason: load.Skipped[0].Reason}) {
		t.Errorf("got skipped %v; want row 6's category", load.Skipped)
	}
}

// TestRowNumbers: a record's line is its row in the sheet, after notes,
// gaps and a header that is not on row 1.
func TestRowNumbers(t *testing.T) {
	data := coordinatorWorkbook(t)
	rows, err := sheetRowsOf("x.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for {
		row, line, err := rows.Next()
		if err != nil {
			break
		}
		if !blank(row) {
			lines = append(lines, line)
		}
	}
	if !slices.Equal(lines, []int{3, 4, 5, 6, 8}) {
		t.Errorf("got rows %v; want 3 (the header), 4, 5, 6 and 8", lines)
	}
}

func TestTemplate(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	load, err := ReadWith("template.xlsx", bytes.NewReader(data), fakeChecks)
	if err != nil {
		t.Fatal(err)
	}
	if len(load.Activities) != 2 || len(load.Skipped)+len(load.Ended)+len(load.Warnings) != 0 {
		t.Fatalf("got %d activities, skipped %v, ended %v, warnings %v; want 2 and nothing else", len(load.Activities), load.Skipped, load.Ended, load.Warnings)
	}
	if a := load.Activities[1]; a.Phone != "01632 960107" || a.Schedule.Rules[0].Start.String() != "2026-01-09" {
		t.Errorf("got phone %q, start %v; want 01632 960107 and 2026-01-09 kept as text", a.Phone, a.Schedule.Rules[0].Start)
	}

	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{Sheet, GuideSheet}) {
		t.Errorf("got sheets %v; want %s and %s", got, Sheet, GuideSheet)
	}
	header, _ := f.GetRows(Sheet)
	if len(header) != 3 || !slices.Equal(header[0], csvfile.Columns) {
		t.Errorf("got rows %v; want the header with every column and two examples", header)
	}
	guide, _ := f.GetRows(GuideSheet)
	if len(guide) != len(csvfile.Columns)+1 {
		t.Fatalf("got %d rows of notes; want a heading and one a column", len(guide))
	}
	for i, c := range csvfile.Guide {
		if guide[i+1][0] != c.Name || guide[i+1][2] != c.About {
			t.Errorf("notes row %d: got %v; want %s: %s", i+2, guide[i+1], c.Name, c.About)
		}
	}
	comments, err := f.GetComments(Sheet)
	if err != nil || len(comments) != len(csvfile.Columns) {
		t.Errorf("got %d notes on the header (%v); want one on each column", len(comments), err)
	}
}

func TestNotAWorkbook(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"csv", "id,title\n", "not an Excel workbook"},
		{"xls", string(oleMagic) + strings.Repeat("\x00", 100), "older Excel workbook (.xls)"},
		{"empty", "", "not an Excel workbook"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadWith("book.xlsx", strings.NewReader(tt.data), fakeChecks)
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "book.xlsx") {
				t.Errorf("got %v; want ErrFormat naming book.xlsx and saying %q", err, tt.want)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add(coordinatorWorkbook(f))
	var tmpl bytes.Buffer
	if err := WriteTemplate(&tmpl); err != nil {
		f.Fatal(err)
	}
	f.Add(tmpl.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		load, err := ReadWith("fuzz.xlsx", bytes.NewReader(data), fakeChecks)
		if err != nil {
			return
		}
		for _, a := range load.Activities {
			if a.ID == "" || a.Title == "" || !a.Category.Valid() || !catalogue.InUK(a.Lat, a.Lon) {
				t.Fatalf("kept an invalid activity %+v", a)
			}
		}
		for _, s := range load.Skipped {
			if s.Source != "fuzz.xlsx" || s.Line <= 0 || s.Field == "" || s.Reason == "" {
				t.Fatalf("got an imprecise skip %+v", s)
			}
		}
	})
}
