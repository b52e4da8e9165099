package openreferral

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
)

// FuzzRead feeds arbitrary bytes to the reader. It must never panic, and what it
// returns must hold together: every activity has an id, a title, a valid
// category and coordinates in the UK; every skipped record names its field.
// Seeds: the fixture pages here and testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	pages, _ := filepath.Glob("testdata/v*/page*.json")
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	im, err := New(Options{Checks: catalogue.Checks{Locate: locate, Now: testNow}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		load, err := im.Read("fuzz", bytes.NewReader(data))
		if err != nil {
			if len(load.Activities) != 0 || len(load.Skipped) != 0 {
				t.Fatalf("got a Load with an error")
			}
			return
		}
		for _, a := range load.Activities {
			checkActivity(t, a)
		}
		for _, s := range load.Skipped {
			if s.Field == "" || s.Reason == "" || s.Record == "" || s.Source != "fuzz" {
				t.Errorf("skipped record not precise: %+v", s)
			}
		}
	})
}

func checkActivity(t *testing.T, a catalogue.Activity) {
	t.Helper()
	if a.ID == "" || a.Title == "" || !a.Category.Valid() {
		t.Errorf("activity %q: missing id, title or category: %+v", a.ID, a)
	}
	if !catalogue.InUK(a.Lat, a.Lon) {
		t.Errorf("activity %q: got %g,%g; want a point in the UK", a.ID, a.Lat, a.Lon)
	}
	for _, r := range a.Schedule.Rules {
		if r.Closes <= r.Opens || len(r.Days) == 0 {
			t.Errorf("activity %q: bad rule %+v", a.ID, r)
		}
		if r.Freq == catalogue.Monthly && len(r.Weeks) == 0 {
			t.Errorf("activity %q: monthly rule with no weeks %+v", a.ID, r)
		}
	}
}
