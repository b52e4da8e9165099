package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"github.com/heritage-line/heritageline/volunteers"
)

// RosterDesk is what the Volunteers page needs of the desk
// (*volunteers.Desk): the roster kept in Redis, which every instance uses.
type RosterDesk interface {
	View(ctx context.Context) (volunteers.RosterView, error)
	AddVolunteer(ctx context.Context, name, phone string) (volunteers.Entry, error)
	ChangeVolunteer(ctx context.Context, id, name, phone string) (volunteers.Entry, error)
	RemoveVolunteer(ctx context.Context, id string) (volunteers.Entry, error)
	SetDutyFor(ctx context.Context, id string, on bool) (volunteers.Entry, error)
	MoveVolunteer(ctx context.Context, id string, up bool) (volunteers.Entry, error)
	SetRinging(ctx context.Context, hours string, sequential bool, ringSeconds int) error
	ReplaceRoster(ctx context.Context, name string, data []byte) (volunteers.Roster, error)
	ExportRoster(ctx context.Context) ([]byte, error)
}

var _ RosterDesk = (*volunteers.Desk)(nil)

// volunteersPage is the roster: who the line rings, in order, their duty,
// the line's hours and how volunteers are rung, and forms to change each.
// It never shows a number beyond its last three digits.
type volunteersPage struct {
	Unavailable                              bool
	DutyErr                                  bool // duty set by text could not be read: the roster's is shown
	Edited                                   bool
	OpenNow                                  bool
	Hours                                    string
	NoHours                                  bool
	Sequential                               bool
	RingSeconds                              int
	Rows                                     []volunteerRow
	Add                                      addForm
	Ringing                                  ringingForm
	ImportErrs                               []string
	AddURL, RingingURL, ExportURL, ImportURL string
}

type volunteerRow struct {
	volunteers.Entry
	Position                          int
	First, Last                       bool
	EditURL, DutyURL, MoveURL, DelURL string
	Edit                              addForm // the edit form's errors, when it was just sent
}

// addForm is a volunteer's form as sent back with its problems: the name
// as typed, never the number.
type addForm struct {
	Name, NameErr, PhoneErr string
	Open                    bool // show the form opened (it has errors)
}

type ringingForm struct {
	Hours, HoursErr, SecondsErr string
	Seconds                     string
}

// volunteers answers GET /console/volunteers.
func (c *Console) volunteers(w http.ResponseWriter, r *http.Request) {
	c.volunteersWith(w, r, http.StatusOK, "", func(*volunteersPage) {})
}

// volunteersWith renders the page with status, a message saying what went
// wrong with what was just sent (if any), and fix applied to the page (the
// sent form's values and problems).
func (c *Console) volunteersWith(w http.ResponseWriter, r *http.Request, status int, msg string, fix func(*volunteersPage)) {
	ctx := r.Context()
	p := volunteersPage{
		AddURL: c.urls.Console("volunteers"), RingingURL: c.urls.Console("volunteers/ringing"),
		ExportURL: c.urls.Console("volunteers.yaml"), ImportURL: c.urls.Console("volunteers/import"),
	}
	if c.Roster == nil {
		p.Unavailable = true
	} else {
		v, err := c.Roster.View(ctx)
		if err != nil && len(v.Entries) == 0 && v.RingSeconds == 0 {
			c.fail(w, r, err)
			return
		}
		if err != nil {
			c.log.ErrorContext(ctx, "console: volunteers' duty", "err", err)
			p.DutyErr = true
		}
		p.Edited, p.Sequential, p.RingSeconds = v.Edited, v.Sequential, v.RingSeconds
		p.Hours, p.NoHours, p.OpenNow = v.Hours.String(), v.Hours.String() == "", v.Hours.Open(c.Now())
		p.Ringing = ringingForm{Hours: p.Hours, Seconds: strconv.Itoa(v.RingSeconds)}
		for i, e := range v.Entries {
			base := "volunteers/" + e.ID + "/"
			p.Rows = append(p.Rows, volunteerRow{Entry: e, Position: i + 1, First: i == 0, Last: i == len(v.Entries)-1,
				EditURL: c.urls.Console(base + "edit"), DutyURL: c.urls.Console(base + "duty"),
				MoveURL: c.urls.Console(base + "move"), DelURL: c.urls.Console(base + "remove")})
		}
	}
	fix(&p)
	c.render(w, r, "volunteers", status, page{Title: "Volunteers", Current: "volunteers", Error: msg, Body: p})
}

// problems returns the InvalidError's reasons by field, or nil.
func problems(err error) map[string]string {
	var inv *volunteers.InvalidError
	if !errors.As(err, &inv) {
		return nil
	}
	out := map[string]string{}
	for _, p := range inv.Problems {
		reason := p.Reason
		if reason != "" {
			reason = strings.ToUpper(reason[:1]) + reason[1:] + "."
		}
		if out[p.Field] != "" {
			out[p.Field] += " "
		}
		out[p.Field] += reason
	}
	return out
}

// volunteerAdd answers POST /console/volunteers (fields name and phone):
// the volunteer goes on the roster, on duty, last in the ringing order, and
// the line rings them from then on. A form with problems is shown again
// naming each field (422), with the name as typed but never the number.
func (c *Console) volunteerAdd(w http.ResponseWriter, r *http.Request) {
	if c.Roster == nil {
		http.NotFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "malformed form", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	name := r.PostForm.Get("name")
	e, err := c.Roster.AddVolunteer(ctx, name, r.PostForm.Get("phone"))
	if ps := problems(err); ps != nil {
		c.volunteersWith(w, r, http.StatusUnprocessableEntity, "The volunteer was not added: see the form below.", func(p *volunteersPage) {
			p.Add = addForm{Name: name, NameErr: ps["name"], PhoneErr: ps["phone"], Open: true}
		})
		return
	}
	if err != nil {
		c.fail(w, r, err)
		return
	}
	c.done(w, r, fmt.Sprintf("added volunteer %s (ending %s) to the roster, on duty", e.Name, e.Ending),
		fmt.Sprintf("%s (ending %s) is on the roster and on duty: the line rings them from now on, within the line's hours.", e.Name, e.Ending),
		c.urls.Console("volunteers"))
}

// volunteerAction answers POST /console/volunteers/{id}/edit (name, and
// phone when it changes), /duty (on=1 or 0), /move (dir=up or down) and
// /remove. Each is written to the audit log.
func (c *Console) volunteerAction(w http.ResponseWriter, r *http.Request) {
	if c.Roster == nil {
		http.NotFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "malformed form", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	vars := mux.Vars(r)
	id, action := vars["id"], vars["action"]
	back := c.urls.Console("volunteers")
	var (
		e           volunteers.Entry
		err         error
		what, flash string
	)
	switch action {
	case "edit":
		name := r.PostForm.Get("name")
		e, err = c.Roster.ChangeVolunteer(ctx, id, name, r.PostForm.Get("phone"))
		if ps := problems(err); ps != nil {
			c.volunteersWith(w, r, http.StatusUnprocessableEntity, "The change was not made: see the volunteer's form below.", func(p *volunteersPage) {
				for i := range p.Rows {
					if p.Rows[i].ID == id {
						p.Rows[i].Edit = addForm{Name: name, NameErr: ps["name"], PhoneErr: ps["phone"], Open: true}
					}
				}
			})
			return
		}
		what = fmt.Sprintf("changed volunteer %s (ending %s)", e.Name, e.Ending)
		flash = fmt.Sprintf("%s (ending %s) is changed.", e.Name, e.Ending)
		if r.PostForm.Get("phone") != "" {
			what += ", with a new number"
		}
	case "duty":
		on := r.PostForm.Get("on") == "1"
		e, err = c.Roster.SetDutyFor(ctx, id, on)
		state := "off duty: the line does not ring them"
		if on {
			state = "on duty: the line rings them within its hours"
		}
		what = fmt.Sprintf("put volunteer %s (ending %s) %s", e.Name, e.Ending, map[bool]string{true: "on duty", false: "off duty"}[on])
		flash = fmt.Sprintf("%s is %s. Their own ON or OFF text changes it again.", e.Name, state)
	case "move":
		up := r.PostForm.Get("dir") == "up"
		e, err = c.Roster.MoveVolunteer(ctx, id, up)
		dir := map[bool]string{true: "earlier", false: "later"}[up]
		what = fmt.Sprintf("moved volunteer %s (ending %s) %s in the ringing order", e.Name, e.Ending, dir)
		flash = fmt.Sprintf("%s is rung %s now.", e.Name, dir)
	case "remove":
		e, err = c.Roster.RemoveVolunteer(ctx, id)
		what = fmt.Sprintf("removed volunteer %s (ending %s) from the roster", e.Name, e.Ending)
		flash = fmt.Sprintf("%s (ending %s) is off the roster: the line no longer rings them, and their texts are read as a resident's.", e.Name, e.Ending)
	default:
		http.NotFound(w, r)
		return
	}
	switch {
	case errors.Is(err, volunteers.ErrUnknownVolunteer):
		c.volunteersWith(w, r, http.StatusNotFound, "That volunteer is no longer on the roster, or their number changed: someone else may have changed the roster. Here it is as it is now.", func(*volunteersPage) {})
	case err != nil:
		c.fail(w, r, err)
	default:
		c.done(w, r, what, flash, back+"#v-"+e.ID)
	}
}

// volunteersRinging answers POST /console/volunteers/ringing: the line's
// hours, whether volunteers are rung all at once or one after another
// (ring), and for how many seconds (ring_seconds).
func (c *Console) volunteersRinging(w http.ResponseWriter, r *http.Request) {
	if c.Roster == nil {
		http.NotFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "malformed form", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	hours, secs := strings.TrimSpace(r.PostForm.Get("hours")), strings.TrimSpace(r.PostForm.Get("ring_seconds"))
	sequential := r.PostForm.Get("ring") == "sequential"
	n, convErr := strconv.Atoi(secs)
	if convErr != nil {
		n = -1
	}
	err := c.Roster.SetRinging(ctx, hours, sequential, n)
	if ps := problems(err); ps != nil {
		c.volunteersWith(w, r, http.StatusUnprocessableEntity, "The hours and ringing were not changed: see the form below.", func(p *volunteersPage) {
			p.Ringing = ringingForm{Hours: hours, Seconds: secs, HoursErr: ps["hours"], SecondsErr: ps["ring_seconds"]}
			p.Sequential = sequential
		})
		return
	}
	if err != nil {
		c.fail(w, r, err)
		return
	}
	how := "all at once"
	if sequential {
		how = "one after another"
	}
	c.done(w, r, fmt.Sprintf("set the line's hours to %q, ringing volunteers %s for %d seconds", hours, how, n),
		fmt.Sprintf("The line puts calls through %s, ringing volunteers %s for %d seconds.", hoursWords(hours), how, n),
		c.urls.Console("volunteers"))
}

func hoursWords(h string) string {
	if strings.EqualFold(h, "always") {
		return "at any hour"
	}
	return "on " + h
}

// volunteersExport answers GET /console/volunteers.yaml: the roster as a
// volunteers file, with the numbers in full (a download, never a page).
// Audited.
func (c *Console) volunteersExport(w http.ResponseWriter, r *http.Request) {
	if c.Roster == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	b, err := c.Roster.ExportRoster(ctx)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	if err := c.Audit.Record(ctx, who(ctx), "exported the roster as a volunteers file"); err != nil {
		c.log.ErrorContext(ctx, "console: audit", "who", who(ctx), "err", err)
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="volunteers.yaml"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b)
}

// volunteersImport answers POST /console/volunteers/import: a volunteers
// file (field "file") replaces the roster. A file with problems changes
// nothing; the page names each with its line and field.
func (c *Console) volunteersImport(w http.ResponseWriter, r *http.Request) {
	if c.Roster == nil {
		http.NotFound(w, r)
		return
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		c.volunteersWith(w, r, http.StatusUnprocessableEntity, "Choose a volunteers file (.yaml) to import first.", func(*volunteersPage) {})
		return
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		c.volunteersWith(w, r, http.StatusRequestEntityTooLarge, "That file is too large for a volunteers file.", func(*volunteersPage) {})
		return
	}
	ctx := r.Context()
	ro, err := c.Roster.ReplaceRoster(ctx, hdr.Filename, data)
	var inv *volunteers.InvalidError
	if errors.As(err, &inv) {
		c.volunteersWith(w, r, http.StatusUnprocessableEntity, hdr.Filename+" was not imported: the roster is unchanged. What is wrong with it is listed under Import.", func(p *volunteersPage) {
			for _, pr := range inv.Problems {
				p.ImportErrs = append(p.ImportErrs, problemWords(pr))
			}
		})
		return
	}
	if err != nil {
		c.fail(w, r, err)
		return
	}
	c.done(w, r, fmt.Sprintf("imported %s as the roster (%d volunteers)", hdr.Filename, len(ro.Volunteers)),
		fmt.Sprintf("%s is the roster now: %d volunteers.", hdr.Filename, len(ro.Volunteers)), c.urls.Console("volunteers"))
}

// problemWords says one problem of an imported file: where, which field,
// and why, never the value (it may be a number).
func problemWords(p volunteers.Problem) string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "Line %d", p.Line)
	} else {
		b.WriteString("The file")
	}
	if p.Entry > 0 {
		fmt.Fprintf(&b, ", volunteer %d", p.Entry)
		if p.Name != "" {
			fmt.Fprintf(&b, " (%s)", p.Name)
		}
	}
	if p.Field != "" {
		fmt.Fprintf(&b, ", %s", p.Field)
	}
	b.WriteString(": " + p.Reason)
	return b.String()
}
