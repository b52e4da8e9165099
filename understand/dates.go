package understand

import (
	"strconv"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// findDate finds a day of a month among the unused words ("5th december",
// "the 5th of dec", "december 5"), marks its words used and returns the
// next such date from today (this year's, or next year's once it has
// passed). ok is false when there is none, or the day does not exist in
// the next twelve months ("31 november", "29 february" in 2026).
func (v *vocab) findDate(words []string, used []bool, today catalogue.Date) (catalogue.Date, bool) {
	for i, w := range words {
		if used[i] {
			continue
		}
		m, isMonth := v.monthWords[w]
		if !isMonth {
			continue
		}
		// "5th december", "5th of december"
		for _, back := range []int{1, 2} {
			j := i - back
			if j < 0 || used[j] || back == 2 && (words[i-1] != "of" || used[i-1]) {
				continue
			}
			if d, ok := dayNumber(words[j]); ok {
				if date, ok := nextDate(today, m, d); ok {
					for k := j; k <= i; k++ {
						used[k] = true
					}
					return date, true
				}
			}
		}
		// "december 5th", "december the 5th"
		for _, ahead := range []int{1, 2} {
			j := i + ahead
			if j >= len(words) || used[j] || ahead == 2 && (words[i+1] != "the" || used[i+1]) {
				continue
			}
			if d, ok := dayNumber(words[j]); ok {
				if date, ok := nextDate(today, m, d); ok {
					for k := i; k <= j; k++ {
						used[k] = true
					}
					return date, true
				}
			}
		}
	}
	return catalogue.Date{}, false
}

// dayNumber reads "5", "5th", "21st", "2nd", "3rd" as a day of the month.
func dayNumber(w string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if s, ok := strings.CutSuffix(w, suf); ok {
			w = s
			break
		}
	}
	n, err := strconv.Atoi(w)
	if err != nil || n < 1 || n > 31 {
		return 0, false
	}
	return n, true
}

// nextDate returns day d of month m on or after today, this year or next.
func nextDate(today catalogue.Date, m time.Month, d int) (catalogue.Date, bool) {
	for _, y := range []int{today.Year, today.Year + 1} {
		t := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
		if t.Day() != d {
			continue // 30 February, or 29 February in a common year
		}
		date := catalogue.Date{Year: y, Month: m, Day: d}
		if !date.Before(today) {
			return date, true
		}
	}
	return catalogue.Date{}, false
}
