package feed

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

func get(t *testing.T, u string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func TestPaging(t *testing.T) {
	all := sampleActs(t)
	acts := offered(all) // 32 of the 34: two are inactive
	srv := serve(t, &fakeCatalogue{version: "v7", acts: all})
	type want struct {
		status                   int
		totalPages, pageNo, size int
		first, last              bool
		firstID                  string
	}
	tests := []struct {
		query string
		want  want
	}{
		{"", want{200, 1, 1, 32, true, true, acts[0].ID}},
		{"?page=1&per_page=10", want{200, 4, 1, 10, true, false, acts[0].ID}},
		{"?page=2&per_page=10", want{200, 4, 2, 10, false, false, acts[10].ID}},
		{"?page=4&per_page=10", want{200, 4, 4, 2, false, true, acts[30].ID}},
		{"?page=5&per_page=10", want{200, 4, 5, 0, false, true, ""}},
		{"?page=9223372036854775807&per_page=1000", want{200, 1, 9223372036854775807, 0, false, true, ""}},
		{"?per_page=5000", want{200, 1, 1, 32, true, true, acts[0].ID}},
		{"?page=0", want{status: 400}},
		{"?page=two", want{status: 400}},
		{"?per_page=-1", want{status: 400}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			resp, body := get(t, srv.URL+"/openreferral/services"+tt.query)
			if resp.StatusCode != tt.want.status {
				t.Fatalf("status: got %d; want %d (%s)", resp.StatusCode, tt.want.status, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type: got %q", ct)
			}
			if tt.want.status != 200 {
				var e struct{ Error string }
				if json.Unmarshal(body, &e) != nil || e.Error == "" {
					t.Errorf("got body %s; want a JSON error", body)
				}
				return
			}
			var p Page
			if err := json.Unmarshal(body, &p); err != nil {
				t.Fatal(err)
			}
			got := want{200, p.TotalPages, p.PageNumber, p.Size, p.FirstPage, p.LastPage, ""}
			if len(p.Contents) > 0 {
				got.firstID = p.Contents[0].ID
			}
			if got != tt.want || p.TotalItems != 32 || p.Empty || len(p.Contents) != p.Size {
				t.Errorf("got %+v, total %d, empty %v; want %+v, total 32", got, p.TotalItems, p.Empty, tt.want)
			}
		})
	}
}

func TestEmptyCatalogue(t *testing.T) {
	srv := serve(t, &fakeCatalogue{version: "v0", acts: []catalogue.Activity{}})
	_, body := get(t, srv.URL+"/openreferral/services")
	var p Page
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	if !p.Empty || !p.FirstPage || !p.LastPage || p.TotalItems != 0 || p.TotalPages != 0 || p.Contents == nil {
		t.Errorf("got %s; want an empty first and last page with contents []", body)
	}
}

func TestService(t *testing.T) {
	acts := edgeActs(t)
	acts = append(acts, catalogue.Activity{ID: "z/slash?&", Title: "Odd id", Category: catalogue.Walk, Active: true})
	srv := serve(t, &fakeCatalogue{version: "v1", acts: acts})
	resp, body := get(t, srv.URL+"/openreferral/services/custom-tags")
	var s service
	if resp.StatusCode != 200 || json.Unmarshal(body, &s) != nil || s.ID != "custom-tags" || s.Name != "Lace makers' circle" {
		t.Fatalf("got %d %s; want the service custom-tags", resp.StatusCode, body)
	}
	// An id with a slash and query characters, escaped as the importer
	// escapes it, is one segment to the standard library's mux.
	resp, body = get(t, srv.URL+"/openreferral/services/z%2Fslash%3F&")
	if resp.StatusCode != 200 || json.Unmarshal(body, &s) != nil || s.ID != "z/slash?&" {
		t.Errorf("odd id: got %d %s; want the service \"z/slash?&\"", resp.StatusCode, body)
	}
	for _, id := range []string{"no-such-activity", "custom-tag", "%25ZZ"} {
		resp, body := get(t, srv.URL+"/openreferral/services/"+id)
		if resp.StatusCode != 404 || !strings.Contains(string(body), `"error"`) {
			t.Errorf("%s: got %d %s; want 404 with a JSON error", id, resp.StatusCode, body)
		}
	}
}

func TestIndex(t *testing.T) {
	srv := serve(t, &fakeCatalogue{})
	resp, body := get(t, srv.URL+"/openreferral/")
	var v map[string]string
	if resp.StatusCode != 200 || json.Unmarshal(body, &v) != nil || v["version"] != "3.0" || v["openapi_url"] == "" || v["profile"] == "" {
		t.Errorf("got %d %s; want version 3.0, profile and openapi_url", resp.StatusCode, body)
	}
}

// A reader that has the version in service gets a 304; after a reload, or
// the next day, it gets the catalogue again.
func TestETag(t *testing.T) {
	cat := &fakeCatalogue{version: "v1", acts: sampleActs(t)}
	srv, f := serveFeed(t, cat)
	for _, path := range []string{"/openreferral/services?page=2&per_page=5", "/openreferral/services/castle-slow-tour"} {
		resp, _ := get(t, srv.URL+path)
		etag := resp.Header.Get("ETag")
		if etag != `"v1/2026-11-25"` || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Fatalf("%s: ETag %q, CORS %q; want \"v1/2026-11-25\" and *", path, etag, resp.Header.Get("Access-Control-Allow-Origin"))
		}
		resp, body := get(t, srv.URL+path, "If-None-Match", etag)
		if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("%s with If-None-Match: got %d %q; want 304 and no body", path, resp.StatusCode, body)
		}
	}
	f.now = func() time.Time { return testNow.AddDate(0, 0, 1) }
	resp, _ := get(t, srv.URL+"/openreferral/services", "If-None-Match", `"v1/2026-11-25"`)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") != `"v1/2026-11-26"` {
		t.Errorf("the next day: got %d, ETag %q; want 200 and \"v1/2026-11-26\"", resp.StatusCode, resp.Header.Get("ETag"))
	}
	cat.version = "v2"
	resp, _ = get(t, srv.URL+"/openreferral/services", "If-None-Match", `"v1/2026-11-26"`)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") != `"v2/2026-11-26"` {
		t.Errorf("after a reload: got %d, ETag %q; want 200 and \"v2/2026-11-26\"", resp.StatusCode, resp.Header.Get("ETag"))
	}
}

// Only what the line offers is served: not an inactive activity, nor one
// whose schedule has ended (from the day after its until date).
func TestOnlyOffered(t *testing.T) {
	acts := edgeActs(t)
	i := slices.IndexFunc(acts, func(a catalogue.Activity) bool { return a.ID == "weekdays" })
	acts[i].Schedule.ValidTo = catalogue.Date{Year: 2026, Month: 11, Day: 25}
	srv, f := serveFeed(t, &fakeCatalogue{version: "v1", acts: acts})
	ids := func() []string {
		_, body := get(t, srv.URL+"/openreferral/services")
		var p Page
		if err := json.Unmarshal(body, &p); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range p.Contents {
			out = append(out, s.ID)
		}
		return out
	}
	want := []string{"custom-tags", "daily", "ring", "several-rules", "starts-later", "weekdays"}
	if got := ids(); !slices.Equal(got, want) {
		t.Errorf("on its until date: got %v; want %v (not the inactive \"closed\")", got, want)
	}
	f.now = func() time.Time { return testNow.AddDate(0, 0, 1) }
	want = slices.DeleteFunc(want, func(id string) bool { return id == "weekdays" })
	if got := ids(); !slices.Equal(got, want) {
		t.Errorf("the day after: got %v; want %v", got, want)
	}
	if resp, _ := get(t, srv.URL+"/openreferral/services/weekdays"); resp.StatusCode != 404 {
		t.Errorf("the ended activity by id: got %d; want 404", resp.StatusCode)
	}
}

func TestUnavailable(t *testing.T) {
	for _, err := range []error{catalogue.ErrNoCatalogue, fmt.Errorf("store: %w", errors.New("redis down"))} {
		srv := serve(t, &fakeCatalogue{err: err})
		for _, path := range []string{"/openreferral/services", "/openreferral/services/x"} {
			resp, body := get(t, srv.URL+path)
			if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" || strings.Contains(string(body), "redis") {
				t.Errorf("%v: %s: got %d %s; want 503 with Retry-After and no internals", err, path, resp.StatusCode, body)
			}
		}
	}
}
