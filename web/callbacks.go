package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode"

	"github.com/gorilla/mux"

	"github.com/heritage-line/heritageline/coordinators"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/volunteers"
)

// callbacksDesk is what the Callbacks page needs of the desk: the same
// queue volunteers work by text.
type callbacksDesk interface {
	Queue(ctx context.Context) ([]volunteers.Waiting, error)
	Notes(ctx context.Context, ref string) ([]volunteers.Note, bool, error)
	TakeFor(ctx context.Context, t volunteers.Taker, ref string) error
	NoteFor(ctx context.Context, name, ref, text string) error
	DoneFor(ctx context.Context, name, ref string) error
}

// callbacksShown is the most callbacks the page lists, oldest first.
const callbacksShown = 100

// callbacksPage is the callback queue, oldest first, with each callback's
// notes and what the coordinator can do with it.
type callbacksPage struct {
	Unavailable bool
	Callbacks   []callbackCard
	More        int    // open callbacks beyond those shown
	PhoneEnding string // the coordinator's own phone, last three digits; "" if none is set
	Email       string
	Name        string // as volunteers read it on LIST
}

type callbackCard struct {
	Ref, Kind, Age, Ending, TakenBy string
	Mine                            bool // taken by this coordinator
	Notes                           []callbackNote
	NotesErr                        bool
	TakeURL, NoteURL, DoneURL       string
}

type callbackNote struct {
	By   string
	At   time.Time
	Text string
}

// callbacks answers GET /console/callbacks.
func (c *Console) callbacks(w http.ResponseWriter, r *http.Request) {
	c.callbacksWith(w, r, http.StatusOK, "")
}

// callbacksWith renders the page with status and, if not "", a message
// saying what went wrong with what was just sent.
func (c *Console) callbacksWith(w http.ResponseWriter, r *http.Request, status int, msg string) {
	p, err := c.callbacksPage(r.Context())
	if err != nil {
		c.fail(w, r, err)
		return
	}
	c.render(w, r, "callbacks", status, page{Title: "Callbacks", Current: "callbacks", Error: msg, Body: p})
}

func (c *Console) callbacksPage(ctx context.Context) (callbacksPage, error) {
	email := who(ctx)
	p := callbacksPage{Email: email, Name: coordinatorName(email)}
	desk := c.Desk
	if desk == nil {
		p.Unavailable = true
		return p, nil
	}
	if acct, err := c.Accounts.Get(ctx, email); err == nil && acct.Phone != "" {
		p.PhoneEnding = strings.TrimPrefix(privacy.Mask(acct.Phone), "ending ")
	} else if err != nil && !errors.Is(err, coordinators.ErrNoAccount) {
		return p, err
	}
	q, err := desk.Queue(ctx)
	if err != nil {
		return p, err
	}
	if len(q) > callbacksShown {
		p.More = len(q) - callbacksShown
		q = q[:callbacksShown]
	}
	now := c.Now()
	for _, cb := range q {
		card := callbackCard{
			Ref: cb.Ref, Kind: kindName(cb.Kind), Age: ago(now.Sub(cb.Requested)), Ending: cb.Ending,
			TakenBy: cb.TakenBy, Mine: cb.TakenBy != "" && cb.TakenBy == p.Name,
			TakeURL: c.urls.Console("callbacks/" + cb.Ref + "/take"),
			NoteURL: c.urls.Console("callbacks/" + cb.Ref + "/note"),
			DoneURL: c.urls.Console("callbacks/" + cb.Ref + "/done"),
		}
		if cb.Notes > 0 {
			notes, _, err := desk.Notes(ctx, cb.Ref)
			if err != nil && !errors.Is(err, volunteers.ErrUnknownCallback) {
				c.log.ErrorContext(ctx, "console: callback notes", "ref", cb.Ref, "err", err)
				card.NotesErr = true
			}
			for i := len(notes) - 1; i >= 0; i-- {
				card.Notes = append(card.Notes, callbackNote{By: notes[i].By, At: notes[i].At, Text: notes[i].Text})
			}
		}
		p.Callbacks = append(p.Callbacks, card)
	}
	return p, nil
}

// callbackAction answers POST /console/callbacks/{ref}/take, /note and
// /done. Each is written to the audit log; one that cannot be done shows
// the page again saying why.
func (c *Console) callbackAction(w http.ResponseWriter, r *http.Request) {
	desk := c.Desk
	if desk == nil {
		http.Error(w, "the callback queue is not available on this line", http.StatusNotFound)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "malformed form", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	vars := mux.Vars(r)
	ref, action := strings.ToUpper(vars["ref"]), vars["action"]
	email := who(ctx)
	name := coordinatorName(email)
	back := c.urls.Console("callbacks")
	var err error
	switch action {
	case "take":
		acct, aerr := c.Accounts.Get(ctx, email)
		if aerr != nil {
			c.fail(w, r, aerr)
			return
		}
		if acct.Phone == "" {
			c.callbacksWith(w, r, http.StatusConflict, "To take a callback from here the line needs your own phone number, to ring you first. Ask whoever runs the line's server to set it: heritageline coordinator phone "+email+" followed by your number.")
			return
		}
		if err = desk.TakeFor(ctx, volunteers.Taker{Name: name, Phone: acct.Phone}, ref); err == nil {
			c.done(w, r, fmt.Sprintf("took callback %s (the line rang their phone %s)", ref, privacy.Mask(acct.Phone)),
				fmt.Sprintf("%s is yours. The line is ringing your phone %s now: answer and press 1, and it rings the resident, showing the line's number.", ref, privacy.Mask(acct.Phone)), back)
			return
		}
	case "note":
		text := strings.TrimSpace(r.PostForm.Get("note"))
		if text == "" {
			c.callbacksWith(w, r, http.StatusUnprocessableEntity, "The note for "+ref+" was empty: write what happened, then press Add note.")
			return
		}
		if err = desk.NoteFor(ctx, name, ref, text); err == nil {
			c.done(w, r, "added a note to callback "+ref, "Note kept on "+ref+".", back+"#"+ref)
			return
		}
	case "done":
		if err = desk.DoneFor(ctx, name, ref); err == nil {
			c.done(w, r, "marked callback "+ref+" done", ref+" is closed. Its number and notes are forgotten.", back)
			return
		}
	default:
		http.NotFound(w, r)
		return
	}
	var held *volunteers.HeldError
	switch {
	case errors.Is(err, volunteers.ErrUnknownCallback):
		c.callbacksWith(w, r, http.StatusNotFound, "There is no open callback "+ref+": it may have been closed and expired.")
	case errors.As(err, &held) && held.Done && held.By != "":
		c.callbacksWith(w, r, http.StatusConflict, ref+" was already closed by "+held.By+".")
	case errors.As(err, &held) && held.Done:
		c.callbacksWith(w, r, http.StatusConflict, ref+" is already closed.")
	case errors.As(err, &held):
		c.callbacksWith(w, r, http.StatusConflict, ref+" has already been taken by "+held.By+".")
	case errors.Is(err, volunteers.ErrCannotRing):
		c.callbacksWith(w, r, http.StatusConflict, "The line can't ring "+ref+": the resident's number, or your own phone, is not one the line may ring (the number policy). Nobody was rung.")
	case errors.Is(err, volunteers.ErrRingFailed):
		c.callbacksWith(w, r, http.StatusBadGateway, "The line couldn't ring your phone just now (Twilio did not start the call), so "+ref+" is back on the queue. Please try again in a minute.")
	default:
		c.fail(w, r, err)
	}
}

// coordinatorName is how volunteers read a coordinator's name on LIST and
// NOTES: the first part of their email address, capitalised
// ("jo.smith@museum.example" is "Jo").
func coordinatorName(email string) string {
	local, _, _ := strings.Cut(email, "@")
	if i := strings.IndexAny(local, "._-+0123456789"); i > 0 {
		local = local[:i]
	}
	r := []rune(local)
	if len(r) == 0 {
		return "Coordinator"
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
