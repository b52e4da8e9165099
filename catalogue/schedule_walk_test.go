package catalogue

import (
	"math/rand/v2"
	"testing"
	"time"
)

// referenceNext is Next the plain way: every day in turn (stepped with
// time.Date), every session of the day (sessionsOn), the first at or after
// after. Next skips and shortcuts; it must give the same answer.
func referenceNext(s Schedule, after time.Time) (Session, bool) {
	if len(s.Rules) == 0 {
		return Session{}, false
	}
	day := after.In(London)
	t := time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, time.UTC)
	if !s.ValidFrom.IsZero() && DateOf(after).Before(s.ValidFrom) {
		t = time.Date(s.ValidFrom.Year, s.ValidFrom.Month, s.ValidFrom.Day, 12, 0, 0, 0, time.UTC)
	}
	for i := 0; i < horizonDays; i, t = i+1, t.AddDate(0, 0, 1) {
		d := Date{t.Year(), t.Month(), t.Day()}
		if !s.ValidTo.IsZero() && d.After(s.ValidTo) {
			break
		}
		for _, sess := range s.sessionsOn(d) {
			if !sess.Start.Before(after) {
				return sess, true
			}
		}
	}
	return Session{}, false
}

// TestNextAsReference checks Next against referenceNext for schedules of
// every kind the parser reads, at random moments over three years (clock
// changes, month and year ends, leap day included).
func TestNextAsReference(t *testing.T) {
	texts := []string{
		"every Thursday, 10:30-12:00",
		"every Tuesday and Thursday, 10:00-12:00",
		"first Thursday of the month, 10:30-12:00",
		"first and third Wednesday of the month, 14:00-16:00",
		"last Friday of the month, 14:00-16:00",
		"every other Friday from 2026-01-09, 10:00-12:00",
		"every Saturday, 01:30-02:30", // inside the hour the clocks skip in March
		"every Sunday, 00:30-01:30",
		// Two rules on one day, the later first: the earlier session wins.
		"every Tuesday, 14:00-16:00; first Tuesday of the month, 10:00-12:00",
		"every Monday, 10:00-11:00; every other Monday from 2026-01-05, 10:00-12:00",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, London)
	checked := 0
	for _, text := range texts {
		base, err := ParseSchedule(text)
		if err != nil {
			t.Fatalf("ParseSchedule(%q): %v", text, err)
		}
		variants := []Schedule{base}
		seasonal := base
		seasonal.Months = []time.Month{time.November, time.December, time.January, time.February, time.March}
		variants = append(variants, seasonal)
		bounded := base
		bounded.ValidFrom, bounded.ValidTo = Date{2026, time.June, 15}, Date{2027, time.February, 28}
		variants = append(variants, bounded)
		summer := seasonal
		summer.Months = []time.Month{time.July}
		summer.ValidTo = Date{2027, time.July, 20}
		variants = append(variants, summer)
		for _, s := range variants {
			for range 300 {
				after := start.Add(time.Duration(rng.Int64N(int64(3 * 366 * 24 * time.Hour))))
				got, gotOK := s.Next(after)
				want, wantOK := referenceNext(s, after)
				if gotOK != wantOK || !got.Start.Equal(want.Start) || !got.End.Equal(want.End) {
					t.Fatalf("%q months %v valid %s to %s: Next(%s) = %v %v, want %v %v",
						text, s.Months, s.ValidFrom, s.ValidTo, after, got, gotOK, want, wantOK)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("nothing checked")
	}
}

// TestDateArithmetic checks Date's own arithmetic against package time's,
// for every day from 1899 to 2101 and a few out-of-range dates.
func TestDateArithmetic(t *testing.T) {
	utc := func(d Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }
	dates := []Date{{}, {2026, time.April, 31}, {2026, 0, 5}, {2026, time.February, 29}, {2024, 13, 1}}
	for tm := time.Date(1899, 1, 1, 12, 0, 0, 0, time.UTC); tm.Year() < 2102; tm = tm.AddDate(0, 0, 1) {
		dates = append(dates, Date{tm.Year(), tm.Month(), tm.Day()})
	}
	for i, d := range dates {
		if got, want := d.Weekday(), utc(d).Weekday(); got != want {
			t.Fatalf("%v.Weekday() = %v, want %v", d, got, want)
		}
		if got, want := d.days(), int(utc(d).Unix()/86400); got != want {
			t.Fatalf("%v.days() = %d, want %d", d, got, want)
		}
		for _, n := range []int{1, -1, 7, 30, -400} {
			w := utc(d).AddDate(0, 0, n)
			if got, want := d.AddDays(n), (Date{w.Year(), w.Month(), w.Day()}); got != want {
				t.Fatalf("%v.AddDays(%d) = %v, want %v", d, n, got, want)
			}
		}
		e := dates[(i*7919)%len(dates)]
		if got, want := d.Compare(e), utc(d).Compare(utc(e)); got != want {
			t.Fatalf("%v.Compare(%v) = %d, want %d", d, e, got, want)
		}
		if got, want := d.DaysUntil(e), int((utc(e).Unix()-utc(d).Unix())/86400); got != want {
			t.Fatalf("%v.DaysUntil(%v) = %d, want %d", d, e, got, want)
		}
	}
}
