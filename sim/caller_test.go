package sim

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestParseMove(t *testing.T) {
	tests := []struct {
		line    string
		want    Move
		wantErr bool
	}{
		{"", Move{}, false},
		{"   ", Move{}, false},
		{"1", Move{Keys: "1"}, false},
		{"*#0", Move{Keys: "*#0"}, false},
		{"01225 123 456", Move{Keys: "01225123456"}, false},
		{"frome", Move{Speech: "frome"}, false},
		{"  walks near Frome  ", Move{Speech: "walks near Frome"}, false},
		{"BA11 1AT", Move{Speech: "BA11 1AT"}, false},
		{"frome ~0.4", Move{Speech: "frome", Confidence: 0.4}, false},
		{"frome~1", Move{Speech: "frome", Confidence: 1}, false},
		{"frome ~high", Move{}, true},
		{"frome ~1.5", Move{}, true},
		{"~0.5", Move{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, err := ParseMove(tt.line)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseMove(%q) error = %v; want error %v", tt.line, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseMove(%q) = %+v; want %+v", tt.line, got, tt.want)
			}
		})
	}
}

func TestMoveString(t *testing.T) {
	for _, tt := range []struct {
		m    Move
		want string
	}{{Move{Keys: "1"}, "[keys 1]"}, {Move{Speech: "frome"}, "[says: frome]"}, {Move{}, "[silence]"}} {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("%+v.String() = %q; want %q", tt.m, got, tt.want)
		}
	}
}

// moves drains a Caller, returning its moves and the error that ended them.
func moves(c Caller) ([]Move, error) {
	var ms []Move
	for {
		m, err := c.Move(context.Background(), Prompt{Verb: "Gather", Input: "dtmf"})
		if err != nil {
			return ms, err
		}
		ms = append(ms, m)
	}
}

func TestScriptedCallers(t *testing.T) {
	want := []Move{{Keys: "1"}, {}, {Speech: "frome"}, {}}
	tests := []struct {
		name string
		c    Caller
	}{
		{"reader", ScriptedCaller(strings.NewReader("1\n\nfrome\n\n"))},
		{"reader with CRLF", ScriptedCaller(strings.NewReader("1\r\n\r\nfrome\r\n\r\n"))},
		{"strings", ScriptFromStrings("1", "", "frome", "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := moves(tt.c)
			if !errors.Is(err, io.EOF) {
				t.Errorf("end error = %v; want io.EOF", err)
			}
			if len(got) != len(want) {
				t.Fatalf("moves = %+v; want %+v", got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("move %d = %+v; want %+v", i, got[i], want[i])
				}
			}
		})
	}
}

func TestScriptedCallerMalformed(t *testing.T) {
	_, err := moves(ScriptedCaller(strings.NewReader("1\nfrome ~lots\n")))
	if err == nil || errors.Is(err, io.EOF) || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error = %v; want one naming line 2", err)
	}
}

func TestTerminalCaller(t *testing.T) {
	var out bytes.Buffer
	c := TerminalCaller(strings.NewReader("frome ~9\nfrome\n"), &out)
	got, err := moves(c)
	if !errors.Is(err, io.EOF) {
		t.Errorf("end error = %v; want io.EOF", err)
	}
	if len(got) != 1 || got[0] != (Move{Speech: "frome"}) {
		t.Errorf("moves = %+v; want the one well-formed move", got)
	}
	if n := strings.Count(out.String(), TerminalPrompt); n != 3 {
		t.Errorf("prompted %d times; want 3 (bad move, good move, end):\n%s", n, out.String())
	}
	if !strings.Contains(out.String(), "confidence") {
		t.Errorf("output %q; want the malformed move explained", out.String())
	}
}
