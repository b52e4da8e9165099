package sms

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/internal/redistest"
)

// offersNobody fails when a reply offers or promises a person: CALL, a
// volunteer, ringing to talk to someone.
func offersNobody(t *testing.T, body, got string) {
	t.Helper()
	for _, p := range []string{"CALL", "volunteer", "will ring you", "talk to"} {
		if strings.Contains(got, p) {
			t.Errorf("reply to %q: got %q; want no offer of a person (%q)", body, got, p)
		}
	}
}

// TestUnstaffedLine texts a line with nobody to ring back (issue 15 item
// 8): HELP, a list and its footers to the end, details, nothing near,
// Northern Ireland, nonsense, CALL and an apology never offer CALL or a
// volunteer; CALL is told nobody can ring back, and no callback is asked
// for. The transcript is golden.
func TestUnstaffedLine(t *testing.T) {
	rdb, _ := redistest.Start(t)
	rg := newRigPlaces(t, rdb, Config{Unstaffed: func() bool { return true }}, true)
	steps := []step{
		say("HELP", "Heritage Line finds heritage activities", "STOP to stop texts"),
		say("BA11 1AT", "Heritage activities near BA11 1AT:", "MORE"),
		say("more", "More near BA11 1AT:"),
		say("MORE", "That's all"),
		say("2", "Where:"),
		say("penzance", "Sorry, there is nothing within 25 miles of Penzance"),
		say("BT1 5GS", "not Northern Ireland", "Great Britain"),
		say("asdf qwerty", "Sorry, I didn't understand that."),
		say("CALL", "nobody on this line can ring you back"),
		say("ring me please", "nobody on this line can ring you back"),
	}
	var transcript strings.Builder
	for i, s := range steps {
		got := rg.send(t, s.from, s.body)
		fmt.Fprintf(&transcript, "> %s\n< %s\n\n", s.body, got)
		offersNobody(t, s.body, got)
		for _, w := range s.want {
			if !strings.Contains(got, w) {
				t.Errorf("step %d %q: got %q; want it to contain %q", i+1, s.body, got, w)
			}
		}
	}
	golden(t, filepath.Join("testdata", "unstaffed.golden"), transcript.String())
	if n := len(rg.desk.requests); n != 0 {
		t.Errorf("the desk was asked for %d callbacks; want none", n)
	}

	// An apology (the catalogue broken) offers no one to talk to either.
	rdb.FlushAll(context.Background())
	rg.finder.err = errors.New("catalogue: no catalogue loaded")
	got := rg.send(t, resident, "Frome")
	offersNobody(t, "Frome", got)
	if !strings.Contains(got, "Sorry, something went wrong") {
		t.Errorf("reply with a broken catalogue = %q; want the apology", got)
	}
}
