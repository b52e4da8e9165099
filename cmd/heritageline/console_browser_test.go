package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/internal/browsertest"
	"github.com/heritage-line/heritageline/privacy"
)

var screenshots = flag.Bool("screenshots", false, "write a screenshot of every console page to docs/console/")

const (
	coordinatorEmail    = "jo@museum.example"
	coordinatorPassword = "correct horse battery"
	coordinatorPhone    = "+447700900999"
)

// TestConsoleInBrowser runs the console in a real headless Chromium: sign
// in, every page checked with axe-core (WCAG 2.2 A and AA), and no
// resident's number beyond its last three digits on any page.
func TestConsoleInBrowser(t *testing.T) {
	tl := startLine(t, lineOptions{})
	if _, err := tl.srv.line.accounts.Add(context.Background(), coordinatorEmail, coordinatorPassword, coordinatorPhone); err != nil {
		t.Fatal(err)
	}
	browser := browsertest.New(t, 1100, 900, 90*time.Second)
	base := tl.srv.URL + "/console/"
	shot := func(b *browsertest.Browser, name string) {
		if *screenshots {
			b.Screenshot(filepath.Join("..", "..", "docs", "console", name+".png"))
		}
	}
	if *screenshots {
		os.MkdirAll(filepath.Join("..", "..", "docs", "console"), 0o755)
	}

	// A resident asks for a callback by text, so the pages have one to show.
	resident := "+447700900731"
	tl.text1(tl.sim(resident), "CALL")

	t.Run("sign in", func(t *testing.T) {
		b := browser.In(t)
		b.Do(chromedp.Navigate(base))
		if loc, h1 := b.Location(), b.Text("h1"); !strings.HasSuffix(loc, "/console/login") || h1 != "Sign in" {
			t.Fatalf("signed out, /console/ went to %s (%q); want the sign-in form", loc, h1)
		}
		b.CheckAxe("sign in")
		shot(b, "login")
		b.Do(
			chromedp.SendKeys(chromedp.CSS("#email"), coordinatorEmail),
			chromedp.SendKeys(chromedp.CSS("#password"), "not the password"),
			chromedp.Click(chromedp.CSS(`main button[type="submit"]`)),
			chromedp.WaitVisible(chromedp.CSS(".error")),
		)
		if msg := b.Text(".error"); !strings.Contains(msg, "don’t match an account") && !strings.Contains(msg, "don't match an account") {
			t.Errorf("wrong password: the form says %q", msg)
		}
		b.CheckAxe("sign in, refused")
		browsertest.Eval[bool](b, `document.querySelector('#password').value = ''; true`)
		b.Do(
			chromedp.SendKeys(chromedp.CSS("#password"), coordinatorPassword),
			chromedp.Click(chromedp.CSS(`main button[type="submit"]`)),
			chromedp.WaitVisible(chromedp.CSS(`nav[aria-label="Console pages"]`)),
		)
		if loc, h1 := b.Location(), b.Text("h1"); !strings.HasSuffix(loc, "/console/") || h1 != "Today" {
			t.Fatalf("signed in: at %s (%q); want Today", loc, h1)
		}
	})

	t.Run("take a callback", func(t *testing.T) {
		b := browser.In(t)
		b.Do(chromedp.Navigate(base + "callbacks"))
		if h1 := b.Text("h1"); h1 != "Callbacks" {
			t.Fatalf("callbacks: h1 %q", h1)
		}
		card := b.Text("section.callback h2")
		ref, _, _ := strings.Cut(card, ":")
		noNumber(t, b.Text("body"), resident)
		before := len(tl.rest.Calls())
		b.Do(chromedp.Click(chromedp.CSS(`section.callback form[action$="/take"] button`)))
		waitFlash(t, b, ref+" is yours")
		calls := tl.rest.Calls()[before:]
		if len(calls) != 1 || calls[0].Form.Get("To") != coordinatorPhone || calls[0].Form.Get("From") != testLineNumber {
			t.Fatalf("Take: Twilio saw %+v; want one call to the coordinator's phone from the line's number", calls)
		}
		b.Do(
			chromedp.SendKeys(chromedp.CSS("#note-"+ref), "Rang her; she will go on Friday."),
			chromedp.Click(chromedp.CSS(`section.callback form[action$="/note"] button`)),
		)
		waitFlash(t, b, "Note kept on "+ref)
		if notes := b.Text("section.callback ul"); !strings.Contains(notes, "Rang her; she will go on Friday.") {
			t.Errorf("after Add note: the notes say %q", notes)
		}
		noNumber(t, b.Text("body"), resident)
		b.CheckAxe("Callbacks")
		shot(b, "callbacks")
		b.Do(chromedp.Click(chromedp.CSS(`section.callback form[action$="/done"] button`)))
		waitFlash(t, b, ref+" is closed")
		if body := b.Text("main"); !strings.Contains(body, "No open callbacks") {
			t.Errorf("after Mark done: the page says %q", body)
		}
	})

	t.Run("add a volunteer who is then rung", func(t *testing.T) {
		b := browser.In(t)
		const cy = "+447700900355"
		b.Do(chromedp.Navigate(base + "volunteers"))
		if h1 := b.Text("h1"); h1 != "Volunteers" {
			t.Fatalf("volunteers: h1 %q", h1)
		}
		// A premium number is refused, the field named.
		b.Do(
			chromedp.SendKeys(chromedp.CSS("#name"), "Cy"),
			chromedp.SendKeys(chromedp.CSS("#phone"), "0909 879 0123"),
			chromedp.Click(chromedp.CSS(`form[action$="/console/volunteers"] button`)),
			chromedp.WaitVisible(chromedp.CSS("#phone-err")),
		)
		if msg := b.Text("#phone-err"); !strings.Contains(msg, "premium-rate") {
			t.Errorf("a premium number: the phone field says %q", msg)
		}
		b.CheckAxe("Volunteers, refused")
		b.Do(
			chromedp.SendKeys(chromedp.CSS("#phone"), "07700 900355"),
			chromedp.Click(chromedp.CSS(`form[action$="/console/volunteers"] button`)),
		)
		waitFlash(t, b, "Cy (ending 355) is on the roster")
		body := b.Text("main")
		noNumber(t, body, cy)
		noNumber(t, body, volunteerAda)
		b.CheckAxe("Volunteers")
		shot(b, "volunteers")

		// A resident rings the line and presses 0: the new volunteer is rung.
		tr := tl.call(tl.sim("+447700900732"), script("0"))
		ds := tr.Dials()
		if len(ds) != 1 {
			t.Fatalf("got %d Dials; want 1", len(ds))
		}
		var rung []string
		for _, leg := range ds[0].Legs {
			rung = append(rung, leg.Number)
		}
		if !sameSet(rung, []string{volunteerAda, volunteerBen, cy}) {
			t.Errorf("the line rang %d numbers; want Ada, Ben and the new volunteer Cy", len(rung))
		}

		// Off duty from the console: no longer rung.
		b.Do(chromedp.Click(chromedp.CSS(`li:last-child form[action$="/duty"] button`)))
		waitFlash(t, b, "Cy is off duty")
		tr = tl.call(tl.sim("+447700900733"), script("0"))
		for _, d := range tr.Dials() {
			for _, leg := range d.Legs {
				if leg.Number == cy {
					t.Errorf("Cy is off duty, but the line rang them")
				}
			}
		}
	})

	t.Run("publish a catalogue and roll back", func(t *testing.T) {
		b := browser.In(t)
		upload := func(file string) {
			t.Helper()
			abs, err := filepath.Abs(file)
			if err != nil {
				t.Fatal(err)
			}
			b.Do(
				chromedp.Navigate(base+"catalogue"),
				chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{abs}),
				chromedp.Click(chromedp.CSS(`form[enctype] button`)),
				chromedp.WaitVisible(chromedp.CSS("#publish")),
			)
		}
		publish := func(flash string) {
			t.Helper()
			b.Do(chromedp.Click(chromedp.CSS(`form[action$="/publish"] button`)))
			waitFlash(t, b, flash)
		}
		// A file with two mistakes and an ended activity: each is named
		// with its line and field before anything goes live.
		upload("../../catalogue/publish/testdata/mistake.csv")
		findings := b.Text("table.findings")
		for _, want := range []string{`line 6\s+frome-trinity-walk\s+schedule`, `line 16\s+lace-market-walk\s+postcode`, `line 37\s+ended-walk\s+schedule`} {
			if !regexp.MustCompile(want).MatchString(findings) {
				t.Errorf("draft: want %s among the findings:\n%s", want, findings)
			}
		}
		b.Do(
			chromedp.Click(chromedp.CSS(`a[href*="preview=frome-heritage-cafe"]`)),
			chromedp.WaitVisible(chromedp.CSS("#preview")),
		)
		if pv := b.Text("#preview"); !strings.Contains(pv, "A caller hears") || !strings.Contains(pv, "SMS segment") {
			t.Errorf("preview: %q; want what a caller hears and a texter reads", pv)
		}
		b.CheckAxe("Catalogue draft")
		shot(b, "catalogue-draft")
		publish("mistake.csv is published as v1")
		upload("../../catalogue/sample/sample.csv")
		publish("sample.csv is published as v2")
		b.Do(chromedp.Click(chromedp.CSS(`form[action$="/versions/v1/rollback"] button`)))
		waitFlash(t, b, "v1 is in service again")
		if st := tl.srv.line.refresher.Status(); st.Source != "published v1 (mistake.csv)" {
			t.Errorf("after rolling back the line serves %q; want published v1 (mistake.csv)", st.Source)
		}
		b.CheckAxe("Catalogue")
		shot(b, "catalogue")
	})

	// Follow-ups offered and answered this week, so Figures shows its
	// follow-up table (and says too few have answered the wellbeing
	// questions twice).
	figs := figures.NewRedis(tl.srv.line.rdb, figures.Options{}, nil)
	for _, f := range []struct {
		n       int
		kind    figures.Kind
		outcome string
	}{
		{14, figures.FollowUp, "offered"}, {9, figures.FollowUp, "agreed"}, {8, figures.FollowUp, "sent"},
		{5, figures.FollowUp, "went"}, {2, figures.FollowUp, "not_yet"}, {3, figures.Buddy, "requested"},
	} {
		for range f.n {
			figs.Record(context.Background(), figures.Event{Time: time.Now(), Channel: figures.SMS, Kind: f.kind, Outcome: f.outcome})
		}
	}
	figs.Close()

	pages := []struct{ path, h1, shot string }{
		{"", "Today", "today"},
		{"volunteers", "Volunteers", "volunteers"},
		{"figures", "Figures", "figures"},
		{"audit", "Audit log", "audit"},
	}
	for _, p := range pages {
		t.Run(p.h1, func(t *testing.T) {
			b := browser.In(t)
			b.Do(chromedp.Navigate(base + p.path))
			body := b.Text("body")
			if h1 := b.Text("h1"); h1 != p.h1 {
				t.Fatalf("GET /console/%s: h1 %q; want %q", p.path, h1, p.h1)
			}
			for _, n := range []string{resident, volunteerAda, volunteerBen} {
				noNumber(t, body, n)
			}
			if p.h1 == "Figures" && (!strings.Contains(body, "Follow-up: did they go, and did it help?") || !strings.Contains(body, "Went\t5")) {
				t.Errorf("Figures: want the follow-up table, with 5 who went\n%s", body)
			}
			b.CheckAxe(p.h1)
			shot(b, p.shot)
		})
	}

	t.Run("keyboard", func(t *testing.T) {
		b := browser.In(t)
		// The first Tab reaches the skip link; the menu is reachable and
		// its focus is drawn.
		b.Do(chromedp.Navigate(base), chromedp.KeyEvent("\t"))
		focused := browsertest.Eval[string](b, `document.activeElement.textContent`)
		outline := browsertest.Eval[string](b, `getComputedStyle(document.activeElement).outlineStyle`)
		if focused != "Skip to the page" || outline == "none" {
			t.Errorf("first Tab: focus on %q with outline %q; want the skip link, outlined", focused, outline)
		}
	})

	t.Run("phone", func(t *testing.T) {
		b := browser.In(t)
		// Readable on a phone: nothing wider than the screen.
		b.Do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(base))
		if browsertest.Eval[bool](b, `document.documentElement.scrollWidth > window.innerWidth`) {
			t.Errorf("Today on a 390-pixel phone scrolls sideways")
		}
		shot(b, "today-phone")
		for _, p := range []string{"callbacks", "volunteers", "catalogue", "figures", "audit"} {
			b.Do(chromedp.Navigate(base + p))
			if browsertest.Eval[bool](b, `document.documentElement.scrollWidth > window.innerWidth`) {
				t.Errorf("/console/%s on a 390-pixel phone scrolls sideways", p)
			}
			if p == "volunteers" {
				shot(b, "volunteers-phone")
			}
		}
		b.Do(chromedp.EmulateViewport(1100, 900))
	})
}

// waitFlash waits until the page says want in its flash (the outcome of
// the form just sent): the page before may have a flash of its own.
func waitFlash(t *testing.T, b *browsertest.Browser, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !browsertest.Eval[bool](b, "(document.querySelector('.flash') || {textContent: ''}).textContent.includes("+strconv.Quote(want)+")") {
		if time.Now().After(deadline) {
			t.Fatalf("no flash saying %q; the page says %q", want, b.Text("main"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// noNumber fails when the page text shows more of a resident's number than
// its last three digits.
func noNumber(t *testing.T, text, resident string) {
	t.Helper()
	flat := strings.NewReplacer(" ", "", "\u00a0", "").Replace(text)
	for _, form := range []string{resident, "0" + resident[3:], resident[3:]} {
		if strings.Contains(flat, form[:len(form)-2]) {
			t.Errorf("the page shows the resident's number (%s)", privacy.Mask(resident))
		}
	}
}
