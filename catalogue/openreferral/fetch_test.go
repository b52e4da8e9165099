package openreferral

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// directory is a fake Open Referral API serving the fixture pages of one shape.
type directory struct {
	dir   string // testdata/v3 or testdata/v1
	pages int

	mu       sync.Mutex
	requests []string
	// fail, if set, is asked before each request; a non-zero status is returned as is.
	fail func(n int, page int) (status int, sleep time.Duration)
}

func (d *directory) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	d.requests = append(d.requests, r.URL.RequestURI())
	n := len(d.requests)
	d.mu.Unlock()
	if r.URL.Path != "/api/services" {
		http.NotFound(w, r)
		return
	}
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || page < 1 {
		http.Error(w, "bad page", http.StatusBadRequest)
		return
	}
	if d.fail != nil {
		status, sleep := d.fail(n, page)
		if sleep > 0 {
			select {
			case <-time.After(sleep):
			case <-r.Context().Done():
				return
			}
		}
		if status != 0 {
			http.Error(w, "oops", status)
			return
		}
	}
	if page > d.pages {
		fmt.Fprint(w, `{"total_items":0,"empty":true,"contents":[]}`)
		return
	}
	data, err := os.ReadFile(filepath.Join(d.dir, fmt.Sprintf("page%d.json", page)))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(data)
}

func (d *directory) count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.requests)
}

func fastOptions(t *testing.T) Options {
	return Options{Checks: catalogue.Checks{Locate: locate, Now: testNow}, Timeout: 2 * time.Second, Backoff: time.Millisecond, PerPage: 4}
}

func TestFetchFollowsEveryPage(t *testing.T) {
	for _, tt := range []struct {
		shape   string
		records int
	}{{"v3", 11}, {"v1", 9}} {
		shape, records := tt.shape, tt.records
		t.Run(shape, func(t *testing.T) {
			d := &directory{dir: filepath.Join("testdata", shape), pages: 3}
			srv := httptest.NewServer(d)
			defer srv.Close()
			var progress []Progress
			opts := fastOptions(t)
			opts.Progress = func(p Progress) { progress = append(progress, p) }
			im, err := New(opts)
			if err != nil {
				t.Fatal(err)
			}
			load, err := im.Fetch(context.Background(), srv.URL+"/api/")
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			fetched := progress
			files := readAll(t, im, shape)
			if got, want := ids(load.Activities), ids(files.Activities); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("got %q; want %q", got, want)
			}
			if got, want := len(load.Skipped), len(files.Skipped); got != want {
				t.Errorf("got %d skipped; want %d", got, want)
			}
			if got, want := d.requests, []string{
				"/api/services?page=1&per_page=4", "/api/services?page=2&per_page=4", "/api/services?page=3&per_page=4",
			}; fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("got requests %q; want %q", got, want)
			}
			if len(fetched) != 3 || fetched[2].Pages != 3 || fetched[2].Records != records || fetched[2].Skipped != len(load.Skipped) {
				t.Errorf("got progress %+v; want 3 reports ending at 3 pages, %d records, %d skipped", fetched, records, len(load.Skipped))
			}
			a := load.Activities[0]
			if want := srv.URL + "/api/services/" + a.ID; a.Source != want {
				t.Errorf("got source %q; want %q", a.Source, want)
			}
			if load.Skipped[0].Source != srv.URL+"/api" {
				t.Errorf("got skipped source %q; want %q", load.Skipped[0].Source, srv.URL+"/api")
			}
		})
	}
}

func TestFetchRetries(t *testing.T) {
	tests := []struct {
		name         string
		fail         func(n, page int) (int, time.Duration)
		wantErr      error // nil: success
		wantRequests int
	}{
		{"a 500 then success", func(n, page int) (int, time.Duration) {
			if n == 2 {
				return http.StatusInternalServerError, 0
			}
			return 0, 0
		}, nil, 4},
		{"a 429 then success", func(n, page int) (int, time.Duration) {
			if n == 1 {
				return http.StatusTooManyRequests, 0
			}
			return 0, 0
		}, nil, 4},
		{"a timeout then success", func(n, page int) (int, time.Duration) {
			if n == 3 {
				return 0, 5 * time.Second
			}
			return 0, 0
		}, nil, 4},
		{"503 for ever gives up", func(n, page int) (int, time.Duration) {
			if page == 2 {
				return http.StatusServiceUnavailable, 0
			}
			return 0, 0
		}, ErrHTTP, 1 + 3},
		{"404 is not retried", func(n, page int) (int, time.Duration) {
			return http.StatusNotFound, 0
		}, ErrHTTP, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &directory{dir: "testdata/v3", pages: 3, fail: tt.fail}
			srv := httptest.NewServer(d)
			defer srv.Close()
			opts := fastOptions(t)
			opts.Timeout = 100 * time.Millisecond
			opts.Retries = 2
			im, err := New(opts)
			if err != nil {
				t.Fatal(err)
			}
			load, err := im.Fetch(context.Background(), srv.URL+"/api")
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("got %v; want success", err)
				}
				if len(load.Activities) != 6 {
					t.Errorf("got %d activities; want 6", len(load.Activities))
				}
			} else if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got %v; want %v", err, tt.wantErr)
			}
			if got := d.count(); got != tt.wantRequests {
				t.Errorf("got %d requests; want %d", got, tt.wantRequests)
			}
		})
	}
}

// endless serves page after page of fresh records and never says it is the last.
func endless(served *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := served.Add(1)
		fmt.Fprintf(w, `{"total_items":1000000000,"page_number":%d,"last_page":false,"contents":[{"id":"s%d","name":"Walk %d","service_at_locations":[{"location":{"latitude":51.2,"longitude":-2.3}}],"attributes":[{"taxonomy_term":{"term":"walk"}}]}]}`, n, n, n)
	})
}

func TestFetchBounded(t *testing.T) {
	t.Run("context ends a never-ending server", func(t *testing.T) {
		var served atomic.Int64
		srv := httptest.NewServer(endless(&served))
		defer srv.Close()
		im, _ := New(fastOptions(t))
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := im.Fetch(ctx, srv.URL)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("got %v; want context.DeadlineExceeded", err)
		}
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("took %v; want about 200ms", took)
		}
	})
	t.Run("a hanging server and the context", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
		defer srv.Close()
		opts := fastOptions(t)
		opts.Timeout = time.Minute
		im, _ := New(opts)
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		if _, err := im.Fetch(ctx, srv.URL); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("got %v; want context.DeadlineExceeded", err)
		}
	})
	t.Run("MaxPages", func(t *testing.T) {
		var served atomic.Int64
		srv := httptest.NewServer(endless(&served))
		defer srv.Close()
		opts := fastOptions(t)
		opts.MaxPages = 5
		im, _ := New(opts)
		if _, err := im.Fetch(context.Background(), srv.URL); err == nil {
			t.Fatal("got no error; want one for too many pages")
		}
		if got := served.Load(); got != 5 {
			t.Errorf("got %d pages served; want 5", got)
		}
	})
	t.Run("a server that ignores page", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.ServeFile(w, r, "testdata/v1/page1.json")
		}))
		defer srv.Close()
		// v1 page 1 says it is not the last of 3; the stand-in ignores ?page and
		// sends the same page, so total_pages (3) is what stops it. Without
		// total_pages the repeat is noticed after page 2.
		im, _ := New(fastOptions(t))
		load, err := im.Fetch(context.Background(), srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		if len(load.Activities) != 2 {
			t.Errorf("got %d activities; want 2 (repeats skipped)", len(load.Activities))
		}
	})
	t.Run("repeats with no page count", func(t *testing.T) {
		var served atomic.Int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			served.Add(1)
			fmt.Fprint(w, `{"content":[{"id":"a","name":"Walk","service_at_locations":[{"location":{"latitude":51.2,"longitude":-2.3}}],"attributes":[{"taxonomy_term":{"term":"walk"}}]}]}`)
		}))
		defer srv.Close()
		im, _ := New(fastOptions(t))
		load, err := im.Fetch(context.Background(), srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		if len(load.Activities) != 1 || served.Load() != 2 {
			t.Errorf("got %d activities after %d pages; want 1 after 2", len(load.Activities), served.Load())
		}
	})
}

func TestFetchBadInput(t *testing.T) {
	im, _ := New(fastOptions(t))
	for _, base := range []string{"", "ftp://example.org", "not a url", "http://"} {
		t.Run(base, func(t *testing.T) {
			if _, err := im.Fetch(context.Background(), base); err == nil {
				t.Errorf("got no error; want one")
			}
		})
	}
	t.Run("not JSON", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<html>") }))
		defer srv.Close()
		if _, err := im.Fetch(context.Background(), srv.URL); !errors.Is(err, ErrFormat) {
			t.Errorf("got %v; want ErrFormat", err)
		}
	})
}

func TestFetchCompletesThinListRecords(t *testing.T) {
	const full = `{"id":"%s","name":"Walk %s","service_at_locations":[{"location":{"latitude":51.2,"longitude":-2.3}}],"attributes":[{"taxonomy_term":{"term":"walk"}}]}`
	tests := []struct {
		name       string
		detail     map[string]int // id -> status of its own page (200 serves it in full)
		wantIDs    string
		wantSkip   string
		wantErr    error
		wantDetail int
		wantReason string // in the skipped record's reason
	}{
		{"each service's page read", map[string]int{"a": 200, "b": 200}, "a,b", "", nil, 2, ""},
		{"a missing page leaves the listed record, and says so", map[string]int{"a": 200, "b": 404}, "a", "b", nil, 2, "/services/b could not be fetched (404 Not Found)"},
		{"a page that is another service's, and says so", map[string]int{"a": 200, "b": 299}, "a", "b", nil, 2, "/services/b is not this service's"},
		{"a failing page fails the read", map[string]int{"a": 200, "b": 500}, "", "", ErrHTTP, 1 + 3, ""}, // b: one try and two retries
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var detail atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/services" {
					fmt.Fprint(w, `{"total_pages":1,"last_page":true,"contents":[{"id":"a","name":"Walk a"},{"id":"b","name":"Walk b"}]}`)
					return
				}
				id := strings.TrimPrefix(r.URL.Path, "/services/")
				detail.Add(1)
				switch status := tt.detail[id]; status {
				case http.StatusOK:
				case 299: // 200, but another service's page
					fmt.Fprintf(w, full, "other", "other")
					return
				default:
					http.Error(w, "no", status)
					return
				}
				fmt.Fprintf(w, full, id, id)
			}))
			defer srv.Close()
			opts := fastOptions(t)
			opts.Retries = 2
			im, _ := New(opts)
			load, err := im.Fetch(context.Background(), srv.URL)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got %v; want %v", err, tt.wantErr)
			}
			var skipped []string
			for _, s := range load.Skipped {
				skipped = append(skipped, s.Record)
			}
			if got := strings.Join(ids(load.Activities), ","); got != tt.wantIDs {
				t.Errorf("got ids %q; want %q", got, tt.wantIDs)
			}
			if got := strings.Join(skipped, ","); got != tt.wantSkip {
				t.Errorf("got skipped %q; want %q", got, tt.wantSkip)
			}
			if tt.wantReason != "" {
				if len(load.Skipped) != 1 || !strings.Contains(load.Skipped[0].Reason, tt.wantReason) || strings.Contains(load.Skipped[0].Reason, "taxonomy") {
					t.Errorf("got skipped %v; want a reason saying %q, not that no taxonomy term maps", load.Skipped, tt.wantReason)
				}
			}
			if got := detail.Load(); got != int64(tt.wantDetail) {
				t.Errorf("got %d detail requests; want %d", got, tt.wantDetail)
			}
		})
	}
}

func TestFetchHonoursRetryAfter(t *testing.T) {
	var calls atomic.Int64
	var first, second time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch calls.Add(1) {
		case 1:
			first = time.Now()
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		default:
			second = time.Now()
			fmt.Fprint(w, `{"contents":[],"empty":true}`)
		}
	}))
	defer srv.Close()
	im, _ := New(fastOptions(t))
	if _, err := im.Fetch(context.Background(), srv.URL); err != nil {
		t.Fatal(err)
	}
	if gap := second.Sub(first); gap < 900*time.Millisecond {
		t.Errorf("retried after %v; want about 1s (Retry-After)", gap)
	}
}
