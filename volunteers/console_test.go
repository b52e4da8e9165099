package volunteers_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/volunteers"
)

// coordinator's phone is not on the roster.
const coordinator = "+447700900999"

// TestConsoleWorksTheSameQueue: a callback taken from the console rings the
// coordinator's own phone, then (after 1) the resident with the line's
// number; volunteers' texts see who holds it, notes and DONE from either
// side are one record.
func TestConsoleWorksTheSameQueue(t *testing.T) {
	rdb, _ := redistest.Start(t)
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	cb, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "sms"})
	if err != nil {
		t.Fatal(err)
	}
	r.texter.take()

	q, err := r.desk.Queue(ctx)
	if err != nil || len(q) != 1 || q[0].Ref != cb.Ref || q[0].Ending != "123" || q[0].TakenBy != "" {
		t.Fatalf("Queue: got %+v, %v; want %s ending 123, not taken", q, err, cb.Ref)
	}

	jo := volunteers.Taker{Name: "Jo", Phone: "07700 900999"}
	if err := r.desk.TakeFor(ctx, jo, cb.Ref); err != nil {
		t.Fatalf("TakeFor: %v", err)
	}
	calls := r.caller.take()
	if len(calls) != 1 || calls[0].To != coordinator || strings.Contains(calls[0].TwiML, "900123") ||
		calls[0].StatusCallback != "https://line.example/twilio/voice/taken?ref="+cb.Ref {
		t.Fatalf("TakeFor rang %+v; want the coordinator's phone, no number in the TwiML", calls)
	}
	if got := r.desk.HandleText(ctx, sam, "TAKE "+cb.Ref); !strings.Contains(got, "already been taken by Jo") {
		t.Errorf("TAKE by Sam: got %q; want taken by Jo", got)
	}
	// Only the coordinator's own phone, which the line rang, is connected.
	if doc, _ := connectTwiML(ctx, t, r.desk, cb.Ref, "+447700900998", "1"); strings.Contains(doc, "<Dial") {
		t.Errorf("Connect from another number dialled: %s", doc)
	}
	doc, err := connectTwiML(ctx, t, r.desk, cb.Ref, coordinator, "1")
	if err != nil {
		t.Fatal(err)
	}
	d := parseTwiML(t, doc)
	if len(d.Dials) != 1 || d.Dials[0].CallerID != line || d.Dials[0].Numbers[0] != resident {
		t.Errorf("Connect: got %+v; want the resident dialled showing the line's number", d.Dials)
	}

	if err := r.desk.NoteFor(ctx, "Jo", cb.Ref, "  spoke to her, will ring Friday  "); err != nil {
		t.Fatal(err)
	}
	if got := r.desk.HandleText(ctx, sam, "NOTES "+cb.Ref); !strings.Contains(got, "Jo") || !strings.Contains(got, "spoke to her, will ring Friday") {
		t.Errorf("NOTES by Sam: got %q; want Jo's note", got)
	}
	if q, _ := r.desk.Queue(ctx); len(q) != 1 || q[0].TakenBy != "Jo" || q[0].Notes != 1 {
		t.Errorf("Queue after the note: got %+v; want taken by Jo, one note", q)
	}

	if err := r.desk.DoneFor(ctx, "Jo", cb.Ref); err != nil {
		t.Fatal(err)
	}
	var held *volunteers.HeldError
	if err := r.desk.DoneFor(ctx, "Sam", cb.Ref); !errors.As(err, &held) || !held.Done || held.By != "Jo" {
		t.Errorf("second DoneFor: got %v; want closed by Jo", err)
	}
	if err := r.desk.NoteFor(ctx, "Jo", cb.Ref, "late"); !errors.As(err, &held) {
		t.Errorf("NoteFor a closed callback: got %v; want *HeldError", err)
	}
	if err := r.desk.TakeFor(ctx, jo, cb.Ref); !errors.As(err, &held) || !held.Done {
		t.Errorf("TakeFor a closed callback: got %v; want closed", err)
	}
	if q, _ := r.desk.Queue(ctx); len(q) != 0 {
		t.Errorf("Queue after DoneFor: got %+v; want empty", q)
	}
	for _, ref := range []string{"C999999", "nonsense"} {
		if err := r.desk.TakeFor(ctx, jo, ref); !errors.Is(err, volunteers.ErrUnknownCallback) {
			t.Errorf("TakeFor %s: got %v; want ErrUnknownCallback", ref, err)
		}
	}
}

// TestConsoleTakeRefusals: the coordinator's phone must be one the line may
// ring, a callback someone holds is not taken from them, and a ring that
// cannot start puts the callback back.
func TestConsoleTakeRefusals(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	cb, _ := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "sms"})

	if err := r.desk.TakeFor(ctx, volunteers.Taker{Name: "Jo", Phone: "+33612345678"}, cb.Ref); !errors.Is(err, volunteers.ErrCannotRing) {
		t.Errorf("TakeFor with a French phone: got %v; want ErrCannotRing", err)
	}
	r.caller.err = errors.New("twilio: 500")
	if err := r.desk.TakeFor(ctx, volunteers.Taker{Name: "Jo", Phone: coordinator}, cb.Ref); !errors.Is(err, volunteers.ErrRingFailed) {
		t.Errorf("TakeFor when Twilio fails: got %v; want ErrRingFailed", err)
	}
	r.caller.err = nil
	if got := r.desk.HandleText(ctx, sam, "TAKE "+cb.Ref); !strings.Contains(got, "yours, Sam") {
		t.Fatalf("TAKE by Sam after the failed ring: got %q; want it his", got)
	}
	var held *volunteers.HeldError
	if err := r.desk.TakeFor(ctx, volunteers.Taker{Name: "Jo", Phone: coordinator}, cb.Ref); !errors.As(err, &held) || held.Done || held.By != "Sam" {
		t.Errorf("TakeFor a callback Sam holds: got %v; want taken by Sam", err)
	}
}

// TestConsoleTakeUnanswered: the coordinator's phone not answered puts the
// callback back, texting the volunteers on duty (not the coordinator).
func TestConsoleTakeUnanswered(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	cb, _ := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "sms"})
	r.texter.take()
	if err := r.desk.TakeFor(ctx, volunteers.Taker{Name: "Jo", Phone: coordinator}, cb.Ref); err != nil {
		t.Fatal(err)
	}
	if err := r.desk.CallEnded(ctx, cb.Ref, coordinator, "CA00000000000000000000000000000001", "no-answer"); err != nil {
		t.Fatal(err)
	}
	if q, _ := r.desk.Queue(ctx); len(q) != 1 || q[0].TakenBy != "" {
		t.Errorf("Queue after an unanswered ring: got %+v; want it free again", q)
	}
	for _, s := range r.texter.take() {
		if s.To == coordinator {
			t.Errorf("texted the coordinator %q; the console shows it", s.Body)
		}
	}
}
