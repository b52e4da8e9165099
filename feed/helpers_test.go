package feed

import (
	"bytes"
	"cmp"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
	"github.com/heritage-line/heritageline/catalogue/sample"
)

// fakeCatalogue is a catalogue in service held in memory.
type fakeCatalogue struct {
	version string
	acts    []catalogue.Activity
	err     error
}

func (f *fakeCatalogue) Activities(ctx context.Context) (string, []catalogue.Activity, error) {
	return f.version, f.acts, f.err
}

// byID sorts a copy of acts by id, as a Catalogue gives them.
func byID(acts []catalogue.Activity) []catalogue.Activity {
	acts = slices.Clone(acts)
	slices.SortFunc(acts, func(a, b catalogue.Activity) int { return cmp.Compare(a.ID, b.ID) })
	return acts
}

// sampleActs is the bundled sample, inactive activities included.
func sampleActs(t testing.TB) []catalogue.Activity {
	t.Helper()
	l, err := sample.Load()
	if err != nil || len(l.Skipped) > 0 {
		t.Fatalf("sample: %v, skipped %v", err, l.Skipped)
	}
	return byID(l.Activities)
}

// edgeActs is testdata/edges.csv: a field of every kind the feed carries.
func edgeActs(t testing.TB) []catalogue.Activity {
	t.Helper()
	data, err := os.ReadFile("testdata/edges.csv")
	if err != nil {
		t.Fatal(err)
	}
	l, err := csvfile.Read("testdata/edges.csv", bytes.NewReader(data))
	if err != nil || len(l.Skipped) > 0 {
		t.Fatalf("edges.csv: %v, skipped %v", err, l.Skipped)
	}
	return byID(l.Activities)
}

// testNow is the feed's clock in tests: a Wednesday in November 2026.
var testNow = time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London)

// offered is what the feed serves of acts at testNow: the activities the
// line offers.
func offered(acts []catalogue.Activity) []catalogue.Activity {
	var out []catalogue.Activity
	for _, a := range acts {
		if a.Offerable(testNow) {
			out = append(out, a)
		}
	}
	return out
}

// serve mounts the feed as the line does, under /openreferral/, on testNow's
// clock.
func serve(t testing.TB, cat Catalogue) *httptest.Server {
	srv, _ := serveFeed(t, cat)
	return srv
}

func serveFeed(t testing.TB, cat Catalogue) (*httptest.Server, *Feed) {
	f := New(cat, nil)
	f.now = func() time.Time { return testNow }
	mux := http.NewServeMux()
	mux.Handle("GET /openreferral/{$}", f.Index())
	mux.Handle("GET /openreferral/services", f.Services())
	mux.Handle("GET /openreferral/services/{id}", f.Service())
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, f
}
