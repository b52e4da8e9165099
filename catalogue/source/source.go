// Package source reads the catalogue named by the CATALOGUE setting: the
// bundled sample, a file in the project's format (CSV or other text as
// Excel saves it, or an Excel workbook) or in Open Referral UK JSON, such a
// file over HTTP, or an Open Referral UK API.
package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
	"github.com/heritage-line/heritageline/catalogue/openreferral"
	"github.com/heritage-line/heritageline/catalogue/sample"
	"github.com/heritage-line/heritageline/catalogue/xlsxfile"
)

// ErrUnsupported means the spec names a file whose kind Load cannot tell (not
// .csv, .tsv, .txt, .xlsx or .json) or a URL scheme it does not read.
var ErrUnsupported = errors.New("source: unsupported catalogue source")

// ErrHTTP is wrapped by the error for a file download that answered with a
// status other than 200 OK.
var ErrHTTP = errors.New("source: unexpected HTTP status")

// Options configures Load. The zero value works.
type Options struct {
	// OpenReferral configures Open Referral files and APIs (taxonomy table,
	// paging, timeouts, retries, progress, logger). When its Checks are unset,
	// the places package's (csvfile.PlaceChecks) are used.
	OpenReferral openreferral.Options
	// Client fetches a catalogue file over HTTP; nil means
	// OpenReferral.Client, or else a fresh http.Client.
	Client *http.Client
	// Timeout bounds a file download; 0 means 60 seconds.
	Timeout time.Duration
}

// Kind is what sort of source a spec names.
type Kind string

const (
	KindSample       Kind = "sample"           // empty spec: the bundled sample
	KindCSVFile      Kind = "csv-file"         // a path ending .csv, .tsv or .txt: text as Excel saves it
	KindXLSXFile     Kind = "xlsx-file"        // a path ending .xlsx: an Excel workbook
	KindOpenReferral Kind = "openreferral"     // a path ending .json
	KindCSVURL       Kind = "csv-url"          // an http(s) URL whose path ends .csv, .tsv or .txt
	KindXLSXURL      Kind = "xlsx-url"         // an http(s) URL whose path ends .xlsx
	KindAPI          Kind = "openreferral-api" // any other http(s) URL: an Open Referral API base
)

// fileKind is the kind of a file by its extension, and whether it is one.
func fileKind(ext string) (Kind, bool) {
	switch strings.ToLower(ext) {
	case ".csv", ".tsv", ".txt":
		return KindCSVFile, true
	case ".xlsx":
		return KindXLSXFile, true
	case ".json":
		return KindOpenReferral, true
	}
	return "", false
}

// Classify says what sort of source spec names, without reading it. It returns
// an error wrapping ErrUnsupported for a path that is not .csv, .tsv, .txt,
// .xlsx or .json (case does not matter) and for a URL scheme other than http
// or https.
func Classify(spec string) (Kind, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return KindSample, nil
	}
	if u, err := url.Parse(spec); err == nil && u.Scheme != "" && len(u.Scheme) > 1 {
		// len > 1 keeps a Windows drive letter ("C:\...") a path.
		switch strings.ToLower(u.Scheme) {
		case "http", "https":
			if u.Host == "" {
				return "", fmt.Errorf("%w: %q has no host", ErrUnsupported, spec)
			}
			switch k, _ := fileKind(path.Ext(u.Path)); k {
			case KindCSVFile:
				return KindCSVURL, nil
			case KindXLSXFile:
				return KindXLSXURL, nil
			}
			return KindAPI, nil
		default:
			return "", fmt.Errorf("%w: %q: want a file path or an http(s) URL", ErrUnsupported, spec)
		}
	}
	if k, ok := fileKind(path.Ext(strings.ReplaceAll(spec, `\`, "/"))); ok {
		return k, nil
	}
	return "", fmt.Errorf("%w: %q: a file must end .csv, .tsv or .txt (the project's format as text), .xlsx (as an Excel workbook) or .json (Open Referral UK)", ErrUnsupported, spec)
}

// Load reads the catalogue spec names (see Classify): an empty spec is the
// bundled sample; a path ending .csv, .tsv or .txt is the project's format as
// text, in any encoding and separator Excel saves (csvfile.Read); a path
// ending .xlsx is the project's format as an Excel workbook (xlsxfile.Read);
// a path ending .json is an Open Referral UK file (either shape); an http(s)
// URL whose path ends as a file's does is that file downloaded; any other
// http(s) URL is the base of an Open Referral UK API, read page by page.
//
// Bad records do not make an error: they are listed in Load.Skipped, and a
// Load may hold no active activity at all. Load returns an error only when the
// source cannot be read or parsed at all (the spec is unsupported, a file is
// missing, a download or API page fails after its retries, ctx ends, or the
// content is not the format its name says); the caller then keeps the
// catalogue it has in service.
func Load(ctx context.Context, spec string, opts Options) (catalogue.Load, error) {
	spec = strings.TrimSpace(spec)
	kind, err := Classify(spec)
	if err != nil {
		return catalogue.Load{}, err
	}
	if err := ctx.Err(); err != nil {
		return catalogue.Load{}, fmt.Errorf("source: %s: %w", spec, err)
	}
	switch kind {
	case KindSample:
		return sample.Load()
	case KindCSVFile:
		return csvfile.ReadFile(spec)
	case KindXLSXFile:
		return xlsxfile.ReadFile(spec)
	case KindCSVURL:
		return loadURL(ctx, spec, opts, "text/csv", csvfile.Read)
	case KindXLSXURL:
		return loadURL(ctx, spec, opts, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxfile.Read)
	}
	orOpts := opts.OpenReferral
	if orOpts.Checks.Postcode == nil && orOpts.Checks.Locate == nil {
		orOpts.Checks = csvfile.PlaceChecks()
	}
	im, err := openreferral.New(orOpts)
	if err != nil {
		return catalogue.Load{}, fmt.Errorf("source: %w", err)
	}
	if kind == KindOpenReferral {
		return im.ReadFile(spec)
	}
	return im.Fetch(ctx, spec)
}

// loadURL downloads a catalogue file in the project's format and reads it
// with read.
func loadURL(ctx context.Context, u string, opts Options, accept string, read func(string, io.Reader) (catalogue.Load, error)) (catalogue.Load, error) {
	client := opts.Client
	if client == nil {
		client = opts.OpenReferral.Client
	}
	if client == nil {
		client = &http.Client{}
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return catalogue.Load{}, fmt.Errorf("source: get %s: %w", u, err)
	}
	req.Header.Set("Accept", accept)
	resp, err := client.Do(req)
	if err != nil {
		return catalogue.Load{}, fmt.Errorf("source: get %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		return catalogue.Load{}, fmt.Errorf("%w: get %s: %d %s", ErrHTTP, u, resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	const maxFile = 256 << 20
	load, err := read(u, io.LimitReader(resp.Body, maxFile))
	if err != nil {
		return catalogue.Load{}, fmt.Errorf("source: %w", err)
	}
	return load, nil
}
