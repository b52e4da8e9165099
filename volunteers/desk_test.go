package volunteers_test

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/ivr"
	"github.com/heritage-line/heritageline/phonepolicy"
	"github.com/heritage-line/heritageline/volunteers"
)

const (
	line     = "+441632960000"
	sam      = "+447700900111"
	priya    = "+447700900222"
	jo       = "+447700900333"
	resident = "+447700900123"
)

type text struct{ To, Body string }

type fakeTexter struct {
	mu   sync.Mutex
	sent []text
}

func (f *fakeTexter) SendText(_ context.Context, to, body string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, text{to, body})
	return nil
}

func (f *fakeTexter) take() []text {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.sent
	f.sent = nil
	return s
}

type call struct{ To, TwiML, StatusCallback string }

type fakeCaller struct {
	mu    sync.Mutex
	calls []call
	err   error
}

func (f *fakeCaller) StartCall(_ context.Context, to, twiml, statusCallback string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return "", f.err
	}
	f.calls = append(f.calls, call{to, twiml, statusCallback})
	return fmt.Sprintf("CA%032d", len(f.calls)), nil
}

func (f *fakeCaller) take() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.calls
	f.calls = nil
	return c
}

func testRoster(t testing.TB, samOnDuty bool) volunteers.Roster {
	t.Helper()
	h, err := volunteers.ParseHours("Mon-Fri 09:00-17:00")
	if err != nil {
		t.Fatal(err)
	}
	return volunteers.Roster{RingSeconds: 20, Hours: h, Volunteers: []volunteers.Volunteer{
		{Name: "Sam", Phone: sam, OnDuty: samOnDuty},
		{Name: "Priya", Phone: priya, OnDuty: false},
		{Name: "Jo", Phone: jo, OnDuty: true},
	}}
}

type rig struct {
	desk   *volunteers.Desk
	texter *fakeTexter
	caller *fakeCaller
	now    *time.Time
	done   chan volunteers.Timing
}

// newRig builds a Desk on rdb at Wednesday 25 November 2026, 14:05 GMT.
func newRig(t testing.TB, rdb redis.UniversalClient, roster volunteers.Roster, opts ...volunteers.Option) *rig {
	now := time.Date(2026, 11, 25, 14, 5, 0, 0, time.UTC)
	r := &rig{texter: &fakeTexter{}, caller: &fakeCaller{}, now: &now, done: make(chan volunteers.Timing, 10)}
	log := slog.New(slog.NewTextHandler(testWriter{t}, nil))
	opts = append([]volunteers.Option{volunteers.WithOnChange(func(_ context.Context, tm volunteers.Timing) {
		if tm.Stage() == "done" {
			select {
			case r.done <- tm:
			default:
			}
		}
	})}, opts...)
	r.desk = volunteers.NewDesk(roster, rdb, r.texter, ivr.Ringer{Caller: r.caller}, line, "https://line.example", func() time.Time { return *r.now }, log, opts...)
	return r
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func names(vs []volunteers.Volunteer) string {
	var s []string
	for _, v := range vs {
		s = append(s, v.Name)
	}
	return strings.Join(s, ",")
}

func TestAvailableAndDuty(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	inHours := *r.now
	evening := time.Date(2026, 11, 25, 19, 0, 0, 0, time.UTC)
	steps := []struct {
		name  string
		from  string
		text  string
		at    time.Time
		want  string
		reply string
	}{
		{name: "as in the file", at: inHours, want: "Sam,Jo"},
		{name: "outside hours nobody", at: evening, want: ""},
		{name: "Priya texts ON", from: priya, text: "on", at: inHours, want: "Sam,Priya,Jo", reply: "You're on duty, Priya"},
		{name: "Sam texts OFF", from: sam, text: "OFF", at: inHours, want: "Priya,Jo", reply: "You're off duty, Sam"},
		{name: "still nobody outside hours", at: evening, want: ""},
		{name: "Sam texts ON again", from: "07700 900111", text: " On ", at: inHours, want: "Sam,Priya,Jo", reply: "You're on duty, Sam"},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if s.from != "" {
				if got := r.desk.HandleText(ctx, s.from, s.text); !strings.HasPrefix(got, s.reply) {
					t.Errorf("reply: got %q; want it to start %q", got, s.reply)
				}
			}
			got, err := r.desk.Available(ctx, s.at)
			if err != nil {
				t.Fatal(err)
			}
			if names(got) != s.want {
				t.Errorf("Available: got %q; want %q", names(got), s.want)
			}
		})
	}
	// Duty by text wins over the file until the file changes: Sam texted ON
	// while the file said on; the coordinator then takes Sam off in the file.
	r2 := newRig(t, rdb, testRoster(t, false))
	got, _ := r2.desk.Available(ctx, inHours)
	if names(got) != "Priya,Jo" {
		t.Errorf("after the file changed: got %q; want %q", names(got), "Priya,Jo")
	}
}

func TestNotAVolunteer(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	for _, from := range []string{resident, "", "+447700900", "anonymous"} {
		if r.desk.IsVolunteer(from) {
			t.Errorf("IsVolunteer(%q): got true; want false", from)
		}
		for _, body := range []string{"ON", "LIST", "TAKE C7887", "HELP"} {
			if got := r.desk.HandleText(ctx, from, body); got != "" {
				t.Errorf("HandleText(%q, %q): got %q; want \"\"", from, body, got)
			}
		}
	}
	for _, from := range []string{sam, "07700 900111", "00447700900111"} {
		if !r.desk.IsVolunteer(from) {
			t.Errorf("IsVolunteer(%q): got false; want true", from)
		}
	}
}

// dialled is what a connect TwiML document does.
type dialled struct {
	Says    []string `xml:"Say"`
	Gathers []struct {
		Action string `xml:"action,attr"`
		Say    string `xml:"Say"`
	} `xml:"Gather"`
	Hangup *struct{} `xml:"Hangup"`
	Plays  []string  `xml:"Play"`
	Dials  []struct {
		CallerID string   `xml:"callerId,attr"`
		Numbers  []string `xml:"Number"`
	} `xml:"Dial"`
}

func parseTwiML(t *testing.T, doc string) dialled {
	t.Helper()
	var d dialled
	if err := xml.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatalf("TwiML does not parse: %v\n%s", err, doc)
	}
	return d
}

func TestCallbackLifecycle(t *testing.T) {
	redises := map[string]func(t *testing.T) redis.UniversalClient{
		"miniredis": func(t *testing.T) redis.UniversalClient { c, _ := redistest.Mini(t); return c },
		"redis-server": func(t *testing.T) redis.UniversalClient {
			c, _ := redistest.Start(t)
			return c
		},
	}
	for name, newRedis := range redises {
		t.Run(name, func(t *testing.T) {
			rdb := newRedis(t)
			r := newRig(t, rdb, testRoster(t, true))
			ctx := context.Background()
			rec := "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"

			cb, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: "07700 900123", Kind: "voicemail", RecordingURL: rec})
			if err != nil || cb.Ref != "C7887" || cb.Kind != "voicemail" {
				t.Fatalf("RequestCallback: got %+v, %v; want C7887 voicemail", cb, err)
			}
			want := "Callback C7887 requested 14:05 (voicemail). Text TAKE C7887 to ring them."
			sent := r.texter.take()
			if len(sent) != 2 {
				t.Fatalf("texts: got %v; want one each to Sam and Jo", sent)
			}
			for _, s := range sent {
				if (s.To != sam && s.To != jo) || s.Body != want {
					t.Errorf("text: got %+v; want %q to Sam or Jo", s, want)
				}
			}

			again, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "sms"})
			if err != nil || again.Ref != "C7887" {
				t.Errorf("second request while open: got %+v, %v; want C7887 again", again, err)
			}
			if s := r.texter.take(); len(s) != 0 {
				t.Errorf("second request texted %v; want nobody", s)
			}

			*r.now = r.now.Add(12 * time.Minute)
			list := r.desk.HandleText(ctx, priya, "list")
			if !strings.Contains(list, "C7887 12m ago, voicemail, ending 123") || strings.Contains(list, "900123") {
				t.Errorf("LIST: got %q; want C7887 with the number masked", list)
			}

			reply := r.desk.HandleText(ctx, jo, "TAKE c7887")
			if !strings.HasPrefix(reply, "C7887 is yours, Jo.") {
				t.Errorf("TAKE reply: got %q", reply)
			}
			calls := r.caller.take()
			if len(calls) != 1 || calls[0].To != jo {
				t.Fatalf("calls: got %+v; want one to Jo", calls)
			}
			// The ring only asks Jo to press 1: no number, no Dial yet.
			ring := parseTwiML(t, calls[0].TwiML)
			if len(ring.Dials) != 0 || strings.Contains(calls[0].TwiML, "900123") || strings.Contains(calls[0].TwiML, sam) {
				t.Errorf("ring TwiML: got %s; want no Dial and no number", calls[0].TwiML)
			}
			if len(ring.Gathers) != 1 || ring.Gathers[0].Action != "https://line.example/twilio/voice/connect?ref=C7887" ||
				!strings.Contains(ring.Gathers[0].Say, "callback C 7 8 8 7") || !strings.Contains(ring.Gathers[0].Say, "Press 1") {
				t.Errorf("ring TwiML gather: got %+v", ring.Gathers)
			}
			connect, err := connectTwiML(ctx, t, r.desk, "C7887", jo, "1")
			if err != nil {
				t.Fatal(err)
			}
			doc := parseTwiML(t, connect)
			if len(doc.Dials) != 1 || doc.Dials[0].CallerID != line || len(doc.Dials[0].Numbers) != 1 || doc.Dials[0].Numbers[0] != resident {
				t.Errorf("TwiML dial: got %+v; want callerId %s dialling %s", doc.Dials, line, resident)
			}
			if len(doc.Plays) != 1 || doc.Plays[0] != rec {
				t.Errorf("TwiML play: got %v; want the voicemail", doc.Plays)
			}

			if got := r.desk.HandleText(ctx, sam, "TAKE C7887"); !strings.Contains(got, "already been taken by Jo") {
				t.Errorf("TAKE by Sam: got %q; want taken by Jo", got)
			}
			if c := r.caller.take(); len(c) != 0 {
				t.Errorf("TAKE by Sam rang %v; want nobody", c)
			}
			if got := r.desk.HandleText(ctx, sam, "LIST"); !strings.Contains(got, "taken by Jo") {
				t.Errorf("LIST after TAKE: got %q", got)
			}
			if got := r.desk.HandleText(ctx, sam, "NOTE C7887 rang, will try again Friday"); got != "Note kept on C7887. Text NOTES C7887 to read its notes." {
				t.Errorf("NOTE: got %q", got)
			}
			if notes, closed, err := r.desk.Notes(ctx, "C7887"); len(notes) != 1 || notes[0].Text != "rang, will try again Friday" || notes[0].By != "Sam" || closed || err != nil {
				t.Errorf("Notes: got %+v, %v, %v", notes, closed, err)
			}

			*r.now = r.now.Add(30 * time.Minute)
			if got := r.desk.HandleText(ctx, sam, "DONE C7887"); got != "C7887 closed. Thank you, Sam." {
				t.Errorf("DONE: got %q", got)
			}
			tm := <-r.done
			base := time.Date(2026, 11, 25, 14, 5, 0, 0, time.UTC)
			if !tm.Requested.Equal(base) || !tm.Taken.Equal(base.Add(12*time.Minute)) || !tm.Done.Equal(base.Add(42*time.Minute)) ||
				tm.TakenBy != "Jo" || tm.DoneBy != "Sam" || tm.Kind != "voicemail" {
				t.Errorf("timing: got %+v", tm)
			}
			if got := r.desk.HandleText(ctx, jo, "done c7887"); !strings.Contains(got, "already closed by Sam") {
				t.Errorf("second DONE: got %q", got)
			}
			if got := r.desk.HandleText(ctx, jo, "TAKE C7887"); !strings.Contains(got, "already done") {
				t.Errorf("TAKE after DONE: got %q", got)
			}
			if c := r.caller.take(); len(c) != 0 {
				t.Errorf("TAKE after DONE rang %v", c)
			}
			// The resident's number is gone from Redis.
			keys, _ := rdb.Keys(ctx, "*").Result()
			for _, k := range keys {
				if rdb.Type(ctx, k).Val() != "hash" {
					continue
				}
				for f, v := range rdb.HGetAll(ctx, k).Val() {
					if strings.Contains(v, "900123") {
						t.Errorf("after DONE %s %s still holds the number", k, f)
					}
				}
			}
			if got := r.desk.HandleText(ctx, sam, "LIST"); got != "No open callbacks. Thank you!" {
				t.Errorf("LIST after DONE: got %q", got)
			}
			next, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "sms"})
			if err != nil || next.Ref != "C7888" {
				t.Errorf("request after DONE: got %+v, %v; want C7888", next, err)
			}
		})
	}
}

func TestRequestCallbackRefusals(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, testRoster(t, true))
	tests := []struct {
		phone string
		want  error
	}{
		{"", volunteers.ErrNoNumber},
		{"anonymous", volunteers.ErrNoNumber},
		{"+266696687", volunteers.ErrCannotRing}, // Twilio's "anonymous" caller ID
		{"+12025550123", volunteers.ErrCannotRing},
		// The number policy (issue 15): kinds of number nobody is rung on.
		{"+449091234567", volunteers.ErrCannotRing},        // premium rate
		{"+44 (0) 909 123 4567", volunteers.ErrCannotRing}, // premium rate, written with (0)
		{"+447012345678", volunteers.ErrCannotRing},        // personal number
		{"+448712345678", volunteers.ErrCannotRing},        // 087 revenue sharing
		{"0909 879 0123", volunteers.ErrCannotRing},        // a premium-rate drama number
		{"+443069990000", volunteers.ErrCannotRing},        // UAN
		{"60000", volunteers.ErrNoNumber},                  // a short code
		{"HeritageLn", volunteers.ErrNoNumber},             // an alphanumeric sender
	}
	for _, tt := range tests {
		t.Run(tt.phone, func(t *testing.T) {
			_, err := r.desk.RequestCallback(context.Background(), volunteers.CallbackRequest{Phone: tt.phone, Kind: "voice"})
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v; want %v", err, tt.want)
			}
			if tt.phone != "" && tt.phone != "anonymous" && phonepolicy.ReasonOf(err) == "" {
				t.Errorf("got %v; want it to carry the policy's reason", err)
			}
		})
	}
	if s := r.texter.take(); len(s) != 0 {
		t.Errorf("refused requests texted %v", s)
	}
	if open, err := r.desk.Queue(context.Background()); err != nil || len(open) != 0 {
		t.Errorf("refused requests queued %d callbacks (%v); want none", len(open), err)
	}
}

// TestTakeChecksThePolicyAgain: a callback queued when the policy allowed its
// number (here, France) is not dialled by TAKE or by pressing 1 once the
// policy no longer allows it: the volunteer is told and nobody is rung.
func TestTakeChecksThePolicyAgain(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	ctx := context.Background()
	lax := newRig(t, rdb, testRoster(t, true), volunteers.WithNumbers(phonepolicy.MustNew([]string{"+44", "+33"})))
	cb, err := lax.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: "+33612345678", Kind: "sms"})
	if err != nil {
		t.Fatalf("RequestCallback under +44,+33: %v", err)
	}
	r := newRig(t, rdb, testRoster(t, true)) // phonepolicy.UK
	got := r.desk.HandleText(ctx, jo, "TAKE "+cb.Ref)
	if want := "can't be rung"; !strings.Contains(got, want) {
		t.Errorf("TAKE %s: got %q; want it to contain %q", cb.Ref, got, want)
	}
	if calls := r.caller.take(); len(calls) != 0 {
		t.Errorf("TAKE of a number the policy refuses rang %v; want nobody", calls)
	}
	// Taken under the lax policy, connected under the strict one.
	if got := lax.desk.HandleText(ctx, jo, "TAKE "+cb.Ref); !strings.Contains(got, "yours") {
		t.Fatalf("TAKE under +44,+33: got %q", got)
	}
	doc, err := connectTwiML(ctx, t, r.desk, cb.Ref, jo, "1")
	if err != nil {
		t.Fatalf("Connect: %v", err)
	}
	if strings.Contains(doc, "<Dial") || strings.Contains(doc, "612345678") || !strings.Contains(doc, "be rung from the line") {
		t.Errorf("Connect to a refused number: got %s; want no Dial", doc)
	}
}

func TestTakeWhenRingingFailsReleases(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	if _, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "sms"}); err != nil {
		t.Fatal(err)
	}
	r.caller.err = errors.New("twilio down")
	if got := r.desk.HandleText(ctx, jo, "TAKE C7887"); !strings.Contains(got, "couldn't ring you") {
		t.Errorf("TAKE while Twilio fails: got %q", got)
	}
	r.caller.err = nil
	if got := r.desk.HandleText(ctx, sam, "TAKE C7887"); !strings.HasPrefix(got, "C7887 is yours, Sam.") {
		t.Errorf("TAKE by Sam after the failure: got %q", got)
	}
}

func TestCommandReplies(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	tests := []struct{ body, want string }{
		{"HELP", "Heritage Line volunteer commands:"},
		{"help", "Heritage Line volunteer commands:"},
		{"what?", "Sorry, I didn't understand that."},
		{"", "Sorry, I didn't understand that."},
		{"TAKE", "Which callback? Text TAKE"},
		{"DONE please", "Which callback? Text DONE"},
		{"NOTE C4", "Please add your note"},
		{"TAKE C99", "There's no open callback C99."},
		{"DONE C99", "There's no callback C99."},
		{"NOTE C99 hello", "There's no callback C99."},
		{"LIST", "No open callbacks."},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			if got := r.desk.HandleText(ctx, sam, tt.body); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q; want it to start %q", got, tt.want)
			}
		})
	}
}

// TestOnlyRosterAndResidentDialled tries hostile texts from a volunteer: the
// only number ever rung is the volunteer's own, and the only number dialled
// from it is the resident's on the callback.
func TestOnlyRosterAndResidentDialled(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	if _, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "sms"}); err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{
		"TAKE +447700900999", "TAKE 07700900999", "TAKE C7887 +449098790123", "TAKE C7887 <Number>+449098790123</Number>",
		"NOTE C7887 +449098790123", "TAKE C7887",
	} {
		r.desk.HandleText(ctx, jo, body)
	}
	for _, c := range r.caller.take() {
		if c.To != jo {
			t.Errorf("rang %s; want only Jo", c.To)
		}
		for _, d := range parseTwiML(t, c.TwiML).Dials {
			for _, n := range d.Numbers {
				if n != resident {
					t.Errorf("dialled %s; want only the resident", n)
				}
			}
		}
	}
}

// TestConcurrentTake has every volunteer text TAKE C7887 many times at once, on a
// real redis-server: exactly one wins and exactly one call is placed.
func TestConcurrentTake(t *testing.T) {
	rdb, _ := redistest.Start(t)
	roster := testRoster(t, true)
	r := newRig(t, rdb, roster)
	ctx := context.Background()
	if _, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "voice"}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	replies := make(chan string, 60)
	for range 20 {
		for _, v := range roster.Volunteers {
			wg.Go(func() { replies <- r.desk.HandleText(ctx, v.Phone, "TAKE C7887") })
		}
	}
	wg.Wait()
	close(replies)
	won := map[string]int{}
	for reply := range replies {
		if strings.Contains(reply, "is yours") {
			won[reply]++
		}
	}
	calls := r.caller.take()
	if len(calls) == 0 {
		t.Fatalf("no call placed")
	}
	// The winner may be rung once per TAKE it sent; nobody else is rung.
	for _, c := range calls {
		if c.To != calls[0].To {
			t.Errorf("calls to %s and %s; want one volunteer only", calls[0].To, c.To)
		}
	}
	if len(won) != 1 {
		t.Errorf("winning replies: got %v; want one volunteer", won)
	}
}

// TestRedisDown: duty falls back to the file, commands apologise, requests
// fail with an error the voice and SMS sides can answer kindly.
func TestRedisDown(t *testing.T) {
	_, mini := redistest.Mini(t)
	addr := mini.Addr()
	mini.Close()
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	defer rdb.Close()
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	got, err := r.desk.Available(ctx, *r.now)
	if err == nil || names(got) != "Sam,Jo" {
		t.Errorf("Available: got %q, %v; want Sam,Jo by the file and an error", names(got), err)
	}
	if reply := r.desk.HandleText(ctx, sam, "LIST"); !strings.HasPrefix(reply, "Sorry, something went wrong") {
		t.Errorf("LIST: got %q; want an apology", reply)
	}
	if _, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "sms"}); err == nil {
		t.Errorf("RequestCallback: got nil error; want one")
	}
}
