package feed

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
)

// Any query a reader sends gets a page or a 400, always as JSON.
func FuzzServices(f *testing.F) {
	for _, seed := range []string{"", "page=2&per_page=10", "page=0", "page=-1", "per_page=99999999999999999999", "page=9223372036854775807&per_page=9223372036854775807", "page=%zz", "page=1&page=2"} {
		f.Add(seed)
	}
	acts := make([]catalogue.Activity, 34)
	for i := range acts {
		acts[i] = catalogue.Activity{ID: fmt.Sprintf("a%02d", i), Title: "Walk", Category: catalogue.Walk, Active: true}
	}
	h := New(&fakeCatalogue{version: "v1", acts: acts}, nil).Services()
	f.Fuzz(func(t *testing.T, query string) {
		if _, err := url.ParseQuery(query); err != nil {
			return
		}
		r := httptest.NewRequest(http.MethodGet, "/openreferral/services", nil)
		r.URL.RawQuery = query
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 && w.Code != 400 {
			t.Fatalf("%q: status %d", query, w.Code)
		}
		var v map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
			t.Fatalf("%q: body %q is not JSON: %v", query, w.Body.String(), err)
		}
		if w.Code == 200 {
			var p Page
			json.Unmarshal(w.Body.Bytes(), &p)
			if p.Size > MaxPerPage || p.Size != len(p.Contents) || p.TotalItems != len(acts) {
				t.Fatalf("%q: size %d, contents %d, total %d", query, p.Size, len(p.Contents), p.TotalItems)
			}
		}
	})
}
