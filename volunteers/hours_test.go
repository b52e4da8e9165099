package volunteers

import (
	"testing"
	"time"
)

func TestHoursOpen(t *testing.T) {
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	tests := []struct {
		name  string
		hours string
		at    time.Time
		want  bool
	}{
		{"weekday inside", "Mon-Fri 09:00-17:00, Sat 10:00-13:00", utc(2026, 11, 25, 14, 5), true}, // Wed, GMT
		{"weekday before opening", "Mon-Fri 09:00-17:00, Sat 10:00-13:00", utc(2026, 11, 25, 8, 59), false},
		{"closing minute is closed", "Mon-Fri 09:00-17:00", utc(2026, 11, 25, 17, 0), false},
		{"Saturday morning", "Mon-Fri 09:00-17:00, Sat 10:00-13:00", utc(2026, 11, 28, 10, 0), true},
		{"Saturday afternoon", "Mon-Fri 09:00-17:00, Sat 10:00-13:00", utc(2026, 11, 28, 13, 0), false},
		{"Sunday", "Mon-Fri 09:00-17:00, Sat 10:00-13:00", utc(2026, 11, 29, 12, 0), false},
		// Summer time: 08:30 UTC is 09:30 in London.
		{"BST 08:30 UTC is 09:30 London", "Mon-Fri 09:00-17:00", utc(2026, 7, 1, 8, 30), true},
		{"BST 16:30 UTC is 17:30 London", "Mon-Fri 09:00-17:00", utc(2026, 7, 1, 16, 30), false},
		// The clocks go forward at 01:00 UTC on Sunday 29 March 2026.
		{"spring forward: 00:30 UTC is 00:30 GMT", "Sun 01:00-03:00", utc(2026, 3, 29, 0, 30), false},
		{"spring forward: 01:30 UTC is 02:30 BST", "Sun 01:00-03:00", utc(2026, 3, 29, 1, 30), true},
		{"spring forward: 08:30 UTC is 09:30 BST", "Sun 09:00-10:00", utc(2026, 3, 29, 8, 30), true},
		{"week before: 08:30 UTC is 08:30 GMT", "Sun 09:00-10:00", utc(2026, 3, 22, 8, 30), false},
		// The clocks go back at 01:00 UTC on Sunday 25 October 2026.
		{"fall back: 00:30 UTC is 01:30 BST", "Sun 01:00-01:45", utc(2026, 10, 25, 0, 30), true},
		{"fall back: 01:30 UTC is 01:30 GMT again", "Sun 01:00-01:45", utc(2026, 10, 25, 1, 30), true},
		{"fall back: 08:30 UTC is 08:30 GMT", "Sun 09:00-10:00", utc(2026, 10, 25, 8, 30), false},
		{"fall back: 09:30 UTC is 09:30 GMT", "Sun 09:00-10:00", utc(2026, 10, 25, 9, 30), true},
		{"always at 3am", "always", utc(2026, 12, 25, 3, 0), true},
		{"Always in capitals", "ALWAYS", utc(2026, 3, 29, 1, 30), true},
		{"wrapping days Fri-Mon on Sunday", "Fri-Mon 10:00-12:00", utc(2026, 11, 29, 11, 0), true},
		{"wrapping days Fri-Mon on Wednesday", "Fri-Mon 10:00-12:00", utc(2026, 11, 25, 11, 0), false},
		{"two openings a day, lunch closed", "Mon-Fri 09:00-12:00 13:00-17:00", utc(2026, 11, 25, 12, 30), false},
		{"until midnight", "Wed 20:00-24:00", utc(2026, 11, 25, 23, 59), true},
		{"full day names", "Monday-Friday 09:00-17:00", utc(2026, 11, 25, 9, 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ParseHours(tt.hours)
			if err != nil {
				t.Fatalf("ParseHours(%q): %v", tt.hours, err)
			}
			if got := h.Open(tt.at); got != tt.want {
				t.Errorf("Open(%s) for %q: got %v; want %v", tt.at.In(London).Format(time.RFC3339), tt.hours, got, tt.want)
			}
		})
	}
}

func TestZeroHoursNeverOpen(t *testing.T) {
	if (Hours{}).Open(time.Now()) {
		t.Errorf("zero Hours Open: got true; want false")
	}
}

func TestParseHoursErrors(t *testing.T) {
	for _, s := range []string{
		"", "sometimes", "Mon-Fri", "Mon-Fry 09:00-17:00", "Funday 09:00-17:00",
		"Mon 17:00-09:00", "Mon 09:00-09:00", "Mon 9-5", "Mon 09:60-10:00", "Mon 24:30-25:00",
		"Mon-Fri 09:00-17:00, Wed 12:00-18:00", "Mon 09:00-12:00 11:00-13:00", "Mon 09:00-17:00,",
	} {
		t.Run(s, func(t *testing.T) {
			if h, err := ParseHours(s); err == nil {
				t.Errorf("ParseHours(%q): got %+v, nil; want an error", s, h)
			}
		})
	}
}
