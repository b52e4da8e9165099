package ivr

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/mux"

	"github.com/heritage-line/heritageline/followup"
	"github.com/heritage-line/heritageline/privacy"
)

// withFollowUp puts a real follow-up diary (on the harness's redis-server)
// into h's line, and returns it.
func withFollowUp(t *testing.T, h *harness) *followup.Diary {
	t.Helper()
	key, _ := followup.ParseKey(strings.Repeat("cd", followup.KeySize))
	sealer, err := followup.NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	hasher := privacy.NewHasher([]byte("test"))
	hours := followup.MustHours("always")
	diary := followup.New(followup.Config{LineNumber: "01632 960000", Hours: &hours, Now: func() time.Time { return now }},
		h.rdb, followup.Deps{Sealer: sealer, Hasher: hasher, Texter: h.texter})
	line := New(Config{
		PublicURL: publicURL + "/", LineName: "Heritage Line", LineNumber: lineNumber, TakesTexts: true,
		StateTTL: time.Minute, Now: func() time.Time { return now },
	}, Deps{
		Finder: h.finder, Towns: fakeTowns{testTowns}, Places: testResolver(),
		Sessions: h.sessions, Desk: h.desk, Texter: h.texter, Understander: fakeUnderstander{},
		Figures: h.figs, Hasher: hasher, Log: slog.New(slog.NewTextHandler(testWriter{t}, nil)),
		FollowUps: diary,
	})
	r := mux.NewRouter()
	r.Handle("/twilio/voice", line.Incoming()).Methods(http.MethodPost)
	r.Handle("/twilio/voice/{step}", line.Step()).Methods(http.MethodPost)
	h.router = r
	return diary
}

// TestFollowUpByVoice: after "text me this" the caller is offered a
// follow-up text (press 1), then the wellbeing questions, answered on the
// keypad (0 is an answer, not a volunteer), and is back at the activity;
// the follow-up is offered once a caller, ever.
func TestFollowUpByVoice(t *testing.T) {
	h := newHarness(t)
	diary := withFollowUp(t, h)
	ctx := context.Background()
	h.incoming()
	h.step("menu", "Digits", "1")
	h.step("place", "SpeechResult", "Frome")
	n := h.step("result", "Digits", "3")
	says(t, n, "I've sent it to your phone.", "Would you like a text around", "press 1")
	says(t, h.step("followup", "Digits", "7"), "Sorry, I didn't catch that.", "To say yes, press 1")
	n = h.step("followup", "Digits", "1")
	says(t, n, "We'll text you around", "STOP", "on your keypad", "To answer now, press 1")
	n = h.step("wellbeing", "Digits", "1")
	says(t, n, "Question 1 of 4", "satisfied", "then the hash key")
	if g := hasVerb(t, n, "Gather"); g.Attrs["finishOnKey"] != "#" || g.Attrs["input"] != "dtmf" {
		t.Errorf("question Gather input %q finishOnKey %q; want dtmf and #", g.Attrs["input"], g.Attrs["finishOnKey"])
	}
	says(t, h.step("wbq", "Digits", "11"), "Sorry, I didn't catch that.", "Question 1 of 4")
	says(t, h.step("wbq", "Digits", "0"), "Question 2 of 4") // 0 is an answer here
	says(t, h.step("wbq", "Digits", "8"), "Question 3 of 4")
	says(t, h.step("wbq", "Digits", "6"), "Question 4 of 4", "anxious")
	says(t, h.step("wbq", "Digits", "10"), "that's all the questions", "back to the activity", "For the next one, press 1")

	p, err := diary.Pending(ctx, privacy.NewHasher([]byte("test")).Hash(mobile))
	if err != nil {
		t.Fatal(err)
	}
	if !p.Agreed || !p.Offered {
		t.Errorf("after 1: pending %+v; want offered and agreed", p)
	}
	due, err := diary.Due(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 {
		t.Errorf("due %+v; want did you go and the questions again", due)
	}
	changes, err := diary.WellbeingChanges(ctx, now.Add(-time.Hour), now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 4 || changes[0].Pairs != 0 {
		t.Errorf("changes %+v; want four questions, no pairs yet", changes)
	}

	// Texted again on the same call: no second offer.
	n = h.step("result", "Digits", "3")
	if strings.Contains(n.spoken(), "Would you like a text around") {
		t.Errorf("a second text offered the follow-up again: %q", n.spoken())
	}
}

// TestFollowUpDeclinedByVoice: 2 carries on with the activities.
func TestFollowUpDeclinedByVoice(t *testing.T) {
	h := newHarness(t)
	withFollowUp(t, h)
	h.incoming()
	h.step("menu", "Digits", "1")
	h.step("place", "SpeechResult", "Frome")
	says(t, h.step("result", "Digits", "3"), "Would you like a text around")
	says(t, h.step("followup", "Digits", "2"), "back to the activity", "For the next one, press 1")
}
