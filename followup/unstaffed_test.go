package followup

import (
	"context"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/words"
)

// TestUnstaffedFollowUp: on a line with nobody to ring back or go along
// (issue 15 item 8), "not yet" and "won't be going" offer only the search,
// and BUDDY is told nobody can ring back and asks the desk for nothing.
func TestUnstaffedFollowUp(t *testing.T) {
	for _, answer := range []string{"2", "3"} {
		r := newRig(t, nil, Config{Hours: ptr(MustHours("always")), Unstaffed: func() bool { return true }})
		ctx := context.Background()
		const from = "+447700900123"
		if _, err := r.d.Offer(ctx, from, heritageCafe, ViaSMS, words.English); err != nil {
			t.Fatal(err)
		}
		r.text(t, from, "Yes")
		r.text(t, from, "No") // no wellbeing questions
		r.clock.Add(DefaultAfter)
		if n, err := NewScheduler(r.d).Round(ctx); err != nil || n != 1 {
			t.Fatalf("Round when due: claimed %d, %v; want 1", n, err)
		}
		reply, _ := r.text(t, from, answer)
		wants(t, "answer "+answer, reply, "Text Frome for other activities nearby.")
		for _, p := range []string{"CALL", "BUDDY", "volunteer"} {
			if strings.Contains(reply, p) {
				t.Errorf("answer %s: got %q; want no offer of a person (%q)", answer, reply, p)
			}
		}
		reply, _ = r.text(t, from, "buddy")
		if strings.Contains(reply, "volunteer") || len(r.desk.reqs) != 0 {
			t.Errorf("BUDDY: got %q and %d requests; want no promise and none", reply, len(r.desk.reqs))
		}
	}
}
