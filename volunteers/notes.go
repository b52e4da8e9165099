package volunteers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Note is one volunteer's note on an open callback.
type Note struct {
	By   string    `json:"by"` // the volunteer's first name
	At   time.Time `json:"at"`
	Text string    `json:"text"`
}

// maxNotes is how many notes a callback keeps, the newest: NOTES lists them
// within three SMS segments or so, and a note is a reminder, not a case file.
const maxNotes = 5

// notesKey holds a callback's notes, a list of JSON Notes, oldest first. It
// expires with the callback's record and is deleted when the callback is
// closed with DONE.
func notesKey(ref string) string { return cbPrefix + "notes:" + ref }

// noteScript keeps a note on an open callback: it returns 0 when the
// callback does not exist, 2 when it is closed (notes are not kept on a
// closed callback), or 1 when the note was kept. The record's "notes" field
// counts the notes ever added, for LIST.
var noteScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HEXISTS', KEYS[1], 'done_at') == 1 then return 2 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
redis.call('HINCRBY', KEYS[1], 'notes', 1)
return 1
`)

func (d *Desk) note(ctx context.Context, v Volunteer, ref, text string) (string, error) {
	b, err := json.Marshal(Note{By: v.Name, At: d.now(), Text: text})
	if err != nil {
		return "", fmt.Errorf("volunteers: note %s: %w", ref, err)
	}
	n, err := noteScript.Run(ctx, d.rdb, []string{recordKey(ref), notesKey(ref)}, b, maxNotes).Int()
	if err != nil {
		return "", fmt.Errorf("volunteers: note %s: %w", ref, err)
	}
	switch n {
	case 0:
		return d.book.NoCallback(ref), nil
	case 2:
		return d.book.NoteClosed(ref), nil
	}
	return d.book.NoteKept(ref), nil
}

// Notes returns the notes kept on callback ref, oldest first (at most the
// newest five), and whether the callback is closed (a closed callback keeps
// none). Errors: ErrUnknownCallback, or a wrapped Redis error.
func (d *Desk) Notes(ctx context.Context, ref string) (notes []Note, closed bool, err error) {
	var rec *redis.SliceCmd
	var list *redis.StringSliceCmd
	if _, err := d.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		rec = p.HMGet(ctx, recordKey(ref), "requested", "done_at")
		list = p.LRange(ctx, notesKey(ref), 0, -1)
		return nil
	}); err != nil {
		return nil, false, fmt.Errorf("volunteers: notes %s: %w", ref, err)
	}
	vals := rec.Val()
	if vals[0] == nil {
		return nil, false, fmt.Errorf("volunteers: notes %s: %w", ref, ErrUnknownCallback)
	}
	if vals[1] != nil {
		return nil, true, nil
	}
	for _, s := range list.Val() {
		var n Note
		if json.Unmarshal([]byte(s), &n) == nil {
			notes = append(notes, n)
		}
	}
	return notes, false, nil
}

// notesReply answers NOTES C7: the callback's notes, newest first, each with
// who wrote it and when.
func (d *Desk) notesReply(ctx context.Context, ref string) (string, error) {
	notes, closed, err := d.Notes(ctx, ref)
	switch {
	case errors.Is(err, ErrUnknownCallback):
		return d.book.NoCallback(ref), nil
	case err != nil:
		return "", err
	case closed:
		return d.book.NotesDeleted(ref), nil
	case len(notes) == 0:
		return d.book.NoNotes(ref), nil
	}
	lines := []string{d.book.NotesHeading(ref)}
	for i := len(notes) - 1; i >= 0; i-- {
		n := notes[i]
		lines = append(lines, d.book.NoteLine(n.By, d.book.ShortDayTime(n.At), n.Text))
	}
	return strings.Join(lines, "\n"), nil
}
