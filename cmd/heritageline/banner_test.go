package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
)

// TestDemoBannerTriesATextToo: the demo line's start-up banner says how to
// try a call and how to try a text, and the text it prints, run as printed,
// gets an answer from the line.
func TestDemoBannerTriesATextToo(t *testing.T) {
	tl := startLine(t, lineOptions{})
	var banner bytes.Buffer
	demoBanner(&banner, tl.token, tl.srv.URL)
	t.Log(banner.String())
	cmd := regexp.MustCompile(`(?m)^\s*TWILIO_AUTH_TOKEN=(\S+) go run ./cmd/heritageline (call|text) --url (\S+)(?: "([^"]*)")?$`)
	found := map[string][]string{}
	for _, m := range cmd.FindAllStringSubmatch(banner.String(), -1) {
		found[m[2]] = m
	}
	if found["call"] == nil {
		t.Errorf("the banner does not say how to try a call:\n%s", banner.String())
	}
	m := found["text"]
	if m == nil {
		t.Fatalf("the banner does not say how to try a text:\n%s", banner.String())
	}
	if m[1] != tl.token || m[3] != tl.srv.URL || m[4] == "" {
		t.Fatalf("got text command %q; want this line's token and URL and a message", m[0])
	}
	env := map[string]string{"TWILIO_AUTH_TOKEN": m[1], "TWILIO_ACCOUNT_SID": testAccountSID, "TWILIO_PHONE_NUMBER": testLineNumber}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"text", "--url", m[3], m[4]}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("the banner's text command: %v\n%s", err, errOut.String())
	}
	t.Log(out.String())
	if !strings.Contains(out.String(), "Frome") || !strings.Contains(out.String(), "1.") && !strings.Contains(out.String(), "1 ") {
		t.Errorf("the banner's text got %q; want a list of activities near Frome", out.String())
	}
}
