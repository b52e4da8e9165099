package sim

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// DefaultConfidence is the speech Confidence sent when a move sets none.
const DefaultConfidence = 0.9

// Move is what the caller does when the line listens: presses keys, says
// something, or stays silent (both empty).
type Move struct {
	Keys       string  // key presses: digits, '*' and '#'
	Speech     string  // words spoken
	Confidence float64 // for speech; 0 means DefaultConfidence
}

// Silent reports whether the move is silence.
func (m Move) Silent() bool { return m.Keys == "" && m.Speech == "" }

// String gives the move as the simulator prints it: "[keys 1]",
// "[says: frome]" (with "~0.4" when a confidence was set) or "[silence]".
func (m Move) String() string {
	switch {
	case m.Keys != "":
		return "[keys " + m.Keys + "]"
	case m.Speech != "" && m.Confidence > 0:
		return "[says: " + m.Speech + " ~" + strconv.FormatFloat(m.Confidence, 'f', -1, 64) + "]"
	case m.Speech != "":
		return "[says: " + m.Speech + "]"
	}
	return "[silence]"
}

func (m Move) confidence() float64 {
	if m.Confidence > 0 {
		return m.Confidence
	}
	return DefaultConfidence
}

// ParseMove reads one line of a script: digits, '*' and '#' (spaces between
// them allowed) are key presses; an empty line is silence; any other text is
// speech. Speech may end with "~0.4" to set its Confidence (0 to 1). It
// returns an error only for a malformed confidence.
func ParseMove(line string) (Move, error) {
	line = strings.TrimSpace(line)
	if line == "" {
		return Move{}, nil
	}
	keys := strings.ReplaceAll(line, " ", "")
	if strings.Trim(keys, "0123456789*#") == "" {
		return Move{Keys: keys}, nil
	}
	m := Move{Speech: line}
	if i := strings.LastIndex(line, "~"); i >= 0 {
		c, err := strconv.ParseFloat(strings.TrimSpace(line[i+1:]), 64)
		if err != nil || c < 0 || c > 1 {
			return Move{}, fmt.Errorf("sim: move %q: confidence after ~ must be a number from 0 to 1", line)
		}
		m.Speech, m.Confidence = strings.TrimSpace(line[:i]), c
		if m.Speech == "" {
			return Move{}, fmt.Errorf("sim: move %q: confidence without speech", line)
		}
	}
	return m, nil
}

// Prompt tells a Caller what the line is listening for.
type Prompt struct {
	Verb      string // "Gather" or "Record"
	Input     string // for Gather: "dtmf", "speech" or "dtmf speech"
	NumDigits int    // for Gather; 0 when not set
}

// A Caller makes the caller's moves. Move returns the next move when the
// line listens; io.EOF (alone or wrapped) means the caller hangs up, which
// ends the call cleanly. Any other error ends the call with that error.
type Caller interface {
	Move(ctx context.Context, p Prompt) (Move, error)
}

// scripted reads moves one per line.
type scripted struct {
	sc   *bufio.Scanner
	line int
}

// ScriptedCaller returns a Caller reading one move a line from r, in the
// format of ParseMove, as it goes (so a pipe can feed it). The end of r is
// the caller hanging up; a malformed line is an error naming its number.
func ScriptedCaller(r io.Reader) Caller {
	return &scripted{sc: bufio.NewScanner(r)}
}

func (s *scripted) Move(ctx context.Context, _ Prompt) (Move, error) {
	if err := ctx.Err(); err != nil {
		return Move{}, err
	}
	if !s.sc.Scan() {
		if err := s.sc.Err(); err != nil {
			return Move{}, fmt.Errorf("sim: read moves: %w", err)
		}
		return Move{}, io.EOF
	}
	s.line++
	m, err := ParseMove(s.sc.Text())
	if err != nil {
		return Move{}, fmt.Errorf("sim: script line %d: %w", s.line, err)
	}
	return m, nil
}

// ScriptFromStrings returns a Caller making the given moves in order, each
// in the format of ParseMove ("" is silence), then hanging up. A malformed
// move is an error naming its position (from 1).
func ScriptFromStrings(moves ...string) Caller {
	return &moveList{moves: moves}
}

type moveList struct {
	moves []string
	i     int
}

func (s *moveList) Move(ctx context.Context, _ Prompt) (Move, error) {
	if err := ctx.Err(); err != nil {
		return Move{}, err
	}
	if s.i >= len(s.moves) {
		return Move{}, io.EOF
	}
	s.i++
	m, err := ParseMove(s.moves[s.i-1])
	if err != nil {
		return Move{}, fmt.Errorf("sim: move %d: %w", s.i, err)
	}
	return m, nil
}

// TerminalPrompt is what TerminalCaller prints before reading a move.
const TerminalPrompt = "(keys or words, Enter for silence) > "

// terminal prompts for each move.
type terminal struct {
	sc  *bufio.Scanner
	out io.Writer
}

// TerminalCaller returns a Caller for a person at a terminal: it writes
// TerminalPrompt to out and reads the move typed on in. End of input
// (Ctrl-D) hangs up. A malformed move is shown and asked for again.
func TerminalCaller(in io.Reader, out io.Writer) Caller {
	return &terminal{sc: bufio.NewScanner(in), out: out}
}

func (t *terminal) Move(ctx context.Context, _ Prompt) (Move, error) {
	for {
		if err := ctx.Err(); err != nil {
			return Move{}, err
		}
		fmt.Fprint(t.out, TerminalPrompt)
		if !t.sc.Scan() {
			if err := t.sc.Err(); err != nil {
				return Move{}, fmt.Errorf("sim: read moves: %w", err)
			}
			fmt.Fprintln(t.out)
			return Move{}, io.EOF
		}
		m, err := ParseMove(t.sc.Text())
		if err != nil {
			fmt.Fprintln(t.out, err)
			continue
		}
		return m, nil
	}
}
