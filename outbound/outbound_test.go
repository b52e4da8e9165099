package outbound_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/faketwilio"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/outbound"
	"github.com/heritage-line/heritageline/privacy"
)

const (
	testSID   = "AC0123456789abcdef0123456789abcdef"
	testToken = "secrettoken123"
	line      = "+441632960000"
)

type rig struct {
	sender *outbound.Sender
	fake   *faketwilio.Server
	rdb    redis.UniversalClient
	logs   *bytes.Buffer
	now    *time.Time
}

func newRig(t *testing.T, rdb redis.UniversalClient, cfg outbound.Config) *rig {
	t.Helper()
	fake := faketwilio.New(t)
	now := time.Date(2026, 11, 25, 14, 5, 0, 0, time.UTC)
	r := &rig{fake: fake, rdb: rdb, logs: &bytes.Buffer{}, now: &now}
	cfg.AccountSID, cfg.AuthToken, cfg.From = testSID, testToken, line
	cfg.APIBase = fake.URL
	cfg.Now = func() time.Time { return *r.now }
	log := slog.New(slog.NewJSONHandler(r.logs, nil))
	r.sender = outbound.New(cfg, rdb, privacy.NewHasher([]byte("test salt")), log)
	return r
}

func TestSendTextSendsExactly(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, outbound.Config{})
	ctx := context.Background()
	if err := r.sender.SendText(ctx, "07700 900123", "Heritage Café, 1st Thu 10:30"); err != nil {
		t.Fatalf("SendText: got %v; want nil", err)
	}
	got := r.fake.Requests()
	if len(got) != 1 {
		t.Fatalf("requests: got %d; want 1", len(got))
	}
	req := got[0]
	checks := []struct{ name, got, want string }{
		{"path", req.Path, "/2010-04-01/Accounts/" + testSID + "/Messages.json"},
		{"To", req.Form.Get("To"), "+447700900123"},
		{"From", req.Form.Get("From"), line},
		{"Body", req.Form.Get("Body"), "Heritage Café, 1st Thu 10:30"},
		{"user", req.User, testSID},
		{"password", req.Pass, testToken},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q; want %q", c.name, c.got, c.want)
		}
	}
	if len(req.Form) != 3 {
		t.Errorf("form fields: got %v; want only To, From, Body", req.Form)
	}
	if s := r.sender.Stats(); s.Texts != 1 {
		t.Errorf("Stats.Texts: got %d; want 1", s.Texts)
	}
	if strings.Contains(r.logs.String(), "7700900123") {
		t.Errorf("logs contain the number: %s", r.logs)
	}
}

func TestSendTextRefusals(t *testing.T) {
	tests := []struct {
		name    string
		cfg     outbound.Config
		optOut  []string
		before  []string // numbers texted first (successfully)
		to      string
		want    error
		counter func(outbound.Stats) int64
	}{
		{name: "US number", to: "+12025550123", want: outbound.ErrCountry,
			counter: func(s outbound.Stats) int64 { return s.RefusedCountry }},
		{name: "international 00 form outside allow-list", to: "0033612345678", want: outbound.ErrCountry,
			counter: func(s outbound.Stats) int64 { return s.RefusedCountry }},
		{name: "not a number", to: "hello", want: outbound.ErrCountry,
			counter: func(s outbound.Stats) int64 { return s.RefusedCountry }},
		{name: "empty", to: "", want: outbound.ErrCountry,
			counter: func(s outbound.Stats) int64 { return s.RefusedCountry }},
		{name: "UK premium rate", to: "+449098790123", want: outbound.ErrNumberRange,
			counter: func(s outbound.Stats) int64 { return s.RefusedCountry }},
		{name: "UK personal number", to: "07012345678", want: outbound.ErrNumberRange,
			counter: func(s outbound.Stats) int64 { return s.RefusedCountry }},
		{name: "premium rate written with (0)", to: "+44 (0) 909 123 4567", want: outbound.ErrNumberRange,
			counter: func(s outbound.Stats) int64 { return s.RefusedCountry }},
		{name: "087 revenue sharing", to: "+448712345678", want: outbound.ErrNumberRange,
			counter: func(s outbound.Stats) int64 { return s.RefusedCountry }},
		{name: "freephone", to: "0808 157 0123", want: outbound.ErrNumberRange,
			counter: func(s outbound.Stats) int64 { return s.RefusedCountry }},
		{name: "UAN", to: "+443069990000", want: outbound.ErrNumberRange,
			counter: func(s outbound.Stats) int64 { return s.RefusedCountry }},
		{name: "short code", to: "60000", want: outbound.ErrCountry,
			counter: func(s outbound.Stats) int64 { return s.RefusedCountry }},
		{name: "alphanumeric", to: "HeritageLn", want: outbound.ErrCountry,
			counter: func(s outbound.Stats) int64 { return s.RefusedCountry }},
		{name: "allow-list configured to France only", cfg: outbound.Config{AllowedPrefixes: []string{"+33"}},
			to: "+447700900123", want: outbound.ErrCountry,
			counter: func(s outbound.Stats) int64 { return s.RefusedCountry }},
		{name: "opted out", optOut: []string{"07700900123"}, to: "+447700900123", want: outbound.ErrOptedOut,
			counter: func(s outbound.Stats) int64 { return s.RefusedOptOut }},
		{name: "per-number cap", cfg: outbound.Config{PerNumberPerHour: 2},
			before: []string{"+447700900123", "+447700900123"}, to: "+447700900123", want: outbound.ErrRateLimited,
			counter: func(s outbound.Stats) int64 { return s.RefusedPerNumber }},
		{name: "global cap", cfg: outbound.Config{GlobalPerHour: 2},
			before: []string{"+447700900001", "+447700900002"}, to: "+447700900003", want: outbound.ErrCapReached,
			counter: func(s outbound.Stats) int64 { return s.RefusedGlobal }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdb, _ := redistest.Mini(t)
			r := newRig(t, rdb, tt.cfg)
			ctx := context.Background()
			for _, n := range tt.optOut {
				if err := r.sender.OptOut(ctx, n); err != nil {
					t.Fatal(err)
				}
			}
			for _, n := range tt.before {
				if err := r.sender.SendText(ctx, n, "hello"); err != nil {
					t.Fatalf("SendText before: got %v; want nil", err)
				}
			}
			err := r.sender.SendText(ctx, tt.to, "hello")
			if !errors.Is(err, tt.want) {
				t.Fatalf("SendText(%q): got %v; want %v", tt.to, err, tt.want)
			}
			if tt.want == outbound.ErrNumberRange && !errors.Is(err, outbound.ErrCountry) {
				t.Errorf("SendText(%q): got %v; want it to match ErrCountry too", tt.to, err)
			}
			if tt.want == outbound.ErrCountry && errors.Is(err, outbound.ErrNumberRange) {
				t.Errorf("SendText(%q): got %v; want it not to match ErrNumberRange", tt.to, err)
			}
			if got := len(r.fake.Requests()); got != len(tt.before) {
				t.Errorf("requests reaching Twilio: got %d; want %d", got, len(tt.before))
			}
			if got := tt.counter(r.sender.Stats()); got != 1 {
				t.Errorf("refusal counter: got %d; want 1", got)
			}
		})
	}
}

func TestCapsResetEachHour(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, outbound.Config{PerNumberPerHour: 1, GlobalPerHour: 100})
	ctx := context.Background()
	if err := r.sender.SendText(ctx, "+447700900123", "one"); err != nil {
		t.Fatal(err)
	}
	if err := r.sender.SendText(ctx, "+447700900123", "two"); !errors.Is(err, outbound.ErrRateLimited) {
		t.Fatalf("second text in the hour: got %v; want ErrRateLimited", err)
	}
	// A refused text is not counted: another number still has room.
	if err := r.sender.SendText(ctx, "+447700900999", "other"); err != nil {
		t.Fatalf("other number: got %v; want nil", err)
	}
	*r.now = r.now.Add(time.Hour)
	if err := r.sender.SendText(ctx, "+447700900123", "three"); err != nil {
		t.Fatalf("next hour: got %v; want nil", err)
	}
}

func TestUnlimitedSkipsPerNumberCapOnly(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, outbound.Config{PerNumberPerHour: 1, GlobalPerHour: 3, Unlimited: []string{"07700 900111"}})
	ctx := context.Background()
	for i := range 3 {
		if err := r.sender.SendText(ctx, "+447700900111", "callback"); err != nil {
			t.Fatalf("text %d to the volunteer: got %v; want nil", i+1, err)
		}
	}
	if err := r.sender.SendText(ctx, "+447700900111", "callback"); !errors.Is(err, outbound.ErrCapReached) {
		t.Errorf("text past the global cap: got %v; want ErrCapReached", err)
	}
}

func TestOptInReverses(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, outbound.Config{})
	ctx := context.Background()
	steps := []struct {
		do   func() error
		want bool
	}{
		{func() error { return r.sender.OptOut(ctx, "07700 900123") }, true},
		{func() error { return r.sender.OptIn(ctx, "+447700900123") }, false},
		{func() error { return r.sender.OptIn(ctx, "+447700900123") }, false},
	}
	for i, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		got, err := r.sender.OptedOut(ctx, "+447700900123")
		if err != nil || got != s.want {
			t.Errorf("step %d: OptedOut got %v, %v; want %v, nil", i, got, err, s.want)
		}
	}
	// The opt-out set holds pseudonyms, never numbers.
	members, _ := rdb.Keys(ctx, "*").Result()
	for _, k := range members {
		if strings.Contains(k, "7700900123") {
			t.Errorf("redis key contains the number: %s", k)
		}
	}
}

func TestTwilioStopRecordsOptOut(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, outbound.Config{})
	r.fake.Fail(&faketwilio.Failure{Code: 21610, Message: "Attempt to send to unsubscribed recipient"})
	ctx := context.Background()
	err := r.sender.SendText(ctx, "+447700900123", "hello")
	if !errors.Is(err, outbound.ErrOptedOut) {
		t.Fatalf("SendText: got %v; want ErrOptedOut", err)
	}
	if out, _ := r.sender.OptedOut(ctx, "+447700900123"); !out {
		t.Errorf("OptedOut after Twilio's 21610: got false; want true")
	}
	if s := r.sender.Stats(); s.Failed != 1 {
		t.Errorf("Stats.Failed: got %d; want 1", s.Failed)
	}
}

func TestTwilioErrorIsWrapped(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, outbound.Config{})
	r.fake.Fail(&faketwilio.Failure{Code: 21211, Message: "Invalid 'To' Phone Number"})
	err := r.sender.SendText(context.Background(), "+447700900123", "hello")
	if err == nil || errors.Is(err, outbound.ErrOptedOut) || !strings.HasPrefix(err.Error(), "outbound: send text:") {
		t.Fatalf("SendText: got %v; want a wrapped Twilio error", err)
	}
}

func TestStartCall(t *testing.T) {
	tests := []struct {
		name    string
		to      string
		optOut  bool
		want    error
		wantTo  string
		reaches bool
	}{
		{name: "UK volunteer", to: "+447700900111", wantTo: "+447700900111", reaches: true},
		{name: "national form", to: "07700 900111", wantTo: "+447700900111", reaches: true},
		{name: "opted out of texts is still rung", to: "+447700900111", optOut: true, wantTo: "+447700900111", reaches: true},
		{name: "foreign refused", to: "+2349012345678", want: outbound.ErrCountry},
		{name: "premium refused", to: "+449098790123", want: outbound.ErrNumberRange},
		{name: "premium written with (0) refused", to: "+44 (0) 909 123 4567", want: outbound.ErrNumberRange},
		{name: "personal number refused", to: "+447012345678", want: outbound.ErrNumberRange},
		{name: "landline in E.164 from any form", to: "0113 496 0123", wantTo: "+441134960123", reaches: true},
	}
	const twiml = `<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello</Say></Response>`
	const statusURL = "https://line.example.org/twilio/voice/taken?ref=C7"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdb, _ := redistest.Mini(t)
			r := newRig(t, rdb, outbound.Config{})
			ctx := context.Background()
			if tt.optOut {
				r.sender.OptOut(ctx, tt.to)
			}
			sid, err := r.sender.StartCall(ctx, tt.to, twiml, statusURL)
			if !errors.Is(err, tt.want) {
				t.Fatalf("StartCall: got %v; want %v", err, tt.want)
			}
			sent := r.fake.Requests()
			if !tt.reaches {
				if len(sent) != 0 || sid != "" {
					t.Fatalf("refused call: got %d requests, sid %q; want none", len(sent), sid)
				}
				return
			}
			if len(sent) != 1 {
				t.Fatalf("requests: got %d; want 1", len(sent))
			}
			req := sent[0]
			if req.Path != "/2010-04-01/Accounts/"+testSID+"/Calls.json" {
				t.Errorf("path: got %q", req.Path)
			}
			if got := req.Form.Get("To"); got != tt.wantTo {
				t.Errorf("To: got %q; want %q", got, tt.wantTo)
			}
			if got := req.Form.Get("From"); got != line {
				t.Errorf("From: got %q; want %q", got, line)
			}
			if got := req.Form.Get("Twiml"); got != twiml {
				t.Errorf("Twiml: got %q; want %q", got, twiml)
			}
			if got, m := req.Form.Get("StatusCallback"), req.Form.Get("StatusCallbackMethod"); got != statusURL || m != "POST" {
				t.Errorf("StatusCallback: got %q (%q); want %q (POST)", got, m, statusURL)
			}
			if !strings.HasPrefix(sid, "CA") {
				t.Errorf("sid: got %q; want CA...", sid)
			}
			if s := r.sender.Stats(); s.Calls != 1 {
				t.Errorf("Stats.Calls: got %d; want 1", s.Calls)
			}
		})
	}
}

// TestCapsOnRealRedis checks the counting script on a real redis-server, with
// texts sent concurrently: exactly the cap gets through.
func TestCapsOnRealRedis(t *testing.T) {
	rdb, _ := redistest.Start(t)
	r := newRig(t, rdb, outbound.Config{PerNumberPerHour: 3, GlobalPerHour: 1000})
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 10 {
		wg.Go(func() { errs <- r.sender.SendText(ctx, "+447700900123", "hi") })
	}
	wg.Wait()
	close(errs)
	ok, limited := 0, 0
	for err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, outbound.ErrRateLimited):
			limited++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 3 || limited != 7 {
		t.Errorf("got %d sent, %d limited; want 3, 7", ok, limited)
	}
	if got := len(r.fake.Requests()); got != 3 {
		t.Errorf("requests reaching Twilio: got %d; want 3", got)
	}
}
