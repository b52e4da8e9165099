package sim

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"
)

// ChatPrompt is what Chat prints before reading each text when asked to.
const ChatPrompt = "(your text, Ctrl-D to stop) > "

// WriteReplies prints the line's replies to a text as `heritageline text`
// shows them: each message starts "LINE: " and its further lines are
// indented to match; an empty reply prints "  [no reply]".
func WriteReplies(out io.Writer, replies []string) error {
	if len(replies) == 0 {
		_, err := fmt.Fprintln(out, "  [no reply]")
		return err
	}
	for _, r := range replies {
		if _, err := fmt.Fprintf(out, "LINE: %s\n", strings.ReplaceAll(r, "\n", "\n      ")); err != nil {
			return err
		}
	}
	return nil
}

// Chat texts the line once for each non-empty line read from in and prints
// the replies with WriteReplies, until in ends. A line "[wait 6s]" (any Go
// duration, up to MaxWait) texts nothing and waits, so a script can let a
// follow-up fall due. With prompt set it prints
// ChatPrompt before each read (for a terminal). It returns nil at the end
// of in, or the first error of Text (see TextAll) or of reading.
func (l *Line) Chat(ctx context.Context, in io.Reader, out io.Writer, prompt bool) error {
	sc := bufio.NewScanner(in)
	for {
		if prompt {
			fmt.Fprint(out, ChatPrompt)
		}
		if !sc.Scan() {
			if prompt {
				fmt.Fprintln(out)
			}
			if err := sc.Err(); err != nil {
				return fmt.Errorf("sim: read texts: %w", err)
			}
			return nil
		}
		body := strings.TrimSpace(sc.Text())
		if body == "" {
			continue
		}
		if d, ok, err := parseWait(body); ok {
			// Time passes between texts: the line may text first (a
			// follow-up), which the demo line prints as it sends it.
			if err != nil {
				return err
			}
			if err := sleep(ctx, d); err != nil {
				return err
			}
			fmt.Fprintf(out, "  [waited %s]\n", d)
			continue
		}
		replies, err := l.Text(ctx, body)
		if err != nil {
			return err
		}
		if err := WriteReplies(out, replies); err != nil {
			return fmt.Errorf("sim: write replies: %w", err)
		}
	}
}

// MaxWait is the longest "[wait ...]" a chat takes.
const MaxWait = 10 * time.Minute

// parseWait reads a chat's "[wait 6s]": ok when line is one, with an error
// for a duration that is not a Go duration from 0 to MaxWait.
func parseWait(line string) (time.Duration, bool, error) {
	inner, ok := strings.CutPrefix(line, "[wait ")
	if !ok {
		return 0, false, nil
	}
	inner, ok = strings.CutSuffix(inner, "]")
	if !ok {
		return 0, false, nil
	}
	d, err := time.ParseDuration(strings.TrimSpace(inner))
	if err != nil || d < 0 || d > MaxWait {
		return 0, true, fmt.Errorf("sim: %q: want [wait DURATION], such as [wait 6s], up to %s", line, MaxWait)
	}
	return d, true, nil
}

// sleep waits d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
