package web

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/figures"
)

func TestFiguresPage(t *testing.T) {
	r := newRig(t, "http://127.0.0.1")
	c := r.signIn(t)
	resp, body := r.get(t, c, "/console/figures?from=2026-11-02&to=2026-11-08")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("figures: got %d; want 200\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{
		"Over 1 week the line answered 12 calls and 30 texts from 25 different people.",
		`<th scope="row">2 Nov 2026</th><td class="num">12</td><td class="num">30</td>`,
		`src="/console/figures/chart.png?from=2026-11-02&amp;to=2026-11-08"`,
		`href="/console/figures.csv?from=2026-11-02&amp;to=2026-11-08"`,
		// The follow-up, as the report gives it: small counts hidden, and
		// Answered too when it would give one away.
		"Follow-up: did they go, and did it help?",
		`<th scope="row">Went</th><td class="num">6</td>`,
		`<th scope="row">Not yet</th><td class="num">fewer than 5</td>`,
		`<th scope="row">Answered</th><td class="num">not shown</td>`,
		`<th scope="row">Won&#39;t be going</th><td class="num">0</td>`,
		`<th scope="row">Life satisfaction</th><td class="num">6</td><td class="num">5.5</td><td class="num">6.5</td><td>&#43;1.0 (better)</td>`, // html/template writes + so
		`<th scope="row">Anxiety</th><td class="num">fewer than 5</td><td class="num">–</td><td class="num">–</td><td>not shown</td>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("want %q in the page\n%s", want, body)
		}
	}

	resp, body = r.get(t, c, "/console/figures?from=2026-11-08&to=2026-11-02")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "The last day is before the first") {
		t.Errorf("dates swapped: got %d; want 422 saying so", resp.StatusCode)
	}

	resp, body = r.get(t, c, "/console/figures.csv?from=2026-11-02&to=2026-11-08")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("csv: got %d %q %q; want 200, text/csv, an attachment", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
	}
	if first, _, _ := strings.Cut(body, "\n"); first != strings.Join(figures.CSVHeader, ",") {
		t.Errorf("csv header: got %q; want figures.CSVHeader", first)
	}
	if !strings.Contains(body, "2026-11-02,12,30,25,") {
		t.Errorf("csv: want the week's row\n%s", body)
	}

	resp, body = r.get(t, c, "/console/figures/chart.png?from=2026-11-02&to=2026-11-08")
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix([]byte(body), []byte("\x89PNG")) {
		t.Errorf("chart: got %d, %d bytes; want 200 and a PNG", resp.StatusCode, len(body))
	}

	// Signed out, none of them is served.
	for _, p := range []string{"/console/figures", "/console/figures.csv", "/console/figures/chart.png"} {
		if resp, _ := r.get(t, r.client(t), p); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("GET %s signed out: got %d; want 303", p, resp.StatusCode)
		}
	}
}
