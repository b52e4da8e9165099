package catalogue

import (
	"slices"
	"testing"
	"time"
)

func TestScheduleEnded(t *testing.T) {
	s, err := ParseSchedule("every Tuesday, 10:00-12:00, until 2020-01-01")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2019, 12, 31, 9, 0, 0, 0, London), false},
		{time.Date(2020, 1, 1, 23, 59, 0, 0, London), false}, // its last day
		{time.Date(2020, 1, 2, 0, 0, 0, 0, London), true},
		{time.Date(2026, 12, 2, 9, 0, 0, 0, London), true},
		// Midnight in London on 2 January is still 1 January in UTC.
		{time.Date(2020, 1, 2, 0, 30, 0, 0, London).UTC(), true},
	}
	for _, tt := range tests {
		if got := s.Ended(tt.now); got != tt.want {
			t.Errorf("Ended(%v): got %v; want %v", tt.now, got, tt.want)
		}
	}
	open, _ := ParseSchedule("every Tuesday, 10:00-12:00")
	if open.Ended(time.Date(2099, 1, 1, 0, 0, 0, 0, London)) {
		t.Error("a schedule with no until date ended")
	}
}

func TestReview(t *testing.T) {
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, London)
	sched := func(text string) Schedule {
		s, err := ParseSchedule(text)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tests := []struct {
		name     string
		a        Activity
		ended    bool
		warnings []string // fields
	}{
		{"current", Activity{Active: true, Phone: "01632 960101", Schedule: sched("every Tuesday, 10:00-12:00")}, false, nil},
		{"ended", Activity{Active: true, Phone: "nobody", Schedule: sched("every Tuesday, 10:00-12:00, until 2020-01-01")}, true, nil},
		{"inactive and ended stays inactive", Activity{Schedule: sched("every Tuesday, 10:00-12:00, until 2020-01-01")}, false, nil},
		{"not a phone number", Activity{Active: true, Phone: "ring Sue", Schedule: sched("every Tuesday, 10:00-12:00")}, false, []string{"phone"}},
		{"every other with no start", Activity{Active: true, Schedule: sched("every other Friday, 10:00-12:00")}, false, []string{"schedule"}},
		{"every other anchored", Activity{Active: true, Schedule: sched("every other Friday from 2026-01-09, 10:00-12:00")}, false, nil},
		{"both", Activity{Active: true, Phone: "01632 9601", Schedule: sched("every 3 weeks on Tuesday, 10:00-12:00")}, false, []string{"phone", "schedule"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.a.ID = "x"
			ended, warnings := Review(&tt.a, now)
			if (ended != nil) != tt.ended {
				t.Fatalf("got ended %v; want ended %v", ended, tt.ended)
			}
			if ended != nil && (ended.Field != "schedule" || ended.Record != "x") {
				t.Errorf("got %+v; want record x, field schedule", ended)
			}
			var fields []string
			for _, w := range warnings {
				fields = append(fields, w.Field)
			}
			if !slices.Equal(fields, tt.warnings) {
				t.Errorf("got warnings %v; want fields %v", warnings, tt.warnings)
			}
		})
	}
}

func TestPhoneLike(t *testing.T) {
	for _, s := range []string{"01632 960101", "01632960101", "(0115) 496 0210", "0115-496-0210", "020 7946 0000", "+44 1632 960101", "+44 (0)1632 960101", "0044 1632 960101", "07700 900111", "0808 157 0000", "016977 4321", "+353 1 555 0100"} {
		if !PhoneLike(s) {
			t.Errorf("PhoneLike(%q): got false; want true", s)
		}
	}
	for _, s := range []string{"", "ring Sue", "01632 9601", "1632960101", "01632 960101 or 07700 900111", "Tel 01632 960101", "0044", "+44", "00 1632 960101", "see website", "01632 960101 ext 2", "999"} {
		if PhoneLike(s) {
			t.Errorf("PhoneLike(%q): got true; want false", s)
		}
	}
}

func TestSummarise(t *testing.T) {
	l := Load{
		Source:     "a.csv",
		Activities: []Activity{{ID: "a", Active: true}, {ID: "b"}, {ID: "c", Active: true}},
		Skipped:    []*RecordError{{Source: "a.csv", Line: 9, Field: "title", Reason: "missing"}, {Source: "a.csv", Line: 3, Field: "town", Reason: "missing"}},
		Ended:      []*RecordError{{Source: "a.csv", Line: 5, Record: "e", Field: "schedule", Reason: "ended"}},
		Warnings:   []*RecordError{{Source: "a.csv", Line: 2, Record: "a", Field: "phone", Reason: "not a phone number"}},
	}
	s := Summarise(l)
	if s.Active != 2 || s.Inactive != 1 || s.Ended != 1 || s.Skipped != 2 || s.Warned != 1 {
		t.Errorf("got %+v; want 2 active, 1 inactive, 1 ended, 2 skipped, 1 warned", s)
	}
	var lines []int
	var kinds []FindingKind
	for _, f := range s.Findings {
		lines, kinds = append(lines, f.Line), append(kinds, f.Kind)
	}
	if !slices.Equal(lines, []int{2, 3, 5, 9}) || !slices.Equal(kinds, []FindingKind{FindingWarning, FindingSkipped, FindingEnded, FindingSkipped}) {
		t.Errorf("got findings at lines %v, kinds %v; want lines 2, 3, 5, 9 as warning, skipped, ended, skipped", lines, kinds)
	}
	if s.Complete() || !s.Offerable() {
		t.Errorf("got complete %v, offerable %v; want false, true", s.Complete(), s.Offerable())
	}
	if got, want := s.Findings[2].String(), `ended: a.csv line 5 record "e": field schedule: ended`; got != want {
		t.Errorf("got %q; want %q", got, want)
	}
}
