package csvfile

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// Column describes one column of the format: for the starter template and
// the notes in it, and for docs/catalogue.md.
type Column struct {
	Name     string
	Required bool
	About    string // one line: what it holds
}

// Guide describes every column, in the order of Columns.
var Guide = []Column{
	{"id", true, "A stable identifier, unique in the file (letters, digits and hyphens). Keep it the same when you edit the row."},
	{"title", true, "The activity's name, as it will be spoken and texted."},
	{"organisation", false, "Who runs it."},
	{"summary", false, "One plain sentence, read out on the phone and sent by text."},
	{"description", false, "Longer text, for volunteers."},
	{"category", true, "One of walk, museum, history-group, cafe, crafts, archaeology."},
	{"tags", false, "Separated by semicolons: dementia-friendly; carers-welcome; women-only; step-free; or your own."},
	{"venue", false, "The venue's name."},
	{"address", false, "Street address or meeting point."},
	{"town", true, "The town, as residents say it."},
	{"postcode", true, "A full postcode (BA11 1AT) or a postcode district (BA11). May be blank when latitude and longitude are given."},
	{"latitude", false, "Decimal degrees north (51.2300). Give both or neither; without them the postcode places it."},
	{"longitude", false, "Decimal degrees east; west is negative (-2.3208)."},
	{"schedule", true, "When it meets, in short English: first Thursday of the month, 10:30-12:00; every other Friday from 2026-01-09, 10:00-12:00; every Tuesday, 10:00-12:00, until 2027-03-31."},
	{"cost", false, "The price as the organiser words it: Free, £2, £3 for visitors."},
	{"free", false, "yes or no. Blank: free when the cost starts with Free."},
	{"accessibility", false, "One line of access notes."},
	{"phone", false, "Booking or enquiries number: 01632 960101."},
	{"booking", false, "yes if people must book; blank means no."},
	{"referral", false, "self (anyone may come) or link-worker (only through a social prescribing link worker). Blank means self."},
	{"languages", false, "Languages spoken besides English, separated by semicolons."},
	{"status", false, "active or inactive. Blank means active; inactive rows are kept but never offered."},
	{"source", false, "Where the record came from. Blank means the file name and the id."},
}

// templateRows are the two example rows of the template, by column.
var templateRows = []map[string]string{
	{
		"id": "frome-heritage-cafe", "title": "Heritage Café", "organisation": "Frome Heritage Museum",
		"summary":     "A relaxed monthly café with tea, cake and objects from the museum to talk about.",
		"description": "Volunteers bring objects from the collection to handle and talk about. No need to book.",
		"category":    "cafe", "tags": "dementia-friendly; step-free", "venue": "Frome Heritage Museum",
		"address": "North Parade", "town": "Frome", "postcode": "BA11 1AT", "latitude": "51.2300", "longitude": "-2.3208",
		"schedule": "first Thursday of the month, 10:30-12:00", "cost": "Free (donations welcome)", "free": "yes",
		"accessibility": "Ground-floor room; galleries are up stairs", "phone": "01632 960101", "booking": "no",
		"referral": "self", "languages": "", "status": "active", "source": "Heritage Line template: an example to replace",
	},
	{
		"id": "frome-weaving-taster", "title": "Cloth-town spinning and weaving taster", "organisation": "Frome Heritage Museum",
		"summary":     "Try spinning and weaving as Frome's cloth workers did, sitting down, with all materials provided.",
		"description": "",
		"category":    "crafts", "tags": "", "venue": "Frome Heritage Museum",
		"address": "North Parade", "town": "Frome", "postcode": "BA11 1AT", "latitude": "", "longitude": "",
		"schedule": "every other Friday from 2026-01-09, 10:00-12:00", "cost": "£2", "free": "no",
		"accessibility": "Seated activity", "phone": "01632 960107", "booking": "yes",
		"referral": "self", "languages": "Polish", "status": "active", "source": "Heritage Line template: an example to replace",
	},
}

// TemplateRows returns the starter catalogue as a table: the header (every
// column, in the order of Columns) and two example rows that load without a
// warning.
func TemplateRows() [][]string {
	out := [][]string{append([]string(nil), Columns...)}
	for _, ex := range templateRows {
		row := make([]string, len(Columns))
		for i, c := range Columns {
			row[i] = ex[c]
		}
		out = append(out, row)
	}
	return out
}

// WriteTemplate writes the starter catalogue as CSV in UTF-8 with a
// byte-order mark (so that Excel opens "é" and "£" as they are): a note on
// each column in comment lines, which are not read, then the header and two
// example rows. It returns the writer's error.
func WriteTemplate(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\ufeff# Heritage Line catalogue: one activity a row. Lines starting with # are notes and are not read.\r\n")
	bw.WriteString("# Replace the two example rows with your own, keep the header row, and save as CSV UTF-8 (or keep the .xlsx).\r\n")
	bw.WriteString("# Check it with: heritageline catalogue check FILE\r\n")
	for _, c := range Guide {
		req := ""
		if c.Required {
			req = " (required)"
		}
		fmt.Fprintf(bw, "# %s%s: %s\r\n", c.Name, req, strings.ReplaceAll(c.About, "\n", " "))
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.WriteAll(TemplateRows()); err != nil {
		return fmt.Errorf("csvfile: template: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("csvfile: template: %w", err)
	}
	return nil
}
