package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/crypto/bcrypt"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/coordinators"
	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/volunteers"
)

// rig is a console on a real Redis, with a fake desk and figures, served
// by httptest.
type rig struct {
	srv      *httptest.Server
	accounts *coordinators.Store
	audit    *coordinators.Audit
	desk     *fakeDesk
	console  *Console
}

const (
	testEmail    = "jo@example.org"
	testPassword = "correct horse battery"
)

func newRig(t *testing.T, publicURL string) *rig {
	t.Helper()
	return newRigWith(t, publicURL, nil)
}

// newRigWith is newRig with the desk made by desk on the rig's Redis; nil
// uses the fake desk.
func newRigWith(t *testing.T, publicURL string, desk func(redis.UniversalClient) Desk) *rig {
	t.Helper()
	rdb, _ := redistest.Start(t)
	accounts := coordinators.New(rdb, coordinators.WithCost(bcrypt.MinCost))
	if _, err := accounts.Add(context.Background(), testEmail, testPassword, "+447700900999"); err != nil {
		t.Fatal(err)
	}
	audit := coordinators.NewAudit(rdb, nil)
	fake := newFakeDesk()
	var d Desk = fake
	var roster RosterDesk
	if desk != nil {
		d = desk(rdb)
		roster, _ = d.(RosterDesk)
	}
	c, err := NewConsole(ConsoleDeps{
		Accounts: accounts, Audit: audit, URLs: NewURLs(publicURL),
		Log:  slog.New(slog.NewTextHandler(testWriter{t}, nil)),
		Desk: d, Roster: roster, Figures: fakeFigures{}, Catalogue: func() catalogue.RefreshStatus {
			return catalogue.RefreshStatus{LastSuccess: time.Now(), Active: 31, Inactive: 2}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Routes(Config{PublicURL: publicURL}, Handlers{Console: c}))
	t.Cleanup(srv.Close)
	return &rig{srv: srv, accounts: accounts, audit: audit, desk: fake, console: c}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// client is a browser without JavaScript: it keeps cookies and does not
// follow redirects, so each can be checked.
func (r *rig) client(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (r *rig) post(t *testing.T, c *http.Client, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return do(t, c, req)
}

func (r *rig) get(t *testing.T, c *http.Client, path string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, r.srv.URL+path, nil)
	return do(t, c, req)
}

func do(t *testing.T, c *http.Client, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// signIn signs c in and returns it.
func (r *rig) signIn(t *testing.T) *http.Client {
	t.Helper()
	c := r.client(t)
	resp, body := r.post(t, c, "/console/login", url.Values{"email": {testEmail}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: got %d; want 303\n%s", resp.StatusCode, body)
	}
	return c
}

func TestSignIn(t *testing.T) {
	for _, tc := range []struct {
		public     string
		wantSecure bool
	}{
		{"http://127.0.0.1:8080", false},
		{"https://line.example.org", true},
	} {
		t.Run(tc.public, func(t *testing.T) {
			r := newRig(t, tc.public)
			c := r.client(t)
			resp, _ := r.get(t, c, "/console/")
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/console/login" {
				t.Fatalf("GET /console/ signed out: got %d to %q; want 303 to /console/login", resp.StatusCode, resp.Header.Get("Location"))
			}
			resp, body := r.post(t, c, "/console/login", url.Values{"email": {testEmail}, "password": {"not the password"}})
			if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "don&#39;t match an account") {
				t.Errorf("wrong password: got %d; want 401 saying so\n%s", resp.StatusCode, body)
			}
			resp, _ = r.post(t, c, "/console/login", url.Values{"email": {testEmail}, "password": {testPassword}})
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/console/" {
				t.Fatalf("right password: got %d to %q; want 303 to /console/", resp.StatusCode, resp.Header.Get("Location"))
			}
			var ck *http.Cookie
			for _, k := range resp.Cookies() {
				if k.Name == sessionCookie {
					ck = k
				}
			}
			if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure != tc.wantSecure || ck.Path != "/console/" {
				t.Fatalf("session cookie: got %+v; want HttpOnly, SameSite=Lax, Secure=%v, Path=/console/", ck, tc.wantSecure)
			}
			if tc.wantSecure {
				return // the jar will not send a Secure cookie over http
			}
			resp, body = r.get(t, c, "/console/")
			if resp.StatusCode != http.StatusOK || !strings.Contains(body, "<h1>Today</h1>") || !strings.Contains(body, "Signed in as "+testEmail) {
				t.Fatalf("GET /console/ signed in: got %d; want 200 and Today\n%s", resp.StatusCode, body)
			}
			resp, _ = r.post(t, c, "/console/logout", nil)
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("sign out: got %d; want 303", resp.StatusCode)
			}
			if resp, _ = r.get(t, c, "/console/"); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("GET /console/ after signing out: got %d; want 303", resp.StatusCode)
			}
		})
	}
}

// TestLockOut: the fifth wrong password locks the account, and the right
// one then fails too, with a message that says so.
func TestLockOut(t *testing.T) {
	r := newRig(t, "http://127.0.0.1")
	c := r.client(t)
	for i := 1; i <= coordinators.MaxFailures; i++ {
		r.post(t, c, "/console/login", url.Values{"email": {testEmail}, "password": {"guess number " + string(rune('0'+i))}})
	}
	resp, body := r.post(t, c, "/console/login", url.Values{"email": {testEmail}, "password": {testPassword}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "locked after 5 wrong passwords") {
		t.Fatalf("right password after five wrong: got %d; want 429 saying the account is locked\n%s", resp.StatusCode, body)
	}
}

// TestCrossSitePostRefused: a form posted from another site is refused
// before it reaches a handler.
func TestCrossSitePostRefused(t *testing.T) {
	r := newRig(t, "http://127.0.0.1")
	c := r.signIn(t)
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/console/logout", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, _ := do(t, c, req)
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site POST: got %d; want 403", resp.StatusCode)
	}
	req, _ = http.NewRequest(http.MethodPost, r.srv.URL+"/console/logout", nil)
	req.Header.Set("Origin", "https://evil.example")
	if resp, _ := do(t, c, req); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("POST with a foreign Origin: got %d; want 403", resp.StatusCode)
	}
}

// TestAuditShowsChanges: signing in and out is in the audit log, with who.
func TestAuditShowsChanges(t *testing.T) {
	r := newRig(t, "http://127.0.0.1")
	c := r.signIn(t)
	_, body := r.get(t, c, "/console/audit")
	if !regexp.MustCompile(`<td>` + regexp.QuoteMeta(testEmail) + `</td><td>signed in</td>`).MatchString(body) {
		t.Fatalf("audit page: want a row saying %s signed in\n%s", testEmail, body)
	}
}

// residentNumber matches four or more digits in a row, however spaced: no
// page may show more of a resident's number than its last three digits.
var residentNumber = regexp.MustCompile(`\d[\d ]{3,}\d`)

// TestPagesRender renders every page for a signed-in coordinator: 200, the
// layout's landmarks, and no phone number.
func TestPagesRender(t *testing.T) {
	r := newRig(t, "http://127.0.0.1")
	c := r.signIn(t)
	for _, n := range nav {
		t.Run(n.Label, func(t *testing.T) {
			resp, body := r.get(t, c, "/console/"+n.Page)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("got %d; want 200\n%s", resp.StatusCode, body)
			}
			for _, want := range []string{`<html lang="en-GB">`, `<main id="main">`, `<h1>` + n.Label + `</h1>`, `aria-current="page">` + n.Label} {
				if !strings.Contains(body, want) {
					t.Errorf("want %q in the page", want)
				}
			}
			for _, m := range residentNumber.FindAllString(body, -1) {
				if strings.Contains(m, "7700") || strings.Contains(m, "1632") {
					t.Errorf("the page shows a phone number: %q", m)
				}
			}
		})
	}
}

// fakeDesk is the volunteers desk for the console's tests.
type fakeDesk struct {
	open   []volunteers.Callback
	roster volunteers.Roster
}

func newFakeDesk() *fakeDesk {
	h, _ := volunteers.ParseHours("always")
	return &fakeDesk{
		open: []volunteers.Callback{
			{Ref: "C4", Kind: "voicemail", Requested: time.Now().Add(-95 * time.Minute)},
			{Ref: "C5", Kind: "sms", Requested: time.Now().Add(-3 * time.Minute), TakenBy: "Sam"},
		},
		roster: volunteers.Roster{Hours: h, Volunteers: []volunteers.Volunteer{
			{Name: "Sam", Phone: "+447700900111", OnDuty: true},
			{Name: "Priya", Phone: "+447700900222", OnDuty: false},
		}},
	}
}

func (d *fakeDesk) Open(context.Context) ([]volunteers.Callback, error) { return d.open, nil }
func (d *fakeDesk) OnDuty(context.Context) ([]volunteers.Volunteer, error) {
	return d.roster.Volunteers[:1], nil
}
func (d *fakeDesk) Roster() volunteers.Roster { return d.roster }
func (d *fakeDesk) Queue(context.Context) ([]volunteers.Waiting, error) {
	var out []volunteers.Waiting
	for _, cb := range d.open {
		out = append(out, volunteers.Waiting{Callback: cb, Ending: "731"})
	}
	return out, nil
}
func (d *fakeDesk) Notes(context.Context, string) ([]volunteers.Note, bool, error) {
	return nil, false, nil
}
func (d *fakeDesk) TakeFor(context.Context, volunteers.Taker, string) error { return nil }
func (d *fakeDesk) NoteFor(context.Context, string, string, string) error   { return nil }
func (d *fakeDesk) DoneFor(context.Context, string, string) error           { return nil }

type fakeFigures struct{}

func (fakeFigures) Events(context.Context, time.Time) ([]figures.Event, error) {
	return []figures.Event{
		{Channel: figures.Voice, Kind: figures.Contact, Person: "a"},
		{Channel: figures.SMS, Kind: figures.Contact, Person: "b"},
		{Channel: figures.SMS, Kind: figures.Contact, Person: "b"},
		{Channel: figures.Voice, Kind: figures.Handoff, Outcome: "answered"},
	}, nil
}

func (fakeFigures) Report(_ context.Context, from, _ time.Time) (figures.Report, error) {
	w := figures.Week{Start: from, Calls: 12, Texts: 30, People: 25, HandoffsAsked: 5, HandoffsAnswered: 4, HandoffsMissed: 1,
		FollowUps: figures.FollowUps{Offered: 20, Agreed: 12, WellbeingAgreed: 7, Sent: 10, Went: 6, NotYet: 2, BuddiesRequested: 1}}
	return figures.Report{From: from, To: from, Weeks: []figures.Week{w}, Total: w, Wellbeing: []figures.WellbeingChange{
		{ID: "life", Label: "Life satisfaction", HigherIsBetter: true, Pairs: 6, First: 5.5, Second: 6.5},
		{ID: "anxious", Label: "Anxiety", Pairs: 3, First: 6, Second: 4},
	}}, nil
}
