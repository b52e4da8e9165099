package csvfile

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/heritage-line/heritageline/catalogue"
)

// Write writes acts to w in the project's CSV format, every column in the
// order of Columns, so that Read gives the same activities back (schedules in
// the canonical form of the rule language). It returns the writer's error.
func Write(w io.Writer, acts []catalogue.Activity) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
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
		rec := make([]string, len(Columns))
		for i, c := range Columns {
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
