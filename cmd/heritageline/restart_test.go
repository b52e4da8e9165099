package main

// The two-command default keeps what matters (issue 15, item 7): with no
// REDIS_URL the line keeps its data in DATA_DIR. The line runs as a real
// child process (this test binary, re-executed), is stopped with SIGTERM and
// started again, then killed with SIGKILL and started again; an open
// callback, a volunteer's OFF, an opt-out, a texter's conversation and the
// figures survive both.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/internal/faketwilio"
)

// TestHelperLine is not a test: it is the line, run as a child process by
// the restart tests (HL_HELPER_LINE=1), until SIGTERM or SIGKILL.
func TestHelperLine(t *testing.T) {
	if os.Getenv("HL_HELPER_LINE") != "1" {
		t.Skip("run as a child process by TestDefaultStoreKeepsWhatMatters")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	err := run(ctx, []string{"serve"}, os.Getenv, strings.NewReader(""), os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "line:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// childLine is the line running as a child process.
type childLine struct {
	t     *testing.T
	cmd   *exec.Cmd
	url   string
	token string
	logs  *lockedBuffer
	done  chan error
}

var tokenLine = regexp.MustCompile(`TWILIO_AUTH_TOKEN=([0-9a-f]+)`)

// startChildLine runs the line in a new process with env and waits until
// /readyz says it is ready.
func startChildLine(t *testing.T, env map[string]string) *childLine {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperLine$")
	cmd.Env = append(os.Environ(), "HL_HELPER_LINE=1")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &childLine{t: t, cmd: cmd, logs: &lockedBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = c.logs
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		closed := false
		for sc.Scan() {
			line := sc.Text()
			if m := tokenLine.FindStringSubmatch(line); m != nil && c.token == "" {
				c.token = m[1]
			}
			if i := strings.Index(line, "listening on "); i >= 0 && !closed {
				c.url = strings.TrimSpace(line[i+len("listening on "):])
				closed = true
				close(found)
			}
		}
		if !closed {
			close(found)
		}
	}()
	go func() { c.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-c.done
		}
	})
	select {
	case <-found:
	case <-time.After(30 * time.Second):
		t.Fatalf("the line did not start within 30s; its log:\n%s", c.logs.String())
	}
	if c.url == "" {
		t.Fatalf("the line stopped before listening; its log:\n%s", c.logs.String())
	}
	waitFor(t, 15*time.Second, "the line ready", func() bool {
		resp, err := http.Get(c.url + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	t.Logf("line up and ready in %v (pid %d)", time.Since(start), cmd.Process.Pid)
	return c
}

// stop sends sig and waits for the process to end.
func (c *childLine) stop(sig syscall.Signal) {
	c.t.Helper()
	if err := c.cmd.Process.Signal(sig); err != nil {
		c.t.Fatal(err)
	}
	select {
	case <-c.done:
	case <-time.After(20 * time.Second):
		c.t.Fatalf("the line did not stop within 20s of %v", sig)
	}
}

func (c *childLine) sms(from, body string) string {
	c.t.Helper()
	r := postSigned(http.DefaultClient, c.url, c.token, "/twilio/sms", map[string]string{
		"MessageSid": fmt.Sprintf("SM%032d", smsSeq.Add(1)), "AccountSid": config.DemoAccountSID,
		"From": from, "To": faultLineNumber, "Body": body, "NumMedia": "0"})
	return smsReply(parseTwiML(c.t, "text "+body, r))
}

// dialled returns the numbers a press of 0 rings.
func (c *childLine) dialled(callSid string) []string {
	c.t.Helper()
	p := map[string]string{"CallSid": callSid, "AccountSid": config.DemoAccountSID, "From": "+447700900570",
		"To": faultLineNumber, "CallStatus": "in-progress", "Direction": "inbound", "Digits": "0"}
	parseTwiML(c.t, "greeting", postSigned(http.DefaultClient, c.url, c.token, "/twilio/voice", p))
	n := parseTwiML(c.t, "press 0", postSigned(http.DefaultClient, c.url, c.token, "/twilio/voice/menu", p))
	var out []string
	for _, num := range n.all("Number") {
		out = append(out, strings.TrimSpace(num.Text))
	}
	return out
}

func TestDefaultStoreKeepsWhatMatters(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the line four times")
	}
	dataDir := t.TempDir()
	rest := faketwilio.New(t)
	env := map[string]string{
		"LISTEN_ADDR": "127.0.0.1:0", "TWILIO_PHONE_NUMBER": faultLineNumber, "VOLUNTEERS": "testdata/volunteers.yaml",
		"LOG_LEVEL": "warn", "DATA_DIR": dataDir, "TWILIO_API_BASE": rest.URL, "REDIS_URL": "", "CATALOGUE": "",
		"TWILIO_AUTH_TOKEN": "", "ANALYTICS_SALT": "",
	}
	const (
		ada, ben = "+447700900311", "+447700900322" // testdata/volunteers.yaml
		asker    = "+447700900571"                  // asks for a callback
		stopper  = "+447700900572"                  // texts STOP
		browser  = "+447700900573"                  // is part way through a list
	)
	refRE := regexp.MustCompile(`reference is (C\d+)`)

	line := startChildLine(t, env)
	if got := line.dialled("CA-r-0"); len(got) != 2 {
		t.Fatalf("press 0 before: got %q; want both volunteers rung", got)
	}
	m := refRE.FindStringSubmatch(line.sms(asker, "CALL"))
	if m == nil {
		t.Fatal("CALL got no reference")
	}
	ref := m[1]
	line.sms(ben, "OFF")
	if got := line.sms(stopper, "STOP"); got != "" {
		t.Fatalf("STOP: got %q; want no reply", got)
	}
	if got := line.sms(browser, "Frome"); !strings.Contains(got, "1 ") {
		t.Fatalf("text Frome: got %q; want a list", got)
	}

	check := func(t *testing.T, line *childLine, when, ref, stopper string) {
		t.Helper()
		if got := line.sms(ada, "LIST"); !strings.Contains(got, ref) {
			t.Errorf("%s: a volunteer's LIST got %q; want the open callback %s", when, got, ref)
		}
		if got := line.dialled("CA-r-" + when); len(got) != 1 || got[0] != ada {
			t.Errorf("%s: press 0 rings %q; want only %s (%s texted OFF)", when, got, ada, ben)
		}
		if got := line.sms(stopper, "Frome"); got != "" {
			t.Errorf("%s: a text from a number that sent STOP got the reply %q; want none", when, got)
		}
		if got := line.sms(browser, "MORE"); !strings.Contains(got, "More near") {
			t.Errorf("%s: MORE got %q; want the next page of the list asked for before", when, got)
		}
		// MORE again starts no new search: the list is over, so ask again
		// for the next check.
		line.sms(browser, "Frome")
	}

	// The figures so far, as heritageline report reads them from DATA_DIR
	// while the line runs (once the figures' batch and a save are done).
	time.Sleep(1500 * time.Millisecond)
	texts, people := reportFigures(t, env)
	if texts == 0 || people == 0 {
		t.Fatalf("report: got %d texts from %d people; want the texts just sent", texts, people)
	}

	// A restart: SIGTERM, then start again on the same DATA_DIR.
	line.stop(syscall.SIGTERM)
	line = startChildLine(t, env)
	if t2, p2 := reportFigures(t, env); t2 != texts || p2 != people {
		t.Errorf("report after a restart: got %d texts from %d people; want %d from %d", t2, p2, texts, people)
	}
	check(t, line, "after a restart", ref, stopper)

	// A kill -9, a second after the last change: at most the last second
	// is lost, so all of it is there.
	const stopper2 = "+447700900574"
	m = refRE.FindStringSubmatch(line.sms("+447700900575", "call me"))
	if m == nil {
		t.Fatal("call me got no reference")
	}
	ref2 := m[1]
	line.sms(stopper2, "STOP")
	time.Sleep(1500 * time.Millisecond)
	texts, people = reportFigures(t, env)
	line.stop(syscall.SIGKILL)
	line = startChildLine(t, env)
	if t2, p2 := reportFigures(t, env); t2 != texts || p2 != people {
		t.Errorf("report after kill -9: got %d texts from %d people; want %d from %d", t2, p2, texts, people)
	}
	check(t, line, "after kill -9", ref2, stopper2)
	check(t, line, "after kill -9 (the first)", ref, stopper)

	// And heritageline report reads DATA_DIR after the line stopped.
	time.Sleep(1500 * time.Millisecond)
	texts, people = reportFigures(t, env)
	line.stop(syscall.SIGTERM)
	if t2, p2 := reportFigures(t, env); t2 != texts || p2 != people {
		t.Errorf("report after the line stopped: got %d texts, %d people; want %d, %d as while it ran", t2, p2, texts, people)
	}
}

// reportFigures runs heritageline report on env's DATA_DIR (the line may be
// running or not) and returns the texts and people it counts, over all weeks.
func reportFigures(t *testing.T, env map[string]string) (texts, people int) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), []string{"report", "--format", "csv"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, io.Discard)
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	header := strings.Split(lines[0], ",")
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	if _, ok := col["texts"]; !ok {
		t.Fatalf("report: no texts column in %q", lines[0])
	}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		n, _ := strconv.Atoi(f[col["texts"]])
		p, _ := strconv.Atoi(f[col["unique_people"]])
		texts += n
		people += p
	}
	return texts, people
}
