package catalogue

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The bounds of Great Britain and Northern Ireland: a point outside them is
// impossible for an activity on the line.
const (
	MinLat, MaxLat = 49.8, 60.9
	MinLon, MaxLon = -8.7, 1.8
)

// Checks are what Validate needs from outside the domain package (which
// imports nothing but the standard library): the places package provides both.
type Checks struct {
	// Postcode recognises a full postcode or an outcode in any case and
	// spacing and returns it normalised ("BA11 1AT", "BA11"); false means it is
	// not a postcode. Nil accepts any postcode as written.
	Postcode func(s string) (string, bool)
	// Locate returns a point for a normalised postcode (or outcode); false if
	// it is unknown. Nil locates nothing.
	Locate func(postcode string) (lat, lon float64, ok bool)
	// Now is the moment an ended schedule is judged at (see Review). Nil
	// means time.Now.
	Now func() time.Time
}

// Clock returns c.Now(), or the current time when c.Now is nil.
func (c Checks) Clock() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

// InUK reports whether lat, lon lies inside the bounds of Great Britain and
// Northern Ireland (49.8 to 60.9 N, 8.7 W to 1.8 E).
func InUK(lat, lon float64) bool {
	return lat >= MinLat && lat <= MaxLat && lon >= MinLon && lon <= MaxLon
}

// Check validates one activity and completes it: it trims text fields, lower-
// cases tags, normalises the postcode and, when the activity has no
// coordinates (both zero), takes them from its postcode. It returns nil when a
// is fit to offer, or a *RecordError naming the field at fault and the reason,
// with Record set to a's id (the caller adds Source and Line). In order it
// checks: id and title present, category valid, referral valid (empty becomes
// self), postcode parseable (when given), coordinates inside the UK, or else a
// postcode that can be located.
func Check(a *Activity, c Checks) *RecordError {
	a.ID = strings.TrimSpace(a.ID)
	a.Title = strings.TrimSpace(a.Title)
	a.Postcode = strings.TrimSpace(a.Postcode)
	a.Town = strings.TrimSpace(a.Town)
	bad := func(field, reason string) *RecordError {
		return &RecordError{Record: a.ID, Field: field, Reason: reason}
	}
	if a.ID == "" {
		return bad("id", "missing")
	}
	if a.Title == "" {
		return bad("title", "missing")
	}
	if !a.Category.Valid() {
		if a.Category == "" {
			return bad("category", "missing")
		}
		return bad("category", fmt.Sprintf("unknown category %q (want one of %s)", a.Category, categoryList()))
	}
	switch a.Referral {
	case "":
		a.Referral = SelfReferral
	case SelfReferral, LinkWorker:
	default:
		return bad("referral", fmt.Sprintf("unknown referral %q (want self or link-worker)", a.Referral))
	}
	for i, t := range a.Tags {
		a.Tags[i] = strings.ToLower(strings.TrimSpace(t))
	}
	a.Tags = slices.DeleteFunc(a.Tags, func(t string) bool { return t == "" })
	if a.Postcode != "" && c.Postcode != nil {
		pc, ok := c.Postcode(a.Postcode)
		if !ok {
			return bad("postcode", fmt.Sprintf("unparseable postcode %q", a.Postcode))
		}
		a.Postcode = pc
	}
	if a.Lat == 0 && a.Lon == 0 {
		if a.Postcode == "" {
			return bad("latitude", "no coordinates and no postcode")
		}
		if c.Locate == nil {
			return bad("latitude", fmt.Sprintf("no coordinates, and postcode %q cannot be located", a.Postcode))
		}
		lat, lon, ok := c.Locate(a.Postcode)
		if !ok {
			return bad("postcode", fmt.Sprintf("no coordinates, and postcode %q cannot be located", a.Postcode))
		}
		a.Lat, a.Lon = lat, lon
	}
	if !InUK(a.Lat, a.Lon) {
		field := "latitude"
		if a.Lat >= MinLat && a.Lat <= MaxLat {
			field = "longitude"
		}
		return bad(field, fmt.Sprintf("coordinates %.4f, %.4f are outside the UK", a.Lat, a.Lon))
	}
	return nil
}

func categoryList() string {
	names := make([]string, len(Categories))
	for i, c := range Categories {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

// Validate applies Check to every activity of load, in order, and moves each
// one that fails (and each repeat of an id already seen, field "id", reason
// "duplicate id") from load.Activities to load.Skipped, with Source set to
// load.Source. It then applies Review at c's clock: an activity whose schedule
// has ended moves to load.Ended, and warnings about the others are added to
// load.Warnings. The activities kept are completed as Check describes.
func Validate(load *Load, c Checks) {
	seen := map[string]bool{}
	now := c.Clock()
	kept := load.Activities[:0]
	for i := range load.Activities {
		a := load.Activities[i]
		err := Check(&a, c)
		if err == nil && seen[a.ID] {
			err = &RecordError{Record: a.ID, Field: "id", Reason: "duplicate id"}
		}
		if err != nil {
			err.Source = load.Source
			load.Skipped = append(load.Skipped, err)
			continue
		}
		seen[a.ID] = true
		ended, warnings := Review(&a, now)
		if ended != nil {
			ended.Source = load.Source
			load.Ended = append(load.Ended, ended)
			continue
		}
		for _, w := range warnings {
			w.Source = load.Source
		}
		load.Warnings = append(load.Warnings, warnings...)
		kept = append(kept, a)
	}
	clear(load.Activities[len(kept):])
	load.Activities = kept
}
