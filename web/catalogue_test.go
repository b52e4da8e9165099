package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
	"github.com/heritage-line/heritageline/catalogue/publish"
	"github.com/heritage-line/heritageline/catalogue/published"
	"github.com/heritage-line/heritageline/catalogue/redisstore"
	"github.com/heritage-line/heritageline/catalogue/sample"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/smstext"
	"github.com/heritage-line/heritageline/words"
)

// withPublisher gives the rig's console the catalogue workflow on its own
// Redis, with the sample catalogue as the line's CATALOGUE source.
func withPublisher(t *testing.T, r *rig) *redisstore.Store {
	t.Helper()
	rdb, _ := redistest.Start(t)
	log := slog.New(slog.NewTextHandler(testWriter{t}, nil))
	store := redisstore.New(rdb, redisstore.Options{Logger: log, Recheck: -1})
	read := func(name string, rd io.Reader) (catalogue.Load, error) {
		if path.Ext(name) != ".csv" {
			return catalogue.Load{}, fmt.Errorf("%w: %s", publish.ErrUnsupported, name)
		}
		return csvfile.Read(name, rd)
	}
	svc := publish.New(published.New(rdb, published.Options{}), read,
		publish.Renderers{Spoken: words.For(words.English).Describe, Text: words.For(words.English).Details, Segments: smstext.Segments},
		store, publish.Options{Logger: log})
	ref := catalogue.NewRefresher(svc.Loader(func(context.Context) (catalogue.Load, error) { return sample.Load() }),
		store, catalogue.RefresherOptions{Logger: log, AcceptDrop: svc.AcceptDrop})
	svc.SetReload(ref.Refresh)
	if err := ref.Refresh(context.Background()); err != nil && !errors.Is(err, catalogue.ErrReplacedElsewhere) {
		t.Fatal(err)
	}
	r.console.Publisher = svc
	r.console.Catalogue = ref.Status
	return store
}

// upload posts file (its contents, named name) as the browser's form does.
func (r *rig) upload(t *testing.T, c *http.Client, name string, data []byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/console/catalogue/upload", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return do(t, c, req)
}

func offered(t *testing.T, store *redisstore.Store) int {
	t.Helper()
	_, acts, err := store.Activities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(acts)
}

// TestCataloguePage: an upload with mistakes names each with line and
// field before anything goes live; an activity previews as heard and read
// with its segments; publishing puts it in service; a big cut is refused
// until accepted; a roll back and a return to the source work; each change
// is in the audit log.
func TestCataloguePage(t *testing.T) {
	r := newRig(t, "http://127.0.0.1")
	store := withPublisher(t, r)
	c := r.signIn(t)
	mistake, err := os.ReadFile("../catalogue/publish/testdata/mistake.csv")
	if err != nil {
		t.Fatal(err)
	}

	resp, body := r.upload(t, c, "mistake.csv", mistake)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/console/catalogue/drafts/") {
		t.Fatalf("upload: got %d to %q; want 303 to the draft\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	draft := resp.Header.Get("Location")
	_, body = r.get(t, c, draft)
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`<td>Skipped</td><td>line 6</td><td>frome-trinity-walk</td><td>schedule</td>`),
		regexp.MustCompile(`<td>Skipped</td><td>line 16</td><td>lace-market-walk</td><td>postcode</td>`),
		regexp.MustCompile(`<td>Ended, never offered</td><td>line 37</td><td>ended-walk</td><td>schedule</td><td>ended on`),
		regexp.MustCompile(`<strong>30</strong> activities the line would offer`),
		regexp.MustCompile(`2 no longer offered \(frome-trinity-walk, lace-market-walk\)`),
	} {
		if !want.MatchString(body) {
			t.Errorf("draft page: want %s\n%s", want, body)
		}
	}
	if n := offered(t, store); n != 32 {
		t.Errorf("after the upload: %d offered; want the sample's 32 still", n)
	}

	_, body = r.get(t, c, draft+"?preview=frome-heritage-cafe")
	if !strings.Contains(body, "Preview: Heritage Café") || !strings.Contains(body, `<blockquote class="said">`) ||
		!regexp.MustCompile(`A texter reads \(\d SMS segments?\)`).MatchString(body) {
		t.Errorf("preview: want what a caller hears and a texter reads with segments\n%s", body)
	}
	if resp, _ := r.get(t, c, draft+"?preview=no-such-thing"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("preview of no such activity: got %d; want 404", resp.StatusCode)
	}

	resp, _ = r.post(t, c, draft+"/publish", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: got %d; want 303", resp.StatusCode)
	}
	if n := offered(t, store); n != 30 {
		t.Errorf("after publishing: %d offered; want 30", n)
	}
	_, body = r.get(t, c, "/console/catalogue")
	if !strings.Contains(body, "Version <strong>v1</strong>") || !strings.Contains(body, "mistake.csv is published as v1") {
		t.Errorf("catalogue page after publishing: want v1 in service\n%s", body)
	}

	small, _ := os.ReadFile("../catalogue/publish/testdata/small.csv")
	resp, _ = r.upload(t, c, "small.csv", small)
	smallDraft := resp.Header.Get("Location")
	resp, body = r.post(t, c, smallDraft+"/publish", nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "would take 24 of the 30 activities in service out") || !strings.Contains(body, `name="accept"`) {
		t.Errorf("publishing a big cut: got %d; want 409 asking to accept\n%s", resp.StatusCode, body)
	}
	if resp, _ := r.post(t, c, smallDraft+"/publish", url.Values{"accept": {"1"}}); resp.StatusCode != http.StatusSeeOther || offered(t, store) != 6 {
		t.Errorf("publishing the cut accepted: got %d, %d offered; want 303 and 6", resp.StatusCode, offered(t, store))
	}

	_, body = r.get(t, c, "/console/catalogue")
	if !strings.Contains(body, `action="/console/catalogue/versions/v1/rollback"`) || strings.Contains(body, `versions/v2/rollback`) {
		t.Errorf("versions: want a roll back to v1 and none to v2, in service\n%s", body)
	}
	if resp, _ := r.post(t, c, "/console/catalogue/versions/v1/rollback", nil); resp.StatusCode != http.StatusSeeOther || offered(t, store) != 30 {
		t.Errorf("roll back to v1: got %d, %d offered; want 303 and 30", resp.StatusCode, offered(t, store))
	}
	if resp, body := r.post(t, c, "/console/catalogue/versions/v9/rollback", nil); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "no longer kept") {
		t.Errorf("roll back to v9: got %d; want 404 saying so", resp.StatusCode)
	}
	if resp, _ := r.post(t, c, "/console/catalogue/source", nil); resp.StatusCode != http.StatusSeeOther || offered(t, store) != 32 {
		t.Errorf("back to the source: got %d, %d offered; want 303 and 32", resp.StatusCode, offered(t, store))
	}

	_, body = r.get(t, c, "/console/audit")
	for _, want := range []string{
		"uploaded mistake.csv as a draft (30 active, 2 inactive, 2 skipped, 1 ended)",
		"published mistake.csv as catalogue version v1 (30 activities offered)",
		"published small.csv as catalogue version v2 (6 activities offered)",
		"rolled the catalogue back to v1",
		"put the line&#39;s own catalogue source (CATALOGUE) back in service",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("audit log: want %q", want)
		}
	}
}

// TestCatalogueUploadRefused: a file the line can't read at all is refused
// saying why, and nothing changes.
func TestCatalogueUploadRefused(t *testing.T) {
	r := newRig(t, "http://127.0.0.1")
	store := withPublisher(t, r)
	c := r.signIn(t)
	for _, tc := range []struct {
		name, data, want string
	}{
		{"notes.txt", "hello", "notes.txt is none of these"},
		{"empty.csv", "  \n", "That file is empty"},
		{"bad.csv", "name,when\nTea,Friday\n", "bad.csv: unknown columns &#34;name&#34;, &#34;when&#34;; missing columns id, title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := r.upload(t, c, tc.name, []byte(tc.data))
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tc.want) {
				t.Errorf("got %d; want 422 saying %q\n%s", resp.StatusCode, tc.want, body)
			}
		})
	}
	if n := offered(t, store); n != 32 {
		t.Errorf("after refused uploads: %d offered; want 32", n)
	}
	// An upload may be larger than a form's 64 KiB.
	big := append([]byte("# "+strings.Repeat("x", 100<<10)+"\n"), mustRead(t, "../catalogue/publish/testdata/small.csv")...)
	if resp, body := r.upload(t, c, "big.csv", big); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a 100 KiB upload: got %d; want 303\n%s", resp.StatusCode, body)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
