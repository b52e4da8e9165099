package web

import (
	"bytes"
	"context"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/coordinators"
)

//go:embed tmpl/*.tmpl static/*
var files embed.FS

// Accounts is what the console needs of the coordinators' accounts
// (*coordinators.Store).
type Accounts interface {
	SignIn(ctx context.Context, email, password, code string) (coordinators.Session, error)
	Session(ctx context.Context, token string) (coordinators.Session, error)
	SignOut(ctx context.Context, token string) error
	Get(ctx context.Context, email string) (coordinators.Account, error)
}

var _ Accounts = (*coordinators.Store)(nil)

// AuditLog is where every change is written and read back
// (*coordinators.Audit).
type AuditLog interface {
	Record(ctx context.Context, who, what string) error
	Recent(ctx context.Context, n int) ([]coordinators.Entry, error)
}

var _ AuditLog = (*coordinators.Audit)(nil)

// ConsoleDeps are the console's collaborators. Accounts, Audit and URLs are
// required; a page whose collaborator is nil says it is not available.
type ConsoleDeps struct {
	Accounts Accounts
	Audit    AuditLog
	URLs     URLs
	LineName string // "Heritage Line"
	Now      func() time.Time
	Log      *slog.Logger

	Desk      Desk                           // the volunteers desk (*volunteers.Desk)
	Roster    RosterDesk                     // the roster, for the Volunteers page (*volunteers.Desk)
	Figures   Figures                        // the figures (*figures.Redis)
	Catalogue func() catalogue.RefreshStatus // the catalogue refresher's status
	Publisher Publisher                      // the catalogue workflow (*publish.Service)
}

// Console is the coordinator's console: server-rendered pages under
// /console/, for signed-in coordinators only.
type Console struct {
	ConsoleDeps
	urls  URLs
	log   *slog.Logger
	pages map[string]*template.Template
	cop   *http.CrossOriginProtection
}

// NewConsole returns the console. It fails only if a template does not parse.
func NewConsole(d ConsoleDeps) (*Console, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.LineName == "" {
		d.LineName = "Heritage Line"
	}
	c := &Console{ConsoleDeps: d, urls: d.URLs, log: d.Log, pages: map[string]*template.Template{},
		cop: http.NewCrossOriginProtection()}
	names, err := fs.Glob(files, "tmpl/*page.tmpl")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), "page.tmpl")
		t, err := template.New(name).Funcs(funcs).ParseFS(files, "tmpl/layout.tmpl", n)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", n, err)
		}
		c.pages[name] = t
	}
	return c, nil
}

// funcs are the templates' helpers.
var funcs = template.FuncMap{
	"when": func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return t.In(london).Format("Mon 2 Jan 2006, 15:04")
	},
	"clock": func(t time.Time) string { return t.In(london).Format("15:04") },
	"ago":   ago,
}

var london = mustLondon()

func mustLondon() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.FixedZone("GMT", 0)
	}
	return loc
}

// ago says how long ago, for a person: "4 minutes", "2 hours 5 minutes", "3 days".
func ago(d time.Duration) string {
	m := int(d.Minutes())
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case m < 1:
		return "under a minute"
	case m < 60:
		return plural(m, "minute")
	case m < 24*60:
		if m%60 == 0 {
			return plural(m/60, "hour")
		}
		return plural(m/60, "hour") + " " + plural(m%60, "minute")
	}
	return plural(m/(24*60), "day")
}

// navItem is one link in the console's menu.
type navItem struct {
	Page  string // the key of the page: "" for Today, "callbacks", ...
	Label string
}

// nav is the console's menu, in order. A new page adds itself here.
var nav = []navItem{
	{"", "Today"},
	{"callbacks", "Callbacks"},
	{"volunteers", "Volunteers"},
	{"catalogue", "Catalogue"},
	{"figures", "Figures"},
	{"audit", "Audit log"},
}

// page is what the layout needs; Body is the page's own struct.
type page struct {
	Title   string
	Current string // the navItem.Page of this page
	Who     string // the signed-in coordinator's email; "" on the sign-in page
	Flash   string // the outcome of the last change, from the flash cookie
	Error   string // what went wrong with what was just sent
	Nav     []navLink
	Static  string // path of the stylesheet
	Logout  string
	Line    string
	Body    any
}

type navLink struct {
	Href, Label string
	Current     bool
}

// render writes a page with the layout around it.
func (c *Console) render(w http.ResponseWriter, r *http.Request, name string, status int, p page) {
	t, ok := c.pages[name]
	if !ok {
		c.fail(w, r, fmt.Errorf("web: no template %q", name))
		return
	}
	p.Who = who(r.Context())
	p.Static = c.urls.Console("static/console.css")
	p.Logout = c.urls.Console("logout")
	p.Line = c.LineName
	if p.Who != "" {
		for _, n := range nav {
			p.Nav = append(p.Nav, navLink{Href: c.urls.Console(n.Page), Label: n.Label, Current: n.Page == p.Current})
		}
	}
	if p.Flash == "" {
		p.Flash = c.takeFlash(w, r)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		c.fail(w, r, fmt.Errorf("web: render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail logs err and answers a plain apology: the error's text may name
// things a page should not show.
func (c *Console) fail(w http.ResponseWriter, r *http.Request, err error) {
	c.log.ErrorContext(r.Context(), "console", "path", r.URL.Path, "who", who(r.Context()), "err", err)
	http.Error(w, "Sorry, something went wrong on the line. Please try again in a minute.", http.StatusInternalServerError)
}

// protect sets the console's security headers and refuses cross-site form
// posts.
func (c *Console) protect(next http.Handler) http.Handler {
	return c.cop.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		// An upload sets its own, larger, limit.
		if r.Method == http.MethodPost && r.URL.Path != PathConsole+"catalogue/upload" {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
		}
		next.ServeHTTP(w, r)
	}))
}

// maxFormBody bounds a console form (uploads have their own limit).
const maxFormBody = 64 << 10

// The cookies the console sets.
const (
	sessionCookie = "hl_console"
	flashCookie   = "hl_flash"
)

type whoKey struct{}

// who is the signed-in coordinator's email, or "".
func who(ctx context.Context) string {
	s, _ := ctx.Value(whoKey{}).(string)
	return s
}

// signedIn serves h to a coordinator with a session, and sends anyone else
// to the sign-in form (303).
func (c *Console) signedIn(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ck, err := r.Cookie(sessionCookie)
		if err != nil {
			http.Redirect(w, r, c.urls.Console("login"), http.StatusSeeOther)
			return
		}
		s, err := c.Accounts.Session(r.Context(), ck.Value)
		if errors.Is(err, coordinators.ErrNoSession) {
			c.clearCookie(w, sessionCookie)
			http.Redirect(w, r, c.urls.Console("login"), http.StatusSeeOther)
			return
		}
		if err != nil {
			c.fail(w, r, err)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), whoKey{}, s.Email)))
	})
}

func (c *Console) cookie(name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name: name, Value: value, Path: c.urls.Console(""), MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: c.urls.Secure(),
	}
}

func (c *Console) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, c.cookie(name, "", -1))
}

// done records a change in the audit log, leaves its outcome for the next
// page, and sends the browser there (303). An audit log that cannot be
// written is logged: the change itself has been made.
func (c *Console) done(w http.ResponseWriter, r *http.Request, what, flash, next string) {
	if what != "" {
		if err := c.Audit.Record(r.Context(), who(r.Context()), what); err != nil {
			c.log.ErrorContext(r.Context(), "console: audit", "who", who(r.Context()), "err", err)
		}
	}
	if flash != "" {
		http.SetCookie(w, c.cookie(flashCookie, base64.RawURLEncoding.EncodeToString([]byte(flash)), 60))
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// takeFlash returns the outcome left by done, once.
func (c *Console) takeFlash(w http.ResponseWriter, r *http.Request) string {
	ck, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	c.clearCookie(w, flashCookie)
	b, err := base64.RawURLEncoding.DecodeString(ck.Value)
	if err != nil || len(b) > 500 {
		return ""
	}
	return string(b)
}

// static serves the console's stylesheet (and any other file in static/).
func (c *Console) static(w http.ResponseWriter, r *http.Request) {
	name := mux.Vars(r)["file"]
	b, err := files.ReadFile("static/" + path.Base(name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	switch path.Ext(name) {
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case ".png":
		w.Header().Set("Content-Type", "image/png")
	}
	w.Header().Set("Cache-Control", "max-age=3600")
	w.Write(b)
}
