package csvfile

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/heritage-line/heritageline/catalogue"
)

// Write writes acts to w in the project's CSV format, every column in the
// order of Columns, then the translation columns of each language any
// activity is translated into, so that Read gives the same activities back (schedules in
// the canonical form of the rule language). It returns the writer's error.
func Write(w io.Writer, acts []catalogue.Activity) error {
	cw := csv.NewWriter(w)
	columns := slices.Clone(Columns)
	var codes []string
	for _, a := range acts {
		for code := range a.Translations {
			if !slices.Contains(codes, code) {
				codes = append(codes, code)
			}
		}
	}
	slices.Sort(codes)
	for _, code := range codes {
		columns = append(columns, "title_"+code, "summary_"+code, "accessibility_"+code)
	}
	if err := cw.Write(columns); err != nil {
		return fmt.Errorf("csvfile: write: %w", err)
	}
	for _, a := range acts {
		status := "active"
		if !a.Active {
			status = "inactive"
		}
		var lat, lon string
		if a.Lat != 0 || a.Lon != 0 {
			lat = strconv.FormatFloat(a.Lat, 'f', -1, 64)
			lon = strconv.FormatFloat(a.Lon, 'f', -1, 64)
		}
		row := map[string]string{
			"id": a.ID, "title": a.Title, "organisation": a.Organisation, "summary": a.Summary,
			"description": a.Description, "category": string(a.Category), "tags": strings.Join(a.Tags, ";"),
			"venue": a.Venue, "address": a.Address, "town": a.Town, "postcode": a.Postcode,
			"latitude": lat, "longitude": lon, "schedule": a.Schedule.String(), "cost": a.Cost,
			"free": yesOrNo(a.Free), "accessibility": a.Access, "phone": a.Phone,
			"booking": yesOrNo(a.BookingNeeded), "referral": string(a.Referral),
			"languages": strings.Join(a.Languages, ";"), "status": status, "source": a.Source,
		}
		for code, t := range a.Translations {
			row["title_"+code], row["summary_"+code], row["accessibility_"+code] = t.Title, t.Summary, t.Access
		}
		rec := make([]string, len(columns))
		for i, c := range columns {
			rec[i] = row[c]
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("csvfile: write: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("csvfile: write: %w", err)
	}
	return nil
}

func yesOrNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
