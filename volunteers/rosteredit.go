package volunteers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/phonepolicy"
	"github.com/heritage-line/heritageline/privacy"
)

// The console edits the roster: add, change, remove, duty, ringing order,
// the line's hours and how volunteers are rung. Each change is written to
// the roster in Redis (rosterstore.go) and is in use at once here, and on
// every other instance within a second.

// Entry is one volunteer as the console shows them: never the number in
// full, only its last three digits.
type Entry struct {
	ID     string // stands for the volunteer in the console's URLs (a keyed hash of the number)
	Name   string
	Ending string // the last three digits of the number
	OnDuty bool   // on duty now, by the roster or their last ON or OFF text
}

// RosterView is the roster as the console shows it.
type RosterView struct {
	Hours       Hours
	Sequential  bool
	RingSeconds int
	Entries     []Entry // in ringing order
	Edited      bool    // changed from the console: the file is no longer read
	Imported    bool    // kept in Redis (else the file's, not imported yet)
}

// View returns the roster as the console shows it, read afresh. When the
// duty set by text cannot be read it shows the roster's, with the error.
func (d *Desk) View(ctx context.Context) (RosterView, error) {
	st, err := d.readRoster(ctx, d.rdb)
	switch {
	case errors.Is(err, redis.Nil):
		st = *d.cur.Load()
	case err != nil:
		return RosterView{}, err
	default:
		d.use(st)
	}
	r := st.roster
	v := RosterView{Hours: r.Hours, Sequential: r.Sequential, RingSeconds: r.RingSeconds, Edited: st.edited, Imported: st.stored}
	on, derr := d.dutyOf(ctx, r.Volunteers)
	for i, vol := range r.Volunteers {
		v.Entries = append(v.Entries, Entry{ID: d.entryID(vol), Name: vol.Name, Ending: ending(vol.Phone), OnDuty: on[i]})
	}
	return v, derr
}

// entryID is the id that stands for v in the console's URLs.
func (d *Desk) entryID(v Volunteer) string { return d.volunteerKey(v)[:16] }

func ending(phone string) string { return strings.TrimPrefix(privacy.Mask(phone), "ending ") }

// Problems in what the console sent are *InvalidError with File "form", one
// Problem per field (name, phone, hours, ring, ring_seconds).
const formFile = "form"

func invalid(ps ...Problem) error { return &InvalidError{File: formFile, Problems: ps} }

// maxName bounds a volunteer's name: it is read in texts.
const maxName = 40

// checkName returns the name as kept, or the problem with it.
func checkName(raw string) (string, *Problem) {
	name := strings.Join(strings.Fields(raw), " ")
	switch {
	case name == "":
		return "", &Problem{Field: "name", Reason: "give the volunteer's name, as volunteers and the line say it"}
	case utf8.RuneCountInString(name) > maxName:
		return "", &Problem{Field: "name", Reason: fmt.Sprintf("keep it to %d letters: it is read in texts", maxName)}
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "", &Problem{Field: "name", Reason: "use letters, spaces and punctuation only"}
	}
	return name, nil
}

// checkPhone returns a number typed in the console in E.164 (it may be
// written as people write numbers: "07700 900123" or "+44 7700 900123"),
// or the problem with it. The problem never repeats the number.
func (d *Desk) checkPhone(raw string) (string, *Problem) {
	n, err := d.numbers.Check(raw)
	if err != nil {
		reason := refusedPhone(err)
		switch phonepolicy.ReasonOf(err) {
		case phonepolicy.NotANumber, phonepolicy.ShortCode, phonepolicy.Alphanumeric:
			reason = "not a phone number the line can ring: write it like 07700 900123 or +44 7700 900123"
		}
		if strings.TrimSpace(raw) == "" {
			reason = "give the volunteer's mobile or landline number"
		}
		return "", &Problem{Field: "phone", Reason: reason}
	}
	return n.E164, nil
}

// findID returns the index of the volunteer with id on r, or -1.
func (d *Desk) findID(r *Roster, id string) int {
	for i, v := range r.Volunteers {
		if d.entryID(v) == id {
			return i
		}
	}
	return -1
}

func samePhone(r *Roster, phone string, skip int) (Volunteer, bool) {
	for i, v := range r.Volunteers {
		if i != skip && v.Phone == phone {
			return v, true
		}
	}
	return Volunteer{}, false
}

// AddVolunteer puts a volunteer at the end of the ringing order, on duty.
// Errors: *InvalidError naming each field that is wrong (no name, a number
// the number policy refuses, a number already on the roster), or the
// roster's own (edit).
func (d *Desk) AddVolunteer(ctx context.Context, name, phone string) (Entry, error) {
	n, np := checkName(name)
	p, pp := d.checkPhone(phone)
	var ps []Problem
	for _, pr := range []*Problem{np, pp} {
		if pr != nil {
			ps = append(ps, *pr)
		}
	}
	if len(ps) > 0 {
		return Entry{}, invalid(ps...)
	}
	v := Volunteer{Name: n, Phone: p, OnDuty: true}
	_, err := d.edit(ctx, func(r *Roster) error {
		if o, dup := samePhone(r, p, -1); dup {
			return invalid(Problem{Field: "phone", Reason: "that number is already on the roster, for " + o.Name})
		}
		r.Volunteers = append(r.Volunteers, v)
		return nil
	})
	if err != nil {
		return Entry{}, err
	}
	return Entry{ID: d.entryID(v), Name: v.Name, Ending: ending(v.Phone), OnDuty: true}, nil
}

// ChangeVolunteer changes the name of the volunteer with id, and their
// number when phone is not empty. It returns them as they are now (a new
// number gives them a new id). Errors: ErrUnknownVolunteer,
// *InvalidError as AddVolunteer's, or the roster's own.
func (d *Desk) ChangeVolunteer(ctx context.Context, id, name, phone string) (Entry, error) {
	n, np := checkName(name)
	var ps []Problem
	if np != nil {
		ps = append(ps, *np)
	}
	var p string
	if strings.TrimSpace(phone) != "" {
		var pp *Problem
		if p, pp = d.checkPhone(phone); pp != nil {
			ps = append(ps, *pp)
		}
	}
	if len(ps) > 0 {
		return Entry{}, invalid(ps...)
	}
	var out Volunteer
	_, err := d.edit(ctx, func(r *Roster) error {
		i := d.findID(r, id)
		if i < 0 {
			return ErrUnknownVolunteer
		}
		v := r.Volunteers[i]
		v.Name = n
		if p != "" {
			if o, dup := samePhone(r, p, i); dup {
				return invalid(Problem{Field: "phone", Reason: "that number is already on the roster, for " + o.Name})
			}
			v.Phone = p
		}
		r.Volunteers[i], out = v, v
		return nil
	})
	if err != nil {
		return Entry{}, err
	}
	return Entry{ID: d.entryID(out), Name: out.Name, Ending: ending(out.Phone), OnDuty: out.OnDuty}, nil
}

// RemoveVolunteer takes the volunteer with id off the roster: the line no
// longer rings them nor reads their texts as a volunteer's. It returns who
// was removed. Errors: ErrUnknownVolunteer or the roster's own.
func (d *Desk) RemoveVolunteer(ctx context.Context, id string) (Entry, error) {
	var gone Volunteer
	_, err := d.edit(ctx, func(r *Roster) error {
		i := d.findID(r, id)
		if i < 0 {
			return ErrUnknownVolunteer
		}
		gone = r.Volunteers[i]
		r.Volunteers = append(r.Volunteers[:i], r.Volunteers[i+1:]...)
		return nil
	})
	if err != nil {
		return Entry{}, err
	}
	d.rdb.Del(ctx, d.dutyKey(gone)) // their duty by text goes with them
	return Entry{ID: id, Name: gone.Name, Ending: ending(gone.Phone)}, nil
}

// SetDutyFor puts the volunteer with id on or off duty, as their own ON or
// OFF text would (a later text changes it again). Errors:
// ErrUnknownVolunteer or the roster's own.
func (d *Desk) SetDutyFor(ctx context.Context, id string, on bool) (Entry, error) {
	var v Volunteer
	_, err := d.edit(ctx, func(r *Roster) error {
		i := d.findID(r, id)
		if i < 0 {
			return ErrUnknownVolunteer
		}
		r.Volunteers[i].OnDuty = on
		v = r.Volunteers[i]
		return nil
	})
	if err != nil {
		return Entry{}, err
	}
	if err := d.setDuty(ctx, v, on); err != nil {
		return Entry{}, err
	}
	return Entry{ID: id, Name: v.Name, Ending: ending(v.Phone), OnDuty: on}, nil
}

// MoveVolunteer moves the volunteer with id one place earlier (up) or later
// in the ringing order; at either end it changes nothing. Errors:
// ErrUnknownVolunteer or the roster's own.
func (d *Desk) MoveVolunteer(ctx context.Context, id string, up bool) (Entry, error) {
	var v Volunteer
	_, err := d.edit(ctx, func(r *Roster) error {
		i := d.findID(r, id)
		if i < 0 {
			return ErrUnknownVolunteer
		}
		v = r.Volunteers[i]
		j := i + 1
		if up {
			j = i - 1
		}
		if j >= 0 && j < len(r.Volunteers) {
			r.Volunteers[i], r.Volunteers[j] = r.Volunteers[j], r.Volunteers[i]
		}
		return nil
	})
	if err != nil {
		return Entry{}, err
	}
	return Entry{ID: id, Name: v.Name, Ending: ending(v.Phone), OnDuty: v.OnDuty}, nil
}

// SetRinging sets the line's hours ("Mon-Fri 09:00-17:00" or "always", as
// in the file), whether volunteers are rung one after another
// (sequential) or all at once, and for how many seconds. Errors:
// *InvalidError naming hours or ring_seconds, or the roster's own.
func (d *Desk) SetRinging(ctx context.Context, hours string, sequential bool, ringSeconds int) error {
	var ps []Problem
	h, err := ParseHours(hours)
	if err != nil {
		ps = append(ps, Problem{Field: "hours", Reason: err.Error()})
	}
	if ringSeconds < 5 || ringSeconds > 120 {
		ps = append(ps, Problem{Field: "ring_seconds", Reason: "want a whole number of seconds from 5 to 120"})
	}
	if len(ps) > 0 {
		return invalid(ps...)
	}
	_, err = d.edit(ctx, func(r *Roster) error {
		r.Hours, r.Sequential, r.RingSeconds = h, sequential, ringSeconds
		return nil
	})
	return err
}

// ReplaceRoster makes a volunteers file's roster the line's, as a change
// from the console (the Volunteers page's import). Errors: *InvalidError
// from ParseWith naming every problem in the file (name is its name), or
// the roster's own.
func (d *Desk) ReplaceRoster(ctx context.Context, name string, data []byte) (Roster, error) {
	r, err := ParseWith(name, data, d.numbers)
	if err != nil {
		return Roster{}, err
	}
	return d.edit(ctx, func(cur *Roster) error {
		*cur = r
		return nil
	})
}

// ExportRoster returns the roster in use as a volunteers file (Export),
// read afresh.
func (d *Desk) ExportRoster(ctx context.Context) ([]byte, error) {
	st, err := d.readRoster(ctx, d.rdb)
	switch {
	case errors.Is(err, redis.Nil):
		st = *d.cur.Load()
	case err != nil:
		return nil, err
	}
	return Export(st.roster)
}

// dutyOf says which of vs are on duty now (their last ON or OFF text, or
// the roster). When Redis fails it says the roster's, with the error.
func (d *Desk) dutyOf(ctx context.Context, vs []Volunteer) ([]bool, error) {
	out := make([]bool, len(vs))
	for i, v := range vs {
		out[i] = v.OnDuty
	}
	if len(vs) == 0 {
		return out, nil
	}
	keys := make([]string, len(vs))
	for i, v := range vs {
		keys[i] = d.dutyKey(v)
	}
	vals, err := d.rdb.MGet(ctx, keys...).Result()
	if err != nil {
		return out, fmt.Errorf("volunteers: duty: %w", err)
	}
	for i, v := range vs {
		if s, ok := vals[i].(string); ok {
			out[i] = effectiveDuty(s, v.OnDuty)
		}
	}
	return out, nil
}
