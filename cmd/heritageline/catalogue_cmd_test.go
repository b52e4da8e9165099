package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestCatalogueCheckFailsWhenNothingCanBeOffered(t *testing.T) {
	out, err := runCmd(t, "catalogue", "check", "testdata/catalogue/all-bad.csv")
	if err == nil {
		t.Fatalf("check of a catalogue with no valid record succeeded:\n%s", out)
	}
	for _, want := range []string{"0 active", "3 skipped", "line 2", "field title", "line 3", "line 4", "field schedule"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestCatalogueCheckExitCodes: 0 only when every record loads, 1 when some
// were skipped or have ended, 2 when nothing could be read or offered; each
// finding is printed with its line and field.
func TestCatalogueCheckExitCodes(t *testing.T) {
	tests := []struct {
		source string
		code   int
		want   []string
	}{
		{"sample", 0, []string{"32 active, 2 inactive, 0 ended, 0 skipped"}},
		{"testdata/catalogue/ended.csv", 1, []string{
			"3 active, 0 inactive, 1 ended, 0 skipped, 2 with warnings",
			`ended: testdata/catalogue/ended.csv line 3 record "long-gone": field schedule: ended on 2020-01-01`,
			`warning: testdata/catalogue/ended.csv line 4 record "ring-sue": field phone: "ring Sue" is not a phone number`,
			`warning: testdata/catalogue/ended.csv line 5 record "fortnightly": field schedule: an "every other" or "every n weeks" rule has no start date`,
		}},
		{"../../catalogue/openreferral/testdata/v3/page1.json", 1, []string{"2 active", `skipped: ../../catalogue/openreferral/testdata/v3/page1.json record "v3-no-name": field name: missing`, `record "v3-new-york"`, "outside the UK"}},
		{"testdata/catalogue/all-bad.csv", 2, []string{"0 active", "3 skipped"}},
		{"testdata/catalogue/no-such-file.csv", 2, []string{"nothing could be read", "no-such-file.csv"}},
	}
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			out, err := runCmd(t, "catalogue", "check", tt.source)
			code := 0
			var ee exitError
			switch {
			case errors.As(err, &ee):
				code = ee.code
				out += err.Error()
			case err != nil:
				code = 1
				out += err.Error()
			}
			if code != tt.code {
				t.Errorf("got exit %d; want %d\n%s", code, tt.code, out)
			}
			for _, want := range tt.want {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

func TestCatalogueSearchNearestFirst(t *testing.T) {
	for _, near := range []string{"BA11 1AT", "ba11", "Frome"} {
		t.Run(near, func(t *testing.T) {
			out, err := runCmd(t, "catalogue", "search", "--near", near, "--limit", "40")
			if err != nil {
				t.Fatalf("search: %v\n%s", err, out)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) < 5 {
				t.Fatalf("got %d lines; want a heading and several results:\n%s", len(lines), out)
			}
			if !strings.Contains(lines[1], "Frome") {
				t.Errorf("nearest result %q is not in Frome", lines[1])
			}
			last := -1.0
			for _, l := range lines[1:] {
				var miles float64
				if _, err := fmtSscan(l, &miles); err != nil {
					t.Fatalf("line %q: %v", l, err)
				}
				if miles < last {
					t.Errorf("%.1f mi after %.1f mi: not nearest first", miles, last)
				}
				last = miles
			}
			for _, inactive := range []string{"frome-tapestry-group", "yarmouth-rows-walk"} {
				if strings.Contains(out, inactive) {
					t.Errorf("inactive activity %s offered:\n%s", inactive, out)
				}
			}
		})
	}
}

func TestCatalogueSearchUnknownPlace(t *testing.T) {
	out, err := runCmd(t, "catalogue", "search", "--near", "Frume")
	if err != nil {
		if !strings.Contains(err.Error(), "Frome") {
			t.Errorf("error %q does not suggest Frome", err)
		}
		return
	}
	if !strings.Contains(out, "Frome") {
		t.Errorf("a misspelt Frome found nothing near Frome:\n%s", out)
	}
}

func fmtSscan(line string, miles *float64) (int, error) {
	return fmt.Sscan(strings.TrimSpace(strings.SplitN(strings.TrimSpace(line), " mi", 2)[0]), miles)
}

// TestCatalogueTemplate writes the starter workbook and CSV; each checks
// clean (exit 0, two activities), and neither overwrites a file.
func TestCatalogueTemplate(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"catalogue.xlsx", "catalogue.csv"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			out, err := runCmd(t, "catalogue", "template", path)
			if err != nil {
				t.Fatalf("template: %v\n%s", err, out)
			}
			out, err = runCmd(t, "catalogue", "check", path)
			if err != nil {
				t.Fatalf("check of the template: %v\n%s", err, out)
			}
			if !strings.Contains(out, "2 active, 0 inactive, 0 ended, 0 skipped, 0 with warnings") {
				t.Errorf("got %q; want the two examples and nothing else", out)
			}
			before, _ := os.ReadFile(path)
			if _, err := runCmd(t, "catalogue", "template", path); err == nil || !strings.Contains(err.Error(), "already exists") {
				t.Errorf("got %v; want a refusal to overwrite %s", err, path)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Errorf("%s changed", path)
			}
		})
	}
	out, err := runCmd(t, "catalogue", "template", "-")
	if err != nil || !strings.Contains(out, "# schedule (required):") || !strings.Contains(out, "frome-heritage-cafe,Heritage Café") {
		t.Errorf("template to standard output: %v\n%s", err, out)
	}
	if _, err := runCmd(t, "catalogue", "template", filepath.Join(dir, "catalogue.ods")); err == nil {
		t.Error("template wrote a .ods file; want a usage error")
	}
}
