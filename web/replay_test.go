package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/redistest"
)

// replayRig is a guarded handler that counts its runs and answers with the
// run's number and the resident's number (an answer that must be kept
// encrypted).
type replayRig struct {
	runs    atomic.Int64
	mu      sync.Mutex
	replays map[string]int // by how
	handler http.Handler
}

func newReplayRig(g *Replays, delay time.Duration) *replayRig {
	rig := &replayRig{replays: map[string]int{}}
	g.opts.OnReplay = func(route, how string) {
		rig.mu.Lock()
		rig.replays[route+" "+how]++
		rig.mu.Unlock()
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := rig.runs.Add(1)
		time.Sleep(delay)
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprintf(w, "<Response><Message>run %d for %s</Message></Response>", n, r.PostForm.Get("From"))
	})
	again := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "<Response><Say>again</Say></Response>")
	})
	rig.handler = g.Guard("sms", Replay{Key: func(r *http.Request) (string, bool) {
		sid := r.PostForm.Get("MessageSid")
		return sid, sid != ""
	}, Again: again}, h)
	return rig
}

func (rig *replayRig) post(t *testing.T, sid string) string {
	t.Helper()
	form := url.Values{"MessageSid": {sid}, "From": {"+447700900123"}, "Body": {"CALL"}}
	req := httptest.NewRequest(http.MethodPost, "/twilio/sms", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.ParseForm()
	ctx, cancel := context.WithTimeout(req.Context(), 3*time.Second)
	defer cancel()
	rec := httptest.NewRecorder()
	rig.handler.ServeHTTP(rec, req.WithContext(ctx))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d; want 200", rec.Code)
	}
	return rec.Body.String()
}

func (rig *replayRig) count(how string) int {
	rig.mu.Lock()
	defer rig.mu.Unlock()
	return rig.replays["sms "+how]
}

func TestReplaysAnswerOnce(t *testing.T) {
	rdb, _ := redistest.Start(t)
	rig := newReplayRig(NewReplays(rdb, "salt", ReplaysOptions{}), 0)
	first := rig.post(t, "SM1")
	for i := range 3 {
		if got := rig.post(t, "SM1"); got != first {
			t.Errorf("replay %d: got %q; want the first answer %q", i, got, first)
		}
	}
	if got := rig.runs.Load(); got != 1 {
		t.Errorf("handler ran %d times for one MessageSid; want 1", got)
	}
	if got := rig.count(ReplayKept); got != 3 {
		t.Errorf("replays counted kept: got %d; want 3", got)
	}
	if got := rig.post(t, "SM2"); got == first || rig.runs.Load() != 2 {
		t.Errorf("a new MessageSid: got %q after %d runs; want a new answer from a second run", got, rig.runs.Load())
	}
}

func TestReplaysAtOnce(t *testing.T) {
	rdb, _ := redistest.Start(t)
	rig := newReplayRig(NewReplays(rdb, "salt", ReplaysOptions{}), 200*time.Millisecond)
	answers := make([]string, 10)
	var wg sync.WaitGroup
	for i := range answers {
		wg.Go(func() { answers[i] = rig.post(t, "SM-at-once") })
	}
	wg.Wait()
	if got := rig.runs.Load(); got != 1 {
		t.Errorf("ten requests at once with one MessageSid ran the handler %d times; want 1", got)
	}
	for i, a := range answers {
		if a != answers[0] {
			t.Errorf("answer %d: got %q; want %q", i, a, answers[0])
		}
	}
}

// TestReplaysAcrossInstances: a retry reaching another instance gets the
// first instance's answer from Redis, where it is kept encrypted.
func TestReplaysAcrossInstances(t *testing.T) {
	rdb, _ := redistest.Start(t)
	one, two := NewReplays(rdb, "salt", ReplaysOptions{}), NewReplays(rdb, "salt", ReplaysOptions{})
	a, b := newReplayRig(one, 0), newReplayRig(two, 0)
	first := a.post(t, "SM-across")
	one.Close() // the answer is in Redis
	if got := b.post(t, "SM-across"); got != first {
		t.Errorf("on the other instance: got %q; want the first answer %q", got, first)
	}
	if a.runs.Load()+b.runs.Load() != 1 {
		t.Errorf("handlers ran %d times; want 1", a.runs.Load()+b.runs.Load())
	}
	keys, err := rdb.Keys(context.Background(), replayPrefix+"*").Result()
	if err != nil || len(keys) != 2 {
		t.Fatalf("replay keys: got %v, %v; want a mark and an answer", keys, err)
	}
	for _, k := range keys {
		if strings.Contains(k, "SM-across") {
			t.Errorf("key %q names the MessageSid; want a keyed hash", k)
		}
		v, _ := rdb.Get(context.Background(), k).Result()
		if strings.Contains(v, "7700900123") || strings.Contains(v, "run 1") {
			t.Errorf("Redis keeps %q under %s; want the answer encrypted", v, k)
		}
		ttl, _ := rdb.TTL(context.Background(), k).Result()
		if ttl <= 0 || ttl > 24*time.Hour {
			t.Errorf("%s expires in %v; want within a day", k, ttl)
		}
	}
}

// TestReplaysAnswerGone: once the first answer is no longer kept, a replay
// gets the plain answer and still acts on nothing.
func TestReplaysAnswerGone(t *testing.T) {
	rdb, _ := redistest.Start(t)
	g := NewReplays(rdb, "salt", ReplaysOptions{Answer: 50 * time.Millisecond})
	rig := newReplayRig(g, 0)
	rig.post(t, "SM-gone")
	time.Sleep(100 * time.Millisecond)
	g.Close()
	if got := rig.post(t, "SM-gone"); !strings.Contains(got, "again") {
		t.Errorf("replay after the answer expired: got %q; want the plain answer", got)
	}
	other := newReplayRig(NewReplays(rdb, "salt", ReplaysOptions{}), 0)
	if got := other.post(t, "SM-gone"); !strings.Contains(got, "again") {
		t.Errorf("replay on another instance after the answer expired: got %q; want the plain answer", got)
	}
	if rig.runs.Load()+other.runs.Load() != 1 || rig.count(ReplayAgain) != 1 {
		t.Errorf("runs %d, replays %v; want 1 run and 1 plain answer", rig.runs.Load()+other.runs.Load(), rig.replays)
	}
}

// TestReplaysRedisDown: with Redis stopped the instance still answers a
// repeat once, from memory, and quickly.
func TestReplaysRedisDown(t *testing.T) {
	srv := redistest.StartServer(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr, DialTimeout: 100 * time.Millisecond, MaxRetries: -1})
	t.Cleanup(func() { rdb.Close() })
	g := NewReplays(rdb, "salt", ReplaysOptions{})
	rig := newReplayRig(g, 0)
	rig.post(t, "SM-before")
	srv.Stop()
	start := time.Now()
	first := rig.post(t, "SM-down")
	if got := rig.post(t, "SM-down"); got != first {
		t.Errorf("replay with Redis down: got %q; want %q", got, first)
	}
	if got := rig.post(t, "SM-before"); !strings.Contains(got, "run 1") {
		t.Errorf("replay of a request from before Redis stopped: got %q; want the first answer", got)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("three requests with Redis down took %v; want under a second", took)
	}
	if got := rig.runs.Load(); got != 2 {
		t.Errorf("handler ran %d times; want 2", got)
	}
}
