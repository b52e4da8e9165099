package volunteers

import (
	"strings"
	"testing"
)

func TestParseCommand(t *testing.T) {
	tests := []struct {
		body string
		want Command
	}{
		{"ON", Command{Verb: "ON"}},
		{" off ", Command{Verb: "OFF"}},
		{"List", Command{Verb: "LIST"}},
		{"HELP", Command{Verb: "HELP"}},
		{"TAKE C7", Command{Verb: "TAKE", Ref: "C7"}},
		{"take c7", Command{Verb: "TAKE", Ref: "C7"}},
		{"Take C 7", Command{Verb: "TAKE", Ref: "C7"}},
		{"TAKE #7", Command{Verb: "TAKE", Ref: "C7"}},
		{"TAKE 7", Command{Verb: "TAKE", Ref: "C7"}},
		{"TAKE C07.", Command{Verb: "TAKE", Ref: "C7"}},
		{"TAKE C7x", Command{Verb: "TAKE"}},
		{"TAKE +447700900999", Command{Verb: "TAKE"}},
		{"TAKE", Command{Verb: "TAKE"}},
		{"DONE C12", Command{Verb: "DONE", Ref: "C12"}},
		{"NOTE C7 rang, no answer", Command{Verb: "NOTE", Ref: "C7", Note: "rang, no answer"}},
		{"note c7: will try Friday", Command{Verb: "NOTE", Ref: "C7", Note: "will try Friday"}},
		{"NOTE C7", Command{Verb: "NOTE", Ref: "C7"}},
		{"NOTES C7", Command{Verb: "NOTES", Ref: "C7"}},
		{"notes c 7", Command{Verb: "NOTES", Ref: "C7"}},
		{"NOTES", Command{Verb: "NOTES"}},
		{"stop", Command{Verb: "STOP"}},
		{" Quit ", Command{Verb: "STOP"}},
		{"STOP calling", Command{}},
		{"Start", Command{Verb: "START"}},
		{"hello", Command{}},
		{"ONWARDS", Command{}},
		{"", Command{}},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			if got := ParseCommand(tt.body); got != tt.want {
				t.Errorf("ParseCommand(%q): got %+v; want %+v", tt.body, got, tt.want)
			}
		})
	}
}

func TestParseCommandLongNote(t *testing.T) {
	c := ParseCommand("NOTE C1 " + strings.Repeat("é", 1000))
	if n := len([]rune(c.Note)); n != maxNote {
		t.Errorf("note length: got %d; want %d", n, maxNote)
	}
}

func FuzzParseCommand(f *testing.F) {
	f.Fuzz(func(t *testing.T, body string) {
		c := ParseCommand(body)
		switch c.Verb {
		case "", "ON", "OFF", "LIST", "HELP", "STOP", "START":
			if c.Ref != "" || c.Note != "" {
				t.Errorf("ParseCommand(%q): got %+v", body, c)
			}
		case "TAKE", "DONE", "NOTE", "NOTES":
			if c.Ref != "" && (c.Ref[0] != 'C' || len(c.Ref) < 2 || strings.Trim(c.Ref[1:], "0123456789") != "" || c.Ref[1] == '0') {
				t.Errorf("ParseCommand(%q): bad ref %q", body, c.Ref)
			}
			if len([]rune(c.Note)) > maxNote {
				t.Errorf("ParseCommand(%q): note too long", body)
			}
		default:
			t.Errorf("ParseCommand(%q): verb %q", body, c.Verb)
		}
	})
}
