package followup

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/volunteers"
	"github.com/heritage-line/heritageline/words"
)

// Reply answers a text that may answer what the line last asked texter from
// (whose hash is hash and whose follow-up is p): YES to the offer or to
// the wellbeing questions, a wellbeing answer, 1, 2 or 3 to "did you go?",
// or BUDDY after it. It reports false when the text is no such answer: the
// line then treats it as any other text, and the question is closed, so
// that a number texted next means an item of a list, not an answer. Errors
// are wrapped Redis or desk errors; the texter is then owed an apology.
func (d *Diary) Reply(ctx context.Context, from, hash string, p Pending, body string) (string, bool, error) {
	if p.Stopped {
		return "", false, nil
	}
	book := words.For(p.Lang)
	if d.cfg.Unstaffed != nil && d.cfg.Unstaffed() {
		// Nobody to ring back or go along: the answers offer only the
		// search, and BUDDY is told so.
		book = book.Unstaffed()
	}
	ans := book.FollowUpAnswers()
	text := words.Normalise(body)
	if p.Agreed && p.Activity.Title != "" && slices.Contains(ans.Buddy, text) {
		reply, err := d.buddy(ctx, from, hash, p, book)
		return reply, true, err
	}
	if p.Question == "" {
		return "", false, nil
	}
	now := d.cfg.Now()
	if now.Sub(p.Asked) > d.cfg.ReplyWindow {
		return "", false, d.closeQuestion(ctx, hash)
	}
	yes, no := slices.Contains(ans.Yes, text), slices.Contains(ans.No, text)
	switch q := p.Question; q {
	case askOffer:
		switch {
		case yes:
			when, err := d.Consent(ctx, from, ViaSMS)
			if errors.Is(err, ErrNotTextable) {
				return "", false, d.closeQuestion(ctx, hash)
			}
			if err != nil {
				return "", true, err
			}
			n := len(d.cfg.Questionnaire.Items())
			return book.Join(book.FollowUpAgreed(book.ShortDate(when, now)), book.WellbeingAsk(n)), true, nil
		case no:
			return book.FollowUpDeclined(), true, d.closeQuestion(ctx, hash)
		}
	case askWellbeing, askAgain:
		switch {
		case yes:
			round := 1
			if q == askAgain {
				round = 2
			} else if err := d.ConsentWellbeing(ctx, from, ViaSMS, p.Lang); err != nil {
				return "", true, err
			}
			if err := d.write(ctx, hash, "q", askQuestion(round, 0), "q_at", ms(now)); err != nil {
				return "", true, fmt.Errorf("followup: ask: %w", err)
			}
			return d.question(book, round, 0, false), true, nil
		case no:
			return book.WellbeingDeclined(), true, d.closeQuestion(ctx, hash)
		}
	case askWent:
		outcome := ""
		switch {
		case text == "1" || slices.Contains(ans.Went, text) || yes:
			outcome = "went"
		case text == "2" || slices.Contains(ans.NotYet, text):
			outcome = "not_yet"
		case text == "3" || slices.Contains(ans.Not, text) || no:
			outcome = "no"
		case isNumber(text):
			return book.FollowUpWhich(), true, nil
		}
		if outcome != "" {
			if err := d.write(ctx, hash, "went", outcome); err != nil {
				return "", true, fmt.Errorf("followup: answer: %w", err)
			}
			if err := d.closeQuestion(ctx, hash); err != nil {
				return "", true, err
			}
			d.deps.Log.InfoContext(ctx, "follow-up answered", "person", hash, "outcome", outcome)
			d.deps.Figures.Record(ctx, figures.Event{Time: now, Channel: figures.SMS, Kind: figures.FollowUp, Outcome: outcome})
			switch outcome {
			case "went":
				return book.FollowUpWent(), true, nil
			case "not_yet":
				return book.FollowUpNotYet(p.Activity.Town), true, nil
			}
			return book.FollowUpNotGoing(p.Activity.Town), true, nil
		}
	default:
		round, i, ok := parseQuestion(q)
		items := d.cfg.Questionnaire.Items()
		if !ok || i >= len(items) {
			break
		}
		v, err := strconv.Atoi(text)
		if err != nil {
			break
		}
		if v < items[i].Min || v > items[i].Max {
			return book.AnswerRange(items[i].Min, items[i].Max), true, nil
		}
		if err := d.Answer(ctx, hash, round, i, v); err != nil {
			return "", true, err
		}
		if i+1 < len(items) {
			if err := d.write(ctx, hash, "q", askQuestion(round, i+1), "q_at", ms(now)); err != nil {
				return "", true, fmt.Errorf("followup: ask: %w", err)
			}
			return d.question(book, round, i+1, false), true, nil
		}
		return book.WellbeingThanks(), true, d.closeQuestion(ctx, hash)
	}
	return "", false, d.closeQuestion(ctx, hash)
}

// question is question i of the questionnaire, numbered, with how to answer
// it by text or, when voice, on the keypad.
func (d *Diary) question(book *words.Book, round, i int, voice bool) string {
	items := d.cfg.Questionnaire.Items()
	it := items[i]
	return book.Join(book.QuestionOf(i+1, len(items)), it.Ask(book), it.Scale(book, voice))
}

// Question is the wellbeing question i (from 0) in lang, with how to answer
// it by keypad when voice, for the voice line.
func (d *Diary) Question(lang words.Lang, i int, voice bool) string {
	return d.question(words.For(lang), 1, i, voice)
}

// closeQuestion forgets the open question: the texter has moved on.
func (d *Diary) closeQuestion(ctx context.Context, hash string) error {
	if err := d.rdb.HDel(ctx, personKey(hash), "q", "q_at").Err(); err != nil {
		return fmt.Errorf("followup: close question: %w", err)
	}
	return nil
}

// buddy queues a request for a volunteer to go along to p's activity, as a
// callback of kind "buddy" that volunteers see and take like any other.
func (d *Diary) buddy(ctx context.Context, from, hash string, p Pending, book *words.Book) (string, error) {
	if d.cfg.Unstaffed != nil && d.cfg.Unstaffed() {
		return book.NoPeopleText(), d.closeQuestion(ctx, hash)
	}
	if d.deps.Desk == nil {
		return book.BuddyFailed(d.cfg.LineNumber), nil
	}
	cb, err := d.deps.Desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: from, Kind: volunteers.KindBuddy, Activity: p.Activity.Title})
	if errors.Is(err, volunteers.ErrNoNumber) || errors.Is(err, volunteers.ErrCannotRing) {
		return book.BuddyFailed(d.cfg.LineNumber), nil
	}
	if err != nil {
		return "", fmt.Errorf("followup: buddy: %w", err)
	}
	d.deps.Log.InfoContext(ctx, "buddy requested", "person", hash, "ref", cb.Ref)
	return book.BuddyBooked(d.cfg.LineNumber, p.Activity.Title, cb.Ref), d.closeQuestion(ctx, hash)
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}
