package volunteers_test

import (
	"context"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/faketwilio"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/ivr"
	"github.com/heritage-line/heritageline/outbound"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/volunteers"
)

// TestRESTOnFakeTwilio runs the desk over the real outbound.Sender against a
// fake Twilio, for a resident who opted out of texts but asked for a callback
// by voice: volunteers are texted, the resident is not, and TAKE places one
// call to the volunteer whose TwiML dials the resident from the line's number.
func TestRESTOnFakeTwilio(t *testing.T) {
	fake := faketwilio.New(t)
	rdb, _ := redistest.Mini(t)
	log := slog.New(slog.NewTextHandler(testWriter{t}, nil))
	sender := outbound.New(outbound.Config{
		AccountSID: "AC0123456789abcdef0123456789abcdef", AuthToken: "token123", From: line, APIBase: fake.URL,
	}, rdb, privacy.NewHasher([]byte("salt")), log)
	now := time.Date(2026, 11, 25, 14, 5, 0, 0, time.UTC)
	desk := volunteers.NewDesk(testRoster(t, true), rdb, sender, ivr.Ringer{Caller: sender}, line, "https://line.example", func() time.Time { return now }, log)
	ctx := context.Background()

	if err := sender.OptOut(ctx, resident); err != nil {
		t.Fatal(err)
	}
	if _, err := desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "voice"}); err != nil {
		t.Fatal(err)
	}
	if reply := desk.HandleText(ctx, sam, "TAKE C7887"); !strings.HasPrefix(reply, "C7887 is yours") {
		t.Fatalf("TAKE: got %q", reply)
	}
	var texted []string
	var calls []url.Values
	for _, r := range fake.Requests() {
		switch {
		case strings.HasSuffix(r.Path, "/Messages.json"):
			texted = append(texted, r.Form.Get("To"))
			if r.Form.Get("Body") != "Callback C7887 requested 14:05 (voice). Text TAKE C7887 to ring them." || r.Form.Get("From") != line {
				t.Errorf("text: got %v", r.Form)
			}
		case strings.HasSuffix(r.Path, "/Calls.json"):
			calls = append(calls, r.Form)
		default:
			t.Errorf("unexpected request %s", r.Path)
		}
	}
	if len(texted) != 2 || strings.Contains(strings.Join(texted, ","), resident) {
		t.Errorf("texted %v; want Sam and Jo only", texted)
	}
	if len(calls) != 1 || calls[0].Get("To") != sam || calls[0].Get("From") != line {
		t.Fatalf("calls: got %v; want one to Sam from the line", calls)
	}
	// A volunteer who texts STOP goes off duty and is on the Sender's opt-out
	// list, as on Twilio's; START takes them off it again.
	if reply := desk.HandleText(ctx, sam, "STOP"); reply != "" {
		t.Errorf("STOP reply: got %q; want none", reply)
	}
	if out, _ := sender.OptedOut(ctx, sam); !out {
		t.Errorf("OptedOut(Sam) after STOP: got false; want true")
	}
	if got, _ := desk.Available(ctx, now); names(got) != "Jo" {
		t.Errorf("Available after Sam's STOP: got %q; want Jo", names(got))
	}
	if reply := desk.HandleText(ctx, sam, "START"); !strings.HasPrefix(reply, "Texts from the line are back on, Sam.") {
		t.Errorf("START reply: got %q", reply)
	}
	if out, _ := sender.OptedOut(ctx, sam); out {
		t.Errorf("OptedOut(Sam) after START: got true; want false")
	}
	ring := parseTwiML(t, calls[0].Get("Twiml"))
	if len(ring.Dials) != 0 || len(ring.Gathers) != 1 {
		t.Errorf("ring TwiML: got %s; want a Gather for 1 and no Dial", calls[0].Get("Twiml"))
	}
	connect, err := connectTwiML(ctx, t, desk, "C7887", sam, "1")
	if err != nil {
		t.Fatal(err)
	}
	doc := parseTwiML(t, connect)
	if len(doc.Dials) != 1 || doc.Dials[0].CallerID != line || strings.Join(doc.Dials[0].Numbers, ",") != resident {
		t.Errorf("TwiML after 1: got %+v; want the line dialling the resident", doc.Dials)
	}
}
