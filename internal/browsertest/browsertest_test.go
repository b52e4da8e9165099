package browsertest_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/heritage-line/heritageline/internal/browsertest"
)

// TestAxeFindsViolations: axe-core, injected into a page, names a field
// with no label and text too faint to read, and passes the same page put
// right.
func TestAxeFindsViolations(t *testing.T) {
	pages := map[string]string{
		"/bad":  `<!doctype html><html lang="en"><head><title>Bad</title></head><body><main><h1>Form</h1><input name="q"><p style="color:#ccc;background:#fff">Faint</p></main></body></html>`,
		"/good": `<!doctype html><html lang="en"><head><title>Good</title></head><body><main><h1>Form</h1><label for="q">Search</label><input id="q" name="q"><p>Clear</p></main></body></html>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(pages[r.URL.Path]))
	}))
	defer srv.Close()
	b := browsertest.New(t, 800, 600, 60*time.Second)

	b.Do(chromedp.Navigate(srv.URL + "/bad"))
	got := map[string]bool{}
	for _, v := range b.Axe() {
		got[v.ID] = true
	}
	for _, want := range []string{"label", "color-contrast"} {
		if !got[want] {
			t.Errorf("bad page: axe found %v; want %s among them", got, want)
		}
	}
	b.Do(chromedp.Navigate(srv.URL + "/good"))
	if vs := b.Axe(); len(vs) != 0 {
		t.Errorf("good page: axe found %v; want none", vs)
	}
}
