package sms

import (
	"context"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/words"
)

// verdict is what the rate limit allows for the reply to one more text.
type verdict int

const (
	allow  verdict = iota // reply as usual
	warn                  // say once that the line will be quiet for a while
	quiet                 // send nothing
	capped                // send nothing: the replies to everyone this hour reached the global cap
)

// globalKey counts the replies sent to all texters in the clock hour (UTC)
// of t, for RepliesGlobalPerHour.
func globalKey(t time.Time) string { return "sms:replies:" + t.UTC().Format("2006010215") }

// capGlobal turns v into capped when the replies counted this hour, sent,
// have reached the global cap. sent is 0 when the count could not be read.
func (l *Line) capGlobal(v verdict, sent int64) verdict {
	if v != quiet && sent >= int64(l.cfg.RepliesGlobalPerHour) {
		return capped
	}
	return v
}

// countReply adds one reply to this hour's global count, off the request's
// path: the reply does not wait for it, and a count lost while Redis is
// down lets a few more replies through, never fewer.
func (l *Line) countReply() {
	key := globalKey(l.cfg.Now())
	l.counting.Add(1)
	go func() {
		defer l.counting.Done()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		// Not logged: the webhook has answered (its test may be over), and
		// Redis failing is logged on the request's own path.
		l.deps.Sessions.Add(ctx, key, 2*time.Hour)
	}()
}

// unanswered counts a text given no reply, for why.
func (l *Line) unanswered(why string) {
	if l.deps.OnUnanswered != nil {
		l.deps.OnUnanswered(why)
	}
}

// asksCallback reports, without the understander (no language model for a
// texter past the limits), whether body asks for a call back: a callback
// word alone, or a callback phrase anywhere, in the line's language or
// English.
func (l *Line) asksCallback(body string) bool {
	text := words.Normalise(body)
	for _, lx := range []*words.Lexicon{l.book.Lexicon(), words.For(words.English).Lexicon()} {
		for _, w := range lx.Callback {
			if text == w {
				return true
			}
		}
		for _, p := range lx.CallbackPhrases {
			if text == p || strings.HasPrefix(text, p+" ") || strings.HasSuffix(text, " "+p) || strings.Contains(text, " "+p+" ") {
				return true
			}
		}
	}
	return false
}

// rateKey counts the texts from the texter with this hash that may get a
// reply (all but the opt-out words), in the hour from the first.
func rateKey(hash string) string { return "sms:rate:" + hash }

// judge turns n, the texts counted this hour with this one, into a verdict:
// RepliesPerHour replies, then one "quiet for a while", then silence until
// the hour is over. n is 0 when the count failed, and the reply is allowed.
// The count is one atomic Redis increment, exact across instances, made in
// the same round trip as the texter's state is read, so a texter over the
// limit costs no search.
func (l *Line) judge(n int64) verdict {
	switch limit := int64(l.cfg.RepliesPerHour); {
	case n <= limit:
		return allow
	case n == limit+1:
		return warn
	}
	return quiet
}
