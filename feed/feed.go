// Package feed serves the catalogue in service, read only, as an Open Referral
// UK API (HSDS 3.0 with the UK profile), so that a council's directory, an NHS
// service finder or another Heritage Line can read it: the API's description
// (/), a paged list of services (/services) and one service (/services/{id}).
// Every activity the line offers (active, and not ended) is one service at
// one physical location; docs/openreferral.md says how each field is written.
package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// Catalogue is what the feed reads: the catalogue in service.
type Catalogue interface {
	// Activities returns the version of the catalogue in service and its
	// activities sorted by id. The slice is shared: the caller must not
	// change it. It returns catalogue.ErrNoCatalogue (wrapped or not) before
	// any catalogue is loaded.
	Activities(ctx context.Context) (version string, acts []catalogue.Activity, err error)
}

// The defaults for paging.
const (
	DefaultPerPage = 50   // services on a page when per_page is not given
	MaxPerPage     = 1000 // a larger per_page is read as this
)

// The API's description, as GET / gives it.
const (
	HSDSVersion = "3.0"
	ProfileURL  = "https://github.com/openreferral/uk-profile"
	OpenAPIURL  = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json"
)

// Feed serves the API. Its handlers are safe for concurrent use.
type Feed struct {
	cat Catalogue
	log *slog.Logger
	now func() time.Time

	mu     sync.Mutex
	served served // what was served last, kept for the rest of its day
}

// served is the offerable part of one version of the catalogue on one day.
type served struct {
	version string
	day     catalogue.Date
	acts    []catalogue.Activity
}

// New returns a Feed reading cat. A nil log discards.
func New(cat Catalogue, log *slog.Logger) *Feed {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Feed{cat: cat, log: log, now: time.Now}
}

// offered returns the activities the line offers today, in order of id, and
// a tag naming them (the version and the day): only active activities whose
// schedule has not ended, as catalogue.Activity.Offerable says.
func (f *Feed) offered(ctx context.Context) (tag string, acts []catalogue.Activity, err error) {
	ver, all, err := f.cat.Activities(ctx)
	if err != nil {
		return "", nil, err
	}
	now := f.now()
	day := catalogue.DateOf(now)
	f.mu.Lock()
	defer f.mu.Unlock()
	if c := f.served; ver == "" || c.version != ver || c.day != day {
		keep := all
		if slices.ContainsFunc(all, func(a catalogue.Activity) bool { return !a.Offerable(now) }) {
			keep = make([]catalogue.Activity, 0, len(all))
			for i := range all {
				if all[i].Offerable(now) {
					keep = append(keep, all[i])
				}
			}
		}
		f.served = served{version: ver, day: day, acts: keep}
	}
	if ver == "" {
		return "", f.served.acts, nil
	}
	return ver + "/" + day.String(), f.served.acts, nil
}

// Page is one page of services, in the shape HSDS 3.0's API gives it.
type Page struct {
	TotalItems int       `json:"total_items"`
	TotalPages int       `json:"total_pages"`
	PageNumber int       `json:"page_number"`
	Size       int       `json:"size"` // services on this page
	FirstPage  bool      `json:"first_page"`
	LastPage   bool      `json:"last_page"`
	Empty      bool      `json:"empty"` // no service at all
	Contents   []service `json:"contents"`
}

// Index answers GET / with what the API is: its HSDS version, profile and
// OpenAPI document.
func (f *Feed) Index() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.write(w, r, http.StatusOK, "", map[string]string{
			"version": HSDSVersion, "profile": ProfileURL, "openapi_url": OpenAPIURL,
		})
	})
}

// Services answers GET /services?page=N&per_page=M with page N (from 1) of
// every service (every activity the line offers today), M to a page (DefaultPerPage if not given, at most
// MaxPerPage), in order of id. Each service is given in full, so one request
// per page reads the whole directory. A page past the last is empty; a page
// or per_page that is not a whole number from 1 is a 400. Other HSDS query
// parameters (search, taxonomy_term_id ...) are not supported and are
// ignored.
func (f *Feed) Services() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		pageNo, err := positive(q, "page", 1)
		if err != nil {
			f.fail(w, r, http.StatusBadRequest, err)
			return
		}
		per, err := positive(q, "per_page", DefaultPerPage)
		if err != nil {
			f.fail(w, r, http.StatusBadRequest, err)
			return
		}
		per = min(per, MaxPerPage)
		ver, acts, err := f.offered(r.Context())
		if err != nil {
			f.unavailable(w, r, err)
			return
		}
		p := Page{
			TotalItems: len(acts),
			TotalPages: (len(acts) + per - 1) / per,
			PageNumber: pageNo,
			FirstPage:  pageNo == 1,
			Empty:      len(acts) == 0,
		}
		p.LastPage = pageNo >= p.TotalPages
		from := len(acts)
		if pageNo-1 <= len(acts)/per { // else (pageNo-1)*per could overflow
			from = min((pageNo-1)*per, len(acts))
		}
		to := min(from+per, len(acts))
		p.Contents = make([]service, 0, to-from)
		for i := from; i < to; i++ {
			p.Contents = append(p.Contents, toService(&acts[i]))
		}
		p.Size = len(p.Contents)
		f.write(w, r, http.StatusOK, ver, p)
	})
}

// Service answers GET /services/{id} with one service in full, or a 404. The
// id is the last segment of the path, unescaped, so any router can mount it.
func (f *Feed) Service() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.EscapedPath()
		id, err := url.PathUnescape(p[strings.LastIndexByte(p, '/')+1:])
		if err != nil || id == "" {
			f.fail(w, r, http.StatusNotFound, errors.New("no such service"))
			return
		}
		ver, acts, err := f.offered(r.Context())
		if err != nil {
			f.unavailable(w, r, err)
			return
		}
		i, ok := slices.BinarySearchFunc(acts, id, func(a catalogue.Activity, id string) int { return strings.Compare(a.ID, id) })
		if !ok {
			f.fail(w, r, http.StatusNotFound, fmt.Errorf("no service has id %q", id))
			return
		}
		f.write(w, r, http.StatusOK, ver, toService(&acts[i]))
	})
}

// positive reads a query parameter that must be a whole number from 1.
func positive(q url.Values, name string, def int) (int, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s must be a whole number from 1, not %q", name, s)
	}
	return n, nil
}

// write sends v as JSON. A response from a known version carries its tag
// (the version and the day) as its ETag, and a request that already has it
// gets a 304.
func (f *Feed) write(w http.ResponseWriter, r *http.Request, status int, version string, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Access-Control-Allow-Origin", "*")
	if version != "" && status == http.StatusOK {
		etag := strconv.Quote(version)
		h.Set("ETag", etag)
		h.Set("Cache-Control", "public, max-age=60")
		if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	body, err := json.Marshal(v)
	if err != nil { // the feed's own types always encode
		f.log.LogAttrs(r.Context(), slog.LevelError, "open referral feed could not encode its answer", slog.Any("err", err))
		http.Error(w, `{"error":"internal error"}`, http.StatusInternalServerError)
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(append(body, '\n'))
	}
}

// fail answers with a JSON error.
func (f *Feed) fail(w http.ResponseWriter, r *http.Request, status int, err error) {
	f.write(w, r, status, "", map[string]string{"error": err.Error()})
}

// unavailable answers 503 when no catalogue can be read.
func (f *Feed) unavailable(w http.ResponseWriter, r *http.Request, err error) {
	if !errors.Is(err, catalogue.ErrNoCatalogue) {
		f.log.LogAttrs(r.Context(), slog.LevelError, "open referral feed could not read the catalogue", slog.Any("err", err))
	}
	w.Header().Set("Retry-After", "30")
	f.fail(w, r, http.StatusServiceUnavailable, errors.New("the catalogue is not available; try again shortly"))
}
