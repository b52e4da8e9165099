package volunteers_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/volunteers"
)

// TestConnectScreening posts every kind of key press, forged or not, to
// Connect for callback C7887 (taken by Jo unless the case says otherwise): only
// Jo pressing 1 on a call to Jo's number, with C7887 open, dials anyone, and
// then only the resident. Silence or another key gives C7887 back to the queue
// and texts Jo and the other volunteer on duty (Sam), not Priya (off duty).
func TestConnectScreening(t *testing.T) {
	const freeAgain = "Callback C7887 requested 14:05 (voicemail) is free again. Text TAKE C7887 to ring them."
	const mine = "We rang you for C7887 but 1 wasn't pressed, so C7887 is back on the list for any volunteer. Text TAKE C7887 to be rung again."
	tests := []struct {
		name       string
		setup      func(ctx context.Context, r *rig) // after C7887 is requested and the texts about it are cleared
		ref, to    string
		digits     string
		wantDial   bool
		wantSay    string
		wantHolder string // who holds C7887 afterwards
		wantTexts  []text
	}{
		{name: "Jo presses 1", ref: "C7887", to: jo, digits: "1", wantDial: true, wantSay: "Connecting you now", wantHolder: "Jo"},
		{name: "Jo presses 1, number as Twilio might format it", ref: "C7887", to: "+44 7700 900333", digits: "1", wantDial: true, wantSay: "Connecting you now", wantHolder: "Jo"},
		{name: "voicemail: nothing pressed", ref: "C7887", to: jo, digits: "", wantSay: "back on the list", wantHolder: "",
			wantTexts: []text{{jo, mine}, {sam, freeAgain}}},
		{name: "Jo presses 2", ref: "C7887", to: jo, digits: "2", wantSay: "back on the list", wantHolder: "",
			wantTexts: []text{{jo, mine}, {sam, freeAgain}}},
		{name: "Jo presses 11", ref: "C7887", to: jo, digits: "11", wantSay: "back on the list", wantHolder: "",
			wantTexts: []text{{jo, mine}, {sam, freeAgain}}},
		{name: "forged ref", ref: "C99", to: jo, digits: "1", wantSay: "no open callback C 9 9", wantHolder: "Jo"},
		{name: "malformed ref", ref: "C7887&ref=C2", to: jo, digits: "1", wantSay: "can't be connected", wantHolder: "Jo"},
		{name: "empty ref", ref: "", to: jo, digits: "1", wantSay: "can't be connected", wantHolder: "Jo"},
		{name: "wrong To: another volunteer", ref: "C7887", to: sam, digits: "1", wantSay: "with another volunteer", wantHolder: "Jo"},
		{name: "wrong To: another volunteer, silent", ref: "C7887", to: sam, digits: "", wantSay: "with another volunteer", wantHolder: "Jo"},
		{name: "wrong To: not rostered", ref: "C7887", to: "+447700900999", digits: "1", wantSay: "can't be connected", wantHolder: "Jo"},
		{name: "wrong To: the resident", ref: "C7887", to: resident, digits: "1", wantSay: "can't be connected", wantHolder: "Jo"},
		{name: "wrong To: the line", ref: "C7887", to: line, digits: "1", wantSay: "can't be connected", wantHolder: "Jo"},
		{name: "wrong To: empty", ref: "C7887", to: "", digits: "1", wantSay: "can't be connected", wantHolder: "Jo"},
		{name: "done callback", ref: "C7887", to: jo, digits: "1", wantSay: "already been closed",
			setup: func(ctx context.Context, r *rig) { r.desk.HandleText(ctx, sam, "DONE C7887"); <-r.done }},
		{name: "untaken callback", ref: "C7887", to: jo, digits: "1", wantSay: "isn't taken", wantHolder: "",
			setup: func(ctx context.Context, r *rig) {}},
		{name: "taken by Sam, Jo presses 1", ref: "C7887", to: jo, digits: "1", wantSay: "with another volunteer", wantHolder: "Sam",
			setup: func(ctx context.Context, r *rig) { r.desk.HandleText(ctx, sam, "TAKE C7887") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rigWithVoicemail(t)
			ctx := context.Background()
			if tt.setup != nil {
				tt.setup(ctx, r)
			} else {
				r.desk.HandleText(ctx, jo, "TAKE C7887")
			}
			r.texter.take()
			r.caller.take()

			doc, err := connectTwiML(ctx, t, r.desk, tt.ref, tt.to, tt.digits)
			if err != nil {
				t.Fatal(err)
			}
			got := parseTwiML(t, doc)
			dialled := 0
			for _, d := range got.Dials {
				for _, n := range d.Numbers {
					dialled++
					if n != resident || d.CallerID != line {
						t.Errorf("dialled %s from %s; want only the resident from the line", n, d.CallerID)
					}
				}
			}
			if tt.wantDial && (dialled != 1 || len(got.Plays) != 1) {
				t.Errorf("got %d dialled, %d played; want the message then the resident:\n%s", dialled, len(got.Plays), doc)
			}
			if !tt.wantDial && (dialled != 0 || got.Hangup == nil || len(got.Plays) != 0) {
				t.Errorf("got %d dialled, hangup %v; want a Say and a Hangup only:\n%s", dialled, got.Hangup != nil, doc)
			}
			if says := strings.Join(got.Says, " "); !strings.Contains(says, tt.wantSay) {
				t.Errorf("says %q; want %q", says, tt.wantSay)
			}
			if strings.Contains(doc, "900123") && !tt.wantDial {
				t.Errorf("the resident's number is in TwiML that does not dial them:\n%s", doc)
			}
			if tm, err := r.desk.Timing(ctx, "C7887"); err != nil || tm.TakenBy != tt.wantHolder {
				t.Errorf("C7887 held by %q (%v); want %q", tm.TakenBy, err, tt.wantHolder)
			}
			sent := r.texter.take()
			if len(sent) != len(tt.wantTexts) {
				t.Fatalf("texts: got %+v; want %+v", sent, tt.wantTexts)
			}
			for _, w := range tt.wantTexts {
				found := false
				for _, s := range sent {
					found = found || s == w
				}
				if !found {
					t.Errorf("texts: got %+v; want %+v among them", sent, w)
				}
			}
			if c := r.caller.take(); len(c) != 0 {
				t.Errorf("Connect placed calls %+v; want none", c)
			}
		})
	}
}

// TestVoicemailThenAnotherVolunteer, on a real redis-server: Jo's voicemail
// answers (nothing pressed), so C7887 is free; Sam takes it, and Jo's late 1 on
// the old call dials nobody while Sam's 1 dials the resident.
func TestVoicemailThenAnotherVolunteer(t *testing.T) {
	rdb, _ := redistest.Start(t)
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	if _, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "sms"}); err != nil {
		t.Fatal(err)
	}
	if got := r.desk.HandleText(ctx, jo, "TAKE C7887"); !strings.Contains(got, "press 1") {
		t.Errorf("TAKE reply: got %q; want it to say press 1", got)
	}
	connects := []struct {
		who, to, digits string
		before          func()
		wantDial        bool
	}{
		{who: "Jo's voicemail", to: jo, digits: ""},
		{who: "Sam, after TAKE", to: sam, digits: "1", wantDial: true, before: func() {
			if got := r.desk.HandleText(ctx, sam, "TAKE C7887"); !strings.HasPrefix(got, "C7887 is yours, Sam.") {
				t.Errorf("Sam's TAKE: got %q", got)
			}
		}},
		{who: "Jo, late", to: jo, digits: "1"},
	}
	for _, c := range connects {
		if c.before != nil {
			c.before()
		}
		doc, err := connectTwiML(ctx, t, r.desk, "C7887", c.to, c.digits)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(parseTwiML(t, doc).Dials); got != map[bool]int{true: 1, false: 0}[c.wantDial] {
			t.Errorf("%s: got %d Dials; want dial %v:\n%s", c.who, got, c.wantDial, doc)
		}
	}
	if tm, _ := r.desk.Timing(ctx, "C7887"); tm.TakenBy != "Sam" {
		t.Errorf("C7887 held by %q; want Sam", tm.TakenBy)
	}
}

// TestConnectRedisDown: a Redis failure is an error, never a Dial.
func TestConnectRedisDown(t *testing.T) {
	_, mini := redistest.Mini(t)
	addr := mini.Addr()
	mini.Close()
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer rdb.Close()
	r := newRig(t, rdb, testRoster(t, true))
	if a, err := r.desk.Connect(context.Background(), "C7887", jo, "1"); err == nil || len(a.Steps) != 0 {
		t.Errorf("Connect: got %+v, %v; want no answer and an error", a, err)
	}
}

// TestCallEnded walks the status callback of the call TAKE starts: a ring
// that ends unanswered, busy, failed or cancelled, or answered and hung up
// before 1, gives the callback back and texts Jo and Sam; a call that
// connected, an earlier ring, a forged volunteer or ref, or a status that
// is not final changes nothing.
func TestCallEnded(t *testing.T) {
	const mineUnanswered = "We rang you for C7887 but the call wasn't answered, so C7887 is back on the list for any volunteer. Text TAKE C7887 to be rung again."
	const mineHungUp = "We rang you for C7887 but 1 wasn't pressed, so C7887 is back on the list for any volunteer. Text TAKE C7887 to be rung again."
	const freeAgain = "Callback C7887 requested 14:05 (voicemail) is free again. Text TAKE C7887 to ring them."
	tests := []struct {
		name       string
		status     string
		to, ref    string
		sid        string // "" means the SID of Jo's ring
		pressed    string // Connect before the status: "1" connects
		wantHolder string
		wantMine   string
	}{
		{name: "no answer", status: "no-answer", to: jo, ref: "C7887", wantMine: mineUnanswered},
		{name: "busy", status: "busy", to: jo, ref: "C7887", wantMine: mineUnanswered},
		{name: "failed", status: "failed", to: jo, ref: "C7887", wantMine: mineUnanswered},
		{name: "canceled", status: "canceled", to: jo, ref: "C7887", wantMine: mineUnanswered},
		{name: "answered, hung up before 1", status: "completed", to: jo, ref: "C7887", wantMine: mineHungUp},
		{name: "connected, then completed", status: "completed", to: jo, ref: "C7887", pressed: "1", wantHolder: "Jo"},
		{name: "not final", status: "in-progress", to: jo, ref: "C7887", wantHolder: "Jo"},
		{name: "an earlier ring", status: "no-answer", to: jo, ref: "C7887", sid: "CA0000000000000000000000000000000099", wantHolder: "Jo"},
		{name: "another volunteer's number", status: "no-answer", to: sam, ref: "C7887", wantHolder: "Jo"},
		{name: "not rostered", status: "no-answer", to: "+447700900999", ref: "C7887", wantHolder: "Jo"},
		{name: "malformed ref", status: "no-answer", to: jo, ref: "C7887&ref=C2", wantHolder: "Jo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rigWithVoicemail(t)
			ctx := context.Background()
			r.desk.HandleText(ctx, jo, "TAKE C7887")
			calls := r.caller.take()
			if len(calls) != 1 || calls[0].StatusCallback != "https://line.example/twilio/voice/taken?ref=C7887" {
				t.Fatalf("TAKE rang %+v; want one call to Jo with the status callback for C7887", calls)
			}
			r.texter.take()
			if tt.pressed != "" {
				if _, err := connectTwiML(ctx, t, r.desk, "C7887", jo, tt.pressed); err != nil {
					t.Fatal(err)
				}
			}
			sid := tt.sid
			if sid == "" {
				sid = "CA00000000000000000000000000000001" // the fake caller's first SID
			}
			if err := r.desk.CallEnded(ctx, tt.ref, tt.to, sid, tt.status); err != nil {
				t.Fatal(err)
			}
			if tm, err := r.desk.Timing(ctx, "C7887"); err != nil || tm.TakenBy != tt.wantHolder {
				t.Errorf("C7887 held by %q (%v); want %q", tm.TakenBy, err, tt.wantHolder)
			}
			sent := r.texter.take()
			if tt.wantMine == "" {
				if len(sent) != 0 {
					t.Errorf("texts: got %+v; want none", sent)
				}
				return
			}
			want := []text{{jo, tt.wantMine}, {sam, freeAgain}}
			if len(sent) != len(want) || !slices.Contains(sent, want[0]) || !slices.Contains(sent, want[1]) {
				t.Errorf("texts: got %+v; want %+v", sent, want)
			}
			// A second status for the same call does nothing more.
			r.desk.CallEnded(ctx, tt.ref, tt.to, sid, tt.status)
			if again := r.texter.take(); len(again) != 0 {
				t.Errorf("a repeated status sent %+v; want nothing", again)
			}
		})
	}
}

// rigWithVoicemail is a desk on Miniredis, everyone on duty, holding one
// callback: C7887, the resident's voicemail.
func rigWithVoicemail(t *testing.T) *rig {
	t.Helper()
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, testRoster(t, true))
	if _, err := r.desk.RequestCallback(context.Background(), volunteers.CallbackRequest{Phone: resident, Kind: "voicemail",
		RecordingURL: "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"}); err != nil {
		t.Fatal(err)
	}
	return r
}
