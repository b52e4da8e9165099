package smstext

import (
	"strings"
	"testing"
)

// BenchmarkSegments counts the segments of typical replies: plain GSM-7, GSM-7
// with double-width characters, and UCS-2 (an emoji or a curly quote).
func BenchmarkSegments(b *testing.B) {
	cases := map[string]string{
		"gsm-short":   "Heritage walks near Frome: reply 1 to 5 for details, MORE for more.",
		"gsm-long":    strings.Repeat("1 Catherine Hill heritage walk, Thu 10:30, 0.4 mi. ", 9),
		"gsm-escapes": strings.Repeat("Costs £2 {tea} [cake] ~ €1 ", 12),
		"ucs2":        strings.Repeat("Heritage Café – “drop in” 🙂 ", 10),
	}
	for name, s := range cases {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				Segments(s)
			}
		})
	}
}

// BenchmarkNormalise makes a reply GSM-7 where it can.
func BenchmarkNormalise(b *testing.B) {
	s := strings.Repeat("Heritage Café – “drop in” at St Mary’s … ", 8)
	b.ReportAllocs()
	for b.Loop() {
		Normalise(s)
	}
}
