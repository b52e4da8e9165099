package sms

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/followup"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/privacy"
)

// sentTexts records the texts the follow-up's scheduler starts.
type sentTexts struct {
	mu   sync.Mutex
	sent []string
}

func (s *sentTexts) SendText(ctx context.Context, to, body string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, to+": "+body)
	return nil
}

func (s *sentTexts) all() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.sent...)
}

// followRig is the SMS line with a real follow-up diary on a real Redis,
// its clock moved by hand.
type followRig struct {
	*rig
	diary *followup.Diary
	sched *followup.Scheduler
	texts *sentTexts
	now   time.Time
}

func newFollowRig(t *testing.T) *followRig {
	t.Helper()
	rdb, _ := redistest.Start(t)
	key, _ := followup.ParseKey(strings.Repeat("ab", followup.KeySize))
	sealer, err := followup.NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	fr := &followRig{texts: &sentTexts{}, now: testNow}
	fr.rig = newRig(t, rdb, Config{Now: func() time.Time { return fr.now }})
	hours := followup.MustHours("always")
	fr.diary = followup.New(followup.Config{
		LineNumber: lineNum, After: time.Hour, WellbeingAfter: 2 * time.Hour, MinGap: time.Minute,
		Hours: &hours, Now: func() time.Time { return fr.now },
	}, rdb, followup.Deps{Sealer: sealer, Hasher: privacy.NewHasher([]byte("test salt")), Texter: fr.texts, Desk: fr.rig.desk})
	fr.sched = followup.NewScheduler(fr.diary)
	fr.rig.line.deps.FollowUps = fr.diary
	return fr
}

// wants checks that got holds each of want.
func wants(t *testing.T, body, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%q: got %q; want it to contain %q", body, got, w)
		}
	}
}

// TestFollowUpByText walks the follow-up by text: offered once with an
// activity's details, agreed with YES, the wellbeing questions answered,
// the follow-up sent when due, "not yet", then a buddy asked for.
func TestFollowUpByText(t *testing.T) {
	fr := newFollowRig(t)
	ctx := context.Background()
	fr.send(t, resident, "Frome")
	got := fr.send(t, resident, "2")
	wants(t, "2", got, "Rook Lane chapel tour", "Would you like a text around", "Reply YES")
	if got := fr.send(t, resident, "3"); strings.Contains(got, "Reply YES") {
		t.Errorf("second details: got %q; want the follow-up offered only once", got)
	}
	// A number texted after other details is still an item of the list:
	// the offer's question stays open only until the next text.
	got = fr.send(t, resident, "YES")
	if strings.Contains(got, "We'll text you") {
		t.Fatalf("YES after another text: got %q; want the offer closed by the text between", got)
	}

	// Offered again to a new texter, who agrees at once.
	const other = "+447700900456"
	fr.send(t, other, "Frome")
	wants(t, "2", fr.send(t, other, "2"), "Reply YES")
	wants(t, "YES", fr.send(t, other, "YES"), "We'll text you around", "Reply STOP", "Reply YES or NO")
	wants(t, "yes", fr.send(t, other, "yes"), "Question 1 of 4", "satisfied")
	wants(t, "11", fr.send(t, other, "11"), "from 0 to 10")
	for i, v := range []string{"7", "8", "6"} {
		wants(t, v, fr.send(t, other, v), "Question "+string(rune('2'+i))+" of 4")
	}
	wants(t, "3", fr.send(t, other, "3"), "that's all the questions")

	// Not due yet: nothing sent.
	if _, err := fr.sched.Round(ctx); err != nil {
		t.Fatal(err)
	}
	if got := fr.texts.all(); len(got) != 0 {
		t.Fatalf("before it is due: sent %q; want nothing", got)
	}
	fr.now = fr.now.Add(time.Hour + time.Second)
	if _, err := fr.sched.Round(ctx); err != nil {
		t.Fatal(err)
	}
	sent := fr.texts.all()
	if len(sent) != 1 || !strings.HasPrefix(sent[0], other+": ") || !strings.Contains(sent[0], "Did you go to Rook Lane chapel tour") || !strings.Contains(sent[0], "STOP") {
		t.Fatalf("when due: sent %q; want one text to %s asking did you go, saying how to stop", sent, other)
	}
	wants(t, "2", fr.send(t, other, "2"), "Text Frome for other activities", "BUDDY")
	wants(t, "BUDDY", fr.send(t, other, "BUDDY"), "A volunteer will ring you", "Rook Lane chapel tour")
	reqs := fr.desk.requests
	if len(reqs) != 1 || reqs[0].Kind != "buddy" || reqs[0].Activity != "Rook Lane chapel tour" {
		t.Errorf("desk requests %+v; want one buddy request for the chapel tour", reqs)
	}

	// The wellbeing questions again, after WellbeingAfter.
	fr.now = fr.now.Add(2 * time.Hour)
	if _, err := fr.sched.Round(ctx); err != nil {
		t.Fatal(err)
	}
	sent = fr.texts.all()
	if len(sent) != 2 || !strings.Contains(sent[1], "answer them again") {
		t.Fatalf("wellbeing again: sent %q; want a second text asking again", sent)
	}
	wants(t, "YES", fr.send(t, other, "YES"), "Question 1 of 4")
}

// TestStopEndsFollowUps: STOP ends the follow-up at once, and the due text
// is never sent.
func TestStopEndsFollowUps(t *testing.T) {
	fr := newFollowRig(t)
	ctx := context.Background()
	fr.send(t, resident, "Frome")
	fr.send(t, resident, "2")
	wants(t, "YES", fr.send(t, resident, "YES"), "We'll text you")
	if got := fr.send(t, resident, "STOP"); got != "" {
		t.Errorf("STOP: got %q; want an empty <Response/>", got)
	}
	p, err := fr.diary.Pending(ctx, fr.line.deps.Hasher.Hash(resident))
	if err != nil {
		t.Fatal(err)
	}
	if !p.Stopped {
		t.Errorf("after STOP: pending %+v; want stopped", p)
	}
	fr.now = fr.now.Add(3 * time.Hour)
	if _, err := fr.sched.Round(ctx); err != nil {
		t.Fatal(err)
	}
	if got := fr.texts.all(); len(got) != 0 {
		t.Errorf("after STOP: sent %q; want nothing", got)
	}
	if due, _ := fr.diary.Due(ctx); len(due) != 0 {
		t.Errorf("after STOP: due %+v; want nothing", due)
	}
}

// TestFollowUpOff: switched off (the default, followup.Off), details carry
// no offer and YES is not taken as consent.
func TestFollowUpOff(t *testing.T) {
	rdb, _ := redistest.Start(t)
	rg := newRig(t, rdb, Config{})
	rg.send(t, resident, "Frome")
	if got := rg.send(t, resident, "2"); strings.Contains(got, "Reply YES") {
		t.Errorf("details with the follow-up off: got %q; want no offer", got)
	}
	if got := rg.send(t, resident, "YES"); strings.Contains(got, "We'll text you") {
		t.Errorf("YES with the follow-up off: got %q; want no consent", got)
	}
}
