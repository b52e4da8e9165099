package publish

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// Reader reads one uploaded file, named as it was uploaded, into a Load:
// records it cannot use are in Load.Skipped with their line, field and reason.
// It returns an error only for a file it cannot read at all, wrapping
// ErrUnsupported for a kind of file it does not read.
type Reader func(name string, r io.Reader) (catalogue.Load, error)

// Renderers say an activity as the line does, for previews.
type Renderers struct {
	Spoken   func(r catalogue.Result, now time.Time) string // what a caller hears (words.Book.Describe)
	Text     func(r catalogue.Result, now time.Time) string // what a texter reads (words.Book.Details)
	Segments func(body string) int                          // SMS segments of a text (smstext.Segments)
}

// Live is the catalogue in service (*redisstore.Store).
type Live interface {
	// Activities returns the version in service and its active
	// activities; catalogue.ErrNoCatalogue when none is.
	Activities(ctx context.Context) (version string, acts []catalogue.Activity, err error)
}

// The defaults of Options.
const (
	DefaultKeep    = 10       // published versions kept
	DefaultMaxSize = 32 << 20 // bytes of one upload
)

// Options configures a Service. The zero value gives the defaults.
type Options struct {
	Keep    int     // published versions kept; 0 means DefaultKeep
	MaxDrop float64 // share of the activities in service a publish may take out unaccepted; 0 means catalogue.DefaultMaxDrop
	MaxSize int64   // largest upload in bytes; 0 means DefaultMaxSize
	// ReloadWait bounds how long a publish waits for another instance that
	// is reloading at that moment before putting the version in service
	// itself; 0 means 15 seconds.
	ReloadWait time.Duration
	Now        func() time.Time // nil means time.Now
	Logger     *slog.Logger     // nil discards
}

// Service runs the workflow. It is safe for concurrent use.
type Service struct {
	store  Store
	read   Reader
	render Renderers
	live   Live
	opts   Options
	log    *slog.Logger

	reload atomic.Pointer[func(context.Context) error]

	mu     sync.Mutex
	cached *Version // the last version loaded (versions never change)

	acceptNext atomic.Bool // the coordinator asked for the next reload
	accepted   atomic.Bool // the last Load was one the coordinator chose
}

// New returns a Service keeping drafts and versions in store, reading uploads
// with read, previewing with render, and comparing with live.
func New(store Store, read Reader, render Renderers, live Live, opts Options) *Service {
	if opts.Keep <= 0 {
		opts.Keep = DefaultKeep
	}
	if opts.MaxDrop <= 0 {
		opts.MaxDrop = catalogue.DefaultMaxDrop
	}
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	if opts.ReloadWait <= 0 {
		opts.ReloadWait = 15 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{store: store, read: read, render: render, live: live, opts: opts, log: log}
}

// SetReload gives the Service the way to put the current version in service
// at once (the line's Refresher.Refresh), called after every publish, roll
// back or return to the source. Without it, the change waits for the next
// scheduled reload.
func (s *Service) SetReload(f func(context.Context) error) { s.reload.Store(&f) }

// Upload reads the file r, named name as uploaded, checks every record and
// keeps the result as a draft, compared with the catalogue in service. It
// returns ErrEmpty, ErrTooLarge, ErrUnsupported or ErrUnreadable (wrapped,
// with the reader's words naming the file and where) for a file it cannot
// use; a file with bad records is a draft, whose Load lists them.
func (s *Service) Upload(ctx context.Context, by, name string, r io.Reader) (*Draft, error) {
	name = path.Base(strings.ReplaceAll(strings.TrimSpace(name), `\`, "/"))
	data, err := io.ReadAll(io.LimitReader(r, s.opts.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("publish: upload %s: %w", name, err)
	}
	if int64(len(data)) > s.opts.MaxSize {
		return nil, fmt.Errorf("%w: %s is larger than %d MB", ErrTooLarge, name, s.opts.MaxSize>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrEmpty, name)
	}
	load, err := s.read(name, bytes.NewReader(data))
	switch {
	case errors.Is(err, ErrUnsupported):
		return nil, fmt.Errorf("publish: %s: %w", name, err)
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	d := &Draft{ID: newID(), File: name, By: by, At: s.opts.Now(), Load: load}
	d.Change = s.change(ctx, load.Activities)
	if err := s.store.SaveDraft(ctx, d); err != nil {
		return nil, fmt.Errorf("publish: keep the draft of %s: %w", name, err)
	}
	c := d.Counts()
	s.log.LogAttrs(ctx, slog.LevelInfo, "catalogue uploaded", slog.String("draft", d.ID), slog.String("file", name),
		slog.Int("active", c.Active), slog.Int("inactive", c.Inactive), slog.Int("ended", c.Ended), slog.Int("skipped", c.Skipped))
	return d, nil
}

// Draft returns the draft with id, or ErrNotFound (also once it has expired).
func (s *Service) Draft(ctx context.Context, id string) (*Draft, error) {
	return s.store.Draft(ctx, id)
}

// Preview is one activity as the line would give it.
type Preview struct {
	Activity catalogue.Activity
	Spoken   string // what a caller hears when the line reads it out
	Text     string // the text a texter gets when they ask for its details
	Segments int    // SMS segments of Text
	// Offered is false for an activity the line never offers (inactive);
	// the preview says it all the same.
	Offered bool
}

// Preview renders the draft's activity with id as a caller near it would hear
// it and a texter would read it, at the Service's clock. It returns
// ErrNotFound for an unknown draft or activity.
func (s *Service) Preview(ctx context.Context, draftID, activityID string) (Preview, error) {
	d, err := s.store.Draft(ctx, draftID)
	if err != nil {
		return Preview{}, err
	}
	i := slices.IndexFunc(d.Load.Activities, func(a catalogue.Activity) bool { return a.ID == activityID })
	if i < 0 {
		return Preview{}, fmt.Errorf("%w: draft %s has no activity %q", ErrNotFound, draftID, activityID)
	}
	return s.preview(d.Load.Activities[i]), nil
}

func (s *Service) preview(a catalogue.Activity) Preview {
	now := s.opts.Now()
	res := catalogue.Result{Activity: a}
	if next, ok := a.Schedule.Next(now); ok {
		res.Next = next
	}
	p := Preview{Activity: a, Offered: a.Active}
	if s.render.Spoken != nil {
		p.Spoken = s.render.Spoken(res, now)
	}
	if s.render.Text != nil {
		p.Text = s.render.Text(res, now)
	}
	if s.render.Segments != nil {
		p.Segments = s.render.Segments(p.Text)
	}
	return p
}

// Publish makes the draft the catalogue in service on every instance, as a
// new version, and keeps the newest Options.Keep versions. It refuses a draft
// with no active activity (catalogue.ErrNoActive), and, unless accept, one
// that would take more than Options.MaxDrop of the activities in service out
// at once (*DropError). When the version is kept but cannot be put in service
// at once, it returns the version's Info and an error saying so; the line's
// next reload puts it in service.
func (s *Service) Publish(ctx context.Context, by, draftID string, accept bool) (Info, error) {
	d, err := s.store.Draft(ctx, draftID)
	if err != nil {
		return Info{}, err
	}
	c := d.Counts()
	if c.Active == 0 {
		return Info{}, fmt.Errorf("publish: %s: %w", d.File, catalogue.ErrNoActive)
	}
	if !accept {
		if n := s.inService(ctx); n > 0 && float64(n-c.Active)/float64(n) > s.opts.MaxDrop {
			return Info{}, &DropError{InService: n, Offered: c.Active, MaxDrop: s.opts.MaxDrop}
		}
	}
	info, err := s.store.Publish(ctx, &Version{Info: Info{File: d.File, By: by, At: s.opts.Now(), Counts: c}, Load: d.Load}, s.opts.Keep)
	if err != nil {
		return Info{}, fmt.Errorf("publish: %s: %w", d.File, err)
	}
	s.log.LogAttrs(ctx, slog.LevelInfo, "catalogue published", slog.String("version", info.ID), slog.String("file", d.File),
		slog.Int("active", c.Active), slog.Bool("drop_accepted", accept))
	if err := s.putInService(ctx); err != nil {
		return info, fmt.Errorf("publish: %s is published but not yet in service: %w", info.ID, err)
	}
	return info, nil
}

// Versions lists the versions kept, newest first, and the id of the current
// one ("" when the line follows its CATALOGUE source).
func (s *Service) Versions(ctx context.Context) ([]Info, string, error) {
	return s.store.Versions(ctx)
}

// Rollback makes the kept version id the catalogue in service again, on
// every instance. It returns ErrNotFound for a version not kept, and, when it
// cannot be put in service at once, an error saying so (the next reload
// will).
func (s *Service) Rollback(ctx context.Context, by, id string) error {
	if err := s.store.SetCurrent(ctx, id); err != nil {
		return fmt.Errorf("publish: roll back to %s: %w", id, err)
	}
	s.log.LogAttrs(ctx, slog.LevelInfo, "catalogue rolled back", slog.String("version", id))
	if err := s.putInService(ctx); err != nil {
		return fmt.Errorf("publish: rolled back to %s, not yet in service: %w", id, err)
	}
	return nil
}

// UseSource goes back to the line's CATALOGUE source: no published version is
// current, and the next reload reads the source (at once when it can).
func (s *Service) UseSource(ctx context.Context, by string) error {
	if err := s.store.SetCurrent(ctx, ""); err != nil {
		return fmt.Errorf("publish: go back to the source: %w", err)
	}
	s.log.LogAttrs(ctx, slog.LevelInfo, "catalogue follows its source again")
	if err := s.putInService(ctx); err != nil {
		return fmt.Errorf("publish: back to the source, not yet in service: %w", err)
	}
	return nil
}

// Loader returns the function a catalogue.Refresher reads with: the current
// published version, or, when none is current, what fallback reads (the
// CATALOGUE source). The Load of a version is named "published vN (FILE)".
// It returns the store's error, and no Load, when the store cannot say which
// version is current: the catalogue in service then stays.
func (s *Service) Loader(fallback func(context.Context) (catalogue.Load, error)) func(context.Context) (catalogue.Load, error) {
	return func(ctx context.Context) (catalogue.Load, error) {
		chosen := s.acceptNext.Swap(false)
		_, cur, err := s.store.Versions(ctx)
		if err != nil {
			s.accepted.Store(false)
			return catalogue.Load{}, fmt.Errorf("publish: which version is current: %w", err)
		}
		if cur == "" {
			s.accepted.Store(chosen)
			return fallback(ctx)
		}
		v, err := s.version(ctx, cur)
		if err != nil {
			s.accepted.Store(false)
			return catalogue.Load{}, fmt.Errorf("publish: read version %s: %w", cur, err)
		}
		// A version was checked for its drop when it was published, or
		// chosen by a roll back: the refresher need not hold it again.
		s.accepted.Store(true)
		l := v.Load
		l.Source = "published " + v.Info.ID + " (" + v.Info.File + ")"
		l.Activities = slices.Clone(l.Activities)
		return l, nil
	}
}

// AcceptDrop is for catalogue.RefresherOptions.AcceptDrop: it lets through a
// reload the coordinator chose (a published version, a roll back, a return to
// the source) however many activities it takes out.
func (s *Service) AcceptDrop(catalogue.Hold) bool { return s.accepted.Load() }

// version returns the version id, from memory when it was the last read.
func (s *Service) version(ctx context.Context, id string) (*Version, error) {
	s.mu.Lock()
	v := s.cached
	s.mu.Unlock()
	if v != nil && v.Info.ID == id {
		return v, nil
	}
	v, err := s.store.Version(ctx, id)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.cached = v
	s.mu.Unlock()
	return v, nil
}

// putInService runs the reload now, waiting a little while another instance
// is reloading.
func (s *Service) putInService(ctx context.Context) error {
	f := s.reload.Load()
	if f == nil {
		return nil
	}
	s.acceptNext.Store(true)
	deadline := time.Now().Add(s.opts.ReloadWait)
	for {
		err := (*f)(ctx)
		if !errors.Is(err, catalogue.ErrReplacedElsewhere) || !time.Now().Before(deadline) {
			return err
		}
		s.acceptNext.Store(true)
		t := time.NewTimer(250 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// inService counts the active activities in service; 0 when none is or it
// cannot be read.
func (s *Service) inService(ctx context.Context) int {
	_, acts, err := s.live.Activities(ctx)
	if err != nil {
		return 0
	}
	n := 0
	for i := range acts {
		if acts[i].Active {
			n++
		}
	}
	return n
}

// change compares acts with the catalogue in service, by id: the active
// activities added, removed and changed (any field but the source).
func (s *Service) change(ctx context.Context, acts []catalogue.Activity) Change {
	var c Change
	live := map[string][]byte{}
	_, inService, err := s.live.Activities(ctx)
	if err != nil && !errors.Is(err, catalogue.ErrNoCatalogue) {
		s.log.LogAttrs(ctx, slog.LevelWarn, "could not compare an upload with the catalogue in service", slog.Any("err", err))
	}
	for i := range inService {
		if inService[i].Active {
			live[inService[i].ID] = fingerprint(inService[i])
		}
	}
	c.InService = len(live)
	seen := map[string]bool{}
	for i := range acts {
		a := acts[i]
		if !a.Active {
			continue
		}
		seen[a.ID] = true
		old, ok := live[a.ID]
		switch {
		case !ok:
			c.Added = append(c.Added, a.ID)
		case !bytes.Equal(old, fingerprint(a)):
			c.Changed = append(c.Changed, a.ID)
		}
	}
	for id := range live {
		if !seen[id] {
			c.Removed = append(c.Removed, id)
		}
	}
	slices.Sort(c.Removed)
	return c
}

// fingerprint is an activity's JSON without its source, for comparing.
func fingerprint(a catalogue.Activity) []byte {
	a.Source = ""
	b, _ := json.Marshal(a)
	return b
}

// newID is a random id for a draft.
func newID() string {
	var b [9]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
