package sms

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/phonepolicy"
)

// TestNumberPolicyOnReplies: a text from a sender the number policy refuses
// (another country, a short code, an alphanumeric sender, a premium or
// personal number) gets an empty <Response/>, costs no search, queues no
// callback and is counted by reason; a STOP from one is still kept.
func TestNumberPolicyOnReplies(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	rg := newRig(t, rdb, Config{})
	why := map[string]int{}
	rg.line.deps.OnUnanswered = func(r string) { why[r]++ }
	tests := []struct {
		from, reason string
	}{
		{"+2348031234567", "country"},        // Nigeria
		{"+886912345678", "country"},         // Taiwan
		{"+12025550123", "country"},          // the USA
		{"60123", "short_code"},              // a short code
		{"HERITAGE", "alphanumeric"},         // an alphanumeric sender ID
		{"+449098790123", "premium_rate"},    // Ofcom's premium-rate drama range
		{"+447012345678", "personal_number"}, // 070: a personal number
	}
	for _, tt := range tests {
		clear(why)
		for _, body := range []string{"Frome", "HELP", "CALL", "call me back"} {
			if got := rg.send(t, tt.from, body); got != "" {
				t.Errorf("%s texts %q: got %q; want an empty <Response/>", tt.from, body, got)
			}
		}
		if got := why[tt.reason]; got != 4 || len(why) != 1 {
			t.Errorf("%s: counted %d as %q; want 4 (all counted: %v)", tt.from, got, tt.reason, why)
		}
	}
	if n := len(rg.desk.requests); n != 0 {
		t.Errorf("refused senders queued %d callbacks; want 0", n)
	}
	if n := rg.figs.kinds(); len(n) != 0 {
		t.Errorf("refused senders were recorded in the figures: %v; want nothing", n)
	}
	rg.send(t, "+2348031234567", "STOP")
	if !rg.optOuts.out["+2348031234567"] {
		t.Errorf("a STOP from a refused sender was not kept")
	}
	// An allowed number still gets its answer, a volunteer too.
	if got := rg.send(t, resident, "Frome"); !strings.Contains(got, "1 ") {
		t.Errorf("a resident texts Frome: got %q; want a list", got)
	}
	if got := rg.send(t, volunteer, "HELP"); got == "" {
		t.Errorf("a volunteer texts HELP: got no reply; want the commands")
	}
}

// TestNumberPolicyOnRepliesAllowsCountries: SMS_ALLOWED_PREFIXES decides
// which countries get replies.
func TestNumberPolicyOnRepliesAllowsCountries(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	rg := newRig(t, rdb, Config{Numbers: phonepolicy.MustNew([]string{"+44", "+353"})})
	if got := rg.send(t, "+353851234567", "HELP"); got == "" {
		t.Errorf("an Irish mobile with +353 allowed: got no reply; want the guide")
	}
	if got := rg.send(t, "+33612345678", "HELP"); got != "" {
		t.Errorf("a French mobile: got %q; want no reply", got)
	}
}

// TestRepliesGlobalCap: past RepliesGlobalPerHour replies in an hour, to
// everyone, texts get no reply (counted as global_cap) until the next hour,
// however many numbers they come from; STOP is still kept.
func TestRepliesGlobalCap(t *testing.T) {
	rdb, m := redistest.Mini(t)
	now := testNow
	rg := newRig(t, rdb, Config{RepliesGlobalPerHour: 5, Now: func() time.Time { return now }})
	capped := 0
	rg.line.deps.OnUnanswered = func(r string) {
		if r == "global_cap" {
			capped++
		}
	}
	replied := 0
	for i := range 12 {
		if got := rg.send(t, fmt.Sprintf("+4477009002%02d", i), "HELP"); got != "" {
			replied++
		}
		rg.line.counting.Wait()
	}
	if replied != 5 || capped != 7 {
		t.Errorf("12 texts from 12 numbers, cap 5: %d replies, %d capped; want 5 and 7", replied, capped)
	}
	rg.send(t, "+447700900211", "STOP")
	if !rg.optOuts.out["+447700900211"] {
		t.Errorf("a STOP past the global cap was not kept")
	}
	// The next clock hour has its own allowance.
	now = now.Add(time.Hour)
	m.FastForward(time.Hour)
	if got := rg.send(t, "+447700900250", "HELP"); got == "" {
		t.Errorf("the next hour: got no reply; want the guide")
	}
}

// TestCallbackPastTheLimits: a texter past their own reply limit, or past
// the global cap, who asks for a call back gets a callback queued though
// no reply is sent.
func TestCallbackPastTheLimits(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	rg := newRig(t, rdb, Config{RepliesPerHour: 1, RepliesGlobalPerHour: 3})
	rg.send(t, resident, "HELP")
	rg.send(t, resident, "HELP") // the notice
	if got := rg.send(t, resident, "CALL"); got != "" {
		t.Errorf("CALL past the number's limit: got %q; want no reply", got)
	}
	if got := rg.send(t, resident, "please can someone call me back"); got != "" {
		t.Errorf("call me back past the number's limit: got %q; want no reply", got)
	}
	if n := len(rg.desk.requests); n != 2 {
		t.Fatalf("callbacks queued past the number's limit: %d; want 2", n)
	}
	if rg.desk.requests[0].Phone != resident || rg.desk.requests[0].Kind != "sms" {
		t.Errorf("callback request %+v; want the resident's, kind sms", rg.desk.requests[0])
	}
	// Another number, past the global cap (two replies already sent).
	rg.line.counting.Wait()
	rg.send(t, "+447700900301", "HELP")
	rg.line.counting.Wait()
	if got := rg.send(t, "+447700900302", "CALL"); got != "" {
		t.Errorf("CALL past the global cap: got %q; want no reply", got)
	}
	if n := len(rg.desk.requests); n != 3 || rg.desk.requests[2].Phone != "+447700900302" {
		t.Errorf("callbacks after CALL past the global cap: %+v; want a third, for +447700900302", rg.desk.requests)
	}
	// A search past the limits queues nothing.
	rg.send(t, resident, "Frome")
	if n := len(rg.desk.requests); n != 3 {
		t.Errorf("a search past the limits queued a callback: %d; want 3", n)
	}
}
