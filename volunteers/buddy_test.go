package volunteers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/volunteers"
)

// TestBuddyRequest checks that a buddy request is queued, listed, taken and
// closed like a callback, and that the volunteers on duty are told which
// activity the resident would like company at.
func TestBuddyRequest(t *testing.T) {
	rdb, _ := redistest.Start(t)
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	cb, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: volunteers.KindBuddy, Activity: "Heritage Café"})
	if err != nil || cb.Kind != volunteers.KindBuddy {
		t.Fatalf("RequestCallback: got %+v, %v; want a buddy request", cb, err)
	}
	want := "Buddy request " + cb.Ref + " (14:05): someone would like a volunteer to go with them to Heritage Café. Text TAKE " + cb.Ref + " to ring them."
	sent := r.texter.take()
	if len(sent) != 2 {
		t.Fatalf("texts: got %v; want one each to Sam and Jo", sent)
	}
	for _, s := range sent {
		if s.Body != want {
			t.Errorf("text to %s: got %q; want %q", s.To, s.Body, want)
		}
	}
	if list := r.desk.HandleText(ctx, sam, "LIST"); !strings.Contains(list, cb.Ref+" 0m ago, buddy, ending 123") {
		t.Errorf("LIST: got %q; want the buddy request listed", list)
	}
	if reply := r.desk.HandleText(ctx, jo, "TAKE "+cb.Ref); !strings.Contains(reply, "is yours") {
		t.Fatalf("TAKE: got %q", reply)
	}
	calls := r.caller.take()
	if len(calls) != 1 || calls[0].To != jo || !strings.Contains(calls[0].TwiML, "Heritage Line buddy request C ") || !strings.Contains(calls[0].TwiML, "go with them to Heritage Café") {
		t.Fatalf("TAKE rang: got %+v; want Jo rung and told it is a buddy request for Heritage Café", calls)
	}
	tm, err := r.desk.Timing(ctx, cb.Ref)
	if err != nil || tm.Kind != volunteers.KindBuddy || tm.Stage() != "taken" {
		t.Errorf("Timing: got %+v, %v; want a taken buddy request", tm, err)
	}
	if reply := r.desk.HandleText(ctx, jo, "DONE "+cb.Ref); !strings.Contains(reply, "closed") {
		t.Errorf("DONE: got %q", reply)
	}
}
