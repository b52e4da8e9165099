package publish_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
	"github.com/heritage-line/heritageline/catalogue/openreferral"
	"github.com/heritage-line/heritageline/catalogue/publish"
	"github.com/heritage-line/heritageline/catalogue/published"
	"github.com/heritage-line/heritageline/catalogue/redisstore"
	"github.com/heritage-line/heritageline/catalogue/sample"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/smstext"
	"github.com/heritage-line/heritageline/words"
)

// now is a Wednesday in November 2026.
var now = time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London)

// read reads an upload by its name's ending, as the line does.
func read(name string, r io.Reader) (catalogue.Load, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".csv":
		return csvfile.Read(name, r)
	case ".json":
		im, err := openreferral.New(openreferral.Options{Checks: csvfile.PlaceChecks()})
		if err != nil {
			return catalogue.Load{}, err
		}
		return im.Read(name, r)
	}
	return catalogue.Load{}, fmt.Errorf("%w: %s", publish.ErrUnsupported, name)
}

var renderers = publish.Renderers{Spoken: words.For(words.English).Describe, Text: words.For(words.English).Details, Segments: smstext.Segments}

// instance is one instance of the line's catalogue side: a Redis store, the
// workflow, and the refresher that reads the published version or else the
// sample (the CATALOGUE source).
type instance struct {
	store     *redisstore.Store
	svc       *publish.Service
	refresher *catalogue.Refresher
}

func newInstance(t *testing.T, rdb redis.UniversalClient) *instance {
	t.Helper()
	log := slog.New(slog.NewTextHandler(tWriter{t}, nil))
	in := &instance{store: redisstore.New(rdb, redisstore.Options{Logger: log, Recheck: -1})}
	in.svc = publish.New(published.New(rdb, published.Options{}), read, renderers, in.store,
		publish.Options{Now: func() time.Time { return now }, Logger: log})
	in.refresher = catalogue.NewRefresher(in.svc.Loader(func(context.Context) (catalogue.Load, error) { return sample.Load() }),
		in.store, catalogue.RefresherOptions{Logger: log, AcceptDrop: in.svc.AcceptDrop})
	in.svc.SetReload(in.refresher.Refresh)
	if err := in.refresher.Refresh(context.Background()); err != nil && !errors.Is(err, catalogue.ErrReplacedElsewhere) {
		t.Fatal(err)
	}
	return in
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func upload(t *testing.T, in *instance, file string) *publish.Draft {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	d, err := in.svc.Upload(context.Background(), "coordinator@example.org", file, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// inService is the ids of the activities the line offers now.
func inService(t *testing.T, in *instance) []string {
	t.Helper()
	_, acts, err := in.store.Activities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range acts {
		ids = append(ids, a.ID)
	}
	return ids
}

// The whole workflow on real Redis, with two instances of the line: an upload
// with two mistakes and an ended activity names all three with line and field
// before anything goes live;
// publishing it puts it in service on both; a much smaller catalogue is
// refused until accepted; a roll back and a return to the source work too.
func TestWorkflow(t *testing.T) {
	rdb, _ := redistest.Start(t)
	ctx := context.Background()
	a, b := newInstance(t, rdb), newInstance(t, rdb)
	if n := len(inService(t, a)); n != 32 {
		t.Fatalf("at start: %d activities in service; want the sample's 32", n)
	}

	d := upload(t, a, "testdata/mistake.csv")
	var skipped []string
	for _, e := range d.Load.Skipped {
		skipped = append(skipped, fmt.Sprintf("%s line %d %s %s", path.Base(e.Source), e.Line, e.Record, e.Field))
	}
	wantSkipped := []string{"mistake.csv line 6 frome-trinity-walk schedule", "mistake.csv line 16 lace-market-walk postcode"}
	if !slices.Equal(skipped, wantSkipped) {
		t.Errorf("skipped: got %q; want %q", skipped, wantSkipped)
	}
	var ended []string
	for _, e := range d.Load.Ended {
		ended = append(ended, fmt.Sprintf("%s line %d %s %s", path.Base(e.Source), e.Line, e.Record, e.Field))
	}
	if want := []string{"mistake.csv line 37 ended-walk schedule"}; !slices.Equal(ended, want) {
		t.Errorf("ended: got %q; want %q", ended, want)
	}
	if c := d.Counts(); c.Active != 30 || c.Inactive != 2 || c.Skipped != 2 || c.Ended != 1 {
		t.Errorf("counts: got %+v; want 30 active, 2 inactive, 2 skipped, 1 ended", c)
	}
	if ch := d.Change; ch.InService != 32 || len(ch.Added) != 0 || !slices.Equal(ch.Removed, []string{"frome-trinity-walk", "lace-market-walk"}) || len(ch.Changed) != 0 {
		t.Errorf("change: got %+v; want 2 removed of 32", ch)
	}
	if n := len(inService(t, a)); n != 32 {
		t.Errorf("after the upload: %d in service; want still 32 (nothing goes live before publishing)", n)
	}
	if got, err := b.svc.Draft(ctx, d.ID); err != nil || got.File != "mistake.csv" {
		t.Errorf("the other instance's view of the draft: got %v, %v", got, err)
	}

	info, err := a.svc.Publish(ctx, "coordinator@example.org", d.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if info.ID != "v1" || info.File != "mistake.csv" || info.Counts.Active != 30 {
		t.Errorf("published: got %+v; want v1 of mistake.csv with 30 active", info)
	}
	if ids := inService(t, a); len(ids) != 30 || slices.Contains(ids, "lace-market-walk") {
		t.Errorf("after publishing: %d in service; want the draft's 30", len(ids))
	}
	if st := a.refresher.Status(); st.Source != "published v1 (mistake.csv)" || st.LastOutcome != catalogue.OutcomeReplaced {
		t.Errorf("refresher: source %q, outcome %q; want published v1 (mistake.csv), replaced", st.Source, st.LastOutcome)
	}
	// The other instance's scheduled reload reads the published version, not
	// its CATALOGUE source, and so keeps it in service.
	if err := b.refresher.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if st := b.refresher.Status(); st.Source != "published v1 (mistake.csv)" || len(inService(t, b)) != 30 {
		t.Errorf("other instance: source %q, %d in service; want published v1 and 30", st.Source, len(inService(t, b)))
	}

	small := upload(t, b, "testdata/small.csv")
	var drop *publish.DropError
	if _, err := b.svc.Publish(ctx, "coordinator@example.org", small.ID, false); !errors.As(err, &drop) || drop.InService != 30 || drop.Offered != 6 {
		t.Fatalf("publishing 6 of 30 unaccepted: got %v; want a DropError 30 to 6", err)
	}
	if n := len(inService(t, a)); n != 30 {
		t.Errorf("after the refused publish: %d in service; want 30", n)
	}
	if info, err = b.svc.Publish(ctx, "coordinator@example.org", small.ID, true); err != nil || info.ID != "v2" {
		t.Fatalf("publishing 6 of 30 accepted: got %+v, %v; want v2", info, err)
	}
	if n := len(inService(t, a)); n != 6 {
		t.Errorf("after the accepted publish: %d in service; want 6", n)
	}
	// Every later scheduled reload keeps the accepted version in service.
	for _, in := range []*instance{a, b} {
		if err := in.refresher.Refresh(ctx); err != nil {
			t.Errorf("scheduled reload after an accepted cut: %v", err)
		}
	}

	if err := a.svc.Rollback(ctx, "coordinator@example.org", "v1"); err != nil {
		t.Fatal(err)
	}
	if n := len(inService(t, b)); n != 30 {
		t.Errorf("after rolling back to v1: %d in service; want 30", n)
	}
	infos, cur, err := b.svc.Versions(ctx)
	if err != nil || cur != "v1" || len(infos) != 2 || infos[0].ID != "v2" {
		t.Errorf("versions: got %v, current %q, %v; want v2, v1 with v1 current", infos, cur, err)
	}
	if err := a.svc.Rollback(ctx, "coordinator@example.org", "v7"); !errors.Is(err, publish.ErrNotFound) {
		t.Errorf("roll back to a version never published: got %v; want ErrNotFound", err)
	}

	if err := b.svc.UseSource(ctx, "coordinator@example.org"); err != nil {
		t.Fatal(err)
	}
	if n := len(inService(t, a)); n != 32 {
		t.Errorf("back to the source: %d in service; want the sample's 32", n)
	}
}

// A preview is what a caller hears and a texter reads, with the text's SMS
// segments.
func TestPreview(t *testing.T) {
	rdb, _ := redistest.Start(t)
	in := newInstance(t, rdb)
	d := upload(t, in, "testdata/mistake.csv")
	p, err := in.svc.Preview(context.Background(), d.ID, "frome-weaving-taster")
	if err != nil {
		t.Fatal(err)
	}
	wantSpoken := "Cloth-town spinning and weaving taster. At Frome Heritage Museum, Frome, under a quarter of a mile away. Every other Friday, ten till twelve. The next is this Friday, the twenty-seventh of November. £2. Seated activity."
	if p.Spoken != wantSpoken {
		t.Errorf("spoken:\ngot  %q\nwant %q", p.Spoken, wantSpoken)
	}
	for _, want := range []string{"Cloth-town spinning and weaving taster", "When: Alt Fri 10:00. Next: Fri 27 Nov", "Booking needed: 01632 960107"} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("text %q lacks %q", p.Text, want)
		}
	}
	if p.Segments != smstext.Segments(p.Text) || p.Segments < 1 || p.Segments > smstext.MaxSegments || !p.Offered {
		t.Errorf("segments %d, offered %v; want the text's segments (1 to 3) and offered", p.Segments, p.Offered)
	}
	if p, err := in.svc.Preview(context.Background(), d.ID, "frome-tapestry-group"); err != nil || p.Offered {
		t.Errorf("an inactive activity: got offered %v, %v; want a preview that says it is not offered", p.Offered, err)
	}
	for _, ids := range [][2]string{{d.ID, "no-such-activity"}, {"no-such-draft", "frome-weaving-taster"}, {d.ID, "lace-market-walk"}} {
		if _, err := in.svc.Preview(context.Background(), ids[0], ids[1]); !errors.Is(err, publish.ErrNotFound) {
			t.Errorf("preview %v: got %v; want ErrNotFound", ids, err)
		}
	}
}

func TestUploadRefused(t *testing.T) {
	rdb, _ := redistest.Start(t)
	rdb2 := rdb
	st := published.New(rdb2, published.Options{})
	svc := publish.New(st, read, renderers, redisstore.New(rdb, redisstore.Options{}), publish.Options{MaxSize: 1 << 10})
	tests := []struct {
		name, file, body string
		want             error
		wantText         string
	}{
		{"empty", "a.csv", " \n", publish.ErrEmpty, "a.csv"},
		{"too large", "a.csv", strings.Repeat("x", 2<<10), publish.ErrTooLarge, "a.csv"},
		{"a picture", "photo.png", "\x89PNG", publish.ErrUnsupported, "photo.png"},
		{"unknown column", "b.csv", "id,title,colour\nx,y,z\n", publish.ErrUnreadable, "colour"},
		{"not JSON", "c.json", "{nope", publish.ErrUnreadable, "c.json"},
		{"a path is only a name", `C:\Users\me\d.png`, "x", publish.ErrUnsupported, "d.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := svc.Upload(context.Background(), "c@example.org", tt.file, strings.NewReader(tt.body))
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.wantText) || d != nil {
				t.Errorf("got %v, %v; want %v naming %q", d, err, tt.want, tt.wantText)
			}
			if strings.Contains(err.Error(), `C:\`) {
				t.Errorf("error %q shows the uploader's path", err)
			}
		})
	}
	// A draft with no activity to offer can be looked at, not published.
	d, err := svc.Upload(context.Background(), "c@example.org", "none.csv", strings.NewReader("id,title,category,schedule,town,postcode\nx,,walk,every Monday 10:00-11:00,Frome,BA11 1AT\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Publish(context.Background(), "c@example.org", d.ID, true); !errors.Is(err, catalogue.ErrNoActive) {
		t.Errorf("publishing nothing: got %v; want ErrNoActive", err)
	}
}

// Only the newest ten versions are kept.
func TestKeepsTen(t *testing.T) {
	rdb, _ := redistest.Start(t)
	in := newInstance(t, rdb)
	d := upload(t, in, "testdata/mistake.csv")
	for range 12 {
		if _, err := in.svc.Publish(context.Background(), "c@example.org", d.ID, false); err != nil {
			t.Fatal(err)
		}
	}
	infos, cur, err := in.svc.Versions(context.Background())
	if err != nil || len(infos) != 10 || cur != "v12" || infos[9].ID != "v3" {
		t.Errorf("got %d versions, current %q, %v; want v12 to v3, v12 current", len(infos), cur, err)
	}
}
