package sms

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/twilio/twilio-go/client"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/places"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/session"
	"github.com/heritage-line/heritageline/smstext"
	"github.com/heritage-line/heritageline/understand"
)

var update = flag.Bool("update", false, "rewrite the golden replies under testdata/")

const (
	resident  = "+447700900123"
	volunteer = "+447700900999"
	lineNum   = "01632 960000"
)

// testNow is a Wednesday morning.
var testNow = time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London)

type rig struct {
	line    *Line
	handler http.Handler
	finder  *fakeFinder
	desk    *fakeDesk
	optOuts *fakeOptOuts
	figs    *fakeFigures
}

func newRig(t testing.TB, rdb redis.UniversalClient, cfg Config) *rig {
	t.Helper()
	return newRigPlaces(t, rdb, cfg, false)
}

// newRigPlaces is newRig with the real places index (realPlaces) in place of
// the few names testPlaces knows, for Welsh names and Northern Ireland.
func newRigPlaces(t testing.TB, rdb redis.UniversalClient, cfg Config, realPlaces bool) *rig {
	t.Helper()
	f := &fakeFinder{acts: testActivities()}
	rg := &rig{finder: f, desk: &fakeDesk{volunteer: volunteer}, optOuts: &fakeOptOuts{}, figs: &fakeFigures{}}
	cfg.LineNumber = lineNum
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return testNow }
	}
	log := slog.New(slog.NewTextHandler(tlog{t}, nil))
	if _, fuzz := t.(*testing.F); fuzz {
		log = slog.New(slog.DiscardHandler) // f.Log may not be called inside the fuzz target
	}
	var placesDep Places = testPlaces
	var ix *places.Index
	if realPlaces {
		var err error
		if ix, err = places.Load(); err != nil {
			t.Fatal(err)
		}
		placesDep = ix
	}
	u := understand.New(ix, []string{"Frome", "Great Yarmouth", "Gorleston", "Trowbridge", "Wells", "Bath", "Penzance"})
	u.Now = cfg.Now // "on 27th November" is the coming one, as of testNow
	rg.line = New(cfg, Deps{
		Finder: f, Towns: f, Places: placesDep,
		Sessions:   session.New(rdb, "hl:"),
		Understand: u,
		Desk:       rg.desk, OptOuts: rg.optOuts, Figures: rg.figs,
		Hasher: privacy.NewHasher([]byte("test salt")),
		Log:    log,
	})
	rg.handler = signed(t, rg.line.Handler())
	t.Cleanup(rg.line.counting.Wait) // before Redis closes
	return rg
}

// Requests in these tests are signed as Twilio signs them, and checked with
// twilio-go's RequestValidator in front of the handler, as cmd wires it.
const (
	testToken = "test-auth-token"
	testURL   = "https://line.example/twilio/sms"
)

// sign returns the X-Twilio-Signature for a POST of form to testURL:
// base64(HMAC-SHA1(token, URL + each key and value in key order)).
func sign(form url.Values) string {
	keys := slices.Sorted(maps.Keys(form))
	mac := hmac.New(sha1.New, []byte(testToken))
	mac.Write([]byte(testURL))
	for _, k := range keys {
		mac.Write([]byte(k + form.Get(k)))
	}
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// signed refuses requests whose signature does not check out.
func signed(t testing.TB, next http.Handler) http.Handler {
	v := client.NewRequestValidator(testToken)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		params := map[string]string{}
		for k := range r.PostForm {
			params[k] = r.PostForm.Get(k)
		}
		if !v.Validate(testURL, params, r.Header.Get("X-Twilio-Signature")) {
			http.Error(w, "bad signature", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// tlog sends the line's logs to t.Log.
type tlog struct{ t testing.TB }

func (w tlog) Write(p []byte) (int, error) { w.t.Log(strings.TrimSpace(string(p))); return len(p), nil }

// send posts one text as Twilio would and returns the reply body ("" for an
// empty <Response/>), failing the test on anything but 200 and valid TwiML
// of at most three segments.
func (rg *rig) send(t testing.TB, from, body string, extra ...string) string {
	t.Helper()
	form := url.Values{"From": {from}, "To": {"+441632960000"}, "Body": {body}, "MessageSid": {"SM123"}, "NumMedia": {"0"}}
	for i := 0; i+1 < len(extra); i += 2 {
		form.Set(extra[i], extra[i+1])
	}
	req := httptest.NewRequest(http.MethodPost, "/twilio/sms", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", sign(form))
	rec := httptest.NewRecorder()
	rg.handler.ServeHTTP(rec, req)
	reply, err := parseReply(rec.Result())
	if err != nil {
		t.Fatalf("send %q: %v", body, err)
	}
	return reply
}

// parseReply checks a webhook answer and returns its message text.
func parseReply(res *http.Response) (string, error) {
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d; want 200", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/xml") {
		return "", fmt.Errorf("content type %q; want text/xml", ct)
	}
	var doc struct {
		XMLName  xml.Name `xml:"Response"`
		Messages []struct {
			Body string `xml:",chardata"`
		} `xml:"Message"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		return "", fmt.Errorf("reply is not TwiML: %v: %s", err, b)
	}
	if len(doc.Messages) > 1 {
		return "", fmt.Errorf("%d messages; want at most 1", len(doc.Messages))
	}
	if len(doc.Messages) == 0 {
		return "", nil
	}
	body := doc.Messages[0].Body
	if body == "" {
		return "", fmt.Errorf("an empty <Message>; want text or an empty <Response/>")
	}
	if n := smstext.Segments(body); n > smstext.MaxSegments {
		return "", fmt.Errorf("reply is %d segments; want <= %d: %q", n, smstext.MaxSegments, body)
	}
	return body, nil
}

// step is one text of a conversation; want lists words the reply must hold
// ("" means the reply must be an empty <Response/>).
type step struct {
	from, body string
	want       []string
}

func say(body string, want ...string) step { return step{from: resident, body: body, want: want} }

var conversations = []struct {
	name  string
	cfg   Config
	steps []step
	real  bool // the real places index, not testPlaces
}{
	{"postcode_more_to_the_end", Config{}, []step{
		say("BA11 1AT", "Heritage activities near BA11 1AT:", "1 Heritage Café, 1st Thu 10:30, Free, <0.25mi", "MORE"),
		say("more", "More near BA11 1AT:", "6 "),
		say("MORE", "That's all"),
	}, false},
	{"number_gives_details", Config{}, []step{
		say("ba11", "1 "),
		say("2", "Heritage Café", "Where: Frome Heritage Museum, North Parade, Frome BA11 1AT", "When:", "Next:", "Phone: 01632 960101"),
		say("99", "no number 99"),
		say("MORE"),
		say("7", "When:"),
	}, false},
	{"town_and_category", Config{}, []step{
		say("Frome", "Heritage activities near Frome:"),
		say("walks", "Walks near Frome:", "1 Catherine Hill"),
		say("walks on saturday", "Nothing for walks on Saturday within 25 miles of Frome. The nearest activities:"),
		say("walks on friday", "Walks near Frome on Friday:", "1 Rook Lane chapel tour"),
		say("1", "Next: Fri 27 Nov"),
		say("crafts friday", "Crafts near Frome on Friday:", "Lace and textile"),
		say("museum great yarmouth", "Museums near Great Yarmouth:", "Tolhouse tales"),
		say("1", "Tolhouse tales"),
	}, false},
	{"a_date_asked_for", Config{}, []step{
		// testNow is Wednesday 25 November 2026; the 27th is a Friday.
		say("walks frome on 27th november", "Walks near Frome on Fri 27 Nov:", "1 Rook Lane chapel tour"),
		say("walks Frome on 5th December", "Nothing for walks on Sat 5 Dec within 25 miles of Frome. The nearest activities:", "1 Catherine Hill"),
		say("crafts frome 27 nov", "Crafts near Frome on Fri 27 Nov:", "Lace and textile"),
		say("Frome tuesday", "near Frome on Tuesday"),
	}, false},
	{"outside_great_britain", Config{}, []step{
		say("BT1 5GS", "only covers England, Scotland and Wales, not Northern Ireland", "CALL"),
		say("walks in Belfast", "not Northern Ireland", "CALL"),
		say("CALL", "Your reference is C1."),
	}, true},
	{"same_name_several_places", Config{}, []step{
		say("Newport", "of Newport (Wales)", "Not this one? Text: Newport, Telford and Wrekin"),
		say("Newport, Telford and Wrekin", "of Newport (Telford and Wrekin)"),
		say("St Ives", "Not this one? Text: St Ives, Cornwall"),
		say("St Ives, Cornwall", "of St Ives (Cornwall)"),
		say("walks in Great Yarmouth", "Walks near Great Yarmouth"),
	}, true},
	{"welsh_and_gaelic_names", Config{}, []step{
		say("Abertawe", "of Abertawe"),
		say("walks in Caerdydd", "of Caerdydd"),
		say("Dùn Èideann", "of Dùn Eideann"),
	}, true},
	{"filters_leave_nothing", Config{}, []step{
		say("dig in great yarmouth", "Nothing for archaeology within 25 miles of Great Yarmouth. The nearest activities:", "1 Rows heritage walk"),
	}, false},
	{"wider_search", Config{}, []step{
		say("wells", "Nothing within 10 miles of Wells, so these are within 25:", "14mi"),
	}, false},
	{"nothing_anywhere", Config{}, []step{
		say("penzance", "Sorry, there is nothing within 25 miles of Penzance"),
	}, false},
	{"nonsense", Config{}, []step{
		say("asdf qwerty", "Sorry, I didn't understand that.", "BA11 1AT", "Frome"),
		say("", "empty", "Frome"),
		say("😀😀😀", "Sorry, I didn't understand that."),
		say("2", "Text a postcode or town first"),
		say("MORE", "Where should I look?"),
		say("walks", "Where should I look?"),
		say("YES", "Sorry, I didn't understand that."),
	}, false},
	{"stop_then_start", Config{}, []step{
		say("Frome", "Frome"),
		say("stop it", "Sorry, I didn't understand that."),
		say("Stop.", ""),
		say("Frome", ""),
		say("HELP", ""),
		say("CALL", ""),
		say("YES", "You're back on Heritage Line."),
		say("2", "Where:"),
		say("quit", ""),
		say("start", "You're back"),
	}, false},
	{"call_and_help", Config{}, []step{
		say("CALL", "A volunteer will ring you from 01632 960000, usually within one working day. Your reference is C1."),
		say("ring me please", "Your reference is C2."),
		say("HELP", "Heritage Line finds heritage activities", "To talk to us, ring 01632 960000."),
		say("info", "STOP to stop texts"),
	}, false},
	{"volunteer", Config{}, []step{
		{from: volunteer, body: "HELP", want: []string{"Volunteer commands"}},
	}, false},
	{"rate_limit", Config{RepliesPerHour: 3}, []step{
		say("HELP", "Heritage Line"),
		say("HELP", "Heritage Line"),
		say("HELP", "Heritage Line"),
		say("HELP", "quiet for a while"),
		say("HELP", ""),
		say("Frome", ""),
	}, false},
}

// TestConversations runs whole conversations through the handler on a real
// redis-server, and checks each against its golden transcript.
func TestConversations(t *testing.T) {
	rdb, _ := redistest.Start(t)
	for _, c := range conversations {
		t.Run(c.name, func(t *testing.T) {
			rdb.FlushAll(context.Background())
			rg := newRigPlaces(t, rdb, c.cfg, c.real)
			var transcript strings.Builder
			for i, s := range c.steps {
				got := rg.send(t, s.from, s.body)
				fmt.Fprintf(&transcript, "> %s\n< %s\n\n", s.body, got)
				if len(s.want) == 0 || s.want[0] == "" {
					if len(s.want) > 0 && got != "" {
						t.Errorf("step %d %q: got %q; want an empty <Response/>", i+1, s.body, got)
					}
					continue
				}
				for _, w := range s.want {
					if !strings.Contains(got, w) {
						t.Errorf("step %d %q: got %q; want it to contain %q", i+1, s.body, got, w)
					}
				}
			}
			golden(t, filepath.Join("testdata", c.name+".golden"), transcript.String())
		})
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("transcript differs from %s (go test -update to accept):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// TestExampleSearchesNearItsTown: the example place in "Where should I
// look?" comes from a search with a range, which reads only the cells near
// the busiest town, not the whole catalogue.
func TestExampleSearchesNearItsTown(t *testing.T) {
	rdb, _ := redistest.Start(t)
	rg := newRig(t, rdb, Config{})
	rg.finder.mu.Lock()
	rg.finder.queries = nil
	rg.finder.mu.Unlock()
	got := rg.send(t, "+447700900555", "MORE")
	if !strings.Contains(got, "Where should I look?") || !strings.Contains(got, "BA11") {
		t.Fatalf("MORE before a list: %q; want the question with an example postcode", got)
	}
	rg.finder.mu.Lock()
	defer rg.finder.mu.Unlock()
	if len(rg.finder.queries) == 0 {
		t.Fatal("no search made for the example")
	}
	for _, q := range rg.finder.queries {
		if q.WithinMiles <= 0 {
			t.Errorf("a search with no range (%+v): it would read the whole catalogue", q)
		}
	}
}
