package followup

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"
)

// TestWellbeingChanges pairs each person's first and second answers: only
// people who answered a question both times, with their second answers in
// the period, count.
func TestWellbeingChanges(t *testing.T) {
	r := newRig(t, nil, Config{})
	ctx := context.Background()
	answer := func(hash string, round int, values ...int) {
		t.Helper()
		for i, v := range values {
			if err := r.d.Answer(ctx, hash, round, i, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Six people answer twice: life 4 then 6, anxiety 7 then 5.
	for i := range 6 {
		h := fmt.Sprintf("p%d", i)
		answer(h, 1, 4, 5, 5, 7)
	}
	answer("first-only", 1, 0, 0, 0, 0) // never answered again: unpaired
	r.clock.Add(8 * 7 * 24 * time.Hour)
	from := r.clock.Now()
	for i := range 6 {
		answer(fmt.Sprintf("p%d", i), 2, 6, 5, 6, 5)
	}
	answer("second-only", 2, 10, 10, 10, 10) // no first answers: unpaired
	// One more pair whose second answers came after the period.
	answer("late", 1, 0, 0, 0, 0)
	r.clock.Add(24 * time.Hour)
	to := r.clock.Now().Add(-time.Hour)
	r.clock.Add(time.Hour)
	answer("late", 2, 10, 10, 10, 10)

	got, err := r.d.WellbeingChanges(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][3]float64{"life": {6, 4, 6}, "worthwhile": {6, 5, 5}, "happy": {6, 5, 6}, "anxious": {6, 7, 5}}
	if len(got) != 4 {
		t.Fatalf("got %d questions; want 4", len(got))
	}
	for _, c := range got {
		w := want[c.ID]
		if float64(c.Pairs) != w[0] || math.Abs(c.First-w[1]) > 1e-9 || math.Abs(c.Second-w[2]) > 1e-9 {
			t.Errorf("%s: %d pairs, %.2f then %.2f; want %v pairs, %v then %v", c.ID, c.Pairs, c.First, c.Second, w[0], w[1], w[2])
		}
	}
	if got[3].HigherIsBetter || !got[3].Better() {
		t.Errorf("anxiety 7 then 5: HigherIsBetter %v Better %v; want false, true", got[3].HigherIsBetter, got[3].Better())
	}
}
