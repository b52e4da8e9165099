package followup

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

func london(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, catalogue.London)
}

// TestHolidayListMatchesTheRules checks the embedded list against the
// statutory rules for every year it covers (none of them had a one-off
// holiday), so a mistyped date in the list is caught.
func TestHolidayListMatchesTheRules(t *testing.T) {
	for y := HolidaysFrom; y <= HolidaysTo; y++ {
		var listed []catalogue.Date
		for d := range bankHolidays {
			if d.Year == y {
				listed = append(listed, d)
			}
		}
		ruled := slices.Collect(maps.Keys(holidayRules(y)))
		less := func(a, b catalogue.Date) int {
			return time.Date(a.Year, a.Month, a.Day, 0, 0, 0, 0, time.UTC).Compare(time.Date(b.Year, b.Month, b.Day, 0, 0, 0, 0, time.UTC))
		}
		slices.SortFunc(listed, less)
		slices.SortFunc(ruled, less)
		if !slices.Equal(listed, ruled) {
			t.Errorf("%d: the list has %v; the rules give %v", y, listed, ruled)
		}
	}
}

func TestBankHoliday(t *testing.T) {
	tests := []struct {
		t    time.Time
		want bool
	}{
		{london(2026, 12, 25, 10, 0), true},
		{london(2026, 12, 26, 10, 0), false}, // a Saturday: the substitute is the 28th
		{london(2026, 12, 28, 10, 0), true},
		{london(2026, 4, 3, 10, 0), true},   // Good Friday
		{london(2026, 4, 6, 10, 0), true},   // Easter Monday
		{london(2026, 8, 31, 23, 30), true}, // late on the day, in BST
		{london(2026, 9, 1, 0, 30), false},
		{london(2028, 1, 3, 10, 0), true},   // after the list: New Year's Day moved from a Saturday
		{london(2028, 4, 14, 10, 0), true},  // Good Friday 2028, by the rules
		{london(2028, 12, 26, 10, 0), true}, // Boxing Day 2028, a Tuesday
		{london(2027, 3, 17, 10, 0), false}, // St Patrick's Day: Northern Ireland only
	}
	for _, tt := range tests {
		if _, got := BankHoliday(tt.t); got != tt.want {
			t.Errorf("BankHoliday(%s): got %v; want %v", tt.t.Format(time.RFC1123), got, tt.want)
		}
	}
	if !HolidaysCover(london(2027, 6, 1, 0, 0)) || HolidaysCover(london(2028, 6, 1, 0, 0)) {
		t.Errorf("HolidaysCover: want 2027 covered and 2028 not")
	}
}

func TestEaster(t *testing.T) {
	for y, want := range map[int]string{2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2028: "2028-04-16", 2038: "2038-04-25"} {
		if got := easterSunday(y).Format(time.DateOnly); got != want {
			t.Errorf("Easter %d: got %s; want %s", y, got, want)
		}
	}
}

func TestHoursOpenAndNext(t *testing.T) {
	def := MustHours("")
	tests := []struct {
		name string
		h    Hours
		at   time.Time
		open bool
		next time.Time
	}{
		{"weekday morning", def, london(2026, 12, 2, 10, 0), true, london(2026, 12, 2, 10, 0)},
		{"before nine", def, london(2026, 12, 2, 8, 15), false, london(2026, 12, 2, 9, 0)},
		{"at seven in the evening", def, london(2026, 12, 2, 19, 0), false, london(2026, 12, 3, 9, 0)},
		{"Saturday", def, london(2026, 12, 5, 12, 0), true, london(2026, 12, 5, 12, 0)},
		{"Sunday waits for Monday", def, london(2026, 12, 6, 12, 0), false, london(2026, 12, 7, 9, 0)},
		{"Christmas Eve evening skips Christmas and the Boxing Day substitute", def, london(2026, 12, 24, 20, 0), false, london(2026, 12, 26, 9, 0)},
		{"Christmas Day", def, london(2026, 12, 25, 12, 0), false, london(2026, 12, 26, 9, 0)},
		{"the Monday substitute", def, london(2026, 12, 28, 12, 0), false, london(2026, 12, 29, 9, 0)},
		{"Good Friday to the Tuesday after Easter", def, london(2026, 4, 3, 12, 0), false, london(2026, 4, 4, 9, 0)},
		{"Easter Sunday evening", def, london(2026, 4, 5, 20, 0), false, london(2026, 4, 7, 9, 0)},
		{"clocks go forward: nine is BST", def, london(2026, 3, 29, 8, 30), false, london(2026, 3, 30, 9, 0)},
		{"always is always", MustHours("always"), london(2026, 12, 25, 3, 0), true, london(2026, 12, 25, 3, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.h.Open(tt.at); got != tt.open {
				t.Errorf("Open(%s): got %v; want %v", tt.at, got, tt.open)
			}
			if got := tt.h.Next(tt.at); !got.Equal(tt.next) {
				t.Errorf("Next(%s): got %s; want %s", tt.at, got.In(catalogue.London), tt.next)
			}
		})
	}
}

func TestParseHoursNamesTheMistake(t *testing.T) {
	if _, err := ParseHours("Mon-Sat 9-19"); err == nil {
		t.Fatal("got no error for \"Mon-Sat 9-19\"")
	}
	if _, err := ParseHours("Funday 09:00-17:00"); err == nil || !strings.Contains(err.Error(), "Funday") {
		t.Errorf("got %v; want the unknown day named", err)
	}
}
