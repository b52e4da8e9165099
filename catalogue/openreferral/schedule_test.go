package openreferral

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

func TestBuildRules(t *testing.T) {
	two := flexInt(2)
	d := func(y int, m time.Month, day int) catalogue.Date { return catalogue.Date{Year: y, Month: m, Day: day} }
	tests := []struct {
		name string
		in   schedule
		want []catalogue.Rule
	}{
		{"weekly two days", schedule{Freq: "WEEKLY", ByDay: "TU,TH", OpensAt: "10:00", ClosesAt: "12:00"},
			[]catalogue.Rule{{Freq: catalogue.Weekly, Days: []time.Weekday{time.Tuesday, time.Thursday}, Opens: 600, Closes: 720}}},
		{"lower case, spaces, seconds and zone", schedule{Freq: "weekly", ByDay: "mo, we", OpensAt: "09:30:00Z", ClosesAt: "11:00+01:00"},
			[]catalogue.Rule{{Freq: catalogue.Weekly, Days: []time.Weekday{time.Monday, time.Wednesday}, Opens: 570, Closes: 660}}},
		{"compact times", schedule{Freq: "WEEKLY", ByDay: "SU", OpensAt: "1400", ClosesAt: "1530"},
			[]catalogue.Rule{{Freq: catalogue.Weekly, Days: []time.Weekday{time.Sunday}, Opens: 840, Closes: 930}}},
		{"fortnightly from dtstart", schedule{Freq: "WEEKLY", Interval: &two, ByDay: "FR", OpensAt: "10:00", ClosesAt: "11:00", DTStart: "2026-01-09T10:00:00"},
			[]catalogue.Rule{{Freq: catalogue.Weekly, Interval: 2, Days: []time.Weekday{time.Friday}, Start: d(2026, 1, 9), Opens: 600, Closes: 660}}},
		{"fortnightly from valid_from", schedule{Freq: "WEEKLY", Interval: &two, ByDay: "FR", OpensAt: "10:00", ClosesAt: "11:00", ValidFrom: "2026-01-02"},
			[]catalogue.Rule{{Freq: catalogue.Weekly, Interval: 2, Days: []time.Weekday{time.Friday}, Start: d(2026, 1, 2), Opens: 600, Closes: 660}}},
		{"fortnightly with no anchor kept", schedule{Freq: "WEEKLY", Interval: &two, ByDay: "FR", OpensAt: "10:00", ClosesAt: "11:00"},
			[]catalogue.Rule{{Freq: catalogue.Weekly, Interval: 2, Days: []time.Weekday{time.Friday}, Opens: 600, Closes: 660}}},
		{"first and third Thursday", schedule{Freq: "MONTHLY", ByDay: "1TH,3TH", OpensAt: "10:30", ClosesAt: "12:00"},
			[]catalogue.Rule{{Freq: catalogue.Monthly, Days: []time.Weekday{time.Thursday}, Weeks: []int{1, 3}, Opens: 630, Closes: 720}}},
		{"last Friday and second Monday", schedule{Freq: "MONTHLY", ByDay: "-1FR,2MO", OpensAt: "14:00", ClosesAt: "15:30"},
			[]catalogue.Rule{
				{Freq: catalogue.Monthly, Days: []time.Weekday{time.Friday}, Weeks: []int{-1}, Opens: 840, Closes: 930},
				{Freq: catalogue.Monthly, Days: []time.Weekday{time.Monday}, Weeks: []int{2}, Opens: 840, Closes: 930},
			}},
		{"daily", schedule{Freq: "DAILY", OpensAt: "10:00", ClosesAt: "16:00", ByDay: "MO"},
			[]catalogue.Rule{{Freq: catalogue.Weekly, Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}, Opens: 600, Closes: 960}}},
		{"weekday name only", schedule{Weekday: "Wed", OpensAt: "10:00", ClosesAt: "11:00"},
			[]catalogue.Rule{{Freq: catalogue.Weekly, Days: []time.Weekday{time.Wednesday}, Opens: 600, Closes: 660}}},
		{"words only", schedule{Description: "Ring to book"}, nil},
		{"by month day kept in words", schedule{Freq: "MONTHLY", ByMonthDay: "15", OpensAt: "10:00", ClosesAt: "11:00"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := buildRules("schedules[0]", tt.in)
			if err != nil {
				t.Fatalf("got error %v; want none", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v; want %+v", got, tt.want)
			}
		})
	}
}

func TestBuildRulesErrors(t *testing.T) {
	three := flexInt(3)
	tests := []struct {
		name      string
		in        schedule
		wantField string
	}{
		{"unknown day", schedule{Freq: "WEEKLY", ByDay: "XX", OpensAt: "10:00", ClosesAt: "11:00"}, "byday"},
		{"number after day", schedule{Freq: "WEEKLY", ByDay: "TH1", OpensAt: "10:00", ClosesAt: "11:00"}, "byday"},
		{"week number in weekly", schedule{Freq: "WEEKLY", ByDay: "1TH", OpensAt: "10:00", ClosesAt: "11:00"}, "byday"},
		{"sixth week", schedule{Freq: "MONTHLY", ByDay: "6TH", OpensAt: "10:00", ClosesAt: "11:00"}, "byday"},
		{"monthly without week", schedule{Freq: "MONTHLY", ByDay: "TH", OpensAt: "10:00", ClosesAt: "11:00"}, "byday"},
		{"monthly interval", schedule{Freq: "MONTHLY", Interval: &three, ByDay: "1TH", OpensAt: "10:00", ClosesAt: "11:00"}, "interval"},
		{"yearly", schedule{Freq: "YEARLY", ByDay: "MO", OpensAt: "10:00", ClosesAt: "11:00"}, "freq"},
		{"no byday", schedule{Freq: "WEEKLY", OpensAt: "10:00", ClosesAt: "11:00"}, "byday"},
		{"times with no rule", schedule{OpensAt: "10:00", ClosesAt: "11:00"}, "freq"},
		{"words for a time", schedule{Freq: "WEEKLY", ByDay: "MO", OpensAt: "half ten", ClosesAt: "11:00"}, "opens_at"},
		{"no closing time", schedule{Freq: "WEEKLY", ByDay: "MO", OpensAt: "10:00"}, "closes_at"},
		{"hour 25", schedule{Freq: "WEEKLY", ByDay: "MO", OpensAt: "10:00", ClosesAt: "25:00"}, "closes_at"},
		{"closes before opens", schedule{Freq: "WEEKLY", ByDay: "MO", OpensAt: "10:00", ClosesAt: "09:00"}, "closes_at"},
		{"bad weekday", schedule{Weekday: "Funday", OpensAt: "10:00", ClosesAt: "11:00"}, "weekday"},
		{"bad dtstart", schedule{Freq: "WEEKLY", Interval: &three, ByDay: "MO", OpensAt: "10:00", ClosesAt: "11:00", DTStart: "next week"}, "dtstart"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildRules("schedules[0]", tt.in)
			if err == nil {
				t.Fatalf("got no error; want one for field %s", tt.wantField)
			}
			if want := "schedules[0]." + tt.wantField; err.field != want {
				t.Errorf("got field %q; want %q", err.field, want)
			}
			if !strings.HasPrefix(err.reason, "unparseable") {
				t.Errorf("got reason %q; want it to start \"unparseable\"", err.reason)
			}
		})
	}
}

func TestBuildScheduleRange(t *testing.T) {
	entries := []schedule{
		{Freq: "WEEKLY", ByDay: "MO", OpensAt: "10:00", ClosesAt: "11:00", ValidFrom: "2026-03-01", ValidTo: "2026-06-30", Description: "Spring"},
		{Freq: "WEEKLY", ByDay: "TU", OpensAt: "10:00", ClosesAt: "11:00", ValidFrom: "2026-02-01", Until: "2026-09-30", Description: "Summer"},
	}
	got, err := buildSchedule("schedules", entries)
	if err != nil {
		t.Fatal(err)
	}
	wantFrom := catalogue.Date{Year: 2026, Month: 2, Day: 1}
	wantTo := catalogue.Date{Year: 2026, Month: 9, Day: 30}
	if got.ValidFrom != wantFrom || got.ValidTo != wantTo || got.Text != "Spring Summer" || len(got.Rules) != 2 {
		t.Errorf("got from %v to %v text %q rules %d; want from %v to %v text %q rules 2", got.ValidFrom, got.ValidTo, got.Text, len(got.Rules), wantFrom, wantTo, "Spring Summer")
	}

	entries[1].Until = ""
	got, err = buildSchedule("schedules", entries)
	if err != nil {
		t.Fatal(err)
	}
	if got.ValidTo != (catalogue.Date{}) {
		t.Errorf("got valid_to %v; want none when one entry has no end", got.ValidTo)
	}

	_, err = buildSchedule("schedules", []schedule{{ValidFrom: "2026-05-01", ValidTo: "2026-04-01"}})
	if err == nil || err.field != "schedules.valid_to" {
		t.Errorf("got %v; want an error for schedules.valid_to", err)
	}
}
