package openreferral

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// ErrHTTP is wrapped by the error for a response the importer will not retry
// (a 4xx other than 429) or a 5xx that outlasted every retry.
var ErrHTTP = errors.New("openreferral: unexpected HTTP status")

// maxBody bounds one page's size.
const maxBody = 64 << 20

// Fetch reads every service of the Open Referral API at base (the URL the
// /services endpoint hangs off), asking for /services?page=N&per_page=M from
// page 1 and following pages until one says it is the last, is empty, reaches
// total_pages, or only repeats records already read. Each request has its own
// timeout; a 5xx, a 429, a timeout or a network error is retried with doubling
// back-off (or the server's Retry-After, up to 30 seconds, if longer) up to
// Options.Retries times. Records are mapped as in Read, with
// Source base + "/services/" + id. A listed service without
// service_at_locations (HSDS 3.0 lists need not carry child arrays) is read
// again in full from base + "/services/" + id; if that page is missing (a 4xx)
// the listed record is used as it is, and is skipped for want of a location.
//
// Fetch returns an error, and no Load, when any page cannot be read after its
// retries (wrapping ErrHTTP or the transport's error), when a page is not an
// Open Referral list (ErrFormat), when more than Options.MaxPages pages are
// offered, or when ctx ends (wrapping ctx.Err()): a partial directory would
// silently drop activities, so the caller keeps what it has.
func (im *Importer) Fetch(ctx context.Context, base string) (catalogue.Load, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return catalogue.Load{}, fmt.Errorf("openreferral: base URL %q: want http(s)://host/...", base)
	}
	base = strings.TrimRight(base, "/")
	load := catalogue.Load{Source: base}
	b := im.newBatch(&load, func(id string) string { return base + "/services/" + url.PathEscape(id) })
	b.unfetched = map[string]string{}
	for n := 1; ; n++ {
		if n > im.opts.MaxPages {
			return catalogue.Load{}, fmt.Errorf("openreferral: %s: more than %d pages", base, im.opts.MaxPages)
		}
		pageURL := fmt.Sprintf("%s/services?page=%d&per_page=%d", base, n, im.opts.PerPage)
		data, err := im.get(ctx, pageURL)
		if err != nil {
			return catalogue.Load{}, err
		}
		p, err := parsePage(data)
		if err != nil {
			return catalogue.Load{}, fmt.Errorf("openreferral: page %d of %s: %w", n, base, err)
		}
		recs := p.records()
		if err := im.completeRecords(ctx, base, recs, b.unfetched); err != nil {
			return catalogue.Load{}, err
		}
		fresh := b.add(recs)
		im.report(Progress{Pages: n, Records: b.records, Skipped: len(load.Skipped)})
		im.log.Debug("open referral page read", "source", base, "page", n, "records", len(recs))
		last, known := p.last()
		switch {
		case len(recs) == 0, known && last, p.Empty != nil && *p.Empty:
		case p.totalPages() > 0 && n >= p.totalPages():
		case fresh == 0:
			// A server that ignores ?page= returns page 1 for ever.
			im.log.Warn("open referral page repeats earlier records; stopping", "source", base, "page", n)
		default:
			continue
		}
		catalogue.Validate(&load, im.checks())
		return load, nil
	}
}

// get fetches one URL with the per-request timeout and bounded retries.
func (im *Importer) get(ctx context.Context, u string) ([]byte, error) {
	wait := im.opts.Backoff
	var lastErr error
	for attempt := 0; attempt <= im.opts.Retries; attempt++ {
		if attempt > 0 {
			im.log.Warn("open referral request failed; retrying", "url", u, "attempt", attempt, "wait", wait, "err", lastErr)
			pause := wait
			var se *statusError
			if errors.As(lastErr, &se) && se.retryAfter > pause {
				pause = min(se.retryAfter, maxRetryAfter)
			}
			t := time.NewTimer(pause)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil, fmt.Errorf("openreferral: get %s: %w (after %v)", u, ctx.Err(), lastErr)
			case <-t.C:
			}
			wait *= 2
		}
		data, retry, err := im.getOnce(ctx, u)
		if err == nil {
			return data, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("openreferral: get %s: %w", u, ctx.Err())
		}
		if !retry {
			return nil, err
		}
		lastErr = err
	}
	return nil, fmt.Errorf("openreferral: get %s: gave up after %d tries: %w", u, im.opts.Retries+1, lastErr)
}

func (im *Importer) getOnce(ctx context.Context, u string) (data []byte, retry bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, im.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, false, fmt.Errorf("openreferral: get %s: %w", u, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := im.opts.Client.Do(req)
	if err != nil {
		return nil, true, fmt.Errorf("openreferral: get %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		retry := resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests
		se := &statusError{url: u, code: resp.StatusCode}
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
			se.retryAfter = time.Duration(secs) * time.Second
		}
		return nil, retry, se
	}
	data, err = io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, true, fmt.Errorf("openreferral: get %s: reading body: %w", u, err)
	}
	if len(data) > maxBody {
		return nil, false, fmt.Errorf("openreferral: get %s: page larger than %d bytes", u, maxBody)
	}
	return data, false, nil
}

// completeRecords replaces, in place, each listed record that has no
// service_at_locations with the service's own full page, when it has an id.
// A page that is missing (a 4xx) or is not the service listed leaves the
// listed record, and unfetched[id] says what went wrong, for the record's
// skip reason. It fails only as get does for a 5xx, a timeout or ctx ending.
func (im *Importer) completeRecords(ctx context.Context, base string, recs []json.RawMessage, unfetched map[string]string) error {
	for i, raw := range recs {
		var probe struct {
			ID                 flexString      `json:"id"`
			ServiceAtLocations json.RawMessage `json:"service_at_locations"`
		}
		if json.Unmarshal(raw, &probe) != nil || probe.ID == "" || probe.ServiceAtLocations != nil {
			continue
		}
		u := base + "/services/" + url.PathEscape(string(probe.ID))
		data, err := im.get(ctx, u)
		if errors.Is(err, ErrHTTP) && ctx.Err() == nil && !isRetryableStatus(err) {
			im.log.Warn("open referral service page unavailable; using the listed record", "url", u, "err", err)
			status := "an error"
			var se *statusError
			if errors.As(err, &se) {
				status = fmt.Sprintf("%d %s", se.code, http.StatusText(se.code))
			}
			unfetched[string(probe.ID)] = fmt.Sprintf("its detail page %s could not be fetched (%s)", u, status)
			continue
		}
		if err != nil {
			return err
		}
		var full struct {
			ID flexString `json:"id"`
		}
		if json.Unmarshal(data, &full) != nil || full.ID != probe.ID {
			im.log.Warn("open referral service page is not the service listed; using the listed record", "url", u)
			unfetched[string(probe.ID)] = fmt.Sprintf("its detail page %s is not this service's", u)
			continue
		}
		recs[i] = data
	}
	return nil
}

// statusError is a response other than 200 OK. It wraps ErrHTTP.
type statusError struct {
	url  string
	code int
	// retryAfter is the server's Retry-After, in seconds form, if it sent one.
	retryAfter time.Duration
}

// maxRetryAfter caps how long a server's Retry-After can make a retry wait.
const maxRetryAfter = 30 * time.Second

func (e *statusError) Error() string {
	return fmt.Sprintf("%v: get %s: %d %s", ErrHTTP, e.url, e.code, http.StatusText(e.code))
}

func (e *statusError) Unwrap() error { return ErrHTTP }

// isRetryableStatus reports whether err is a 5xx or 429 status.
func isRetryableStatus(err error) bool {
	var se *statusError
	return errors.As(err, &se) && (se.code >= 500 || se.code == http.StatusTooManyRequests)
}
