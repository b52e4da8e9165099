package feed

import (
	"context"
	"net/url"
	"reflect"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
	"github.com/heritage-line/heritageline/catalogue/openreferral"
)

// readBack serves acts and reads them back through the line's own importer,
// as `heritageline catalogue check URL` does, a few services to a page so
// that paging is followed.
func readBack(t *testing.T, acts []catalogue.Activity) (catalogue.Load, string) {
	t.Helper()
	srv := serve(t, &fakeCatalogue{version: "v1", acts: acts})
	im, err := openreferral.New(openreferral.Options{PerPage: 4, Checks: csvfile.PlaceChecks()})
	if err != nil {
		t.Fatal(err)
	}
	base := srv.URL + "/openreferral"
	load, err := im.Fetch(context.Background(), base)
	if err != nil {
		t.Fatal(err)
	}
	return load, base
}

// Served and read back through catalogue/openreferral, the sample catalogue
// and the edge cases are the same activities, field for field, except where
// HSDS has no place for a field or the importer fills one in: the source
// becomes the service's URL, an activity with no description gets its summary
// as one, one with no venue its organisation, and a free activity whose cost
// does not say so is "Free" as well.
func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		acts []catalogue.Activity
	}{
		{"sample", sampleActs(t)},
		{"edges", edgeActs(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			load, base := readBack(t, tc.acts)
			tc.acts = offered(tc.acts)
			if len(load.Skipped) > 0 {
				t.Errorf("skipped %v; want none", load.Skipped)
			}
			got := map[string]catalogue.Activity{}
			for _, a := range load.Activities {
				got[a.ID] = a
			}
			if len(got) != len(tc.acts) || len(load.Activities) != len(tc.acts) {
				t.Errorf("read back %d activities; want %d", len(load.Activities), len(tc.acts))
			}
			for _, want := range tc.acts {
				g, ok := got[want.ID]
				if !ok {
					t.Errorf("%s: not read back", want.ID)
					continue
				}
				want.Source = base + "/services/" + url.PathEscape(want.ID)
				if want.Description == "" {
					want.Description = want.Summary
				}
				if want.Venue == "" {
					want.Venue = want.Organisation
				}
				if want.Cost == "" && want.Free {
					want.Cost = "Free"
				}
				if want.Free && want.Cost != "Free" && !saysFree(want.Cost) {
					want.Cost = "Free; " + want.Cost
				}
				compareActivity(t, g, want)
			}
		})
	}
}

// compareActivity reports every field of got that differs from want.
func compareActivity(t *testing.T, got, want catalogue.Activity) {
	t.Helper()
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range gv.NumField() {
		name := gv.Type().Field(i).Name
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		if empty(gv.Field(i)) && empty(wv.Field(i)) { // nil and empty lists alike
			continue
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: %s: got %#v; want %#v", want.ID, name, g, w)
		}
	}
}

func empty(v reflect.Value) bool { return v.Kind() == reflect.Slice && v.Len() == 0 }
