package xlsxfile

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/heritage-line/heritageline/catalogue/csvfile"
)

// GuideSheet is the template's sheet of notes, one row a column. It is not
// read as activities.
const GuideSheet = "Columns"

// WriteTemplate writes the starter workbook: the Activities sheet with every
// column in its header (bold, frozen, each header cell carrying its note)
// and two example rows, and the Columns sheet with a line on each column:
// its name, whether it is required and what it holds. It returns the
// writer's error, or excelize's.
func WriteTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := fillTemplate(f); err != nil {
		return fmt.Errorf("xlsxfile: template: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsxfile: template: %w", err)
	}
	return nil
}

func fillTemplate(f *excelize.File) error {
	if err := f.SetSheetName("Sheet1", Sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	// Text format ("@") for the whole sheet's body, so that Excel keeps a
	// phone's leading 0 and does not turn 2026-01-09 into a date serial.
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	last, err := excelize.ColumnNumberToName(len(csvfile.Columns))
	if err != nil {
		return err
	}
	if err := f.SetColStyle(Sheet, "A:"+last, text); err != nil {
		return err
	}
	for i, row := range csvfile.TemplateRows() {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(Sheet, cell, &row); err != nil {
			return err
		}
	}
	if err := f.SetRowStyle(Sheet, 1, 1, bold); err != nil {
		return err
	}
	for i, c := range csvfile.Guide {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		width := 18.0
		switch c.Name {
		case "title", "summary", "description", "schedule", "accessibility", "source":
			width = 40
		}
		if err := f.SetColWidth(Sheet, col, col, width); err != nil {
			return err
		}
		if err := f.AddComment(Sheet, excelize.Comment{Author: "Heritage Line", Cell: col + "1", Text: note(c)}); err != nil {
			return err
		}
	}
	if err := f.SetPanes(Sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}

	if _, err := f.NewSheet(GuideSheet); err != nil {
		return err
	}
	if err := f.SetSheetRow(GuideSheet, "A1", &[]string{"column", "required", "what it holds"}); err != nil {
		return err
	}
	for i, c := range csvfile.Guide {
		req := "no"
		if c.Required {
			req = "yes"
		}
		if err := f.SetSheetRow(GuideSheet, fmt.Sprintf("A%d", i+2), &[]string{c.Name, req, c.About}); err != nil {
			return err
		}
	}
	if err := f.SetRowStyle(GuideSheet, 1, 1, bold); err != nil {
		return err
	}
	if err := f.SetColWidth(GuideSheet, "A", "B", 14); err != nil {
		return err
	}
	if err := f.SetColWidth(GuideSheet, "C", "C", 100); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}

func note(c csvfile.Column) string {
	if c.Required {
		return c.Name + " (required): " + c.About
	}
	return c.Name + ": " + c.About
}
