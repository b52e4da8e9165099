package catalogue

import (
	"testing"
	"time"
)

func TestMatches(t *testing.T) {
	now := at(2026, 11, 30, 9, 0) // Monday
	base := Activity{
		ID: "a", Title: "A", Category: Walk, Tags: []string{TagStepFree, TagDementiaFriendly},
		Free: true, Active: true,
		Schedule: Schedule{Rules: []Rule{{Freq: Weekly, Days: []time.Weekday{time.Thursday}, Opens: 630, Closes: 720}}},
	}
	thursday := at(2026, 12, 3, 10, 30)
	tests := []struct {
		name   string
		change func(a *Activity)
		q      Query
		ok     bool
	}{
		{"no filters", nil, Query{}, true},
		{"inactive", func(a *Activity) { a.Active = false }, Query{}, false},
		{"category any of", nil, Query{Categories: []Category{Museum, Walk}}, true},
		{"other category", nil, Query{Categories: []Category{Museum}}, false},
		{"all tags", nil, Query{Tags: []string{TagStepFree, TagDementiaFriendly}}, true},
		{"one tag missing", nil, Query{Tags: []string{TagStepFree, TagWomenOnly}}, false},
		{"free only, free", nil, Query{FreeOnly: true}, true},
		{"free only, paid", func(a *Activity) { a.Free = false }, Query{FreeOnly: true}, false},
		{"within 3 days", nil, Query{WithinDays: 3}, false},
		{"within 4 days", nil, Query{WithinDays: 4}, true},
		{"within 7 days, no dates", func(a *Activity) { a.Schedule = Schedule{} }, Query{WithinDays: 7}, false},
		{"no dates, no time filter", func(a *Activity) { a.Schedule = Schedule{} }, Query{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base
			a.Tags = append([]string(nil), base.Tags...)
			if tt.change != nil {
				tt.change(&a)
			}
			tt.q.Now = now
			next, ok := Matches(&a, tt.q)
			if ok != tt.ok {
				t.Fatalf("got ok %v; want %v", ok, tt.ok)
			}
			if ok && len(a.Schedule.Rules) > 0 && !next.Start.Equal(thursday) {
				t.Errorf("got next %v; want %v", next.Start, thursday)
			}
			if ok && len(a.Schedule.Rules) == 0 && !next.Start.IsZero() {
				t.Errorf("got next %v; want zero", next.Start)
			}
		})
	}
}
