package csvfile

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestGuideNamesEveryColumn(t *testing.T) {
	var names []string
	for _, c := range Guide {
		names = append(names, c.Name)
		if c.About == "" {
			t.Errorf("column %s has no note", c.Name)
		}
		if c.Required != slices.Contains(Required, c.Name) {
			t.Errorf("column %s: got required %v; want %v", c.Name, c.Required, !c.Required)
		}
	}
	if !slices.Equal(names, Columns) {
		t.Errorf("got %v; want every column in order: %v", names, Columns)
	}
}

// TestTemplateLoads: the starter CSV has a note on every column, every
// column in its header, and two example rows that load without a problem.
func TestTemplateLoads(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	for _, c := range Columns {
		if !strings.Contains(text, "\n# "+c+" ") && !strings.Contains(text, "\n# "+c+":") {
			t.Errorf("template has no note on column %s", c)
		}
	}
	if !strings.HasPrefix(text, "\ufeff") {
		t.Error("template has no byte-order mark; Excel would open its £ and é wrongly")
	}
	load, err := ReadWith("template.csv", &buf, fakeChecks)
	if err != nil {
		t.Fatal(err)
	}
	if len(load.Activities) != 2 || len(load.Skipped)+len(load.Ended)+len(load.Warnings) != 0 {
		t.Fatalf("got %d activities, skipped %v, ended %v, warnings %v; want 2 and nothing else", len(load.Activities), load.Skipped, load.Ended, load.Warnings)
	}
	if got := load.Activities[0].Title; got != "Heritage Café" {
		t.Errorf("got title %q; want Heritage Café", got)
	}
	if rows := TemplateRows(); !slices.Equal(rows[0], Columns) || len(rows) != 3 {
		t.Errorf("got template rows %v; want the header and two rows", rows)
	}
}
