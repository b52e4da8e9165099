package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/publish"
)

// Publisher is the catalogue workflow the Catalogue page runs
// (*publish.Service): upload into a draft, preview, publish, versions, roll
// back, back to the source.
type Publisher interface {
	Upload(ctx context.Context, by, name string, r io.Reader) (*publish.Draft, error)
	Draft(ctx context.Context, id string) (*publish.Draft, error)
	Preview(ctx context.Context, draftID, activityID string) (publish.Preview, error)
	Publish(ctx context.Context, by, draftID string, accept bool) (publish.Info, error)
	Versions(ctx context.Context) ([]publish.Info, string, error)
	Rollback(ctx context.Context, by, id string) error
	UseSource(ctx context.Context, by string) error
}

var _ Publisher = (*publish.Service)(nil)

// uploadLimit bounds an upload's request: the workflow's own limit on the
// file, and room for the form around it.
const uploadLimit = publish.DefaultMaxSize + 1<<20

// draftActivitiesShown is the most activities a draft's page lists.
const draftActivitiesShown = 500

// cataloguePage is the catalogue in service, the upload form and the
// versions kept.
type cataloguePage struct {
	Unavailable bool
	UploadURL   string
	Current     string // the version in service; "" when the line follows its source
	Versions    []catalogueVersion
	SourceURL   string // POST here to go back to the source
	Keep        int
	InService   catalogueState
}

type catalogueVersion struct {
	ID, File, By string
	At           time.Time
	Counts       publish.Counts
	Current      bool
	RollbackURL  string
}

// draftPage is one upload, checked, before anything goes live.
type draftPage struct {
	ID, File, By string
	At           time.Time
	Counts       publish.Counts
	Change       publish.Change
	Findings     []draftFinding
	Activities   []draftActivity
	More         int // activities beyond those listed
	PublishURL   string
	AskAccept    bool // a publish was refused for taking too many out: offer to accept it
	Preview      *draftPreview
	CatalogueURL string
}

type draftFinding struct {
	Kind, Where, Record, Field, Reason string
}

type draftActivity struct {
	ID, Title, Town string
	Active          bool
	PreviewURL      string
}

type draftPreview struct {
	ID, Title    string
	Spoken, Text string
	Segments     int
	Offered      bool
}

// catalogue answers GET /console/catalogue.
func (c *Console) catalogue(w http.ResponseWriter, r *http.Request) {
	c.catalogueWith(w, r, http.StatusOK, "")
}

func (c *Console) catalogueWith(w http.ResponseWriter, r *http.Request, status int, msg string) {
	p := cataloguePage{UploadURL: c.urls.Console("catalogue/upload"), SourceURL: c.urls.Console("catalogue/source"), Keep: publish.DefaultKeep}
	if c.Publisher == nil {
		p.Unavailable = true
	} else {
		infos, cur, err := c.Publisher.Versions(r.Context())
		if err != nil {
			c.fail(w, r, err)
			return
		}
		p.Current = cur
		for _, in := range infos {
			p.Versions = append(p.Versions, catalogueVersion{ID: in.ID, File: in.File, By: in.By, At: in.At, Counts: in.Counts,
				Current: in.ID == cur, RollbackURL: c.urls.Console("catalogue/versions/" + in.ID + "/rollback")})
		}
	}
	if c.Catalogue != nil {
		st := c.Catalogue()
		p.InService = catalogueState{Known: true, Active: st.Active, Inactive: st.Inactive, Skipped: st.Skipped, InService: st.LastSuccess}
	}
	c.render(w, r, "catalogue", status, page{Title: "Catalogue", Current: "catalogue", Error: msg, Body: p})
}

// catalogueUpload answers POST /console/catalogue/upload: the file (field
// "file") is read and checked into a draft, and the browser goes to the
// draft (303). A file that cannot be read at all shows the page again
// saying precisely why (422).
func (c *Console) catalogueUpload(w http.ResponseWriter, r *http.Request) {
	if c.Publisher == nil {
		http.NotFound(w, r)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, uploadLimit)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			c.catalogueWith(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("That file is larger than %d MB: split it, or take out the pictures.", publish.DefaultMaxSize>>20))
			return
		}
		c.catalogueWith(w, r, http.StatusUnprocessableEntity, "Choose a file to upload first: a workbook (.xlsx), a CSV file (.csv) or an Open Referral file (.json).")
		return
	}
	defer f.Close()
	ctx := r.Context()
	d, err := c.Publisher.Upload(ctx, who(ctx), hdr.Filename, f)
	if err != nil {
		var msg string
		switch {
		case errors.Is(err, publish.ErrEmpty):
			msg = "That file is empty: nothing was read. The catalogue in service is unchanged."
		case errors.Is(err, publish.ErrTooLarge):
			msg = fmt.Sprintf("That file is larger than %d MB: split it, or take out the pictures.", publish.DefaultMaxSize>>20)
		case errors.Is(err, publish.ErrUnsupported):
			msg = "The line reads a workbook (.xlsx), a CSV file (.csv) or an Open Referral file (.json); " + hdr.Filename + " is none of these. The catalogue in service is unchanged."
		case errors.Is(err, publish.ErrUnreadable):
			msg = "That file couldn't be read: " + readerWords(err) + ". The catalogue in service is unchanged."
		default:
			c.fail(w, r, err)
			return
		}
		c.catalogueWith(w, r, http.StatusUnprocessableEntity, msg)
		return
	}
	n := d.Counts()
	c.done(w, r, fmt.Sprintf("uploaded %s as a draft (%d active, %d inactive, %d skipped, %d ended)", d.File, n.Active, n.Inactive, n.Skipped, n.Ended),
		"", c.urls.Console("catalogue/drafts/"+d.ID))
}

// readerWords is a reader's error as the coordinator reads it: the file and
// where, without the packages' names.
func readerWords(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, publish.ErrUnreadable.Error()+": ")
	for _, p := range []string{"csvfile: ", "xlsxfile: ", "openreferral: ", "catalogue: "} {
		s = strings.ReplaceAll(s, p, "")
	}
	return s
}

// draft answers GET /console/catalogue/drafts/{id}: what the upload holds,
// every record skipped or ended with its line and field, the activities, and
// (?preview=ID) one activity as a caller hears it and a texter reads it.
func (c *Console) draft(w http.ResponseWriter, r *http.Request) {
	c.draftWith(w, r, http.StatusOK, "", false)
}

func (c *Console) draftWith(w http.ResponseWriter, r *http.Request, status int, msg string, askAccept bool) {
	if c.Publisher == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	id := mux.Vars(r)["id"]
	d, err := c.Publisher.Draft(ctx, id)
	if errors.Is(err, publish.ErrNotFound) {
		c.catalogueWith(w, r, http.StatusNotFound, "That draft is no longer kept (drafts are kept for a while after their upload): upload the file again.")
		return
	}
	if err != nil {
		c.fail(w, r, err)
		return
	}
	self := c.urls.Console("catalogue/drafts/" + d.ID)
	p := draftPage{ID: d.ID, File: d.File, By: d.By, At: d.At, Counts: d.Counts(), Change: d.Change,
		PublishURL: self + "/publish", AskAccept: askAccept, CatalogueURL: c.urls.Console("catalogue")}
	for _, f := range catalogue.Summarise(d.Load).Findings {
		where := "—"
		if f.Line > 0 {
			where = fmt.Sprintf("line %d", f.Line)
		}
		p.Findings = append(p.Findings, draftFinding{Kind: findingKind(f.Kind), Where: where, Record: f.Record, Field: f.Field, Reason: f.Reason})
	}
	for i, a := range d.Load.Activities {
		if i == draftActivitiesShown {
			p.More = len(d.Load.Activities) - i
			break
		}
		p.Activities = append(p.Activities, draftActivity{ID: a.ID, Title: a.Title, Town: a.Town, Active: a.Active,
			PreviewURL: self + "?preview=" + url.QueryEscape(a.ID) + "#preview"})
	}
	if act := r.URL.Query().Get("preview"); act != "" {
		pv, err := c.Publisher.Preview(ctx, d.ID, act)
		switch {
		case errors.Is(err, publish.ErrNotFound):
			msg = "This draft has no activity " + act + "."
			status = http.StatusNotFound
		case err != nil:
			c.fail(w, r, err)
			return
		default:
			p.Preview = &draftPreview{ID: pv.Activity.ID, Title: pv.Activity.Title, Spoken: pv.Spoken, Text: pv.Text, Segments: pv.Segments, Offered: pv.Offered}
		}
	}
	c.render(w, r, "draft", status, page{Title: "Check " + d.File, Current: "catalogue", Error: msg, Body: p})
}

func findingKind(k catalogue.FindingKind) string {
	switch k {
	case catalogue.FindingSkipped:
		return "Skipped"
	case catalogue.FindingEnded:
		return "Ended, never offered"
	case catalogue.FindingWarning:
		return "Loaded, but check it"
	}
	return string(k)
}

// draftPublish answers POST /console/catalogue/drafts/{id}/publish (accept=1
// lets through a draft that takes many activities out at once).
func (c *Console) draftPublish(w http.ResponseWriter, r *http.Request) {
	if c.Publisher == nil {
		http.NotFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "malformed form", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	id := mux.Vars(r)["id"]
	info, err := c.Publisher.Publish(ctx, who(ctx), id, r.PostForm.Get("accept") == "1")
	var drop *publish.DropError
	switch {
	case err == nil:
		c.done(w, r, fmt.Sprintf("published %s as catalogue version %s (%d activities offered)", info.File, info.ID, info.Counts.Active),
			fmt.Sprintf("%s is published as %s: %d activities are offered from now on, on every instance of the line.", info.File, info.ID, info.Counts.Active),
			c.urls.Console("catalogue"))
	case info.ID != "":
		c.done(w, r, fmt.Sprintf("published %s as catalogue version %s (not yet in service)", info.File, info.ID),
			fmt.Sprintf("%s is published as %s, but couldn't be put in service at once: the line's next reload will.", info.File, info.ID),
			c.urls.Console("catalogue"))
	case errors.As(err, &drop):
		c.draftWith(w, r, http.StatusConflict, fmt.Sprintf("Not published: this file would take %d of the %d activities in service out at once (more than %.0f%%). If that is what you mean, tick the box and publish again.",
			drop.InService-drop.Offered, drop.InService, 100*drop.MaxDrop), true)
	case errors.Is(err, catalogue.ErrNoActive):
		c.draftWith(w, r, http.StatusConflict, "Not published: this file has no activity the line could offer. The catalogue in service is unchanged.", false)
	case errors.Is(err, publish.ErrNotFound):
		c.catalogueWith(w, r, http.StatusNotFound, "That draft is no longer kept: upload the file again.")
	default:
		c.fail(w, r, err)
	}
}

// catalogueRollback answers POST /console/catalogue/versions/{id}/rollback.
func (c *Console) catalogueRollback(w http.ResponseWriter, r *http.Request) {
	if c.Publisher == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	id := mux.Vars(r)["id"]
	err := c.Publisher.Rollback(ctx, who(ctx), id)
	switch {
	case errors.Is(err, publish.ErrNotFound):
		c.catalogueWith(w, r, http.StatusNotFound, "Version "+id+" is no longer kept (the newest ten are).")
	case err != nil && c.current(ctx) == id:
		c.log.WarnContext(ctx, "console: roll back not yet in service", "version", id, "err", err)
		c.done(w, r, "rolled the catalogue back to "+id+" (not yet in service)", "Rolled back to "+id+", but it couldn't be put in service at once: the line's next reload will.", c.urls.Console("catalogue"))
	case err != nil:
		c.fail(w, r, err)
	default:
		c.done(w, r, "rolled the catalogue back to "+id, "Rolled back: "+id+" is in service again, on every instance of the line.", c.urls.Console("catalogue"))
	}
}

// current is the version in service, "?" when it cannot be read: after a
// roll back that returned an error, it tells a change made but not yet in
// service from one not made.
func (c *Console) current(ctx context.Context) string {
	_, cur, err := c.Publisher.Versions(ctx)
	if err != nil {
		return "?"
	}
	return cur
}

// catalogueSource answers POST /console/catalogue/source: the line follows
// its CATALOGUE source again.
func (c *Console) catalogueSource(w http.ResponseWriter, r *http.Request) {
	if c.Publisher == nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	if err := c.Publisher.UseSource(ctx, who(ctx)); err != nil {
		if c.current(ctx) != "" {
			c.fail(w, r, err)
			return
		}
		c.log.WarnContext(ctx, "console: back to the source, not yet in service", "err", err)
	}
	c.done(w, r, "put the line's own catalogue source (CATALOGUE) back in service", "The line follows its own catalogue source (CATALOGUE) again.", c.urls.Console("catalogue"))
}
