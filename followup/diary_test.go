package followup

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/outbound"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/volunteers"
	"github.com/heritage-line/heritageline/words"
)

// clock is a test's time, moved on by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// texter records the texts the line starts, and may refuse them.
type texter struct {
	mu    sync.Mutex
	sent  []sent
	err   error
	delay time.Duration
}

type sent struct{ to, body string }

func (f *texter) SendText(ctx context.Context, to, body string) error {
	if f.delay > 0 {
		time.Sleep(f.delay)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	f.sent = append(f.sent, sent{to, body})
	return nil
}

func (f *texter) to(number string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, s := range f.sent {
		if s.to == number {
			out = append(out, s.body)
		}
	}
	return out
}

// desk records buddy requests.
type desk struct {
	mu   sync.Mutex
	reqs []volunteers.CallbackRequest
}

func (d *desk) RequestCallback(ctx context.Context, req volunteers.CallbackRequest) (volunteers.Callback, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.reqs = append(d.reqs, req)
	return volunteers.Callback{Ref: fmt.Sprintf("C%d", len(d.reqs)), Kind: req.Kind}, nil
}

// events records the figures.
type events struct {
	mu sync.Mutex
	es []figures.Event
}

func (e *events) Record(ctx context.Context, ev figures.Event) {
	e.mu.Lock()
	e.es = append(e.es, ev)
	e.mu.Unlock()
}

func (e *events) outcomes() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for _, ev := range e.es {
		out = append(out, ev.Outcome)
	}
	return out
}

type rig struct {
	d      *Diary
	rdb    redis.UniversalClient
	clock  *clock
	texter *texter
	desk   *desk
	events *events
	hasher privacy.Hasher
	sealer *Sealer
}

// monday10 is a Monday morning, within the default hours.
var monday10 = time.Date(2026, 11, 30, 10, 0, 0, 0, londonLoc)

var londonLoc, _ = time.LoadLocation("Europe/London")

func newRig(t *testing.T, rdb redis.UniversalClient, cfg Config) *rig {
	t.Helper()
	if rdb == nil {
		rdb, _ = redistest.Start(t)
	}
	key, _ := ParseKey(strings.Repeat("ab", KeySize))
	sealer, err := NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{rdb: rdb, clock: &clock{t: monday10}, texter: &texter{}, desk: &desk{}, events: &events{},
		hasher: privacy.NewHasher([]byte("test salt")), sealer: sealer}
	if cfg.Now == nil {
		cfg.Now = r.clock.Now
	}
	cfg.LineNumber = "01632 960000"
	r.d = New(cfg, rdb, Deps{Sealer: sealer, Hasher: r.hasher, Texter: r.texter, Desk: r.desk, Figures: r.events})
	return r
}

// text is what the SMS line does with a resident's text: read their
// follow-up and let the diary answer it.
func (r *rig) text(t *testing.T, from, body string) (string, bool) {
	t.Helper()
	hash := r.hasher.Hash(from)
	p, err := r.d.Pending(context.Background(), hash)
	if err != nil {
		t.Fatal(err)
	}
	reply, ok, err := r.d.Reply(context.Background(), from, hash, p, body)
	if err != nil {
		t.Fatalf("reply to %q: %v", body, err)
	}
	t.Logf("%s texts %q -> %v %q", from, body, ok, reply)
	return reply, ok
}

func (r *rig) record(t *testing.T, from string) map[string]string {
	t.Helper()
	m, err := r.rdb.HGetAll(context.Background(), personKey(r.hasher.Hash(from))).Result()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var heritageCafe = Activity{ID: "a4", Title: "Heritage Café", Town: "Frome"}

func wants(t *testing.T, what, got string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(got, s) {
			t.Errorf("%s: got %q; want it to contain %q", what, got, s)
		}
	}
}

// TestFollowUpBySMS walks a texter through every step: the offer, consent
// to the follow-up and then to the wellbeing questions, the four answers,
// the follow-up itself, "not yet", a buddy, and the questions again.
func TestFollowUpBySMS(t *testing.T) {
	r := newRig(t, nil, Config{Hours: ptr(MustHours("always"))})
	ctx := context.Background()
	const from = "+447700900123"
	hash := r.hasher.Hash(from)

	if ok, err := r.d.MayOffer(ctx, from); err != nil || !ok {
		t.Fatalf("MayOffer before any offer: got %v, %v; want true", ok, err)
	}
	when, err := r.d.Offer(ctx, from, heritageCafe, ViaSMS, words.English)
	if err != nil {
		t.Fatal(err)
	}
	if want := monday10.Add(DefaultAfter); !when.Equal(want) {
		t.Errorf("Offer: due %s; want %s", when, want)
	}
	if ok, _ := r.d.MayOffer(ctx, from); ok {
		t.Errorf("MayOffer after the offer: got true; want it offered once only")
	}

	reply, ok := r.text(t, from, "Yes")
	if !ok {
		t.Fatal("YES to the offer was not taken as consent")
	}
	wants(t, "consent", reply, "around Mon 14 Dec", "STOP", "4 short questions", "Reply YES or NO")
	rec := r.record(t, from)
	if rec["fu_at"] == "" || rec["fu_via"] != ViaSMS || !strings.HasPrefix(rec["fu_wording"], "followup.offer_text/en/") {
		t.Errorf("consent record: got at %q via %q wording %q; want a time, sms and the offer's wording", rec["fu_at"], rec["fu_via"], rec["fu_wording"])
	}
	if strings.Contains(fmt.Sprint(rec), "7700900123") {
		t.Fatalf("the record holds the number in the clear: %v", rec)
	}
	if got, err := r.sealer.Open(rec["num"], hash); err != nil || got != from {
		t.Errorf("sealed number: got %q, %v; want %q", got, err, from)
	}

	reply, _ = r.text(t, from, "YES")
	wants(t, "first question", reply, "Question 1 of 4", "satisfied", "0 (not at all) to 10")
	if rec := r.record(t, from); rec["wb_at"] == "" || !strings.HasPrefix(rec["wb_wording"], "wellbeing.ask_text/en/") {
		t.Errorf("wellbeing consent: got %v; want its own time and wording", rec)
	}
	reply, _ = r.text(t, from, "11")
	wants(t, "out of range", reply, "from 0 to 10")
	for i, a := range []string{"6", "7", "5", "8"} {
		reply, _ = r.text(t, from, a)
		if i < 3 {
			wants(t, "next question", reply, fmt.Sprintf("Question %d of 4", i+2))
		}
	}
	wants(t, "last answer", reply, "that's all")
	ans, _ := r.rdb.HGetAll(ctx, answerKey(hash)).Result()
	if ans["ons4:1:life"] != "6" || ans["ons4:1:anxious"] != "8" {
		t.Errorf("answers: got %v; want life 6 and anxious 8 in round 1", ans)
	}
	if _, ok := r.text(t, from, "3"); ok {
		t.Errorf("a number after the last answer was taken as an answer; want it left to the line (an item of a list)")
	}

	// Two weeks on: the follow-up goes, once.
	s := NewScheduler(r.d)
	if n, err := s.Round(ctx); err != nil || n != 0 {
		t.Fatalf("Round before it is due: claimed %d, %v; want 0", n, err)
	}
	r.clock.Add(DefaultAfter)
	if n, err := s.Round(ctx); err != nil || n != 1 {
		t.Fatalf("Round when due: claimed %d, %v; want 1", n, err)
	}
	got := r.texter.to(from)
	if len(got) != 1 {
		t.Fatalf("texts to the resident: got %q; want one follow-up", got)
	}
	wants(t, "the follow-up", got[0], "Did you go to Heritage Café?", "Reply STOP")
	if n, _ := s.Round(ctx); n != 0 || len(r.texter.to(from)) != 1 {
		t.Errorf("a second round sent it again")
	}
	if rec := r.record(t, from); rec["num"] == "" {
		t.Errorf("the number was forgotten with the wellbeing questions still to go")
	}

	reply, _ = r.text(t, from, "2")
	wants(t, "not yet", reply, "Text Frome", "CALL", "BUDDY")
	reply, ok = r.text(t, from, "buddy")
	if !ok || len(r.desk.reqs) != 1 || r.desk.reqs[0].Kind != volunteers.KindBuddy || r.desk.reqs[0].Activity != "Heritage Café" || r.desk.reqs[0].Phone != from {
		t.Fatalf("BUDDY: got %v; want one buddy request for Heritage Café", r.desk.reqs)
	}
	wants(t, "buddy booked", reply, "C1", "Heritage Café")

	// Eight weeks after the wellbeing consent, the questions again.
	r.clock.Add(DefaultWellbeingAfter - DefaultAfter + time.Minute)
	if n, _ := s.Round(ctx); n != 1 {
		t.Fatalf("Round for the questions again: claimed %d; want 1", n)
	}
	got = r.texter.to(from)
	if len(got) != 2 {
		t.Fatalf("texts: got %q; want the questions again", got)
	}
	wants(t, "again", got[1], "answered 4 questions", "YES", "STOP")
	if rec := r.record(t, from); rec["num"] != "" {
		t.Errorf("the number is kept after the last follow-up went")
	}
	reply, _ = r.text(t, from, "yes")
	wants(t, "round 2", reply, "Question 1 of 4")
	for _, a := range []string{"8", "8", "7", "3"} {
		reply, _ = r.text(t, from, a)
	}
	wants(t, "round 2 done", reply, "that's all")
	ans, _ = r.rdb.HGetAll(ctx, answerKey(hash)).Result()
	if ans["ons4:2:life"] != "8" || ans["ons4:2:anxious"] != "3" {
		t.Errorf("round 2 answers: got %v", ans)
	}
	if got, want := strings.Join(r.events.outcomes(), ","), "offered,agreed,wellbeing,sent,not_yet"; got != want {
		t.Errorf("figures: got %s; want %s", got, want)
	}
}

func ptr[T any](v T) *T { return &v }

// TestOfferDeclinedOrIgnored checks that NO declines, and that any other
// text closes the offer and is left to the line.
func TestOfferDeclinedOrIgnored(t *testing.T) {
	r := newRig(t, nil, Config{})
	ctx := context.Background()
	r.d.Offer(ctx, "+447700900201", heritageCafe, ViaSMS, words.English)
	if reply, ok := r.text(t, "+447700900201", "no thanks"); !ok || !strings.Contains(reply, "won't text") {
		t.Errorf("NO: got %v %q; want the follow-up declined", ok, reply)
	}
	r.d.Offer(ctx, "+447700900202", heritageCafe, ViaSMS, words.English)
	if _, ok := r.text(t, "+447700900202", "Frome"); ok {
		t.Errorf("a town after the offer was taken as an answer")
	}
	if _, ok := r.text(t, "+447700900202", "yes"); ok {
		t.Errorf("YES after a town was taken as consent; want the offer closed once the texter moved on")
	}
	if n, _ := r.rdb.ZCard(ctx, dueKey).Result(); n != 0 {
		t.Errorf("%d follow-ups queued; want none without consent", n)
	}
	r.clock.Add(8 * 24 * time.Hour)
	r.d.Offer(ctx, "+447700900203", heritageCafe, ViaSMS, words.English)
	r.clock.Add(DefaultReplyWindow + time.Minute)
	if _, ok := r.text(t, "+447700900203", "yes"); ok {
		t.Errorf("YES a week after the offer was taken as consent")
	}
}

// TestStopEndsEverything checks that STOP takes a person's follow-ups off
// the queue, forgets the number and erases their answers.
func TestStopEndsEverything(t *testing.T) {
	r := newRig(t, nil, Config{Hours: ptr(MustHours("always"))})
	ctx := context.Background()
	const from = "+447700900301"
	hash := r.hasher.Hash(from)
	r.d.Offer(ctx, from, heritageCafe, ViaSMS, words.English)
	r.text(t, from, "yes")
	r.text(t, from, "yes")
	r.text(t, from, "5")
	if err := r.d.Stop(ctx, from); err != nil {
		t.Fatal(err)
	}
	rec := r.record(t, from)
	if rec["num"] != "" || rec["went_state"] != "cancelled" || rec["again_state"] != "cancelled" || rec["stopped"] == "" {
		t.Errorf("after STOP: got %v; want the number gone and both follow-ups cancelled", rec)
	}
	if n, _ := r.rdb.Exists(ctx, answerKey(hash)).Result(); n != 0 {
		t.Errorf("after STOP the wellbeing answers are kept")
	}
	r.clock.Add(DefaultWellbeingAfter + time.Hour)
	if n, _ := NewScheduler(r.d).Round(ctx); n != 0 || len(r.texter.to(from)) != 0 {
		t.Errorf("after STOP: %d claimed, texts %q; want nothing", n, r.texter.to(from))
	}
	if _, ok := r.text(t, from, "5"); ok {
		t.Errorf("after STOP an answer was still taken")
	}
	if err := r.d.Stop(ctx, "+447700900999"); err != nil {
		t.Errorf("STOP from someone with no follow-up: %v", err)
	}
	if n, _ := r.rdb.Exists(ctx, personKey(r.hasher.Hash("+447700900999"))).Result(); n != 0 {
		t.Errorf("STOP made a record for someone who had none")
	}
}

// agreed makes n residents who agreed to the follow-up, due now plus After.
func (r *rig) agreed(t *testing.T, n int) []string {
	t.Helper()
	ctx := context.Background()
	var nums []string
	for i := range n {
		from := fmt.Sprintf("+4477009%05d", i)
		if _, err := r.d.Offer(ctx, from, heritageCafe, ViaVoice, words.English); err != nil {
			t.Fatal(err)
		}
		if _, err := r.d.Consent(ctx, from, ViaVoice); err != nil {
			t.Fatal(err)
		}
		nums = append(nums, from)
	}
	return nums
}

// TestQuietHoursAndGap checks that a follow-up due outside the hours waits
// for them, that two due together for one person go a day apart, and that
// a text refused by a cap waits for the next hour.
func TestQuietHoursAndGap(t *testing.T) {
	r := newRig(t, nil, Config{After: 5 * 24 * time.Hour}) // due on Saturday 5 Dec, 10:00
	ctx := context.Background()
	nums := r.agreed(t, 1)
	if err := r.d.ConsentWellbeing(ctx, nums[0], ViaVoice, words.English); err != nil {
		t.Fatal(err)
	}
	s := NewScheduler(r.d)

	r.clock.Add(6 * 24 * time.Hour) // Sunday 6 Dec, 10:00
	if n, _ := s.Round(ctx); n != 1 || len(r.texter.sent) != 0 {
		t.Fatalf("on Sunday: claimed %d, sent %d; want it claimed and put off", n, len(r.texter.sent))
	}
	due, _ := r.d.Due(ctx)
	if len(due) != 2 || !due[0].At.Equal(time.Date(2026, 12, 7, 9, 0, 0, 0, londonLoc)) || due[0].State != "due" {
		t.Fatalf("after Sunday: got %+v; want it due on Monday at 9 (and the wellbeing questions later)", due)
	}
	r.clock.Add(23 * time.Hour) // Monday 9:00
	r.texter.err = outbound.ErrRateLimited
	s.Round(ctx)
	due, _ = r.d.Due(ctx)
	if len(due) != 2 || !due[0].At.Equal(time.Date(2026, 12, 7, 10, 1, 0, 0, londonLoc)) {
		t.Fatalf("refused by a cap: got %+v; want it tried again after the hour", due)
	}
	r.texter.err = nil
	r.clock.Add(time.Hour + time.Minute)
	s.Round(ctx)
	if got := r.texter.to(nums[0]); len(got) != 1 {
		t.Fatalf("Monday after the cap: got %q; want the follow-up", got)
	}

	// The questions again, due an hour after the follow-up went: they wait
	// for a day after it.
	hash := r.hasher.Hash(nums[0])
	r.d.Answer(ctx, hash, 1, 0, 5)
	r.rdb.ZAdd(ctx, dueKey, redis.Z{Score: float64(ms(r.clock.Now().Add(time.Hour))), Member: item(hash, kindAgain)})
	r.clock.Add(time.Hour)
	s.Round(ctx)
	due, _ = r.d.Due(ctx)
	if len(due) != 1 || due[0].Kind != kindAgain || due[0].At.Before(r.clock.Now().Add(22*time.Hour)) {
		t.Fatalf("second text the same day: got %+v; want it put off to a day after the first", due)
	}
	if due[0].Person != hash[:8] || strings.Contains(fmt.Sprint(due), "7700") {
		t.Errorf("the listing: got %+v; want the hash's start and no number", due)
	}
}

// TestOptedOutWhenDue checks that a number Twilio reports as opted out ends
// every follow-up at once.
func TestOptedOutWhenDue(t *testing.T) {
	r := newRig(t, nil, Config{Hours: ptr(MustHours("always"))})
	ctx := context.Background()
	nums := r.agreed(t, 1)
	r.texter.err = fmt.Errorf("outbound: send text: twilio 21610: %w", outbound.ErrOptedOut)
	r.clock.Add(DefaultAfter)
	NewScheduler(r.d).Round(ctx)
	rec := r.record(t, nums[0])
	if rec["num"] != "" || rec["went_state"] != "cancelled" || rec["stopped"] == "" {
		t.Errorf("after an opt-out at Twilio: got %v; want it all stopped", rec)
	}
}

// TestFailuresTriedAgainThenGivenUp checks that a text Twilio fails is
// tried again later, MaxTries times at most.
func TestFailuresTriedAgainThenGivenUp(t *testing.T) {
	r := newRig(t, nil, Config{Hours: ptr(MustHours("always"))})
	ctx := context.Background()
	nums := r.agreed(t, 1)
	r.texter.err = fmt.Errorf("twilio is down")
	s := NewScheduler(r.d)
	r.clock.Add(DefaultAfter)
	for range s.MaxTries {
		if n, _ := s.Round(ctx); n != 1 {
			t.Fatalf("claimed %d; want the failed text tried again", n)
		}
		r.clock.Add(s.RetryLater)
	}
	if rec := r.record(t, nums[0]); rec["went_state"] != "failed" || rec["num"] != "" {
		t.Errorf("after %d failures: got %v; want it given up and the number forgotten", s.MaxTries, rec)
	}
	if n, _ := s.Round(ctx); n != 0 {
		t.Errorf("claimed %d after giving up", n)
	}
}

// TestLapsedClaims checks an instance that stopped mid-way: an item it
// claimed but had not started sending is sent by another, once; an item it
// was sending when it stopped is never sent again.
func TestLapsedClaims(t *testing.T) {
	r := newRig(t, nil, Config{Hours: ptr(MustHours("always"))})
	ctx := context.Background()
	nums := r.agreed(t, 2)
	r.clock.Add(DefaultAfter)
	dead := "deadbeef"
	claimed, err := claimScript.Run(ctx, r.rdb, []string{dueKey, claimedKey}, ms(r.clock.Now()), (2 * time.Minute).Milliseconds(), dead, 10, prefix+"p:").StringSlice()
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claim: %v, %v", claimed, err)
	}
	// The dead instance had marked the second as being sent.
	second := r.hasher.Hash(nums[1])
	if n, _ := sendingScript.Run(ctx, r.rdb, []string{personKey(second)}, kindWent, dead).Int(); n != 1 {
		t.Fatal("could not mark it sending")
	}
	s := NewScheduler(r.d)
	if n, _ := s.Round(ctx); n != 0 {
		t.Fatalf("claimed %d while the claims still held; want 0", n)
	}
	r.clock.Add(s.Lease + time.Second)
	if n, _ := s.Round(ctx); n != 1 {
		t.Fatalf("after the lease: claimed %d; want the one not yet sending", n)
	}
	if got := r.texter.to(nums[0]); len(got) != 1 {
		t.Errorf("first resident: got %q; want one text", got)
	}
	if got := r.texter.to(nums[1]); len(got) != 0 {
		t.Errorf("second resident: got %q; want none (it may have gone already)", got)
	}
	if rec := r.record(t, nums[1]); rec["went_state"] != "unsure" || rec["num"] != "" {
		t.Errorf("second resident: got %v; want it marked unsure and the number forgotten", rec)
	}
}

// TestTwoSchedulersSendEachOnce runs two schedulers, as two instances of
// the line would, on one real Redis: each follow-up is texted exactly once.
func TestTwoSchedulersSendEachOnce(t *testing.T) {
	rdb, _ := redistest.Start(t)
	a := newRig(t, rdb, Config{Hours: ptr(MustHours("always")), After: 50 * time.Millisecond, MinGap: time.Hour, Now: time.Now})
	b := newRig(t, rdb, Config{Hours: ptr(MustHours("always")), After: 50 * time.Millisecond, MinGap: time.Hour, Now: time.Now})
	b.texter = a.texter // one Twilio
	b.d.deps.Texter = a.texter
	a.texter.delay = 2 * time.Millisecond
	const n = 60
	nums := a.agreed(t, n)

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, r := range []*rig{a, b} {
		s := NewScheduler(r.d)
		s.Batch = 3
		wg.Go(func() { s.Run(ctx) })
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		a.texter.mu.Lock()
		got := len(a.texter.sent)
		a.texter.mu.Unlock()
		if got >= n || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // time for any second sending to show
	cancel()
	wg.Wait()
	for _, num := range nums {
		if got := a.texter.to(num); len(got) != 1 {
			t.Errorf("%s: %d texts; want exactly 1", num, len(got))
		}
	}
	if due, _ := a.d.Due(context.Background()); len(due) != 0 {
		t.Errorf("still waiting: %+v", due)
	}
}
