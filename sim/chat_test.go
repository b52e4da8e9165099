package sim

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestChat(t *testing.T) {
	f := newFakeLine(t, map[string]route{"/twilio/sms": func(p url.Values) string {
		switch p.Get("Body") {
		case "STOP":
			return `<Response/>`
		case "BA11 1AT":
			return `<Response><Message>Near Frome:` + "\n" + `1. History walk</Message></Response>`
		}
		return `<Response><Message>Send a town or postcode.</Message><Message>Or HELP.</Message></Response>`
	}})
	var out bytes.Buffer
	err := f.line().Chat(context.Background(), strings.NewReader("BA11 1AT\n\nhello\nSTOP\n"), &out, false)
	if err != nil {
		t.Fatalf("Chat: %v", err)
	}
	want := "LINE: Near Frome:\n      1. History walk\n" +
		"LINE: Send a town or postcode.\nLINE: Or HELP.\n" +
		"  [no reply]\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
	if got := len(f.requests()); got != 3 {
		t.Errorf("sent %d texts; want 3 (the empty line is skipped)", got)
	}
}

func TestChatPrompt(t *testing.T) {
	f := newFakeLine(t, map[string]route{"/twilio/sms": static(`<Response/>`)})
	var out bytes.Buffer
	if err := f.line().Chat(context.Background(), strings.NewReader("hi\n"), &out, true); err != nil {
		t.Fatalf("Chat: %v", err)
	}
	if n := strings.Count(out.String(), ChatPrompt); n != 2 {
		t.Errorf("prompted %d times; want 2:\n%s", n, out.String())
	}
}

func TestChatError(t *testing.T) {
	f := newFakeLine(t, map[string]route{}) // every path 404s
	if err := f.line().Chat(context.Background(), strings.NewReader("hi\n"), &bytes.Buffer{}, false); err == nil {
		t.Error("Chat error = nil; want the 404")
	}
}

// TestChatWait: "[wait 50ms]" texts nothing and waits; a bad duration is
// an error naming the form.
func TestChatWait(t *testing.T) {
	f := newFakeLine(t, map[string]route{"/twilio/sms": static(`<Response><Message>Hello.</Message></Response>`)})
	var out bytes.Buffer
	start := time.Now()
	if err := f.line().Chat(context.Background(), strings.NewReader("hi\n[wait 50ms]\nhi\n"), &out, false); err != nil {
		t.Fatalf("Chat: %v", err)
	}
	if el := time.Since(start); el < 50*time.Millisecond {
		t.Errorf("chat took %v; want at least the 50ms waited", el)
	}
	if want := "LINE: Hello.\n  [waited 50ms]\nLINE: Hello.\n"; out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
	if got := len(f.requests()); got != 2 {
		t.Errorf("sent %d texts; want 2 (the wait is not a text)", got)
	}
	for _, bad := range []string{"[wait soon]", "[wait -1s]", "[wait 2h]"} {
		if err := f.line().Chat(context.Background(), strings.NewReader(bad+"\n"), &bytes.Buffer{}, false); err == nil || !strings.Contains(err.Error(), "[wait DURATION]") {
			t.Errorf("%s: got %v; want an error naming [wait DURATION]", bad, err)
		}
	}
}
