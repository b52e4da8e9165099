// Package openreferral reads Open Referral UK service directories into the
// catalogue: HSDS 3.0 with the UK profile (a list page with "contents") and the
// older v1 HSDS-UK (a list page with "content"), from a file or from an API
// base URL, following every page. docs/openreferral.md says what is read and how
// taxonomy terms become categories.
package openreferral

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// ErrFormat is wrapped by every error about a source that is not an Open
// Referral list at all (not JSON, or JSON without "contents" or "content").
var ErrFormat = errors.New("openreferral: not an Open Referral list")

// Options configures an Importer. The zero value works.
type Options struct {
	// Taxonomy is the path of a mapping table replacing the embedded default
	// (see Taxonomy and docs/openreferral.md). Empty means the default.
	Taxonomy string
	// Checks recognise postcodes and place a location that has no
	// coordinates by its postcode (csvfile.PlaceChecks gives the places
	// package's). A nil Postcode uses the government's postcode pattern; a nil
	// Locate means locations without coordinates are skipped with the reason.
	Checks catalogue.Checks

	// Client makes API requests; nil means a fresh http.Client.
	Client *http.Client
	// PerPage is the per_page asked of an API; 0 means 100.
	PerPage int
	// Timeout bounds each API request; 0 means 30 seconds.
	Timeout time.Duration
	// Retries is how many times a request that failed with a 5xx, a 429, a
	// timeout or a network error is tried again; 0 means 3, negative means none.
	Retries int
	// Backoff is the first wait before a retry, doubling each time; 0 means
	// half a second.
	Backoff time.Duration
	// MaxPages bounds how many pages an API read follows; 0 means 10,000.
	MaxPages int

	// Progress, if set, is called after each page with the counts so far.
	Progress func(Progress)
	// Logger receives retries and page fetches; nil means no logging.
	Logger *slog.Logger
}

// Progress is how far a read has got.
type Progress struct {
	Pages   int // pages read (1 for a file)
	Records int // service records read
	Skipped int // records skipped so far
}

// Importer reads Open Referral sources with one configuration. It is safe for
// concurrent use.
type Importer struct {
	opts     Options
	taxonomy *Taxonomy
	log      *slog.Logger
}

// New returns an Importer. It fails only when opts.Taxonomy names a table that
// cannot be read (the error wraps the file system's error) or is malformed
// (the error wraps ErrTaxonomy).
func New(opts Options) (*Importer, error) {
	im := &Importer{opts: opts, taxonomy: DefaultTaxonomy(), log: opts.Logger}
	if opts.Taxonomy != "" {
		t, err := LoadTaxonomy(opts.Taxonomy)
		if err != nil {
			return nil, err
		}
		im.taxonomy = t
	}
	if im.log == nil {
		im.log = slog.New(slog.DiscardHandler)
	}
	if im.opts.Client == nil {
		im.opts.Client = &http.Client{}
	}
	if im.opts.PerPage <= 0 {
		im.opts.PerPage = 100
	}
	if im.opts.Timeout <= 0 {
		im.opts.Timeout = 30 * time.Second
	}
	if im.opts.Retries == 0 {
		im.opts.Retries = 3
	}
	if im.opts.Retries < 0 {
		im.opts.Retries = 0
	}
	if im.opts.Backoff <= 0 {
		im.opts.Backoff = 500 * time.Millisecond
	}
	if im.opts.MaxPages <= 0 {
		im.opts.MaxPages = 10000
	}
	return im, nil
}

// Read reads one Open Referral list from r with the default options; name is
// the source recorded in the Load and in every RecordError. See Importer.Read.
func Read(name string, r io.Reader) (catalogue.Load, error) {
	im, _ := New(Options{})
	return im.Read(name, r)
}

// ReadFile reads an Open Referral file with the default options. See Importer.ReadFile.
func ReadFile(path string) (catalogue.Load, error) {
	im, _ := New(Options{})
	return im.ReadFile(path)
}

// ReadFile reads the Open Referral list in the file at path. It fails only
// when the file cannot be read or is not an Open Referral list (ErrFormat);
// bad records are skipped and listed in Load.Skipped.
func (im *Importer) ReadFile(path string) (catalogue.Load, error) {
	f, err := os.Open(path)
	if err != nil {
		return catalogue.Load{}, fmt.Errorf("openreferral: %w", err)
	}
	defer f.Close()
	return im.Read(path, f)
}

// Read reads one Open Referral list from r: a page in either shape, or a bare
// JSON array of services. Every record is mapped to activities (one per
// physical location; inactive services are kept with Active false) and
// checked with catalogue.Validate; a record that cannot be used is skipped with
// a RecordError naming the source, the record id, the field and the reason. Read fails only when r cannot be read
// or does not hold an Open Referral list (the error wraps ErrFormat).
func (im *Importer) Read(name string, r io.Reader) (catalogue.Load, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return catalogue.Load{}, fmt.Errorf("openreferral: read %s: %w", name, err)
	}
	p, err := parsePage(data)
	if err != nil {
		return catalogue.Load{}, fmt.Errorf("openreferral: %s: %w", name, err)
	}
	load := catalogue.Load{Source: name}
	b := im.newBatch(&load, func(id string) string { return name + "#" + id })
	b.every = func() { im.report(Progress{Pages: 1, Records: b.records, Skipped: len(load.Skipped)}) }
	b.add(p.records())
	catalogue.Validate(&load, im.checks())
	im.report(Progress{Pages: 1, Records: b.records, Skipped: len(load.Skipped)})
	return load, nil
}

// checks are the options' checks with the postcode pattern filled in.
func (im *Importer) checks() catalogue.Checks {
	c := im.opts.Checks
	if c.Postcode == nil {
		c.Postcode = normPostcode
	}
	return c
}

func (im *Importer) report(p Progress) {
	if im.opts.Progress != nil {
		im.opts.Progress(p)
	}
}

// parsePage decodes a list page, or a bare array of services as a page.
func parsePage(data []byte) (*page, error) {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '[' {
		var recs []json.RawMessage
		if err := json.Unmarshal(data, &recs); err != nil {
			return nil, formatErr(data, err)
		}
		if recs == nil {
			recs = []json.RawMessage{}
		}
		return &page{Contents: recs}, nil
	}
	var p page
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, formatErr(data, err)
	}
	if p.Contents == nil && p.Content == nil {
		if e := p.Empty; e != nil && *e {
			p.Contents = []json.RawMessage{}
			return &p, nil
		}
		return nil, fmt.Errorf("%w: no \"contents\" or \"content\" list", ErrFormat)
	}
	return &p, nil
}

// formatErr wraps err, from decoding data, in ErrFormat, and also in
// catalogue.ErrTruncated when data is JSON that simply stops (a file still
// being copied, a response cut short) rather than JSON with a mistake in it.
func formatErr(data []byte, err error) error {
	if derr := json.NewDecoder(bytes.NewReader(data)).Decode(new(json.RawMessage)); errors.Is(derr, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: %w: the JSON stops after %d bytes, part way through: %v", ErrFormat, catalogue.ErrTruncated, len(data), err)
	}
	return fmt.Errorf("%w: %v", ErrFormat, err)
}

// batch accumulates records into a Load, skipping duplicates.
type batch struct {
	im      *Importer
	load    *catalogue.Load
	source  func(id string) string
	seen    map[string]bool
	records int
	every   func() // if set, called after every progressEvery records
	// unfetched says, by id, why a listed record's own page could not be
	// read (see completeRecords); nil for a file.
	unfetched map[string]string
}

// progressEvery is how often a long read reports progress within one page.
const progressEvery = 1000

func (im *Importer) newBatch(load *catalogue.Load, source func(id string) string) *batch {
	return &batch{im: im, load: load, source: source, seen: map[string]bool{}}
}

// add maps records into the load and reports how many had ids not seen before.
func (b *batch) add(recs []json.RawMessage) (fresh int) {
	for _, raw := range recs {
		if b.every != nil && b.records > 0 && b.records%progressEvery == 0 {
			b.every()
		}
		b.records++
		id := recordID(raw)
		if id != "" && !b.seen[id] {
			fresh++
		}
		s, ferr := decodeService(raw)
		if ferr == nil {
			if b.seen[id] && id != "" {
				ferr = &fieldError{"id", "duplicate: already read"}
			}
		}
		var acts []catalogue.Activity
		if ferr == nil {
			acts, ferr = b.im.convert(s)
		}
		if id != "" {
			b.seen[id] = true
		}
		if ferr != nil {
			if why := b.unfetched[id]; why != "" && id != "" {
				// The list's summary lacks what the page would have
				// given: say so, rather than what the summary lacks.
				ferr = &fieldError{"service_at_locations", why + ", and the list alone does not say where it is or what kind of activity it is"}
			}
			rec := id
			if rec == "" {
				rec = fmt.Sprintf("(no id: item %d)", b.records)
			}
			b.load.Skipped = append(b.load.Skipped, &catalogue.RecordError{
				Source: b.load.Source, Record: rec, Field: ferr.field, Reason: ferr.reason,
			})
			continue
		}
		for i := range acts {
			acts[i].Source = b.source(id)
		}
		b.load.Activities = append(b.load.Activities, acts...)
	}
	return fresh
}
