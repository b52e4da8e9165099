// Package browsertest drives a real headless Chromium (Debian's chromium
// package) through chromedp for the console's browser tests, and checks
// pages with axe-core. A test calls New; when Chromium or axe-core is
// missing the test is skipped, unless HL_REQUIRE_BROWSER=1 (make test sets
// it, after installing both), when it fails.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is one headless Chromium with a fresh profile, for one test.
type Browser struct {
	Ctx context.Context // run chromedp actions in it
	axe string          // axe-core's source
	t   testing.TB
}

// Flags are the switches Chromium is started with: headless, and nothing
// that reaches out to the network on its own (this machine's network is
// closed), with a fresh profile in a temporary directory.
var Flags = []chromedp.ExecAllocatorOption{
	chromedp.Flag("headless", true),
	chromedp.NoSandbox,
	chromedp.DisableGPU,
	chromedp.Flag("disable-quic", true),
	chromedp.NoFirstRun,
	chromedp.NoDefaultBrowserCheck,
	chromedp.Flag("disable-background-networking", true),
	chromedp.Flag("disable-component-update", true),
	chromedp.Flag("disable-sync", true),
	chromedp.Flag("disable-extensions", true),
	chromedp.Flag("hide-scrollbars", true),
	chromedp.Flag("mute-audio", true),
}

func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("HL_REQUIRE_BROWSER") == "1" {
		t.Fatalf("browsertest: "+format+" (make browser installs it)", args...)
	}
	t.Skipf("browsertest: "+format+"; run make browser", args...)
}

// New starts Chromium for the test (at most timeout for everything it
// does) and stops it when the test ends. The window is width by height
// CSS pixels.
func New(t testing.TB, width, height int, timeout time.Duration) *Browser {
	t.Helper()
	bin := os.Getenv("HL_CHROMIUM")
	if bin == "" {
		for _, name := range []string{"chromium", "chromium-browser"} {
			if p, err := exec.LookPath(name); err == nil {
				bin = p
				break
			}
		}
	}
	if bin == "" {
		missing(t, "chromium not installed")
	}
	axe, err := axeSource()
	if err != nil {
		missing(t, "axe-core not found: %v", err)
	}
	opts := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(width, height),
	}, Flags...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	ctx, cancelTime := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() { cancelTime(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browsertest: start %s: %v", bin, err)
	}
	return &Browser{Ctx: ctx, axe: axe, t: t}
}

// axeSource reads axe.min.js from HL_AXE, or from .cache/axe under the
// module's root (where make browser installs it).
func axeSource() (string, error) {
	path := os.Getenv("HL_AXE")
	if path == "" {
		dir, err := os.Getwd()
		if err != nil {
			return "", err
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				break
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				return "", fmt.Errorf("no go.mod above the test")
			}
			dir = parent
		}
		path = filepath.Join(dir, ".cache", "axe", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// In returns the browser reporting to t (a subtest) instead.
func (b *Browser) In(t testing.TB) *Browser {
	c := *b
	c.t = t
	return &c
}

// Do runs chromedp actions, failing the test on error.
func (b *Browser) Do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.Ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

// Text is the text of the first element matching the CSS selector sel.
func (b *Browser) Text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.Ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("browser: text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// Location is the address of the page shown.
func (b *Browser) Location() string {
	b.t.Helper()
	s, err := chromedp.Run(b.Ctx, chromedp.Location())
	if err != nil {
		b.t.Fatalf("browser: location: %v", err)
	}
	return s
}

// Eval evaluates a JavaScript expression in the page and returns its value.
func Eval[T any](b *Browser, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.Ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("browser: %s: %v", expr, err)
	}
	return v
}

// Violation is one axe-core rule a page breaks.
type Violation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

func (v Violation) String() string {
	var where []string
	for _, n := range v.Nodes {
		where = append(where, n.HTML)
	}
	return fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(where, "; "))
}

// Axe injects axe-core into the page shown and returns what it finds
// against WCAG 2.0, 2.1 and 2.2, levels A and AA.
func (b *Browser) Axe() []Violation {
	b.t.Helper()
	if _, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](b.axe+";true")); err != nil {
		b.t.Fatalf("browser: inject axe-core: %v", err)
	}
	raw, err := chromedp.Run(b.Ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("browser: axe: %v", err)
	}
	var vs []Violation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		b.t.Fatalf("browser: axe's answer: %v", err)
	}
	return vs
}

// CheckAxe fails the test for every violation on the page shown.
func (b *Browser) CheckAxe(page string) {
	b.t.Helper()
	for _, v := range b.Axe() {
		b.t.Errorf("%s: axe: %s", page, v)
	}
}

// Screenshot writes the whole page as a PNG to path.
func (b *Browser) Screenshot(path string) {
	b.t.Helper()
	png, err := chromedp.Run(b.Ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
}
