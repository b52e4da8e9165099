package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestCatalogueCheckNamesEachBadRecord(t *testing.T) {
	out, err := runCmd(t, "catalogue", "check", "../../catalogue/openreferral/testdata/v3/page1.json")
	if err != nil {
		t.Fatalf("check: %v\n%s", err, out)
	}
	for _, want := range []string{"2 active", `record "v3-no-name": field name: missing`, `record "v3-new-york"`, "outside the UK"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
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
