package figures

import (
	"bytes"
	"context"
	"image/png"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/internal/redistest"
)

// followUpEvents: 12 offered, 9 agreed, 6 to wellbeing, 8 sent, 5 went, 2
// not yet, 1 won't go, 3 buddies asked for, 2 taken.
func followUpEvents() []Event {
	var es []Event
	add := func(n int, k Kind, outcome string) {
		for range n {
			es = append(es, Event{Time: at("2025-01-08 10:00"), Channel: SMS, Kind: k, Outcome: outcome})
		}
	}
	add(12, FollowUp, "offered")
	add(9, FollowUp, "agreed")
	add(6, FollowUp, "wellbeing")
	add(8, FollowUp, "sent")
	add(5, FollowUp, "went")
	add(2, FollowUp, "not_yet")
	add(1, FollowUp, "no")
	add(3, Buddy, "requested")
	add(2, Buddy, "taken")
	return es
}

func TestFollowUpReport(t *testing.T) {
	rdb, _ := redistest.Start(t)
	r := newRecorder(t, rdb)
	record(t, r, followUpEvents())
	rep, err := r.Report(context.Background(), at("2025-01-06 00:00"), at("2025-01-12 23:59"))
	if err != nil {
		t.Fatal(err)
	}
	want := FollowUps{Offered: 12, Agreed: 9, WellbeingAgreed: 6, Sent: 8, Went: 5, NotYet: 2, No: 1, BuddiesRequested: 3, BuddiesTaken: 2}
	if rep.Total.FollowUps != want {
		t.Errorf("follow-ups %+v; want %+v", rep.Total.FollowUps, want)
	}
	if got := rep.Total.FollowUps.Answered(); got != 8 {
		t.Errorf("answered %d; want 8", got)
	}

	for _, tc := range []struct {
		name      string
		wellbeing []WellbeingChange
		want      []string
		not       []string
	}{
		{"few pairs", []WellbeingChange{{ID: "life", Label: "Life satisfaction", HigherIsBetter: true, Pairs: 4, First: 5, Second: 9}},
			[]string{"Fewer than 5 people have answered the questions twice"}, []string{"+4.0"}},
		{"enough pairs", []WellbeingChange{
			{ID: "life", Label: "Life satisfaction", HigherIsBetter: true, Pairs: 6, First: 5.5, Second: 6.5},
			{ID: "anxious", Label: "Anxiety", HigherIsBetter: false, Pairs: 6, First: 6, Second: 4.5},
			{ID: "happy", Label: "Happiness", HigherIsBetter: true, Pairs: 3, First: 6, Second: 2},
		}, []string{"| Life satisfaction | 6 | 5.5 | 6.5 | +1.0 (better) |", "| Anxiety | 6 | 6.0 | 4.5 | -1.5 (better) |", "| Happiness | fewer than 5 | – | – | not shown |"}, []string{"2.0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := rep
			rep.Wellbeing = tc.wellbeing
			var md bytes.Buffer
			if err := WriteMarkdown(&md, rep); err != nil {
				t.Fatal(err)
			}
			got := md.String()
			for _, w := range append([]string{
				"| Offered a follow-up text | 12 |", "| Follow-up texts sent | 8 |", "| Went | 5 |",
				"| Not yet | fewer than 5 |", "| Won't be going | fewer than 5 |",
				// 5 went of 8 answered would give the small cells away.
				"| Answered | not shown |",
				"| Asked for a buddy (a volunteer to go along the first time) | fewer than 5 |",
				"| Buddy requests taken by a volunteer | fewer than 5 |",
			}, tc.want...) {
				if !strings.Contains(got, w) {
					t.Errorf("markdown lacks %q:\n%s", w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("markdown shows %q, which should be suppressed:\n%s", n, got)
				}
			}
			if tc.name == "enough pairs" {
				golden(t, "followup.md", md.Bytes())
			}
		})
	}

	var img bytes.Buffer
	if err := Chart(&img, rep); err != nil {
		t.Fatal(err)
	}
	pic, err := png.Decode(&img)
	if err != nil {
		t.Fatalf("chart is not a PNG: %v", err)
	}
	if sz := pic.Bounds().Size(); sz.Y <= sz.X/2 {
		t.Errorf("chart with follow-ups is %dx%d; want taller than the calls-and-texts chart alone (the follow-up panel below)", sz.X, sz.Y)
	}
}

func TestSuppressed(t *testing.T) {
	for n, want := range map[int]bool{0: false, 1: true, 4: true, 5: false, 12: false} {
		if got := Suppressed(n); got != want {
			t.Errorf("Suppressed(%d) = %v; want %v", n, got, want)
		}
	}
}
