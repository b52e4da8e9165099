package sim

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
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
// the replies with WriteReplies, until in ends. With prompt set it prints
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
		replies, err := l.Text(ctx, body)
		if err != nil {
			return err
		}
		if err := WriteReplies(out, replies); err != nil {
			return fmt.Errorf("sim: write replies: %w", err)
		}
	}
}
