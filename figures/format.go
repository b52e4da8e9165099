package figures

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// plural gives "1 call" or "3 calls".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// spokenDuration gives "45 minutes", "2 hours 5 minutes" or "3 days 4 hours",
// rounded to the minute.
func spokenDuration(d time.Duration) string {
	mins := int(d.Round(time.Minute) / time.Minute)
	days, hours, m := mins/(24*60), mins/60%24, mins%60
	var parts []string
	if days > 0 {
		parts = append(parts, plural(days, "day", "days"))
	}
	if hours > 0 {
		parts = append(parts, plural(hours, "hour", "hours"))
	}
	if m > 0 && days == 0 {
		parts = append(parts, plural(m, "minute", "minutes"))
	}
	if len(parts) == 0 {
		return "under a minute"
	}
	return strings.Join(parts, " ")
}

// minutes gives d in whole minutes for a spreadsheet, "" for none.
func minutes(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	return strconv.Itoa(int(d.Round(time.Minute) / time.Minute))
}

// label names a counted thing: "Castle walk (a12)" or "a12".
func (c Count) label() string {
	if c.Title != "" && c.Title != c.Key {
		return fmt.Sprintf("%s (%s)", c.Title, c.Key)
	}
	return c.Key
}

// joined gives "Castle walk (a12): 4; a9: 2".
func joined(cs []Count) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s: %d", c.label(), c.N)
	}
	return strings.Join(parts, "; ")
}

// longDate gives "Monday 6 January 2025".
func longDate(t time.Time) string { return t.Format("Monday 2 January 2006") }

// shortDate gives "6 Jan 2025".
func shortDate(t time.Time) string { return t.Format("2 Jan 2006") }
