package catalogue

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"
)

// at is a Europe/London wall-clock time.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, London)
}

func mustSchedule(t *testing.T, text string) Schedule {
	t.Helper()
	s, err := ParseSchedule(text)
	if err != nil {
		t.Fatalf("ParseSchedule(%q): %v", text, err)
	}
	return s
}

func TestParseSchedule(t *testing.T) {
	mon, tue, wed, thu, fri, sat, sun := time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday
	clock := func(s string) Clock { c, _ := ParseClock(s); return c }
	tests := []struct {
		text string
		want Schedule
	}{
		{"first Thursday of the month, 10:30-12:00", Schedule{Rules: []Rule{{Freq: Monthly, Weeks: []int{1}, Days: []time.Weekday{thu}, Opens: clock("10:30"), Closes: clock("12:00")}}}},
		{"every Wednesday and Saturday, 10:00-14:00", Schedule{Rules: []Rule{{Freq: Weekly, Days: []time.Weekday{wed, sat}, Opens: 600, Closes: 840}}}},
		{"second and fourth Saturday, 10:30-12:00", Schedule{Rules: []Rule{{Freq: Monthly, Weeks: []int{2, 4}, Days: []time.Weekday{sat}, Opens: 630, Closes: 720}}}},
		{"every other Friday, 10:00-12:00", Schedule{Rules: []Rule{{Freq: Weekly, Interval: 2, Days: []time.Weekday{fri}, Opens: 600, Closes: 720}}}},
		{"every Saturday, 09:30-15:30, April to September", Schedule{Rules: []Rule{{Freq: Weekly, Days: []time.Weekday{sat}, Opens: 570, Closes: 930}}, Months: []time.Month{4, 5, 6, 7, 8, 9}}},
		{"second Wednesday, 19:30-21:00, September to May", Schedule{Rules: []Rule{{Freq: Monthly, Weeks: []int{2}, Days: []time.Weekday{wed}, Opens: 1170, Closes: 1260}}, Months: []time.Month{1, 2, 3, 4, 5, 9, 10, 11, 12}}},
		{"last Friday of the month, 14:00-15:30", Schedule{Rules: []Rule{{Freq: Monthly, Weeks: []int{-1}, Days: []time.Weekday{fri}, Opens: 840, Closes: 930}}}},
		{"every 3 weeks on Tuesday from 2026-01-06, 14:00-15:30", Schedule{Rules: []Rule{{Freq: Weekly, Interval: 3, Days: []time.Weekday{tue}, Start: Date{2026, 1, 6}, Opens: 840, Closes: 930}}}},
		{"every other Friday from 2026-01-09, 10:00-12:00", Schedule{Rules: []Rule{{Freq: Weekly, Interval: 2, Days: []time.Weekday{fri}, Start: Date{2026, 1, 9}, Opens: 600, Closes: 720}}}},
		{"every Tuesday, 10:00-12:00, until 2027-03-31", Schedule{Rules: []Rule{{Freq: Weekly, Days: []time.Weekday{tue}, Opens: 600, Closes: 720}}, ValidTo: Date{2027, 3, 31}}},
		{"every Tuesday, 10:00-12:00, from 2026-01-01 until 2027-03-31", Schedule{Rules: []Rule{{Freq: Weekly, Days: []time.Weekday{tue}, Opens: 600, Closes: 720}}, ValidFrom: Date{2026, 1, 1}, ValidTo: Date{2027, 3, 31}}},
		{"Every Mon & Thurs 9.30 – 11:00", Schedule{Rules: []Rule{{Freq: Weekly, Days: []time.Weekday{mon, thu}, Opens: 570, Closes: 660}}}},
		{"fortnightly on Sundays from 2026-03-01, 10:00-11:00", Schedule{Rules: []Rule{{Freq: Weekly, Interval: 2, Days: []time.Weekday{sun}, Start: Date{2026, 3, 1}, Opens: 600, Closes: 660}}}},
		{"every day, 10:00-16:00, July and August only", Schedule{Rules: []Rule{{Freq: Weekly, Days: []time.Weekday{mon, tue, wed, thu, fri, sat, sun}, Opens: 600, Closes: 960}}, Months: []time.Month{7, 8}}},
		{"every Tuesday, 10:00-12:00; first Saturday of the month, 14:00-16:00", Schedule{Rules: []Rule{
			{Freq: Weekly, Days: []time.Weekday{tue}, Opens: 600, Closes: 720},
			{Freq: Monthly, Weeks: []int{1}, Days: []time.Weekday{sat}, Opens: 840, Closes: 960}}}},
		{"first and last Monday, every Friday, 10:00-12:00", Schedule{Rules: []Rule{
			{Freq: Monthly, Weeks: []int{1, -1}, Days: []time.Weekday{mon}, Opens: 600, Closes: 720},
			{Freq: Weekly, Days: []time.Weekday{fri}, Opens: 600, Closes: 720}}}},
		{"contact the organiser", Schedule{}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := ParseSchedule(tt.text)
			if err != nil {
				t.Fatalf("ParseSchedule: %v", err)
			}
			tt.want.Text = tt.text
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v; want %+v", got, tt.want)
			}
			// The canonical form reads back to the same schedule.
			again, err := ParseSchedule(got.String())
			if err != nil {
				t.Fatalf("ParseSchedule(String() %q): %v", got.String(), err)
			}
			again.Text = got.Text
			if !reflect.DeepEqual(again, got) {
				t.Errorf("round trip through %q: got %+v; want %+v", got.String(), again, got)
			}
		})
	}
}

func TestParseScheduleErrors(t *testing.T) {
	for _, text := range []string{
		"",
		"every Tuesday",              // no time
		"10:00-12:00",                // no days
		"every Tuesday, 12:00-10:00", // closes before it opens
		"every Tuesday, 10:00-25:00", // no such time
		"every Funday, 10:00-12:00",  // no such day
		"whenever, 10:00-12:00",      // no rule
		"every other Friday from 2026-01-08, 10:00-12:00", // a Thursday
		"every Tuesday, 10:00-12:00, from 2027-01-01 until 2026-01-01",
		"every Tuesday, 10:00-12:00, until 2026-02-30",
		"every Tuesday, 10:00-12:00, April to Smarch",
		"every 0 weeks on Tuesday, 10:00-12:00",
		"every Tuesday, 10:00-12:00, April to June, May to July",
	} {
		t.Run(text, func(t *testing.T) {
			_, err := ParseSchedule(text)
			var se *ScheduleError
			if !errors.As(err, &se) {
				t.Fatalf("got error %v; want a *ScheduleError", err)
			}
			if se.Problem == "" {
				t.Errorf("got an empty Problem; want a reason")
			}
		})
	}
}

func TestNext(t *testing.T) {
	tests := []struct {
		schedule string
		after    time.Time
		want     time.Time // zero: no next session
	}{
		{"first Thursday of the month, 10:30-12:00", at(2026, 11, 25, 9, 0), at(2026, 12, 3, 10, 30)},
		{"first Thursday of the month, 10:30-12:00", at(2026, 12, 3, 10, 30), at(2026, 12, 3, 10, 30)}, // starting now counts
		{"first Thursday of the month, 10:30-12:00", at(2026, 12, 3, 10, 31), at(2027, 1, 7, 10, 30)},
		{"every Wednesday and Saturday, 10:00-14:00", at(2026, 11, 25, 9, 0), at(2026, 11, 25, 10, 0)},
		{"every Wednesday and Saturday, 10:00-14:00", at(2026, 11, 25, 11, 0), at(2026, 11, 28, 10, 0)},
		{"second and fourth Saturday, 10:30-12:00", at(2026, 11, 15, 0, 0), at(2026, 11, 28, 10, 30)},
		{"last Friday of the month, 14:00-15:30", at(2026, 1, 1, 0, 0), at(2026, 1, 30, 14, 0)},
		{"fifth Monday, 10:00-11:00", at(2026, 1, 1, 0, 0), at(2026, 3, 30, 10, 0)},
		{"every other Friday, 10:00-12:00", at(2026, 1, 1, 0, 0), time.Time{}}, // no start date
		{"every other Friday from 2026-01-09, 10:00-12:00", at(2026, 1, 1, 0, 0), at(2026, 1, 9, 10, 0)},
		{"every other Friday from 2026-01-09, 10:00-12:00", at(2026, 1, 10, 0, 0), at(2026, 1, 23, 10, 0)},
		{"every other Friday, 10:00-12:00, from 2026-01-09", at(2026, 1, 10, 0, 0), at(2026, 1, 23, 10, 0)}, // valid-from anchors
		{"every 3 weeks on Tuesday from 2026-01-06, 14:00-15:30", at(2026, 1, 7, 0, 0), at(2026, 1, 27, 14, 0)},
		{"every Saturday, 09:30-15:30, April to September", at(2026, 10, 1, 0, 0), at(2027, 4, 3, 9, 30)},
		{"second Wednesday, 19:30-21:00, September to May", at(2026, 5, 20, 0, 0), at(2026, 9, 9, 19, 30)},
		{"every Tuesday, 10:00-12:00, until 2027-03-31", at(2027, 3, 31, 0, 0), time.Time{}},
		{"every Tuesday, 10:00-12:00, from 2027-01-01", at(2026, 6, 1, 0, 0), at(2027, 1, 5, 10, 0)},
		{"contact the organiser", at(2026, 6, 1, 0, 0), time.Time{}},
		// The clocks go forward on the last Sunday of March and back on the last
		// Sunday of October: sessions stay at the same wall-clock time.
		{"last Sunday of the month, 14:00-15:30", at(2026, 3, 28, 12, 0), time.Date(2026, 3, 29, 13, 0, 0, 0, time.UTC)},
		{"last Sunday of the month, 14:00-15:30", at(2026, 10, 24, 12, 0), time.Date(2026, 10, 25, 14, 0, 0, 0, time.UTC)},
		{"every Sunday, 00:30-03:00", time.Date(2026, 10, 24, 23, 0, 0, 0, time.UTC), time.Date(2026, 10, 24, 23, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.schedule+" after "+tt.after.Format(time.DateTime), func(t *testing.T) {
			s := mustSchedule(t, tt.schedule)
			got, ok := s.Next(tt.after)
			if tt.want.IsZero() {
				if ok {
					t.Fatalf("got %v; want no next session", got.Start)
				}
				return
			}
			if !ok || !got.Start.Equal(tt.want) {
				t.Fatalf("got %v, %v; want %v", got.Start, ok, tt.want.In(London))
			}
			if d := got.End.Sub(got.Start); d <= 0 {
				t.Errorf("got a session lasting %v; want a positive length", d)
			}
		})
	}
}

func TestBetweenAcrossClockChanges(t *testing.T) {
	s := mustSchedule(t, "every Saturday and Sunday, 10:00-11:00")
	for _, tt := range []struct {
		name     string
		from, to time.Time
	}{
		{"spring", at(2026, 3, 21, 0, 0), at(2026, 4, 6, 0, 0)},
		{"autumn", at(2026, 10, 17, 0, 0), at(2026, 11, 2, 0, 0)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := s.Between(tt.from, tt.to)
			if len(got) != 6 {
				t.Fatalf("got %d sessions; want 6", len(got))
			}
			for _, sess := range got {
				l := sess.Start.In(London)
				if l.Hour() != 10 || l.Minute() != 0 || sess.End.Sub(sess.Start) != time.Hour {
					t.Errorf("got session %v to %v; want 10:00 to 11:00 London time", l, sess.End.In(London))
				}
			}
		})
	}
}

func TestBetween(t *testing.T) {
	s := mustSchedule(t, "every 3 weeks on Tuesday from 2026-01-06, 14:00-15:30; last Friday of the month, 10:00-11:00")
	got := s.Between(at(2026, 1, 1, 0, 0), at(2026, 2, 28, 0, 0))
	want := []time.Time{at(2026, 1, 6, 14, 0), at(2026, 1, 27, 14, 0), at(2026, 1, 30, 10, 0), at(2026, 2, 17, 14, 0), at(2026, 2, 27, 10, 0)}
	if len(got) != len(want) {
		t.Fatalf("got %d sessions %v; want %d", len(got), got, len(want))
	}
	for i := range want {
		if !got[i].Start.Equal(want[i]) {
			t.Errorf("session %d: got %v; want %v", i, got[i].Start, want[i])
		}
	}
	if got := s.Between(at(2026, 2, 1, 0, 0), at(2026, 1, 1, 0, 0)); got != nil {
		t.Errorf("reversed range: got %v; want nil", got)
	}
}

func TestDateClockText(t *testing.T) {
	r := Rule{Freq: Weekly, Interval: 2, Days: []time.Weekday{time.Friday}, Start: Date{2026, 1, 9}, Opens: 630, Closes: 720}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"freq":"weekly","interval":2,"days":[5],"start":"2026-01-09","opens":"10:30","closes":"12:00"}`
	if string(b) != want {
		t.Errorf("got %s; want %s", b, want)
	}
	var back Rule
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, r) {
		t.Errorf("got %+v; want %+v", back, r)
	}
	// A zero start is left out.
	b, _ = json.Marshal(Rule{Freq: Weekly, Days: []time.Weekday{time.Monday}, Opens: 600, Closes: 660})
	if want := `{"freq":"weekly","days":[1],"opens":"10:00","closes":"11:00"}`; string(b) != want {
		t.Errorf("got %s; want %s", b, want)
	}
	for _, bad := range []string{`{"opens":"25:00"}`, `{"start":"2026-13-01"}`, `{"opens":"ten"}`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("Unmarshal(%s): got no error; want one", bad)
		}
	}
}

func FuzzParseSchedule(f *testing.F) {
	for _, s := range []string{
		"first Thursday of the month, 10:30-12:00",
		"every other Friday from 2026-01-09, 10:00-12:00",
		"second Wednesday, 19:30-21:00, September to May",
		"every Tuesday, 10:00-12:00; last Friday, 14:00-15:30, from 2026-01-01 until 2027-03-31",
	} {
		f.Add(s)
	}
	after := at(2026, 6, 1, 12, 0)
	f.Fuzz(func(t *testing.T, text string) {
		s, err := ParseSchedule(text)
		if err != nil {
			return
		}
		again, err := ParseSchedule(s.String())
		if err != nil {
			t.Fatalf("ParseSchedule(%q) read %q but not its canonical form %q: %v", text, s.Text, s.String(), err)
		}
		again.Text = s.Text
		if !reflect.DeepEqual(again, s) {
			t.Fatalf("round trip of %q through %q: got %+v; want %+v", text, s.String(), again, s)
		}
		if next, ok := s.Next(after); ok && next.Start.Before(after) {
			t.Fatalf("Next(%v) = %v, before it", after, next.Start)
		}
	})
}
