package ivr

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/mux"
	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/outbound"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/session"
	"github.com/heritage-line/heritageline/volunteers"
	"github.com/heritage-line/heritageline/words"
)

const (
	publicURL  = "https://line.example.org"
	lineNumber = "+441632960000"
	mobile     = "+447700900123"
	landline   = "+441632960999"
)

var roster = volunteers.Roster{RingSeconds: 20, Volunteers: []volunteers.Volunteer{
	{Name: "Sam", Phone: "+447700900111", OnDuty: true},
	{Name: "Priya", Phone: "+447700900222", OnDuty: true},
}}

// harness walks one call through the line's handlers, routed as routes.go
// routes them, on a real redis-server.
type harness struct {
	t        *testing.T
	router   http.Handler
	redis    *redistest.Server
	rdb      redis.UniversalClient
	sessions *session.Store
	finder   *fakeFinder
	desk     *fakeDesk
	texter   *fakeTexter
	figs     *fakeFigures
	sid      string
	from     string
	n        int
	last     *node // the last answer
	// lang is the language every Say and speech Gather must be in (but
	// the language choice's and a volunteer's screening); default English.
	lang *words.Language
	// understood counts the understander's answers.
	understood *atomic.Int32
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func newHarness(t *testing.T, opts ...func(*Config)) *harness {
	t.Helper()
	rdb, srv := redistest.Start(t)
	h := &harness{
		t: t, redis: srv, rdb: rdb,
		sessions:   session.New(rdb, "hl:call:"),
		finder:     testFinder(),
		desk:       &fakeDesk{vols: roster.Volunteers, roster: roster},
		texter:     &fakeTexter{},
		figs:       &fakeFigures{},
		sid:        "CA" + strings.Repeat("0", 30) + fmt.Sprint(len(t.Name())),
		from:       mobile,
		understood: new(atomic.Int32),
	}
	h.lang, _ = words.Lookup(words.English)
	cfg := Config{
		PublicURL: publicURL + "/", LineName: "Heritage Line", LineNumber: lineNumber, TakesTexts: true,
		StateTTL: time.Minute, Now: func() time.Time { return now },
	}
	for _, o := range opts {
		o(&cfg)
	}
	line := New(cfg, Deps{
		Finder: h.finder, Towns: fakeTowns{testTowns}, Places: testResolver(),
		Sessions: h.sessions, Desk: h.desk, Texter: h.texter, Understander: fakeUnderstander{asked: h.understood},
		Figures: h.figs, Hasher: privacy.NewHasher([]byte("test")),
		Log: slog.New(slog.NewTextHandler(testWriter{t}, nil)),
	})
	r := mux.NewRouter()
	r.Handle("/twilio/voice", line.Incoming()).Methods(http.MethodPost)
	r.Handle("/twilio/voice/{step}", line.Step()).Methods(http.MethodPost)
	r.Handle("/twilio/status", line.Status()).Methods(http.MethodPost)
	h.router = r
	return h
}

// post sends one webhook to target (an absolute TwiML URL or a path) with the
// call's parameters and kv, checks the answer is valid TwiML that follows the
// line's rules, compares it with its golden file, and returns it parsed.
func (h *harness) post(target string, kv ...string) *node {
	h.t.Helper()
	u, err := url.Parse(strings.TrimPrefix(target, publicURL))
	if err != nil {
		h.t.Fatal(err)
	}
	form := url.Values{
		"CallSid": {h.sid}, "AccountSid": {"AC123"}, "From": {h.from}, "To": {lineNumber},
		"CallStatus": {"in-progress"}, "Direction": {"inbound"}, "ApiVersion": {"2010-04-01"},
	}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Set(kv[i], kv[i+1])
	}
	req := httptest.NewRequest(http.MethodPost, u.RequestURI(), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.router.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		h.t.Fatalf("POST %s: got status %d; want 200", u.Path, rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/xml" {
		h.t.Fatalf("POST %s: got Content-Type %q; want text/xml", u.Path, ct)
	}
	if strings.Contains(rec.Body.String(), strings.TrimPrefix(h.from, "+")) {
		h.t.Errorf("POST %s: the caller's number appears in the TwiML:\n%s", u.Path, rec.Body)
	}
	n := parseXML(h.t, rec.Body.Bytes())
	h.checkRules(u.Path, n)
	h.n++
	h.last = n
	golden(h.t, fmt.Sprintf("%s/%02d-%s", strings.NewReplacer(",", "", "'", "").Replace(h.t.Name()), h.n, strings.TrimPrefix(strings.TrimPrefix(u.Path, "/twilio/"), "voice/")), n)
	return n
}

// checkRules: every Say and speech Gather is en-GB in the configured voice,
// every URL is absolute, a Redirect or Hangup follows every Gather, and a Dial
// rings only rostered volunteers with the line's number.
func (h *harness) checkRules(path string, n *node) {
	t := h.t
	t.Helper()
	if n.Name != "Response" {
		t.Fatalf("%s: got root %s; want Response", path, n.Name)
	}
	if h.lang == nil {
		h.lang, _ = words.Lookup(words.English)
	}
	choice := false // the language choice speaks every language
	for _, g := range n.all("Gather") {
		choice = choice || strings.Contains(g.Attrs["action"], "/twilio/voice/lang")
	}
	for _, s := range n.all("Say") {
		sayer := sayerOf(s)
		if sayer == nil {
			t.Errorf("%s: Say %q has language %q voice %q; want one of a language's", path, s.Text, s.Attrs["language"], s.Attrs["voice"])
		} else if !choice && !strings.HasSuffix(path, "/screen") && sayer != h.lang {
			t.Errorf("%s: Say %q has language %q voice %q; want %s %s", path, s.Text, s.Attrs["language"], s.Attrs["voice"], h.lang.SayLanguage, h.lang.Voice)
		}
	}
	for _, g := range n.all("Gather") {
		lang := g.Attrs["language"]
		switch {
		case strings.Contains(g.Attrs["input"], "speech") && lang == "":
			t.Errorf("%s: speech Gather has no language", path)
		case !strings.Contains(g.Attrs["input"], "speech") && lang != "":
			t.Errorf("%s: keys-only Gather has language %q; want none", path, lang)
		case lang != "" && !choice && lang != h.lang.Speech && !(lang == "en-GB" && strings.Contains(g.Attrs["action"], "/place")):
			t.Errorf("%s: speech Gather has language %q; want %q", path, lang, h.lang.Speech)
		}
	}
	for i, k := range n.Kids {
		if k.Name == "Gather" && (i+1 >= len(n.Kids) || (n.Kids[i+1].Name != "Redirect" && n.Kids[i+1].Name != "Hangup")) {
			t.Errorf("%s: a Gather is not followed by a Redirect or Hangup", path)
		}
	}
	for _, name := range []string{"Gather", "Record", "Dial"} {
		for _, e := range n.all(name) {
			if !strings.HasPrefix(e.Attrs["action"], publicURL+"/twilio/voice/") {
				t.Errorf("%s: %s action %q is not absolute under PUBLIC_URL", path, name, e.Attrs["action"])
			}
		}
	}
	for _, e := range n.all("Redirect") {
		if !strings.HasPrefix(e.Text, publicURL+"/twilio/voice") {
			t.Errorf("%s: Redirect %q is not absolute under PUBLIC_URL", path, e.Text)
		}
	}
	for _, d := range n.all("Dial") {
		if d.Attrs["callerId"] != lineNumber || d.Attrs["answerOnBridge"] != "true" {
			t.Errorf("%s: Dial callerId %q answerOnBridge %q; want %s true", path, d.Attrs["callerId"], d.Attrs["answerOnBridge"], lineNumber)
		}
		for _, num := range d.all("Number") {
			if !slices.ContainsFunc(roster.Volunteers, func(v volunteers.Volunteer) bool { return v.Phone == num.Text }) {
				t.Errorf("%s: Dial rings %q, not a rostered volunteer", path, num.Text)
			}
			if u := num.Attrs["url"]; u != publicURL+"/twilio/voice/screen" && !strings.HasPrefix(u, publicURL+"/twilio/voice/screen?lang=") {
				t.Errorf("%s: Number url %q; want the screening step", path, num.Attrs["url"])
			}
		}
	}
}

// sayerOf is the language whose voice and Say language s has, or nil.
func sayerOf(s *node) *words.Language {
	for _, l := range words.All() {
		if s.Attrs["voice"] == l.Voice && s.Attrs["language"] == l.SayLanguage {
			return l
		}
	}
	return nil
}

func (h *harness) incoming() *node { h.t.Helper(); return h.post("/twilio/voice") }

// step answers at step, as Twilio does: to the last answer's Gather action
// when it is step's (it may carry a query, such as new=1), else to the
// step's plain URL (a step out of order, a replay).
func (h *harness) step(step string, kv ...string) *node {
	h.t.Helper()
	if h.last != nil {
		for _, g := range h.last.all("Gather") {
			if a := g.Attrs["action"]; path.Base(strings.SplitN(a, "?", 2)[0]) == step {
				return h.post(a, kv...)
			}
		}
	}
	return h.post("/twilio/voice/"+step, kv...)
}

// silence follows the Redirect after n's Gather, as Twilio does when the
// caller says and presses nothing.
func (h *harness) silence(n *node) *node {
	h.t.Helper()
	rs := n.all("Redirect")
	if len(rs) == 0 {
		h.t.Fatalf("no Redirect to follow in:\n%s", n.canonical())
	}
	return h.post(rs[len(rs)-1].Text)
}

func says(t *testing.T, n *node, want ...string) {
	t.Helper()
	got := n.spoken()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("got spoken %q; want it to contain %q", got, w)
		}
	}
}

func hasVerb(t *testing.T, n *node, name string) *node {
	t.Helper()
	if vs := n.all(name); len(vs) > 0 {
		return vs[0]
	}
	t.Fatalf("got no %s in:\n%s", name, n.canonical())
	return nil
}

func TestCalls(t *testing.T) {
	tests := []struct {
		name string
		walk func(t *testing.T, h *harness)
	}{
		{"says a town", func(t *testing.T, h *harness) {
			says(t, h.incoming(), "Welcome to Heritage Line.", "To find activities, say your town or press 1.")
			if n := h.rdb.Exists(t.Context(), "hl:call:"+callKey(h.sid)).Val(); n != 0 {
				t.Errorf("the greeting saved a state; want none (a call with no state is at the main menu)")
			}
			says(t, h.step("menu", "Digits", "1"), "Please say your town, village or postcode.")
			if n := h.rdb.Exists(t.Context(), "hl:call:"+callKey(h.sid)).Val(); n != 0 {
				t.Errorf("the first place question saved a state; want none (its URL carries it)")
			}
			n := h.step("place", "SpeechResult", "Frome.", "Confidence", "0.92")
			if ttl := h.rdb.TTL(t.Context(), "hl:call:"+callKey(h.sid)).Val(); ttl <= 0 || ttl > time.Minute {
				t.Errorf("got state TTL %v after the search; want up to StateTTL (1m)", ttl)
			}
			says(t, n, "I found 4 within 10 miles.", "Frome Heritage Walk. At Market Place, Frome, under a quarter of a mile away.",
				"Every Tuesday, half past ten to twelve. The next is this Tuesday, the first of December.", "Free.", "Mostly level", "press star")
			says(t, h.step("result", "Digits", "1"), "Frome Heritage Museum.", "£3, carers free.")
			says(t, h.step("result", "SpeechResult", "repeat that"), "Frome Heritage Museum.")
			says(t, h.step("result", "Digits", "4"), "The number is oh one six three two, nine six oh, two oh two.")
			h.step("result", "Digits", "1")
			says(t, h.step("result", "Digits", "1"), "Memory Café.")
			says(t, h.step("result", "Digits", "1"), "That's all of them.", "To end the call, press 9.")
			n = h.step("end", "Digits", "9")
			says(t, n, "Please call again any time.", "text the name of your town to oh one six three two, nine six oh, oh oh oh.")
			hasVerb(t, n, "Hangup")
			h.post("/twilio/status", "CallStatus", "completed", "CallDuration", "95")
			var st call
			if ok, err := h.sessions.Load(t.Context(), callKey(h.sid), &st); ok || err != nil {
				t.Errorf("state after the call ended: got found %v, err %v; want gone", ok, err)
			}
			want := []string{"search", "details", "contact:completed"}
			if got := h.figs.kinds(); !slices.Equal(got, want) {
				t.Errorf("got figures %v; want %v", got, want)
			}
		}},
		{"says a town at the main menu", func(t *testing.T, h *harness) {
			h.incoming()
			says(t, h.step("menu", "SpeechResult", "erm, Frome I think"), "I found 4 within 10 miles.", "Frome Heritage Walk.")
		}},
		{"says a full postcode", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "SpeechResult", "near")
			says(t, h.step("place", "SpeechResult", "B A one one one A T", "Confidence", "0.81"), "I found 4 within 10 miles.", "Frome Heritage Walk.")
		}},
		{"speech not understood twice", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "Digits", "1")
			says(t, h.step("place", "SpeechResult", "the old place by the river"), "Sorry, I didn't catch that place.", "Please say your town")
			says(t, h.step("place", "SpeechResult", "mumble"), "Here are the towns I know.", "For Frome, press 1.", "For Warminster, press 3.")
			says(t, h.step("towns", "Digits", "3"), "I found 4 within 10 miles.", "Memory Café.")
		}},
		{"a day said with the town", func(t *testing.T, h *harness) {
			h.incoming()
			// now is Wednesday 25 November; the museum opens on Saturdays.
			h.understood.Store(0)
			says(t, h.step("menu", "SpeechResult", "Frome on Saturday"),
				"Here is what's on this Saturday, the twenty-eighth of November.", "I found 1 within 10 miles.", "Frome Heritage Museum.")
			// The place, the day and any language come from one reading.
			if n := h.understood.Load(); n != 1 {
				t.Errorf("\"Frome on Saturday\" was understood %d times in its step; want once", n)
			}
			says(t, h.step("result", "Digits", "1"), "That's all of them.")
		}},
		{"a day said first, then the town", func(t *testing.T, h *harness) {
			h.incoming()
			says(t, h.step("menu", "SpeechResult", "what's on on the fifth of December"), "Please say your town")
			says(t, h.step("place", "SpeechResult", "Frome"),
				"Here is what's on Saturday the fifth of December.", "I found 1 within 10 miles.", "Frome Heritage Museum.")
		}},
		{"a day with nothing on", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "Digits", "1")
			says(t, h.step("place", "SpeechResult", "Frome on Sunday"),
				"Nothing is on this Sunday, the twenty-ninth of November within 25 miles, so here are the nearest on other days.",
				"I found 4 within 10 miles.", "Frome Heritage Walk.")
		}},
		{"northern ireland", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "Digits", "1")
			says(t, h.step("place", "SpeechResult", "Belfast"),
				"I'm sorry, this line only covers England, Scotland and Wales, not Northern Ireland.",
				"To try somewhere else, press 1. For a volunteer, press 0")
			says(t, h.step("none", "Digits", "1"), "Please say your town")
			says(t, h.step("place", "SpeechResult", "BT1 5GS"), "not Northern Ireland")
			says(t, h.step("none", "Digits", "0"), "volunteer")
		}},
		{"same name in two places asks which", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "Digits", "1")
			says(t, h.step("place", "SpeechResult", "Newport"), "Did you mean Newport in Shropshire, or in Wales?")
			says(t, h.step("which", "SpeechResult", "er, the one in Wales"), "I'm sorry, I couldn't find any activities within 25 miles.")
			h.step("none", "Digits", "1")
			h.step("place", "SpeechResult", "Newport")
			says(t, h.step("which", "Digits", "1"), "I'm sorry, I couldn't find any activities within 25 miles.")
			var areas []string
			for _, e := range h.figs.events {
				areas = append(areas, e.Area)
			}
			if want := []string{"NP20", "TF10"}; !slices.Equal(areas, want) {
				t.Errorf("searched %v; want Newport in Wales (said), then in Shropshire (key 1): %v", areas, want)
			}
		}},
		{"unsure place is confirmed", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "Digits", "1")
			says(t, h.step("place", "SpeechResult", "Newport"), "Did you mean Newport in Shropshire, or in Wales? For Shropshire, press 1. For Wales, press 2. To try again, press 3.")
			says(t, h.step("which", "Digits", "3"), "Please say your town")
			says(t, h.step("place", "SpeechResult", "Frome", "Confidence", "0.3"), "Did you mean Frome?")
			says(t, h.step("confirm", "SpeechResult", "yes"), "Frome Heritage Walk.")
		}},
		{"silence", func(t *testing.T, h *harness) {
			n := h.incoming()
			n = h.silence(n)
			says(t, n, "Sorry, I didn't hear anything.", "To find activities, say your town")
			n = h.step("menu", "Digits", "7")
			says(t, n, "Sorry, I didn't catch that.", "To find activities, say your town")
			n = h.silence(n)
			says(t, n, "Let me find you a volunteer", "Putting you through")
			hasVerb(t, n, "Dial")
		}},
		{"text me this", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "Digits", "1")
			h.step("place", "SpeechResult", "Frome")
			for i := 0; i < 3; i++ {
				n := h.step("result", "Digits", "3")
				says(t, n, "I've sent it to your phone.")
				if offered := strings.Contains(n.spoken(), "sent by text"); offered != (i < 2) {
					t.Errorf("after text %d: sending by text offered %v; want %v (3 a call)", i+1, offered, i < 2)
				}
			}
			says(t, h.step("result", "Digits", "1"), "For the next one, press 1. To hear it again, press 2. For the phone number, press 4.")
			says(t, h.step("result", "SpeechResult", "text it to me"), "I've already sent 3 texts on this call")
			if len(h.texter.sent) != 3 {
				t.Fatalf("got %d texts sent; want 3", len(h.texter.sent))
			}
			if got := h.texter.sent[0].to; got != mobile {
				t.Errorf("got text to %s; want the caller's own number %s", got, mobile)
			}
		}},
		{"text me this from a landline", func(t *testing.T, h *harness) {
			h.from = landline
			h.incoming()
			h.step("menu", "Digits", "1")
			h.step("place", "SpeechResult", "Frome")
			says(t, h.step("result", "Digits", "3"), "I can only send texts to UK mobile phones")
			if len(h.texter.sent) != 0 {
				t.Errorf("got %d texts sent; want none", len(h.texter.sent))
			}
		}},
		{"text me this after opting out", func(t *testing.T, h *harness) {
			h.texter.err = fmt.Errorf("send: %w", outbound.ErrOptedOut)
			h.incoming()
			h.step("menu", "Digits", "1")
			h.step("place", "SpeechResult", "Frome")
			says(t, h.step("result", "Digits", "3"), "text START to this number")
		}},
		{"no activities nearby", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "Digits", "1")
			n := h.step("place", "SpeechResult", "Lerwick")
			says(t, n, "I'm sorry, I couldn't find any activities within 25 miles.", "For a volunteer, press 0")
			hasVerb(t, h.silence(n), "Dial")
		}},
		{"widens to 25 miles", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "Digits", "1")
			says(t, h.step("place", "SpeechResult", "Devizes"), "There's nothing within 10 miles, but I found 4 within 25.", "Memory Café.")
		}},
		{"narrow by kind", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "Digits", "1")
			h.step("place", "SpeechResult", "Frome")
			says(t, h.step("result", "Digits", "5"), "For walks and tours, press 1.", "For groups, talks and cafés, press 3.")
			says(t, h.step("kind", "Digits", "4"), "I found 1 within 10 miles.", "Community Dig.", "The first Thursday of the month, ten till three.")
			h.step("result", "Digits", "5")
			says(t, h.step("kind", "SpeechResult", "something heritage please"), "I found 1 within 10 miles.", "Frome Heritage Museum.")
		}},
		{"a kind said with the town", func(t *testing.T, h *harness) {
			h.incoming()
			says(t, h.step("menu", "SpeechResult", "old things in Frome"), "I found 1 within 10 miles.", "Frome Heritage Museum.")
		}},
		{"a venue's name is only a place", func(t *testing.T, h *harness) {
			// "Heritage" and "Museum" in a place's own name ask for no kind.
			h.incoming()
			says(t, h.step("menu", "SpeechResult", "Frome Heritage Museum"), "I found 4 within 10 miles.", "Frome Heritage Museum.")
		}},
		{"activities in a language, said with the town", func(t *testing.T, h *harness) {
			h.finder.acts[1].Languages = []string{"Polish"} // the museum
			h.incoming()
			says(t, h.step("menu", "SpeechResult", "Polish activities in Frome"), "I found 1 within 10 miles.", "Frome Heritage Museum.")
			// Back at the menu, a new search forgets the language.
			says(t, h.step("result", "Digits", "*"), "To find activities, say your town")
			says(t, h.step("menu", "SpeechResult", "Frome"), "I found 4 within 10 miles.", "Frome Heritage Walk.")
		}},
		{"activities in a language, said at the kinds", func(t *testing.T, h *harness) {
			h.finder.acts[1].Languages = []string{"Polish"}
			h.incoming()
			h.step("menu", "Digits", "1")
			says(t, h.step("place", "SpeechResult", "Frome"), "I found 4 within 10 miles.")
			h.step("result", "Digits", "5")
			says(t, h.step("kind", "SpeechResult", "in Polish please"), "I found 1 within 10 miles.", "Frome Heritage Museum.")
		}},
		{"nothing in the language asked for", func(t *testing.T, h *harness) {
			h.incoming()
			says(t, h.step("menu", "SpeechResult", "Polish activities in Frome"),
				"I found nothing of that kind within 25 miles, so here are the nearest of any kind.", "I found 4 within 10 miles.", "Frome Heritage Walk.")
		}},
		{"a kind with nothing this week", func(t *testing.T, h *harness) {
			// The dig meets on 3 December, eight days away: the kind is kept
			// and the week dropped, and the line says which.
			h.incoming()
			h.step("menu", "Digits", "2")
			says(t, h.step("place", "SpeechResult", "Frome"), "I found 3 within 10 miles.")
			h.step("result", "Digits", "5")
			says(t, h.step("kind", "Digits", "4"), "Nothing is on in the next seven days within 25 miles, so here are the nearest at any time.",
				"I found 1 within 10 miles.", "Community Dig.")
		}},
		{"filters leave nothing", func(t *testing.T, h *harness) {
			// Nothing is held in Polish at any time: every filter goes.
			h.incoming()
			h.step("menu", "Digits", "2")
			says(t, h.step("place", "SpeechResult", "Frome"), "I found 3 within 10 miles.")
			h.step("result", "Digits", "5")
			says(t, h.step("kind", "SpeechResult", "in Polish please"), "I found nothing of that kind within 25 miles, so here are the nearest of any kind.",
				"I found 4 within 10 miles.", "Frome Heritage Walk.")
		}},
		{"star and repeat", func(t *testing.T, h *harness) {
			h.incoming()
			says(t, h.step("menu", "Digits", "3"), "To find activities, say your town")
			h.step("menu", "Digits", "1")
			h.step("place", "SpeechResult", "Frome")
			says(t, h.step("result", "Digits", "*"), "To find activities, say your town")
		}},
		{"volunteer answered", func(t *testing.T, h *harness) {
			h.incoming()
			n := h.step("menu", "Digits", "0")
			says(t, n, "Putting you through to a volunteer.")
			d := hasVerb(t, n, "Dial")
			if got := len(d.all("Number")); got != 2 {
				t.Errorf("got %d numbers dialled; want 2", got)
			}
			if d.Attrs["timeout"] != "20" || d.Attrs["sequential"] != "" {
				t.Errorf("got timeout %q sequential %q; want 20 and simultaneous", d.Attrs["timeout"], d.Attrs["sequential"])
			}
			leg := *h
			leg.sid = "CAvolunteerleg"
			leg.from = h.from
			n = leg.step("screen")
			says(t, n, "Heritage Line call. Press 1 to take it.")
			if g := hasVerb(t, n, "Gather"); g.Attrs["numDigits"] != "1" {
				t.Errorf("screening Gather numDigits %q; want 1", g.Attrs["numDigits"])
			}
			if n := leg.step("screened", "Digits", "1"); len(n.Kids) != 0 {
				t.Errorf("got %s; want an empty Response to bridge", n.canonical())
			}
			h.n = leg.n
			n = h.step("dialed", "DialCallStatus", "completed", "DialBridged", "true", "DialCallDuration", "312")
			hasVerb(t, n, "Hangup")
			h.figs.mu.Lock()
			last := h.figs.events[len(h.figs.events)-1]
			h.figs.mu.Unlock()
			if last.Outcome != "answered" || last.Seconds != 312 {
				t.Errorf("got handoff %q %ds; want answered 312s", last.Outcome, last.Seconds)
			}
		}},
		{"volunteer screens out a voicemail", func(t *testing.T, h *harness) {
			hasVerb(t, h.step("screened"), "Hangup")
			hasVerb(t, h.step("screened", "Digits", "5"), "Hangup")
		}},
		{"volunteer missed, voicemail, callback queued", func(t *testing.T, h *harness) {
			h.desk.roster.Sequential = true
			h.incoming()
			d := hasVerb(t, h.step("menu", "SpeechResult", "a person please"), "Dial")
			if d.Attrs["sequential"] != "true" {
				t.Errorf("got sequential %q; want true", d.Attrs["sequential"])
			}
			n := h.step("dialed", "DialCallStatus", "no-answer", "DialCallDuration", "0")
			says(t, n, "no volunteer could answer just now", "after the beep")
			rec := hasVerb(t, n, "Record")
			if rec.Attrs["maxLength"] != "120" || rec.Attrs["playBeep"] != "true" {
				t.Errorf("got Record maxLength %q playBeep %q; want 120 true", rec.Attrs["maxLength"], rec.Attrs["playBeep"])
			}
			n = h.step("recorded", "RecordingUrl", "https://api.twilio.com/rec/RE1", "RecordingDuration", "14")
			says(t, n, "Thank you for your message.", "A volunteer will ring you back from this line's number, oh one six three two")
			want := []volunteers.CallbackRequest{{Phone: mobile, Kind: "voicemail", RecordingURL: "https://api.twilio.com/rec/RE1"}}
			if !slices.Equal(h.desk.callbacks, want) {
				t.Errorf("got callbacks %+v; want %+v", h.desk.callbacks, want)
			}
			want2 := []string{"handoff:asked", "handoff:missed"} // the desk records the callback itself
			if got := h.figs.kinds(); !slices.Equal(got, want2) {
				t.Errorf("got figures %v; want %v", got, want2)
			}
		}},
		{"nobody on duty, callback by key", func(t *testing.T, h *harness) {
			h.desk.vols = nil
			h.incoming()
			n := h.step("menu", "Digits", "0")
			says(t, n, "no volunteers are free just now", "press 2")
			hasVerb(t, n, "Record")
			says(t, h.step("recorded", "Digits", "2", "RecordingDuration", "0", "RecordingUrl", "https://api.twilio.com/rec/RE2"), "A volunteer will ring you back")
			want := []volunteers.CallbackRequest{{Phone: mobile, Kind: "voice"}}
			if !slices.Equal(h.desk.callbacks, want) {
				t.Errorf("got callbacks %+v; want %+v", h.desk.callbacks, want)
			}
		}},
		{"nobody on duty, silent twice", func(t *testing.T, h *harness) {
			h.desk.vols = nil
			h.incoming()
			n := h.silence(h.step("menu", "Digits", "0"))
			says(t, n, "For a volunteer to ring you back, press 2.")
			says(t, h.silence(n), "I'll ask a volunteer to ring you")
			if len(h.desk.callbacks) != 1 {
				t.Errorf("got %d callbacks; want 1", len(h.desk.callbacks))
			}
		}},
		{"withheld number cannot be rung back", func(t *testing.T, h *harness) {
			h.from = "anonymous"
			h.desk.vols = nil
			h.incoming()
			h.step("menu", "Digits", "0")
			says(t, h.step("recorded", "Digits", "2"), "Your number is hidden")
			if len(h.desk.callbacks) != 0 {
				t.Errorf("got %d callbacks; want none", len(h.desk.callbacks))
			}
		}},
		{"a number the line cannot ring back, nobody on duty", func(t *testing.T, h *harness) {
			// A personal number (070): the number policy refuses to ring
			// it, so no message or call back is offered.
			h.from = "+447012345678"
			h.desk.vols = nil
			h.incoming()
			n := h.step("menu", "Digits", "0")
			says(t, n, "no volunteers are free just now. A volunteer can't ring back the number you're calling from.",
				"please call again from a mobile or a home phone", "To find activities, say your town or press 1.")
			if got := n.spoken(); strings.Contains(got, "after the beep") || len(n.all("Record")) > 0 {
				t.Errorf("a caller whose number cannot be rung back was invited to leave a message: %q", got)
			}
			if got := h.step("dialed", "DialCallStatus", "no-answer").spoken(); !strings.Contains(got, "can't ring back the number") {
				t.Errorf("after the Dial: heard %q; want the number cannot be rung back", got)
			}
		}},
		{"a callback the desk refuses for the number", func(t *testing.T, h *harness) {
			h.desk.err = fmt.Errorf("test: %w", volunteers.ErrCannotRing)
			n := h.step("recorded", "Digits", "2")
			says(t, n, "A volunteer can't ring back the number you're calling from")
			if strings.Contains(n.spoken(), "call again later") {
				t.Errorf("a refused number was told to call again later: %q", n.spoken())
			}
		}},
		{"withheld number, nobody on duty: told at once", func(t *testing.T, h *harness) {
			h.from = "anonymous"
			h.desk.vols = nil
			h.incoming()
			n := h.step("menu", "Digits", "0")
			says(t, n, "no volunteers are free just now. Your number is hidden, so a volunteer can't ring you back.",
				"call again later", "call with your number showing to leave a message",
				"text CALL to oh one six three two, nine six oh, oh oh oh", "For the menu, press star")
			if got := n.spoken(); strings.Contains(got, "after the beep") || len(n.all("Record")) > 0 {
				t.Errorf("a caller whose number is hidden was invited to leave a message: %q", got)
			}
			n = h.silence(n)
			says(t, n, "Sorry, I didn't hear anything.", "Your number is hidden")
			says(t, h.step("hidden", "Digits", "1"), "Your number is hidden")
			says(t, h.step("hidden", "Digits", "*"), "To find activities, say your town or press 1.")
			if len(h.desk.callbacks) != 0 {
				t.Errorf("got %d callbacks; want none", len(h.desk.callbacks))
			}
		}},
		{"withheld number, volunteers missed: stay on", func(t *testing.T, h *harness) {
			h.from = "anonymous"
			h.incoming()
			d := hasVerb(t, h.step("menu", "Digits", "0"), "Dial")
			for try := 0; try <= maxHiddenTries; try++ {
				n := h.post(d.Attrs["action"], "DialCallStatus", "no-answer")
				if try == maxHiddenTries {
					says(t, n, "the volunteers are all busy. Please call again a little later.")
					hasVerb(t, n, "Hangup")
					break
				}
				says(t, n, "no volunteer could answer just now. Your number is hidden", "Stay on the line and I'll try the volunteers again")
				if len(n.all("Record")) > 0 {
					t.Errorf("try %d: a caller whose number is hidden was invited to leave a message", try)
				}
				d = hasVerb(t, h.silence(n), "Dial")
			}
		}},
		{"goodbye from a line that takes no texts", func(t *testing.T, _ *harness) {
			h := newHarness(t, func(c *Config) { c.TakesTexts = false })
			h.from = "anonymous"
			h.desk.vols = nil
			h.incoming()
			n := h.step("menu", "Digits", "0")
			says(t, n, "Your number is hidden")
			if strings.Contains(n.spoken(), "text") {
				t.Errorf("got %q; want no offer to text a line that takes no texts", n.spoken())
			}
			h.step("hidden", "Digits", "*")
			h.step("menu", "Digits", "1")
			h.step("place", "SpeechResult", "Frome")
			n = h.step("result", "Digits", "9")
			says(t, n, "Thank you for calling Heritage Line. Please call again any time. Goodbye.")
			hasVerb(t, n, "Hangup")
		}},
		{"steps out of order", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "Digits", "3") // the menu again: the call now has a state
			says(t, h.step("kind", "Digits", "1"), "Please say your town")
			says(t, h.step("result", "Digits", "3"), "Please say your town")
			if len(h.texter.sent) != 0 {
				t.Errorf("got %d texts with no activity heard; want none", len(h.texter.sent))
			}
		}},
		{"the greeting's menu reads no state", func(t *testing.T, h *harness) {
			// A state this call cannot have (two misses already) is ignored
			// straight after the greeting, so it must never have been read.
			n := h.incoming()
			if err := h.sessions.Save(t.Context(), callKey(h.sid), call{Step: "menu", Misses: 2}, time.Minute); err != nil {
				t.Fatal(err)
			}
			says(t, h.silence(n), "Sorry, I didn't hear anything.", "To find activities, say your town")
		}},
		{"the first place question reads no state", func(t *testing.T, h *harness) {
			// A state with one place already missed is ignored at the
			// first place question, so it must never have been read.
			h.incoming()
			h.step("menu", "Digits", "1")
			if err := h.sessions.Save(t.Context(), callKey(h.sid), call{Step: "place", PlaceMisses: 1}, time.Minute); err != nil {
				t.Fatal(err)
			}
			says(t, h.step("place", "SpeechResult", "mumble"), "Sorry, I didn't catch that place.", "Please say your town")
		}},
		{"state lost", func(t *testing.T, h *harness) {
			says(t, h.step("result", "Digits", "1"), "Sorry, I lost my place. Let's start again.", "To find activities, say your town")
		}},
		{"redis stopped mid-call", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "Digits", "1")
			h.redis.Stop()
			n := h.step("place", "SpeechResult", "Frome")
			says(t, n, "I'm sorry, something has gone wrong on our side.", "Putting you through to a volunteer.")
			hasVerb(t, n, "Dial")
		}},
		{"redis down, the volunteers file still rings", func(t *testing.T, h *harness) {
			// The desk cannot read duty from Redis, and names those the
			// volunteers file has on duty: pressing 0 rings them.
			h.redis.Stop()
			h.desk.err, h.desk.fromFile = errBroken, true
			n := h.step("menu", "Digits", "0")
			says(t, n, "Putting you through to a volunteer.")
			hasVerb(t, n, "Dial")
		}},
		{"redis down from the start, desk failing too", func(t *testing.T, h *harness) {
			h.redis.Stop()
			h.desk.err = errBroken
			says(t, h.incoming(), "Welcome to Heritage Line.", "To find activities, say your town or press 1.") // needs no Redis
			says(t, h.step("menu", "Digits", "1"), "Please say your town")                                      // nor does the first question
			n := h.step("place", "SpeechResult", "Frome")
			says(t, n, "something has gone wrong", "after the beep")
			hasVerb(t, n, "Record")
			says(t, h.step("recorded", "RecordingUrl", "https://api.twilio.com/rec/RE3", "RecordingDuration", "9"), "I couldn't arrange a call back just now")
			if n := h.post("/twilio/status", "CallStatus", "completed"); len(n.Kids) != 0 {
				t.Errorf("status with Redis down: got %s; want an empty Response", n.canonical())
			}
		}},
		{"no catalogue, nobody on duty", func(t *testing.T, h *harness) {
			h.finder.err = catalogue.ErrNoCatalogue
			h.desk.vols = nil
			h.incoming()
			h.step("menu", "Digits", "1")
			n := h.step("place", "SpeechResult", "Frome")
			says(t, n, "something has gone wrong", "after the beep")
			hasVerb(t, n, "Record")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.walk(t, newHarness(t))
		})
	}
}

// TestWordBudget counts every word the caller hears from the greeting to the
// first activity, when they choose "near" and say a town, or say a town
// straight away. Issue 3's budget is 60.
func TestWordBudget(t *testing.T) {
	const budget = 60
	tests := []struct {
		name  string
		steps [][]string // step, then form pairs
		want  int
	}{
		{"near, then a town", [][]string{{""}, {"menu", "Digits", "1"}, {"place", "SpeechResult", "Frome"}}, 44},
		{"a town at the menu", [][]string{{""}, {"menu", "SpeechResult", "Frome"}}, 37},
		{"an unsure town, confirmed", [][]string{{""}, {"menu", "Digits", "1"}, {"place", "SpeechResult", "Froom"}, {"confirm", "Digits", "1"}}, 56},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			words := 0
			for _, s := range tt.steps {
				var n *node
				if s[0] == "" {
					n = h.incoming()
				} else {
					n = h.step(s[0], s[1:]...)
				}
				for _, say := range n.all("Say") {
					if strings.HasPrefix(say.Text, "Frome Heritage Walk") {
						goto done
					}
					words += len(strings.Fields(say.Text))
				}
			}
			t.Fatalf("never heard the first activity")
		done:
			if words != tt.want || words > budget {
				t.Errorf("got %d words before the first activity; want %d (budget %d)", words, tt.want, budget)
			}
		})
	}
}
