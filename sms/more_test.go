package sms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/privacy"
)

func TestFiguresNeverHoldTheNumber(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	rg := newRig(t, rdb, Config{})
	for _, body := range []string{"Frome", "2", "MORE", "CALL", "nonsense"} {
		rg.send(t, resident, body)
	}
	got := rg.figs.kinds()
	for kind, want := range map[figures.Kind]int{figures.Contact: 5, figures.Search: 2, figures.Details: 1} {
		if got[kind] != want {
			t.Errorf("%s events = %d; want %d", kind, got[kind], want)
		}
	}
	b, _ := json.Marshal(rg.figs.events)
	for _, n := range []string{resident, "7700900123"} {
		if strings.Contains(string(b), n) {
			t.Errorf("figures hold the resident's number %q: %s", n, b)
		}
	}
	keys, _ := rdb.Keys(t.Context(), "*").Result()
	for _, k := range keys {
		if strings.Contains(k, "7700900123") {
			t.Errorf("redis key %q holds the resident's number", k)
		}
	}
	if len(rg.desk.requests) != 1 || rg.desk.requests[0].Kind != "sms" || rg.desk.requests[0].Phone != resident {
		t.Errorf("callback requests = %+v; want one of kind sms for the resident", rg.desk.requests)
	}
}

func TestFallback(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	rg := newRig(t, rdb, Config{})
	rg.finder.err = errors.New("catalogue: no catalogue loaded")
	got := rg.send(t, resident, "Frome")
	if !strings.Contains(got, "Sorry, something went wrong") || !strings.Contains(got, lineNum) {
		t.Errorf("reply with a broken catalogue = %q; want an apology with %s", got, lineNum)
	}
}

func TestRedisDown(t *testing.T) {
	_, m := redistest.Mini(t)
	rdb := redis.NewClient(&redis.Options{Addr: m.Addr(), MaxRetries: -1, DialTimeout: 100 * time.Millisecond})
	t.Cleanup(func() { rdb.Close() })
	rg := newRig(t, rdb, Config{})
	m.Close()
	// The catalogue is in memory: the search is answered, though the list
	// cannot be kept for a number or MORE after it.
	if got := rg.send(t, resident, "Frome"); !strings.Contains(got, "1 ") {
		t.Errorf("reply with Redis down = %q; want the list", got)
	}
	// A number with no list to read is the apology with the line's number.
	if got := rg.send(t, resident, "2"); !strings.Contains(got, lineNum) {
		t.Errorf("reply to 2 with Redis down = %q; want an apology with %s", got, lineNum)
	}
}

func TestOddBodies(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	rg := newRig(t, rdb, Config{RepliesPerHour: 100})
	tests := []struct {
		name, body string
		extra      []string
		want       string
	}{
		{"mms with no text", "", []string{"NumMedia", "1", "MediaUrl0", "https://api.twilio.com/x.jpg"}, "only read words"},
		{"only spaces", "   \n ", nil, "empty"},
		{"very long", strings.Repeat("walks in frome ", 200), nil, "Walks near Frome"},
		{"emoji and a town", "🙂 frome 🙂", nil, "near Frome"},
		{"curly quotes", "what’s on in “Frome”", nil, "near Frome"},
		{"invalid utf-8", "fr\xffome", nil, "Sorry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rg.send(t, resident, tt.body, tt.extra...); !strings.Contains(got, tt.want) {
				t.Errorf("reply = %q; want it to contain %q", got, tt.want)
			}
		})
	}
}

// FuzzHandler sends any body through the whole handler: the answer is always
// 200, valid TwiML, and at most three segments (send checks all three).
func FuzzHandler(f *testing.F) {
	for _, c := range conversations {
		for _, s := range c.steps {
			f.Add(s.body)
		}
	}
	rdb, _ := redistest.Mini(f)
	rg := newRig(f, rdb, Config{RepliesPerHour: 1 << 30})
	f.Fuzz(func(t *testing.T, body string) {
		rg.send(t, resident, body)
	})
}

func TestRateLimitWindow(t *testing.T) {
	rdb, m := redistest.Mini(t)
	now := testNow
	rg := newRig(t, rdb, Config{RepliesPerHour: 2, Now: func() time.Time { return now }})
	steps := []struct {
		after time.Duration
		want  string
	}{
		{0, "Heritage Line finds"},
		{time.Minute, "Heritage Line finds"},
		{time.Minute, "quiet for a while"},
		{time.Minute, ""},
		{50 * time.Minute, ""},
		{10 * time.Minute, "Heritage Line finds"}, // an hour after the first reply
	}
	for i, s := range steps {
		now = now.Add(s.after)
		m.FastForward(s.after) // the window is kept by Redis
		got := rg.send(t, resident, "HELP")
		if s.want == "" && got != "" || !strings.Contains(got, s.want) {
			t.Errorf("text %d at +%v: got %q; want %q", i+1, now.Sub(testNow), got, s.want)
		}
	}
	// Another number has its own allowance.
	if got := rg.send(t, "+447700900456", "HELP"); !strings.Contains(got, "Heritage Line finds") {
		t.Errorf("another number: got %q; want the guide", got)
	}
}

// TestSignedRequests makes sure the conversation tests' signing is real: a
// forged signature is refused before it reaches the line.
func TestSignedRequests(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	rg := newRig(t, rdb, Config{})
	form := url.Values{"From": {resident}, "Body": {"HELP"}}
	for _, tt := range []struct {
		sig  string
		want int
	}{{sign(form), http.StatusOK}, {"forged", http.StatusForbidden}} {
		req := httptest.NewRequest(http.MethodPost, "/twilio/sms", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Twilio-Signature", tt.sig)
		rec := httptest.NewRecorder()
		rg.handler.ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("signature %q: status %d; want %d", tt.sig, rec.Code, tt.want)
		}
	}
}

func TestKeyword(t *testing.T) {
	tests := []struct{ in, want string }{
		{"STOP", "STOP"}, {" stop ", "STOP"}, {"Stop.", "STOP"}, {"stop!", "STOP"},
		{"stop it", ""}, {"please stop", ""}, {"", ""}, {"yes", "YES"}, {"Un-stop", "UN-STOP"},
	}
	for _, tt := range tests {
		if got := keyword(tt.in); got != tt.want {
			t.Errorf("keyword(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// A texter over the limit costs no search: the notice, then silence, come
// before the request is even understood.
func TestRateLimitBeforeSearch(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	rg := newRig(t, rdb, Config{RepliesPerHour: 1})
	if got := rg.send(t, resident, "walks near Frome"); !strings.Contains(got, "Frome") {
		t.Fatalf("first text: got %q; want a list near Frome", got)
	}
	rg.finder.err = errors.New("searched while over the limit")
	if got := rg.send(t, resident, "walks near Frome"); !strings.Contains(got, "quiet for a while") {
		t.Errorf("second text: got %q; want the notice, with no search", got)
	}
	if got := rg.send(t, resident, "walks near Frome"); got != "" {
		t.Errorf("third text: got %q; want silence", got)
	}
}

// MORE lists the activities the first search found past its page, in its
// order, without searching again; when they run out it searches.
func TestMoreFromAhead(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	rg := newRig(t, rdb, Config{PageSize: 2, RepliesPerHour: 100})
	first := rg.send(t, resident, "Frome")
	if !strings.Contains(first, "1 ") || !strings.Contains(first, "MORE") {
		t.Fatalf("first page: got %q; want a list with MORE", first)
	}
	rg.finder.err = errors.New("searched again")
	// MORE reads a page's worth of what the search kept and keeps the rest
	// for the next MORE, in order: three pages on, still no search.
	seen := map[string]bool{}
	for _, from := range []int{3, 5, 7} {
		more := rg.send(t, resident, "MORE")
		if !strings.Contains(more, fmt.Sprintf("\n%d ", from)) || !strings.Contains(more, fmt.Sprintf("\n%d ", from+1)) || strings.Contains(more, "Sorry") {
			t.Fatalf("MORE: got %q; want items %d and %d, without a search", more, from, from+1)
		}
		for _, line := range strings.Split(more, "\n")[1:3] {
			title, _, _ := strings.Cut(line[strings.Index(line, " ")+1:], ",")
			if seen[title] {
				t.Errorf("MORE listed %q again", title)
			}
			seen[title] = true
		}
	}
	rg.finder.err = nil
	if again := rg.send(t, resident, "MORE"); strings.Contains(again, "Sorry") {
		t.Errorf("the next MORE: got %q; want the list to go on", again)
	}
}

// A saved state that cannot be decoded (written by a bug, or by an older
// line) does not stop a new search with a place, which needs none; a text
// that needs it (MORE) gets the apology, and the search's own state then
// replaces the bad one.
func TestUnreadableStateOnlyWhenNeeded(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	rg := newRig(t, rdb, Config{RepliesPerHour: 100})
	key := "hl:" + stateKey(privacy.NewHasher([]byte("test salt")).Hash(resident))
	if err := rdb.Set(context.Background(), key, "{not json", time.Hour).Err(); err != nil {
		t.Fatal(err)
	}
	if got := rg.send(t, resident, "MORE"); !strings.Contains(got, "Sorry") {
		t.Errorf("MORE with an unreadable state: got %q; want the apology", got)
	}
	if got := rg.send(t, resident, "Frome"); !strings.Contains(got, "1 ") || strings.Contains(got, "Sorry") {
		t.Errorf("a search with a place: got %q; want the list", got)
	}
	if got := rg.send(t, resident, "MORE"); strings.Contains(got, "Sorry") {
		t.Errorf("MORE after the search: got %q; want the next page", got)
	}
}
