package sms

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/internal/spool"
	"github.com/heritage-line/heritageline/phonepolicy"
	"github.com/heritage-line/heritageline/volunteers"
	"github.com/heritage-line/heritageline/words"
)

// maxBody is the longest text Twilio delivers; anything longer is cut.
const maxBody = 1600

// serveSMS answers one incoming text. The order matters: volunteers first,
// then opt-out words, then the opted-out silence, then the rate limit, and
// only then the resident's request.
func (l *Line) serveSMS(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		l.writeFallback(w, r, fmt.Errorf("sms: parse form: %w", err))
		return
	}
	ctx := r.Context()
	from := strings.TrimSpace(r.PostForm.Get("From"))
	body := r.PostForm.Get("Body")
	if utf8.RuneCountInString(body) > maxBody {
		body = string([]rune(body)[:maxBody])
	}
	if from == "" {
		l.writeFallback(w, r, errors.New("sms: request has no From"))
		return
	}
	if w := optOutType(r.PostForm.Get("OptOutType")); w != "" {
		// Twilio has already acted on the account's own opt-out, opt-in or
		// help word (Advanced Opt-Out): the line follows it, whatever the
		// body says.
		body = w
	}
	if l.deps.Desk.IsVolunteer(from) {
		l.writeReply(w, r, l.deps.Desk.HandleText(ctx, from, body))
		return
	}
	word := words.Normalise(keyword(body))
	if _, err := l.cfg.Numbers.Check(from); err != nil {
		// No reply costs nothing and tells the sender nothing: another
		// country, a short code, an alphanumeric sender, a premium number.
		// A STOP is still kept, in case the policy changes.
		if l.optOut[word] {
			if err := l.deps.OptOuts.OptOut(ctx, from); err != nil {
				l.deps.Log.WarnContext(ctx, "record opt-out", "err", err)
			}
		}
		l.unanswered(string(phonepolicy.ReasonOf(err)))
		l.writeEmpty(w, r)
		return
	}
	hash := l.deps.Hasher.Hash(from)
	contact := func(lang words.Lang) {
		l.deps.Figures.Record(ctx, figures.Event{Time: l.cfg.Now(), Channel: figures.SMS, Kind: figures.Contact, Person: hash, Language: string(lang)})
	}
	// The texter's logger, made only when something is logged.
	log := func() *slog.Logger {
		return l.deps.Log.With("person", hash, "message_sid", r.PostForm.Get("MessageSid"))
	}

	if l.optOut[word] {
		contact(l.detect(body))
		l.recordOptOut(ctx, log, from, hash)
		l.stopFollowUps(ctx, log, from)
		l.writeEmpty(w, r)
		return
	}
	lctx, cancel := share(ctx, 3)
	tx := l.loadTexter(lctx, log, from, hash)
	cancel()
	if !tx.opted && l.deps.Spool != nil && l.deps.Spool.Stopped(hash) {
		tx.opted = true // a STOP kept on disk, not yet recorded in Redis
	}
	// ln is the line in the texter's language: the one they chose, else
	// the one they write in (remembered as their choice), else the
	// default.
	lang, chose := l.languageOf(tx, body)
	ln := l.in[lang]
	contact(lang)
	t := &turn{hash: hash, from: from}
	if chose {
		t.lang = lang
	}
	if l.optIn[word] && (tx.opted || word != "yes") {
		if err := l.deps.OptOuts.OptIn(ctx, from); err != nil {
			ln.writeFallback(w, r, fmt.Errorf("sms: opt in: %w", err))
			return
		}
		log().InfoContext(ctx, "opted in")
		ln.reply(ctx, w, r, tx.v, t, ln.optedIn())
		return
	}
	if tx.opted {
		l.writeEmpty(w, r)
		return
	}
	if tx.v != allow {
		if !ln.unstaffed() && ln.asksCallback(body) {
			// Past the limits a text is not answered, but a resident who
			// asks for a person is still rung back.
			if _, err := l.deps.Desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: from, Kind: "sms"}); err != nil {
				log().WarnContext(ctx, "callback past the reply limits", "err", err)
			} else {
				log().InfoContext(ctx, "callback queued past the reply limits")
			}
		}
		ln.reply(ctx, w, r, tx.v, t, "")
		return
	}
	if len(l.cfg.Languages) > 1 {
		if code, ok := words.Choosing(body); ok {
			if other, on := l.in[code]; on {
				log().InfoContext(ctx, "language chosen", "language", code)
				other.reply(ctx, w, r, tx.v, &turn{hash: hash, lang: code}, other.languageChosen())
			} else {
				ln.reply(ctx, w, r, tx.v, t, ln.languageList())
			}
			return
		}
		if l.listWords[word] {
			ln.reply(ctx, w, r, tx.v, t, ln.languageList())
			return
		}
	}
	if reply, ok, err := ln.followUpReply(ctx, from, hash, tx, body); err != nil {
		ln.writeFallback(w, r, err)
		return
	} else if ok {
		ln.reply(ctx, w, r, tx.v, t, reply)
		return
	}

	req := ln.deps.Understand.Understand(catalogue.WithLanguage(ctx, string(lang)), body)
	var st state
	if needsState(req) {
		var err error
		if st, err = tx.state(); err != nil {
			ln.writeFallback(w, r, err)
			return
		}
	}
	reply, err := ln.answer(ctx, from, t, st, body, r.PostForm.Get("NumMedia"), req)
	if err != nil {
		ln.writeFallback(w, r, err)
		return
	}
	ln.reply(ctx, w, r, tx.v, t, reply)
}

// reply saves the texter's state if the turn changed it, then sends body if
// the rate limit's verdict v allows it, the "quiet for a while" notice once
// when it does not, and nothing after that (nor past the global cap). When
// the state cannot be saved (Redis down or slow, within the webhook's time
// less 200 ms) the answer still goes, and is logged: a number or MORE after
// it may find no list. A reply sent is counted against the global cap.
func (l *Line) reply(ctx context.Context, w http.ResponseWriter, r *http.Request, v verdict, t *turn, body string) {
	if t.save != nil {
		sctx, cancel := leave(ctx, 200*time.Millisecond)
		err := l.deps.Sessions.Save(sctx, stateKey(t.hash), *t.save, l.cfg.StateTTL)
		cancel()
		if err != nil {
			// The answer still goes (a list from the catalogue in memory
			// while Redis is down); a number or MORE after it may not find
			// the list.
			l.deps.Log.WarnContext(ctx, "sms: save state", "err", err, "message_sid", r.PostFormValue("MessageSid"))
		}
	}
	if t.lang != "" {
		// A choice not remembered costs the texter nothing now: the
		// reply is in their language all the same.
		if err := l.deps.Sessions.Save(ctx, langKey(t.hash), t.lang, l.cfg.LanguageTTL); err != nil {
			l.deps.Log.ErrorContext(ctx, "sms: save language", "err", err, "person", t.hash)
		}
	}
	switch v {
	case warn:
		body = l.tooMany()
	case quiet:
		body = ""
	case capped:
		body = ""
		l.unanswered("global_cap")
	}
	if body != "" {
		l.countReply()
	}
	l.writeReply(w, r, body)
}

// answer works out the reply to a resident who may be texted, given their
// state.
func (l *Line) answer(ctx context.Context, from string, t *turn, st state, body, media string, req catalogue.Request) (string, error) {
	switch req.Intent {
	case catalogue.IntentHelp:
		return l.help(ctx), nil
	case catalogue.IntentCallback:
		if l.unstaffed() {
			return l.book.NoPeopleText(), nil
		}
		cb, err := l.deps.Desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: from, Kind: "sms"})
		if err != nil {
			return "", fmt.Errorf("sms: request callback: %w", err)
		}
		return l.callbackBooked(cb), nil
	case catalogue.IntentDetails:
		return l.details(ctx, t, st, req.Item)
	case catalogue.IntentMore:
		return l.more(ctx, t, st)
	case catalogue.IntentFind:
		return l.find(ctx, t, st, req)
	}
	if strings.TrimSpace(body) == "" {
		if media != "" && media != "0" {
			return l.pictureOnly(ctx), nil
		}
		return l.empty(ctx), nil
	}
	return l.unknown(ctx), nil
}

// recordOptOut records a STOP. When Redis cannot take it (in the time the webhook
// has, less a margin) the STOP is kept on disk and applied when Redis is
// back; until then the spool is consulted before any reply or text.
func (l *Line) recordOptOut(ctx context.Context, log func() *slog.Logger, from, hash string) {
	octx, cancel := leave(ctx, 300*time.Millisecond)
	err := l.deps.OptOuts.OptOut(octx, from)
	cancel()
	if err == nil {
		log().InfoContext(ctx, "opted out")
		return
	}
	if l.deps.Spool == nil {
		log().ErrorContext(ctx, "record opt-out", "err", err)
		return
	}
	if serr := l.deps.Spool.Add(spool.Entry{What: spool.Stop, Hash: hash}); serr != nil {
		log().ErrorContext(ctx, "record opt-out: not kept on disk either", "err", err, "spool_err", serr)
		return
	}
	if l.deps.OnSpooled != nil {
		l.deps.OnSpooled("stop")
	}
	log().WarnContext(ctx, "opt-out kept on disk until redis is back", "err", err)
}

// leave is ctx with a deadline margin before its own (at least 50 ms
// away), so that what follows a Redis command that does not answer still
// has time to answer the webhook. Without a deadline it is ctx.
func leave(ctx context.Context, margin time.Duration) (context.Context, context.CancelFunc) {
	dl, ok := ctx.Deadline()
	if !ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, max(time.Until(dl)-margin, 50*time.Millisecond))
}

// share is ctx with a deadline at 1/n of the time it has left, for one of
// several steps that each wait on Redis.
func share(ctx context.Context, n int) (context.Context, context.CancelFunc) {
	dl, ok := ctx.Deadline()
	if !ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, time.Until(dl)/time.Duration(n))
}
