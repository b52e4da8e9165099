package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/sample"
	"github.com/heritage-line/heritageline/catalogue/source"
)

// The line starts on a real Redis with an Open Referral UK file it has never
// seen (the older v1 shape, a bad record included), is ready, and signposts
// from it.
func TestLineOnOpenReferralFile(t *testing.T) {
	tl := startLine(t, lineOptions{env: map[string]string{
		"CATALOGUE": "../../catalogue/openreferral/testdata/v1/page1.json",
	}})
	reply := tl.text1(tl.sim("+447700900888"), "NR30")
	if !strings.Contains(reply, "1 Time and Tide Walk") {
		t.Errorf("reply = %q; want the Open Referral walk in Great Yarmouth first", reply)
	}
}

// The line serves its catalogue as an Open Referral UK API, and `catalogue
// check` reading that API loads the same activities the line offers: every
// active one of the sample, with the same titles, places and schedules.
func TestCatalogueCheckReadsTheLinesOwnFeed(t *testing.T) {
	tl := startLine(t, lineOptions{})
	out, err := runCmd(t, "catalogue", "check", tl.srv.URL+"/openreferral")
	if err != nil {
		t.Fatalf("check: %v\n%s", err, out)
	}
	if !strings.Contains(out, "32 active, 0 inactive, 0 ended, 0 skipped") {
		t.Errorf("got %q; want the sample's 32 active activities and nothing skipped", out)
	}

	served, err := source.Load(context.Background(), tl.srv.URL+"/openreferral/", source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := sample.Load()
	if err != nil {
		t.Fatal(err)
	}
	describe := func(a catalogue.Activity) string {
		return fmt.Sprintf("%s|%s|%s|%s|%.4f,%.4f|%s|%v|%v", a.Title, a.Category, a.Town, a.Postcode, a.Lat, a.Lon, a.Schedule, a.Tags, a.Free)
	}
	got := map[string]string{}
	for _, a := range served.Activities {
		got[a.ID] = describe(a)
	}
	n := 0
	for _, a := range want.Activities {
		if !a.Active {
			if _, ok := got[a.ID]; ok {
				t.Errorf("%s: inactive, but served", a.ID)
			}
			continue
		}
		n++
		if got[a.ID] != describe(a) {
			t.Errorf("%s: got %q; want %q", a.ID, got[a.ID], describe(a))
		}
	}
	if len(got) != n {
		t.Errorf("served %d activities; want %d", len(got), n)
	}
}
