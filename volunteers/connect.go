package volunteers

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/privacy"
)

// A taken callback is connected in two steps, so that a volunteer's
// voicemail never answers a resident who asked for a person:
//
//  1. TAKE rings the volunteer with ringAnswer: who it is, and "press 1 to be
//     connected", gathered to the line's connect step.
//  2. That step calls Connect, which dials the resident only when the
//     volunteer pressed 1 on a call to their own number and still holds the
//     callback. Nothing pressed (a voicemail, or a volunteer who could not
//     talk) gives the callback back to the queue, texts the volunteer so, and
//     texts the other volunteers on duty that it is free again.

// The voice steps the line's routes serve for a callback's call (web owns
// the routes and builds their URLs: WithURLs).
const (
	connectStep = "connect" // answers the volunteer's key press
	takenStep   = "taken"   // the final status of the call that rang them
)

// connectTimeout is how long the volunteer has to press 1 after the prompt.
const connectTimeout = "10"

// ringAnswer is what the volunteer hears when the line rings them for a
// callback: who it is, and press 1 to be connected. No number is in it. A
// Redirect to the same step follows the key press, so that silence (a
// voicemail) reaches Connect too, with no digits. A buddy request names
// the activity the resident would like company to.
func (d *Desk) ringAnswer(ref, kind string, requested time.Time, hasMessage bool, activity string) Answer {
	at := requested.In(London).Format("15:04")
	said := d.book.RingVolunteer(d.lineName, spokenRef(ref), kind, at, hasMessage)
	if kind == KindBuddy {
		said = d.book.Join(d.book.RingBuddy(d.lineName, spokenRef(ref), at, activity), d.book.RingPress())
	}
	action := d.urls.VoiceStep(connectStep, "ref="+url.QueryEscape(ref))
	return d.answer(Step{Key: &KeyPress{Say: said, Action: action, Timeout: connectTimeout}}, Step{Redirect: action})
}

// Connect answers the volunteer's key press on a callback call (the key press
// in ringAnswer): ref is the callback's reference from the action URL,
// volunteerPhone the number the line rang (Twilio's To on the line's own
// outbound call) and digits what they pressed ("" for nothing).
//
// It returns the Answer (ivr writes it as TwiML) that plays the resident's
// voicemail, if any, and dials the resident's number from the callback
// record with the line's number as caller ID, only when all of these hold: ref is a well-formed reference,
// volunteerPhone is on the roster, the callback exists, is not done and was
// taken by exactly that volunteer, digits is "1", and the resident's number
// is E.164 within the allowed country codes. No number from the request is
// ever dialled. Otherwise it returns a short Say and a HangUp. When the
// volunteer who holds the callback pressed anything but 1, or nothing, the
// callback is given back to the queue: the volunteer is texted that, and the
// other volunteers on duty that it is free again.
//
// Errors are wrapped Redis errors (with an empty Answer); the caller should
// apologise to the volunteer and hang up.
func (d *Desk) Connect(ctx context.Context, ref, volunteerPhone, digits string) (Answer, error) {
	if !validRef(ref) {
		return d.sayAndHangUp(d.book.ConnectRefused()), nil
	}
	key := recordKey(ref)
	vals, err := d.rdb.HMGet(ctx, key, "phone", "kind", "requested", "recording", "taken_key", "done_at", "taken_by").Result()
	if err != nil {
		return Answer{}, fmt.Errorf("volunteers: connect %s: %w", ref, err)
	}
	str := func(i int) string { s, _ := vals[i].(string); return s }
	resident, kind, requested, recording, holder, doneAt := str(0), str(1), millis(str(2)), str(3), str(4), str(5)
	v, ok := d.current(ctx).find(volunteerPhone)
	if !ok {
		// A coordinator who took it from the console.
		v, ok = d.holder(volunteerPhone, holder, str(6))
	}
	if !ok {
		return d.sayAndHangUp(d.book.ConnectRefused()), nil
	}
	spoken := spokenRef(ref)
	switch {
	case requested.IsZero():
		return d.sayAndHangUp(d.book.ConnectNoOpen(spoken)), nil
	case doneAt != "":
		return d.sayAndHangUp(d.book.ConnectClosed(spoken)), nil
	case holder == "":
		return d.sayAndHangUp(d.book.ConnectNotTaken(spoken)), nil
	case holder != d.volunteerKey(v):
		return d.sayAndHangUp(d.book.ConnectOther(spoken)), nil
	case digits != "1":
		if err := releaseScript.Run(ctx, d.rdb, []string{key}, d.volunteerKey(v)).Err(); err != nil {
			return Answer{}, fmt.Errorf("volunteers: connect %s: release: %w", ref, err)
		}
		d.log.InfoContext(ctx, "callback released: 1 not pressed", "ref", ref, "volunteer", privacy.Mask(v.Phone))
		d.released(ctx, v, Callback{Ref: ref, Kind: kind, Requested: requested}, false)
		return d.sayAndHangUp(d.book.ConnectReleased(spoken)), nil
	case !privacy.IsE164(resident) || !d.allowedNumber(resident):
		return d.sayAndHangUp(d.book.ConnectCannotRing(spoken)), nil
	}
	d.log.InfoContext(ctx, "callback connecting", "ref", ref, "volunteer", privacy.Mask(v.Phone))
	if err := d.rdb.HSet(ctx, key, "connected_at", d.now().UnixMilli()).Err(); err != nil {
		return Answer{}, fmt.Errorf("volunteers: connect %s: %w", ref, err)
	}
	return d.connectAnswer(ref, recording, resident), nil
}

// endScript gives a callback back when the call that rang its volunteer
// (ARGV[1], its SID, to ARGV[2], their keyed hash) ended before they pressed 1,
// and returns its kind and when it was requested. A later ring, a release or
// a connection makes it do nothing and return an empty list.
var endScript = redis.NewScript(`
if redis.call('HGET', KEYS[1], 'taken_call') == ARGV[1] and redis.call('HGET', KEYS[1], 'taken_key') == ARGV[2]
  and redis.call('HEXISTS', KEYS[1], 'connected_at') == 0 then
  redis.call('HDEL', KEYS[1], 'taken_by', 'taken_key', 'taken_at', 'taken_call')
  return {redis.call('HGET', KEYS[1], 'kind') or '', redis.call('HGET', KEYS[1], 'requested') or ''}
end
return {}
`)

// CallEnded handles Twilio's status callback for the call TAKE started
// (posted to takenPath with the callback's ref): when that call ended busy,
// unanswered, failed or cancelled, or was answered but hung up before 1 was
// pressed, the callback goes back on the list, the volunteer is texted so
// and the other volunteers on duty that it is free again. Anything else (a
// call that connected, an earlier ring, a volunteer not on the roster, a
// malformed ref) changes nothing. Errors are wrapped Redis errors.
func (d *Desk) CallEnded(ctx context.Context, ref, volunteerPhone, callSID, status string) error {
	switch status {
	case "completed", "busy", "no-answer", "failed", "canceled":
	default:
		return nil
	}
	if !validRef(ref) || callSID == "" {
		return nil
	}
	v, ok := d.current(ctx).find(volunteerPhone)
	if !ok {
		// A coordinator who took it from the console.
		vals, err := d.rdb.HMGet(ctx, recordKey(ref), "taken_key", "taken_by").Result()
		if err != nil {
			return fmt.Errorf("volunteers: call ended %s: %w", ref, err)
		}
		key, _ := vals[0].(string)
		name, _ := vals[1].(string)
		v, ok = d.holder(volunteerPhone, key, name)
	}
	if !ok {
		return nil
	}
	res, err := endScript.Run(ctx, d.rdb, []string{recordKey(ref)}, callSID, d.volunteerKey(v)).StringSlice()
	if err != nil {
		return fmt.Errorf("volunteers: call ended %s: %w", ref, err)
	}
	if len(res) != 2 {
		return nil // not this volunteer's latest ring, or it connected
	}
	kind, requested := res[0], res[1]
	d.log.InfoContext(ctx, "callback released: call ended", "ref", ref, "status", status, "volunteer", privacy.Mask(v.Phone))
	d.released(ctx, v, Callback{Ref: ref, Kind: kind, Requested: millis(requested)}, status != "completed")
	return nil
}

// connectAnswer follows the volunteer's 1: the voicemail if there is one,
// then the resident is dialled with the line's number shown, so neither
// learns the other's number.
func (d *Desk) connectAnswer(ref, recording, resident string) Answer {
	var steps []Step
	if recording != "" {
		steps = append(steps, say(d.book.HereIsMessage()), Step{Play: recording})
	}
	steps = append(steps,
		say(d.book.Connecting()),
		Step{Dial: &Dial{Number: resident, CallerID: d.line, Timeout: "30"}},
		say(d.book.CallEnded(spokenRef(ref))),
	)
	return d.answer(steps...)
}

// released texts the volunteer whose callback went back to the queue, and
// the other volunteers on duty that it is free again. A text that fails is
// logged: LIST still shows the callback.
func (d *Desk) released(ctx context.Context, v Volunteer, cb Callback, unanswered bool) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 4*time.Second)
	defer cancel()
	// A coordinator who took it from the console sees it there, untexted.
	if _, rostered := d.current(ctx).find(v.Phone); rostered {
		mine := d.book.Released(cb.Ref, unanswered)
		if err := d.texter.SendText(ctx, v.Phone, mine); err != nil {
			d.log.WarnContext(ctx, "text volunteer about released callback", "ref", cb.Ref, "volunteer", privacy.Mask(v.Phone), "err", err)
		}
	}
	others := d.book.FreeAgain(cb.Ref, cb.Requested.In(London).Format("15:04"), d.book.CallbackKind(cb.Kind))
	d.textOnDuty(ctx, cb.Ref, others, v.Phone)
}

// validRef reports whether ref is a callback reference as the desk makes
// them: C and 1 to 12 digits, no leading zero.
func validRef(ref string) bool {
	if len(ref) < 2 || len(ref) > 13 || ref[0] != 'C' || ref[1] == '0' {
		return false
	}
	for _, c := range ref[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
