package figures

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSVHeader is the first row WriteCSV writes.
var CSVHeader = []string{
	"week_start", "calls", "texts", "unique_people",
	"searches", "zero_result_searches", "details_asked", "details_texted",
	"handoffs_asked", "handoffs_answered", "handoffs_missed",
	"callbacks_requested", "callbacks_taken", "callbacks_done", "median_minutes_to_callback",
	"top_activities", "top_asked_about", "top_areas", "top_categories",
	"contacts_by_language",
}

// WriteCSV writes rep for a spreadsheet: a header row, then one row per week
// (week_start as YYYY-MM-DD), with each top-ten list joined by "; " as
// "Title (id): count", and contacts by language as "en: 40; cy: <5" (a
// count under SmallCell shown as "<5"). It writes no totals row, so columns can be summed
// (except unique_people: a person in touch in two weeks counts in both). It
// returns the writer's error, wrapped.
func WriteCSV(w io.Writer, rep Report) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	for _, wk := range rep.Weeks {
		n := strconv.Itoa
		cw.Write([]string{
			wk.Start.Format(time.DateOnly), n(wk.Calls), n(wk.Texts), n(wk.People),
			n(wk.Searches), n(wk.ZeroSearches), n(wk.Details), n(wk.Texted),
			n(wk.HandoffsAsked), n(wk.HandoffsAnswered), n(wk.HandoffsMissed),
			n(wk.CallbacksRequested), n(wk.CallbacksTaken), n(wk.CallbacksDone), minutes(wk.MedianCallback),
			joined(wk.Signposted), joined(wk.Asked), joined(wk.Areas), joined(wk.Categories),
			byLanguage(wk.Languages),
		})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("figures: write csv: %w", err)
	}
	return nil
}

// byLanguage joins contacts by language as "en: 40; cy: <5".
func byLanguage(cs []Count) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		n := strconv.Itoa(c.N)
		if c.N < SmallCell {
			n = "<" + strconv.Itoa(SmallCell)
		}
		parts[i] = c.Key + ": " + n
	}
	return strings.Join(parts, "; ")
}
