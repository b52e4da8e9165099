// Package csvfile reads and writes Heritage Line's own catalogue format: a CSV
// file with a header row, documented field by field in docs/catalogue.md.
package csvfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/places"
)

// Columns are the columns of the format, in the order Write puts them. A file
// may have them in any order and may leave out any but Required.
var Columns = []string{
	"id", "title", "organisation", "summary", "description", "category", "tags",
	"venue", "address", "town", "postcode", "latitude", "longitude", "schedule",
	"cost", "free", "accessibility", "phone", "booking", "referral", "languages",
	"status", "source",
}

// A file may also translate an activity's title, summary and access notes:
// columns title_<code>, summary_<code> and accessibility_<code> (or
// access_<code>), the code a language's, as LANGUAGES names it ("title_cy",
// "summary_pl", "access_ro"). An empty cell has no translation.

// translationColumn reads a translation column's name: its field ("title",
// "summary" or "access") and language code.
func translationColumn(name string) (field, code string, ok bool) {
	field, code, ok = strings.Cut(name, "_")
	if !ok || len(code) < 2 || len(code) > 3 || strings.Trim(code, "abcdefghijklmnopqrstuvwxyz") != "" {
		return "", "", false
	}
	switch field {
	case "title", "summary":
		return field, code, true
	case "access", "accessibility":
		return "access", code, true
	}
	return "", "", false
}

// Required are the columns every file must have.
var Required = []string{"id", "title", "category", "schedule", "town", "postcode"}

// ErrHeader means the file's header row is missing or wrong: unknown, repeated
// or missing columns. Read wraps it with the details.
var ErrHeader = errors.New("csvfile: bad header")

// ReadFile reads the catalogue file at path, as Read does.
func ReadFile(path string) (catalogue.Load, error) {
	f, err := os.Open(path)
	if err != nil {
		return catalogue.Load{Source: path}, fmt.Errorf("csvfile: %w", err)
	}
	defer f.Close()
	// One pass first (a fraction of the time reading takes) tells the
	// encoding and counts the lines, so the activities are held in one slice
	// of the right size rather than in slices doubled and copied as they
	// fill.
	st, err := scanText(f)
	if err != nil {
		return catalogue.Load{Source: path}, fmt.Errorf("csvfile: %s: %w", path, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return catalogue.Load{Source: path}, fmt.Errorf("csvfile: %s: %w", path, err)
	}
	return readText(path, f, st, PlaceChecks())
}

// Read reads a catalogue in the project's format from r, a text file as
// Excel and other programs write it; name says where it came from (a path)
// in Load.Source and in every RecordError. Postcodes are checked and located
// with PlaceChecks.
//
// The file may be UTF-8 (with or without a byte-order mark), UTF-16 (Excel's
// "Unicode text") or Windows-1252 (Excel's plain "CSV" on Windows), with its
// fields separated by commas, semicolons or tabs; all are told from the bytes
// (see Text). Line numbers are the file's own.
//
// It returns an error (wrapping ErrHeader, or the reader's error) only when the
// file cannot be read at all, or one wrapping catalogue.ErrTruncated when it
// ends part way through its last record (see endWatch.cutOff). Each bad row is left out of Load.Activities and
// reported in Load.Skipped with its line, field and reason; inactive rows are
// kept, with Active false. An active row whose schedule has ended (judged at
// the checks' clock) is reported in Load.Ended instead, and warnings about
// rows that load (catalogue.Review) in Load.Warnings.
func Read(name string, r io.Reader) (catalogue.Load, error) {
	return ReadWith(name, r, PlaceChecks())
}

// ReadWith is Read with the postcode checks given.
//
// Repeated values (towns, organisations, venues, categories, tags, schedule
// wordings...) are shared among the activities read, and each activity's
// strings are its own, not cut from the file's lines, so a large catalogue
// holds no more than its distinct text. Schedules are parsed once per
// distinct wording; each activity still gets its own copy of the rules.
//
// Telling the encoding needs the whole file: r is read twice when it is an
// io.Seeker (from where it stands), or else into memory first.
func ReadWith(name string, r io.Reader, checks catalogue.Checks) (catalogue.Load, error) {
	load := catalogue.Load{Source: name}
	if rs, ok := r.(io.ReadSeeker); ok {
		start, err := rs.Seek(0, io.SeekCurrent)
		if err == nil {
			st, err := scanText(rs)
			if err != nil {
				return load, readErr(name, err)
			}
			if _, err := rs.Seek(start, io.SeekStart); err != nil {
				return load, fmt.Errorf("csvfile: %s: %w", name, err)
			}
			return readText(name, rs, st, checks)
		}
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return load, readErr(name, err)
	}
	st, _ := scanText(bytes.NewReader(data))
	return readText(name, bytes.NewReader(data), st, checks)
}

// readText reads the catalogue text in r, whose bytes st describes.
func readText(name string, r io.Reader, st textStats, checks catalogue.Checks) (catalogue.Load, error) {
	text, form := openText(r, st)
	end := &endWatch{r: text}
	cr := csv.NewReader(end)
	cr.Comma = form.Comma
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	cr.TrimLeadingSpace = true
	rows := &csvRows{cr: cr}
	load, err := readTable(name, rows, checks, st.lines)
	if err != nil {
		return load, errText(err, form)
	}
	if err := end.cutOff(name, rows.last, rows.width); err != nil {
		return load, err
	}
	return load, nil
}

// csvRows are the rows of a CSV reader, with the file's line numbers. It
// remembers the last row and the header's width for endWatch.cutOff.
type csvRows struct {
	cr    *csv.Reader
	n     int     // rows given, the header included
	width int     // fields in the header (the first row not blank)
	last  lastRow // the last row after the header
}

func (c *csvRows) Next() ([]string, int, error) {
	rec, err := c.cr.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if c.n++; c.n > 1 {
			c.last = lastRow{err: pe}
		}
		return nil, pe.StartLine, &RowError{Line: pe.StartLine, Reason: "not valid CSV: " + pe.Err.Error()}
	}
	if err != nil {
		return nil, 0, err
	}
	line, _ := c.cr.FieldPos(0)
	if c.n++; c.width == 0 && !blank(rec) {
		c.width = len(rec) // the header
	} else {
		c.last = lastRow{line: line, fields: len(rec)}
	}
	return rec, line, nil
}

// readTable reads a catalogue from rows: the header, then one activity a
// row. capHint is about how many rows there are (0 if unknown).
func readTable(name string, rows Rows, checks catalogue.Checks, capHint int) (catalogue.Load, error) {
	load := catalogue.Load{Source: name}
	if capHint > 0 {
		load.Activities = make([]catalogue.Activity, 0, capHint)
	}
	rd := &rowReader{in: catalogue.NewInterner(), schedules: map[string]catalogue.Schedule{}}
	var header []string
	for header == nil {
		rec, line, err := rows.Next()
		if err == io.EOF {
			return load, fmt.Errorf("%w: %s is empty", ErrHeader, name)
		}
		var re *RowError
		if errors.As(err, &re) {
			return load, fmt.Errorf("%w: %s line %d: %s", ErrHeader, name, line, re.Reason)
		}
		if err != nil {
			return load, readErr(name, err)
		}
		if !blank(rec) {
			header = rec
		}
	}
	col, err := columnIndex(header)
	if err != nil {
		return load, fmt.Errorf("%w: %s: %v", ErrHeader, name, err)
	}
	firstLine := map[string]int{}
	now := checks.Clock()
	for {
		rec, line, err := rows.Next()
		if err == io.EOF {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			load.Skipped = append(load.Skipped, &catalogue.RecordError{Source: name, Line: re.Line, Field: "row", Reason: re.Reason})
			continue
		}
		if err != nil {
			return load, readErr(name, err)
		}
		if blank(rec) {
			continue // a spreadsheet's empty row, saved as ",,,,"
		}
		a, rerr := rd.activity(rec, col, len(header))
		if rerr == nil {
			rerr = catalogue.Check(&a, checks)
		}
		if rerr == nil {
			if first, dup := firstLine[a.ID]; dup {
				rerr = &catalogue.RecordError{Record: a.ID, Field: "id", Reason: fmt.Sprintf("duplicate id (first on line %d)", first)}
			}
		}
		if rerr != nil {
			rerr.Source, rerr.Line = name, line
			load.Skipped = append(load.Skipped, rerr)
			continue
		}
		firstLine[a.ID] = line
		ended, warnings := catalogue.Review(&a, now)
		if ended != nil {
			ended.Source, ended.Line = name, line
			load.Ended = append(load.Ended, ended)
			continue
		}
		for _, w := range warnings {
			w.Source, w.Line = name, line
		}
		load.Warnings = append(load.Warnings, warnings...)
		rd.own(&a)
		if a.Source == "" {
			a.Source = name + "#" + a.ID
		}
		load.Activities = append(load.Activities, a)
	}
	return load, nil
}

// blank reports whether every field of rec is empty or white space.
func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// columnIndex maps each column name to its position in the header.
func columnIndex(header []string) (map[string]int, error) {
	col := map[string]int{}
	var unknown, repeated []string
	for i, h := range header {
		h = normaliseColumn(h)
		if _, _, ok := translationColumn(h); !ok && !slices.Contains(Columns, h) {
			unknown = append(unknown, strconv.Quote(h))
			continue
		}
		if _, seen := col[h]; seen {
			repeated = append(repeated, h)
			continue
		}
		col[h] = i
	}
	var missing []string
	for _, r := range Required {
		if _, ok := col[r]; !ok {
			missing = append(missing, r)
		}
	}
	var problems []string
	if len(unknown) > 0 {
		problems = append(problems, "unknown columns "+strings.Join(unknown, ", "))
	}
	if len(repeated) > 0 {
		problems = append(problems, "repeated columns "+strings.Join(repeated, ", "))
	}
	if len(missing) > 0 {
		problems = append(problems, "missing columns "+strings.Join(missing, ", "))
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	return col, nil
}

// rowReader turns rows into activities, sharing what repeats.
type rowReader struct {
	in        *catalogue.Interner
	schedules map[string]catalogue.Schedule // wording -> parsed
}

// own gives a its own copies of its strings (one shared copy of each value
// that repeats), so that it keeps nothing of the row it came from alive.
func (rd *rowReader) own(a *catalogue.Activity) {
	a.ID = strings.Clone(a.ID)
	a.Title = strings.Clone(a.Title)
	a.Description = strings.Clone(a.Description)
	rd.in.Activity(a)
}

// schedule parses text, once per distinct wording, and returns a copy whose
// slices are the caller's own.
func (rd *rowReader) schedule(text string) (catalogue.Schedule, error) {
	if s, ok := rd.schedules[text]; ok {
		return cloneSchedule(s), nil
	}
	s, err := catalogue.ParseSchedule(text)
	if err != nil {
		return s, err
	}
	s.Text = rd.in.String(s.Text)
	rd.schedules[rd.in.String(text)] = s
	return cloneSchedule(s), nil
}

func cloneSchedule(s catalogue.Schedule) catalogue.Schedule {
	s.Months = slices.Clone(s.Months)
	if s.Rules != nil {
		rules := make([]catalogue.Rule, len(s.Rules))
		for i, r := range s.Rules {
			r.Days = slices.Clone(r.Days)
			r.Weeks = slices.Clone(r.Weeks)
			rules[i] = r
		}
		s.Rules = rules
	}
	return s
}

// activity reads one row; the error names the field at fault.
func (rd *rowReader) activity(rec []string, col map[string]int, width int) (catalogue.Activity, *catalogue.RecordError) {
	get := func(name string) string {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	id := get("id")
	bad := func(field, reason string) (catalogue.Activity, *catalogue.RecordError) {
		return catalogue.Activity{}, &catalogue.RecordError{Record: id, Field: field, Reason: reason}
	}
	if len(rec) != width {
		return bad("row", fmt.Sprintf("has %d fields; the header has %d", len(rec), width))
	}
	a := catalogue.Activity{
		ID:           id,
		Title:        get("title"),
		Organisation: get("organisation"),
		Summary:      get("summary"),
		Description:  get("description"),
		Category:     catalogue.Category(strings.ToLower(get("category"))),
		Tags:         list(get("tags")),
		Venue:        get("venue"),
		Address:      get("address"),
		Town:         get("town"),
		Postcode:     get("postcode"),
		Cost:         get("cost"),
		Access:       get("accessibility"),
		Phone:        get("phone"),
		Referral:     catalogue.Referral(strings.ToLower(get("referral"))),
		Languages:    list(get("languages")),
		Source:       get("source"),
	}
	for name := range col {
		field, code, ok := translationColumn(name)
		if v := get(name); ok && v != "" {
			if a.Translations == nil {
				a.Translations = map[string]catalogue.Translation{}
			}
			t := a.Translations[code]
			switch field {
			case "title":
				t.Title = v
			case "summary":
				t.Summary = v
			default:
				t.Access = v
			}
			a.Translations[code] = t
		}
	}
	if a.Town == "" {
		return bad("town", "missing")
	}
	lat, lon := get("latitude"), get("longitude")
	switch {
	case lat == "" && lon == "":
	case lat == "":
		return bad("latitude", "missing while longitude is given")
	case lon == "":
		return bad("longitude", "missing while latitude is given")
	default:
		var err error
		if a.Lat, err = parseDecimal(lat); err != nil {
			return bad("latitude", fmt.Sprintf("%q is not a number", lat))
		}
		if a.Lon, err = parseDecimal(lon); err != nil {
			return bad("longitude", fmt.Sprintf("%q is not a number", lon))
		}
		if a.Lat == 0 && a.Lon == 0 {
			return bad("latitude", "coordinates 0, 0 are outside the UK")
		}
	}
	text := get("schedule")
	if text == "" {
		return bad("schedule", "missing")
	}
	s, err := rd.schedule(text)
	if err != nil {
		var se *catalogue.ScheduleError
		reason := err.Error()
		if errors.As(err, &se) {
			reason = se.Problem
		}
		return bad("schedule", fmt.Sprintf("unparseable schedule %q: %s", text, reason))
	}
	a.Schedule = s
	var ok bool
	free := get("free")
	if free == "" {
		a.Free = strings.HasPrefix(strings.ToLower(a.Cost), "free")
	} else if a.Free, ok = yesNo(free); !ok {
		return bad("free", fmt.Sprintf("%q: want yes or no", free))
	}
	if booking := get("booking"); booking != "" {
		if a.BookingNeeded, ok = yesNo(booking); !ok {
			return bad("booking", fmt.Sprintf("%q: want yes or no", booking))
		}
	}
	switch status := strings.ToLower(get("status")); status {
	case "", "active":
		a.Active = true
	case "inactive":
	default:
		return bad("status", fmt.Sprintf("%q: want active or inactive", status))
	}
	return a, nil
}

// parseDecimal reads a decimal number, with a point or, as a spreadsheet
// set to a European locale writes it in a semicolon-separated file, a single
// decimal comma ("51,2300").
func parseDecimal(s string) (float64, error) {
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	return strconv.ParseFloat(s, 64)
}

func yesNo(s string) (v, ok bool) {
	switch strings.ToLower(s) {
	case "yes", "y", "true":
		return true, true
	case "no", "n", "false":
		return false, true
	}
	return false, false
}

// list splits a semicolon-separated field, dropping empty items.
func list(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ";") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// PlaceChecks are the catalogue checks the places package provides: a postcode
// or outcode is recognised with places.ParsePostcode and places.ParseOutcode,
// and located with the embedded places index (loaded once, on first use). If
// the index cannot be loaded, nothing can be located, so rows without
// coordinates are skipped.
func PlaceChecks() catalogue.Checks {
	return catalogue.Checks{Postcode: normalisePostcode, Locate: locate}
}

func normalisePostcode(s string) (string, bool) {
	if pc, _, ok := places.ParsePostcode(s); ok {
		return pc, true
	}
	return places.ParseOutcode(s)
}

var placeIndex = sync.OnceValues(places.Load)

func locate(postcode string) (lat, lon float64, ok bool) {
	ix, err := placeIndex()
	if err != nil || ix == nil {
		return 0, 0, false
	}
	m, ok := ix.Resolve(postcode)
	if !ok {
		return 0, 0, false
	}
	return m.Place.Lat, m.Place.Lon, true
}
