package smstext

import (
	"fmt"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// scheduleShort says a schedule in a few characters: "1st Thu 10:30",
// "Wed & Sat 10:00", "alt Fri 10:00". It is the SMS stand-in until
// catalogue.Schedule.Short exists; then it calls that.
func scheduleShort(s catalogue.Schedule) string {
	if len(s.Rules) == 0 {
		return ""
	}
	var parts []string
	for _, r := range s.Rules {
		var days []string
		for _, d := range r.Days {
			days = append(days, d.String()[:3])
		}
		day := strings.Join(days, " & ")
		switch {
		case r.Freq == catalogue.Monthly:
			var ws []string
			for _, w := range r.Weeks {
				ws = append(ws, ordinal(w))
			}
			day = strings.Join(ws, " & ") + " " + day
		case r.Interval > 1:
			day = fmt.Sprintf("every %d wks %s", r.Interval, day)
			if r.Interval == 2 {
				day = "alt " + strings.TrimPrefix(day, "every 2 wks ")
			}
		}
		parts = append(parts, fmt.Sprintf("%s %02d:%02d", day, int(r.Opens)/60, int(r.Opens)%60))
	}
	return strings.Join(parts, ", ")
}

func ordinal(w int) string {
	switch w {
	case -1:
		return "last"
	case 1:
		return "1st"
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return fmt.Sprintf("%dth", w)
}

// shortDate names a day briefly: "today", "tomorrow" or "Thu 4 Dec", in
// London time. It is the SMS stand-in until catalogue.ShortDate exists.
func shortDate(t, now time.Time) string {
	t, now = t.In(catalogue.London), now.In(catalogue.London)
	ty, tm, td := t.Date()
	ny, nm, nd := now.Date()
	switch {
	case ty == ny && tm == nm && td == nd:
		return "today"
	case now.AddDate(0, 0, 1).Format("2006-01-02") == t.Format("2006-01-02"):
		return "tomorrow"
	}
	return t.Format("Mon 2 Jan")
}
