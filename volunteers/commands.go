package volunteers

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/words"
)

// Command is a volunteer's text, parsed.
type Command struct {
	Verb string // ON, OFF, LIST, TAKE, DONE, NOTE, NOTES, HELP, STOP, START, or "" when not understood
	Ref  string // "C7" for TAKE, DONE, NOTE and NOTES; "" when missing or malformed
	Note string // NOTE's text
}

// maxNote is the longest note kept, in characters.
const maxNote = 300

// ParseCommand reads a volunteer's text: the command word in any case, then
// for TAKE, DONE, NOTE and NOTES a reference written "C7", "c7", "C 7", "#7" or "7",
// then for NOTE the note. A body that is exactly a standard opt-out word
// (STOP, QUIT...) gives Verb "STOP"; exactly START, YES or UNSTOP gives
// "START". Anything else gives Verb "".
func ParseCommand(body string) Command {
	body = strings.TrimSpace(body)
	if w := strings.ToLower(body); slices.Contains(optOut, w) {
		return Command{Verb: "STOP"}
	} else if slices.Contains(optIn, w) {
		return Command{Verb: "START"}
	}
	word, rest, _ := strings.Cut(body, " ")
	word = strings.ToUpper(strings.TrimRight(word, ".!"))
	switch word {
	case "ON", "OFF", "LIST", "HELP":
		return Command{Verb: word}
	case "TAKE", "DONE", "NOTE", "NOTES":
	default:
		return Command{}
	}
	c := Command{Verb: word}
	rest = strings.TrimLeft(rest, " ")
	rest = strings.TrimPrefix(rest, "#")
	if len(rest) > 0 && (rest[0] == 'C' || rest[0] == 'c') {
		rest = strings.TrimLeft(rest[1:], " ")
	}
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	digits := strings.TrimLeft(rest[:i], "0")
	if digits == "" || len(digits) > 12 || (i < len(rest) && !unicode.IsSpace(rune(rest[i])) && !strings.ContainsRune(".,:;!", rune(rest[i]))) {
		return c
	}
	c.Ref = "C" + digits
	if word == "NOTE" {
		note := strings.TrimSpace(strings.TrimLeft(rest[i:], ".,:;! "))
		if r := []rune(note); len(r) > maxNote {
			note = string(r[:maxNote])
		}
		c.Note = note
	}
	return c
}

// optOuter is what a Texter may offer to keep its opt-out list in step with
// Twilio's when a volunteer texts STOP or START (outbound.Sender does).
type optOuter interface {
	OptOut(ctx context.Context, number string) error
	OptIn(ctx context.Context, number string) error
}

// optOut and optIn are the standard opt-out and opt-in words, the book of
// words' (words.Lexicon).
var (
	optOut = words.For(words.English).Lexicon().OptOut
	optIn  = words.For(words.English).Lexicon().OptIn
)

// HandleText answers a text from a rostered volunteer (ON, OFF, LIST, TAKE,
// DONE, NOTE, NOTES, HELP) and returns the reply. A text from a number that is not
// rostered is not handled: the reply is "" (check IsVolunteer first). Errors
// are logged and answered with an apology, never returned.
func (d *Desk) HandleText(ctx context.Context, from, body string) string {
	v, ok := d.current(ctx).find(from)
	if !ok {
		return ""
	}
	c := ParseCommand(body)
	if (c.Verb == "TAKE" || c.Verb == "DONE" || c.Verb == "NOTE" || c.Verb == "NOTES") && c.Ref == "" {
		return d.book.WhichCallback(c.Verb)
	}
	if c.Verb == "NOTE" && c.Note == "" {
		return d.book.NoteMissing(c.Ref)
	}
	reply, err := d.run(ctx, v, c)
	if err != nil {
		d.log.ErrorContext(ctx, "volunteer command", "command", c.Verb, "ref", c.Ref,
			"volunteer", privacy.Mask(v.Phone), "err", err)
		return d.book.VolunteerError()
	}
	return reply
}

func (d *Desk) run(ctx context.Context, v Volunteer, c Command) (string, error) {
	switch c.Verb {
	case "ON":
		if err := d.setDuty(ctx, v, true); err != nil {
			return "", err
		}
		hours := d.current(ctx).Hours
		if hours.Always() {
			return d.book.OnDutyAlways(v.Name), nil
		}
		return d.book.OnDuty(v.Name, hours.String()), nil
	case "OFF":
		if err := d.setDuty(ctx, v, false); err != nil {
			return "", err
		}
		return d.book.OffDuty(v.Name), nil
	case "LIST":
		return d.list(ctx)
	case "TAKE":
		return d.take(ctx, v, c.Ref)
	case "DONE":
		return d.done(ctx, v, c.Ref)
	case "NOTE":
		return d.note(ctx, v, c.Ref, c.Note)
	case "NOTES":
		return d.notesReply(ctx, c.Ref)
	case "HELP":
		return d.book.VolunteerHelp(d.lineName), nil
	case "STOP":
		// Twilio stops texts to this number and confirms; the line takes the
		// volunteer off duty too, and answers with nothing.
		if err := d.setDuty(ctx, v, false); err != nil {
			return "", err
		}
		if o, ok := d.texter.(optOuter); ok {
			if err := o.OptOut(ctx, v.Phone); err != nil {
				return "", err
			}
		}
		return "", nil
	case "START":
		if o, ok := d.texter.(optOuter); ok {
			if err := o.OptIn(ctx, v.Phone); err != nil {
				return "", err
			}
		}
		return d.book.TextsBackOn(v.Name), nil
	}
	return d.book.VolunteerNotUnderstood(d.lineName), nil
}

// maxListed keeps LIST within three SMS segments: all the open callbacks
// when there are at most this many, else the oldest and the newest half.
const maxListed = 6

func (d *Desk) list(ctx context.Context) (string, error) {
	n, oldest, newest, err := d.ends(ctx, maxListed/2)
	if err != nil {
		return "", err
	}
	if n == 0 {
		return d.book.NoOpenCallbacks(), nil
	}
	var lines []string
	now := d.now()
	line := func(e openEntry) {
		lines = append(lines, d.book.OpenCallback(e.Ref, d.book.Age(now.Sub(e.Requested)), d.book.CallbackKind(e.Kind),
			privacy.Mask(e.phone), e.TakenBy, e.notes))
	}
	if newest == nil {
		lines = append(lines, d.book.OpenCallbacks(n))
		for _, e := range oldest {
			line(e)
		}
		return strings.Join(lines, "\n"), nil
	}
	lines = append(lines, d.book.OpenOldest(n, len(oldest)))
	for _, e := range oldest {
		line(e)
	}
	lines = append(lines, d.book.OpenNewest(n-len(oldest)-len(newest), len(newest)))
	for _, e := range newest {
		line(e)
	}
	return strings.Join(lines, "\n"), nil
}

// takeScript claims a callback for one volunteer, atomically. ARGV[2] is the
// volunteer's keyed hash (volunteerKey), never their number. It returns
// {"missing"}, {"done", by}, {"taken", by}, or {"ok", phone, kind,
// requested, recording}. The volunteer who holds it may take it again (to be
// rung again).
var takeScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
if redis.call('HEXISTS', KEYS[1], 'done_at') == 1 then
  return {'done', redis.call('HGET', KEYS[1], 'done_by') or ''}
end
local holder = redis.call('HGET', KEYS[1], 'taken_key')
if holder and holder ~= ARGV[2] then
  return {'taken', redis.call('HGET', KEYS[1], 'taken_by') or ''}
end
if not holder then
  redis.call('HSET', KEYS[1], 'taken_by', ARGV[1], 'taken_key', ARGV[2], 'taken_at', ARGV[3])
end
redis.call('HDEL', KEYS[1], 'taken_call', 'connected_at')
return {'ok', redis.call('HGET', KEYS[1], 'phone') or '', redis.call('HGET', KEYS[1], 'kind') or '',
  redis.call('HGET', KEYS[1], 'requested') or '', redis.call('HGET', KEYS[1], 'recording') or ''}
`)

// releaseScript gives a callback back when ringing the volunteer (ARGV[1],
// their keyed hash) failed.
var releaseScript = redis.NewScript(`
if redis.call('HGET', KEYS[1], 'taken_key') == ARGV[1] then
  redis.call('HDEL', KEYS[1], 'taken_by', 'taken_key', 'taken_at', 'taken_call', 'connected_at')
end
return 0
`)

func (d *Desk) take(ctx context.Context, v Volunteer, ref string) (string, error) {
	key := recordKey(ref)
	res, err := takeScript.Run(ctx, d.rdb, []string{key}, v.Name, d.volunteerKey(v), d.now().UnixMilli()).StringSlice()
	if err != nil {
		return "", fmt.Errorf("volunteers: take %s: %w", ref, err)
	}
	switch res[0] {
	case "missing":
		return d.book.NoOpenCallback(ref), nil
	case "done":
		return d.book.AlreadyDone(ref, res[1]), nil
	case "taken":
		return d.book.AlreadyTaken(ref, res[1]), nil
	}
	resident, kind, requested, recording := res[1], res[2], millis(res[3]), res[4]
	// The resident is dialled only after the volunteer presses 1 (Connect),
	// so a volunteer's voicemail never takes the call.
	release := func() {
		if err := releaseScript.Run(context.WithoutCancel(ctx), d.rdb, []string{key}, d.volunteerKey(v)).Err(); err != nil {
			d.log.ErrorContext(ctx, "release callback", "ref", ref, "err", err)
		}
	}
	// Toll fraud: the resident's own number from the record, and only within
	// the allowed country codes; nothing from the volunteer's text is dialled.
	if !privacy.IsE164(resident) || !d.allowedNumber(resident) {
		release()
		return d.book.CannotRing(ref), nil
	}
	ring := d.ringAnswer(ref, kind, requested, recording != "", d.buddyActivity(ctx, key, kind))
	sid, err := d.caller.Ring(ctx, v.Phone, ring, d.urls.VoiceStep(takenStep, "ref="+url.QueryEscape(ref)))
	if err != nil {
		release()
		d.log.ErrorContext(ctx, "ring volunteer for callback", "ref", ref, "volunteer", privacy.Mask(v.Phone), "err", err)
		return d.book.CouldNotRingYou(ref), nil
	}
	// Which call holds it, so that only this call's end can give it back
	// (CallEnded), not the end of an earlier ring.
	if err := d.rdb.HSet(context.WithoutCancel(ctx), key, "taken_call", sid).Err(); err != nil {
		d.log.ErrorContext(ctx, "note the call for a taken callback", "ref", ref, "err", err)
	}
	d.log.InfoContext(ctx, "callback taken", "ref", ref, "volunteer", privacy.Mask(v.Phone), "call_sid", sid)
	d.changed(ctx, ref)
	return d.book.Taken(ref, v.Name), nil
}

// spokenRef makes "C7905" read letter by letter and digit by digit, "C 7 9
// 0 5", as a volunteer texts it back, rather than as a word or a number.
func spokenRef(ref string) string { return strings.Join(strings.Split(ref, ""), " ") }

// doneScript closes a callback: forgets the resident's number, the
// recording, the volunteer's key and every note (KEYS[3]), records who and
// when, and takes it off the open list. What stays until the record expires
// is what the figures need: the kind, the times and the volunteers' first
// names. It returns {"missing"}, {"done", by} when already closed, or {"ok"}.
var doneScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
if redis.call('HEXISTS', KEYS[1], 'done_at') == 1 then
  return {'done', redis.call('HGET', KEYS[1], 'done_by') or ''}
end
local rk = redis.call('HGET', KEYS[1], 'rk')
if rk and redis.call('GET', rk) == ARGV[3] then redis.call('DEL', rk) end
redis.call('HDEL', KEYS[1], 'phone', 'recording', 'rk', 'taken_key', 'taken_phone', 'taken_call', 'connected_at',
  'notes', 'note', 'note_by', 'note_at')
redis.call('DEL', KEYS[3])
redis.call('HSET', KEYS[1], 'done_by', ARGV[1], 'done_at', ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[3])
return {'ok'}
`)

func (d *Desk) done(ctx context.Context, v Volunteer, ref string) (string, error) {
	res, err := doneScript.Run(ctx, d.rdb, []string{recordKey(ref), openKey, notesKey(ref)}, v.Name, d.now().UnixMilli(), ref).StringSlice()
	if err != nil {
		return "", fmt.Errorf("volunteers: done %s: %w", ref, err)
	}
	switch res[0] {
	case "missing":
		return d.book.NoCallback(ref), nil
	case "done":
		return d.book.AlreadyClosed(ref, res[1]), nil
	}
	d.log.InfoContext(ctx, "callback done", "ref", ref, "volunteer", privacy.Mask(v.Phone))
	d.changed(ctx, ref)
	return d.book.Closed(ref, v.Name), nil
}
