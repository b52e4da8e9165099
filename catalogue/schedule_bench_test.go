package catalogue

import (
	"testing"
	"time"
)

// BenchmarkScheduleNext finds the next session for the rule kinds the
// catalogue uses.
func BenchmarkScheduleNext(b *testing.B) {
	after := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	for _, text := range []string{
		"every Thursday, 10:30-12:00",
		"first Thursday of the month, 10:30-12:00",
		"last Friday of the month, 14:00-16:00",
		"every other Friday from 2026-01-09, 10:00-12:00",
		"every Tuesday and Thursday, 10:00-12:00",
	} {
		s, err := ParseSchedule(text)
		if err != nil {
			b.Fatalf("ParseSchedule(%q): %v", text, err)
		}
		b.Run(text, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := s.Next(after); !ok {
					b.Fatalf("%q: no next session", text)
				}
			}
		})
	}
}

// BenchmarkParseSchedule parses a schedule as a catalogue load does.
func BenchmarkParseSchedule(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseSchedule("every other Friday from 2026-01-09, 10:00-12:00"); err != nil {
			b.Fatal(err)
		}
	}
}
