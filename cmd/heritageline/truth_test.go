package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestNamesOfTheLine: on the real line with its embedded catalogue, a
// venue's own name finds its activity and what is near it, by text and by
// voice, as a town would; a Welsh town's Welsh name finds the town; a
// Northern Ireland postcode is told the line covers Great Britain, with a
// way to a volunteer.
func TestNamesOfTheLine(t *testing.T) {
	tl := startLine(t, lineOptions{})
	l := tl.sim("+447700900456")

	got := tl.text1(l, "Hippodrome Circus")
	if !strings.Contains(got, "near Hippodrome Circus") || !strings.Contains(got, "Backstage circus history tour") {
		t.Errorf("text Hippodrome Circus: got %q; want the activities near it, its own tour among them", got)
	}
	got = tl.text1(l, "anything on at the Hippodrome Circus?")
	if !strings.Contains(got, "Backstage circus history tour") {
		t.Errorf("text ... at the Hippodrome Circus: got %q; want its tour", got)
	}
	got = tl.text1(l, "Abertawe")
	if !strings.Contains(got, "Abertawe") || strings.Contains(got, "Aberdare") || strings.Contains(got, "couldn't find") {
		t.Errorf("text Abertawe: got %q; want Swansea's answer, named as texted", got)
	}
	got = tl.text1(l, "BT1 5GS")
	if !strings.Contains(got, "Northern Ireland") || !strings.Contains(got, "CALL") {
		t.Errorf("text BT1 5GS: got %q; want the line covers Great Britain, and CALL", got)
	}

	tr := tl.call(tl.sim("+447700900457"), script("1", "Hippodrome Circus", "9"))
	if heard := strings.Join(tr.Said(), " "); !strings.Contains(heard, "Backstage circus history tour. At Hippodrome Circus, Great Yarmouth") {
		t.Errorf("said Hippodrome Circus: heard %q; want the activities near it", heard)
	}
	tr = tl.call(tl.sim("+447700900458"), script("1", "BT1 5GS", "0"))
	if !tr.Heard("not Northern Ireland") || len(tr.Dials()) == 0 {
		t.Errorf("said BT1 5GS: heard %q; want told the line covers Great Britain, then put through to a volunteer", tr.Said())
	}
}

// TestSimulatorDoc: the example in docs/simulator.md is what the demo line
// prints for the moves it names (up to each next date, which moves with the
// clock).
func TestSimulatorDoc(t *testing.T) {
	doc, err := os.ReadFile(root + "docs/simulator.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "## What it prints")
	if !ok {
		t.Fatal("docs/simulator.md has no \"What it prints\"")
	}
	_, rest, _ = strings.Cut(rest, "```\n")
	example, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("docs/simulator.md: no example under \"What it prints\"")
	}
	env := map[string]string{"LOG_LEVEL": "error"}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"call"}, func(k string) string { return env[k] }, strings.NewReader("frome\n0\n"), &out, &errOut); err != nil {
		t.Fatalf("call: %v\n%s", err, errOut.String())
	}
	undated := func(s string) []string {
		var lines []string
		for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
			if i := strings.Index(l, " The next is "); i >= 0 {
				l = l[:i]
			}
			lines = append(lines, l)
		}
		return lines
	}
	if got, want := undated(out.String()), undated(example); !slices.Equal(got, want) {
		t.Errorf("docs/simulator.md's example differs from the line:\ngot:\n%s\nwant (the doc):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCatalogueCheckSaysADetailPageWasMissing: `catalogue check` on an Open
// Referral API whose list names a service whose own page is missing says
// so, with the page, and exits 1; it does not blame the taxonomy.
func TestCatalogueCheckSaysADetailPageWasMissing(t *testing.T) {
	const full = `{"id":"%s","name":"Walk %s","service_at_locations":[{"location":{"latitude":51.2,"longitude":-2.3}}],"attributes":[{"taxonomy_term":{"term":"walk"}}]}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/services":
			fmt.Fprint(w, `{"total_pages":1,"last_page":true,"contents":[{"id":"a","name":"Walk a"},{"id":"b","name":"Walk b"}]}`)
		case "/services/a":
			fmt.Fprintf(w, full, "a", "a")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	out, err := runCmd(t, "catalogue", "check", srv.URL)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Errorf("got %v; want exit 1", err)
	}
	if !strings.Contains(out, `record "b"`) || !strings.Contains(out, "/services/b could not be fetched (404 Not Found)") {
		t.Errorf("output does not say b's page could not be fetched:\n%s", out)
	}
	if strings.Contains(out, "taxonomy") {
		t.Errorf("output blames the taxonomy:\n%s", out)
	}
}
