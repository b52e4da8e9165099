package words

import (
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// TestHeadingsSayTheDateAsked: a list for a date asked for says that date,
// in every language, and so does the line saying nothing matched it; the
// weekday alone ("Saturday") is not enough when a date was asked for.
func TestHeadingsSayTheDateAsked(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London)
	day := time.Date(2026, 12, 5, 0, 0, 0, 0, catalogue.London)
	f := Filters{Categories: []catalogue.Category{catalogue.Walk}, Day: day.Weekday(), OnDay: true, Date: day}
	for _, l := range All() {
		t.Run(string(l.Code), func(t *testing.T) {
			b := For(l.Code)
			want := b.ShortDate(day, now)
			for _, got := range []string{b.Heading(f, "Frome"), b.MoreHeading(f, "Frome"), b.NothingFiltered(f, "Frome", 25)} {
				if !strings.Contains(got, want) {
					t.Errorf("got %q; want it to name the date asked for, %q", got, want)
				}
			}
			if !f.Any() {
				t.Error("a date asked for is not a filter")
			}
		})
	}
}
