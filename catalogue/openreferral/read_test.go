package openreferral

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// wantSkip is a skipped record: its id, the field at fault, and the start of the reason.
type wantSkip struct {
	record, field, reason string
}

func ids(acts []catalogue.Activity) []string {
	var out []string
	for _, a := range acts {
		out = append(out, a.ID)
	}
	return out
}

func checkSkipped(t *testing.T, got []*catalogue.RecordError, want []wantSkip) {
	t.Helper()
	if len(got) != len(want) {
		for _, g := range got {
			t.Logf("skipped: %v", g)
		}
		t.Fatalf("got %d skipped; want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Record != w.record || g.Field != w.field || !strings.HasPrefix(g.Reason, w.reason) {
			t.Errorf("skipped[%d] = record %q field %q reason %q; want record %q field %q reason %q...", i, g.Record, g.Field, g.Reason, w.record, w.field, w.reason)
		}
		if g.Source == "" {
			t.Errorf("skipped[%d] has no source", i)
		}
	}
}

// testNow is the clock of the tests' checks: a day when every fixture's
// schedule is current, except those written to have ended.
func testNow() time.Time { return time.Date(2026, 3, 3, 9, 0, 0, 0, catalogue.London) }

// locate is a fake postcode lookup knowing one postcode.
func locate(pc string) (float64, float64, bool) {
	if pc == "NR30 3BX" {
		return 52.6053, 1.7285, true
	}
	return 0, 0, false
}

func TestReadPages(t *testing.T) {
	tests := []struct {
		file     string
		wantIDs  []string
		wantSkip []wantSkip
	}{
		{"v3/page1.json", []string{"v3-walk", "v3-memory-cafe"}, []wantSkip{
			{"v3-no-name", "name", "missing"},
			{"v3-new-york", "service_at_locations[0].location.latitude", "outside the UK"},
		}},
		{"v3/page2.json", []string{"v3-dig", "v3-closed"}, []wantSkip{
			{"v3-bad-schedule", "schedules[0].byday", "unparseable schedule"},
			{"v3-bad-postcode", "service_at_locations[0].location.addresses[0].postal_code", "unparseable postcode"},
		}},
		{"v3/page3.json", []string{"v3-crafts@loc-a", "v3-crafts@loc-b"}, []wantSkip{
			{"v3-online", "service_at_locations", "online only"},
			{"v3-debt", "attributes", "no taxonomy term"},
		}},
		{"v1/page1.json", []string{"101", "103"}, []wantSkip{
			{"102", "name", "missing"},
		}},
		{"v1/page2.json", nil, []wantSkip{
			{"104", "service_at_locations[0].location.latitude", "outside the UK"},
			{"105", "regular_schedules[0].opens_at", "unparseable schedule"},
			{"106", "service_at_locations[0].location.physical_addresses[0].postal_code", "unparseable postcode"},
		}},
		{"v1/page3.json", []string{"107", "109"}, []wantSkip{
			{"108", "service_at_locations", "online only"},
		}},
	}
	im, err := New(Options{Checks: catalogue.Checks{Locate: locate, Now: testNow}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			load, err := im.ReadFile(path)
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			if got := ids(load.Activities); !slices.Equal(got, tt.wantIDs) {
				t.Errorf("got ids %q; want %q", got, tt.wantIDs)
			}
			checkSkipped(t, load.Skipped, tt.wantSkip)
			if load.Source != path {
				t.Errorf("got source %q; want %q", load.Source, path)
			}
			for _, a := range load.Activities {
				if !strings.HasPrefix(a.Source, path+"#") {
					t.Errorf("activity %s: got source %q; want prefix %q", a.ID, a.Source, path+"#")
				}
			}
		})
	}
}

func find(t *testing.T, load catalogue.Load, id string) catalogue.Activity {
	t.Helper()
	for _, a := range load.Activities {
		if a.ID == id {
			return a
		}
	}
	t.Fatalf("no activity %q in %q", id, ids(load.Activities))
	return catalogue.Activity{}
}

func readAll(t *testing.T, im *Importer, dir string) catalogue.Load {
	t.Helper()
	var all catalogue.Load
	for i := 1; i <= 3; i++ {
		load, err := im.ReadFile(filepath.Join("testdata", dir, "page"+string(rune('0'+i))+".json"))
		if err != nil {
			t.Fatal(err)
		}
		all.Activities = append(all.Activities, load.Activities...)
		all.Skipped = append(all.Skipped, load.Skipped...)
	}
	return all
}

func TestMapping(t *testing.T) {
	im, err := New(Options{Checks: catalogue.Checks{Locate: locate, Now: testNow}})
	if err != nil {
		t.Fatal(err)
	}
	v3 := readAll(t, im, "v3")
	v1 := readAll(t, im, "v1")

	walk := find(t, v3, "v3-walk")
	want := catalogue.Activity{
		ID: "v3-walk", Title: "Frome Heritage Walk", Organisation: "Frome Heritage Trust",
		Summary:     "A gentle guided walk through Frome's old town.",
		Description: "A gentle guided walk through Frome's old town. Tea afterwards.",
		Category:    catalogue.Walk, Tags: []string{catalogue.TagDementiaFriendly},
		Venue: "Frome Heritage Museum", Address: "1 North Parade", Town: "Frome", Postcode: "BA11 1AT",
		Lat: 51.2306, Lon: -2.3211,
		Schedule: catalogue.Schedule{
			Rules: []catalogue.Rule{{Freq: catalogue.Weekly, Days: []time.Weekday{time.Tuesday}, Opens: 600, Closes: 690}},
			Text:  "Every Tuesday morning",
		},
		Cost: "Free", Free: true, Phone: "01632 960101", Referral: catalogue.SelfReferral, Active: true,
		Source: "testdata/v3/page1.json#v3-walk",
	}
	if !equalActivity(walk, want) {
		t.Errorf("got\n%+v\nwant\n%+v", walk, want)
	}

	tests := []struct {
		name  string
		got   catalogue.Activity
		check func(a catalogue.Activity) (got, want any)
	}{
		{"v3 monthly first and third Thursday", find(t, v3, "v3-memory-cafe"), func(a catalogue.Activity) (any, any) {
			return a.Schedule.Rules, []catalogue.Rule{{Freq: catalogue.Monthly, Days: []time.Weekday{time.Thursday}, Weeks: []int{1, 3}, Opens: 630, Closes: 720}}
		}},
		{"v3 paid with amount", find(t, v3, "v3-memory-cafe"), func(a catalogue.Activity) (any, any) {
			return [2]any{a.Free, a.Cost}, [2]any{false, "£3 per session"}
		}},
		{"v3 category and tags from two terms", find(t, v3, "v3-memory-cafe"), func(a catalogue.Activity) (any, any) {
			return [2]any{a.Category, strings.Join(a.Tags, ",")}, [2]any{catalogue.Cafe, "dementia-friendly,carers-welcome"}
		}},
		{"v3 phone on the service", find(t, v3, "v3-memory-cafe"), func(a catalogue.Activity) (any, any) {
			return a.Phone, "01632 960102"
		}},
		{"v3 fortnightly anchored on dtstart", find(t, v3, "v3-dig"), func(a catalogue.Activity) (any, any) {
			return a.Schedule, catalogue.Schedule{
				Rules:     []catalogue.Rule{{Freq: catalogue.Weekly, Interval: 2, Days: []time.Weekday{time.Friday}, Start: catalogue.Date{Year: 2026, Month: 1, Day: 9}, Opens: 570, Closes: 900}},
				ValidFrom: catalogue.Date{Year: 2026, Month: 1, Day: 1}, ValidTo: catalogue.Date{Year: 2026, Month: 10, Day: 31},
			}
		}},
		{"v3 free from fees wording", find(t, v3, "v3-dig"), func(a catalogue.Activity) (any, any) {
			return [2]any{a.Free, a.Cost}, [2]any{true, "Free, all tools provided"}
		}},
		{"v3 inactive kept, not active", find(t, v3, "v3-closed"), func(a catalogue.Activity) (any, any) {
			return [2]any{a.Active, a.Schedule.Rules[0].Weeks[0]}, [2]any{false, -1}
		}},
		{"v3 second location", find(t, v3, "v3-crafts@loc-b"), func(a catalogue.Activity) (any, any) {
			return [4]any{a.Venue, a.Postcode, a.Category, a.Tags[0]}, [4]any{"Cheese and Grain", "BA11 1BE", catalogue.Crafts, "step-free"}
		}},
		{"v1 weekly, paid string amount, contact phone", find(t, v1, "101"), func(a catalogue.Activity) (any, any) {
			return [5]any{a.Schedule.Rules[0].Days[0], a.Schedule.Rules[0].Opens, a.Free, a.Cost, a.Phone},
				[5]any{time.Wednesday, catalogue.Clock(840), false, "Members: £2.50 per talk", "0115 496 0001"}
		}},
		{"v1 category and tag", find(t, v1, "101"), func(a catalogue.Activity) (any, any) {
			return [3]any{a.Category, strings.Join(a.Tags, ","), a.Organisation}, [3]any{catalogue.HistoryGroup, "step-free", "Nottingham Civic Society"}
		}},
		{"v1 no coordinates: placed by postcode", find(t, v1, "103"), func(a catalogue.Activity) (any, any) {
			return [4]any{a.Lat, a.Lon, a.Free, a.Category}, [4]any{52.6053, 1.7285, true, catalogue.Walk}
		}},
		{"v1 inactive", find(t, v1, "107"), func(a catalogue.Activity) (any, any) {
			return [2]any{a.Active, a.Schedule.Rules[0].Weeks[0]}, [2]any{false, 2}
		}},
		{"v1 weekday object", find(t, v1, "109"), func(a catalogue.Activity) (any, any) {
			return [4]any{a.Schedule.Rules[0].Days[0], a.Postcode, a.Free, a.Category}, [4]any{time.Saturday, "NR32 1XG", true, catalogue.Museum}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := tt.check(tt.got)
			if !deepEqual(got, want) {
				t.Errorf("got %+v; want %+v", got, want)
			}
		})
	}
}

func TestNoLocator(t *testing.T) {
	load, err := ReadFile("testdata/v1/page1.json")
	if err != nil {
		t.Fatal(err)
	}
	checkSkipped(t, load.Skipped, []wantSkip{
		{"102", "name", "missing"},
		{"103", "service_at_locations[0].location.latitude", "missing, and postcode NR30 3BX could not be placed"},
	})
}

func TestReadShapes(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantN   int
		wantErr error
	}{
		{"bare array", `[{"id":"a","name":"Walk","service_at_locations":[{"location":{"latitude":51.2,"longitude":-2.3}}],"attributes":[{"taxonomy_term":{"term":"walk"}}]}]`, 1, nil},
		{"empty v3 page", `{"total_items":0,"empty":true}`, 0, nil},
		{"empty v1 page", `{"totalElements":0,"content":[]}`, 0, nil},
		{"not JSON", `<html>`, 0, ErrFormat},
		{"JSON without a list", `{"services":[]}`, 0, ErrFormat},
		{"a string", `"hello"`, 0, ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			load, err := Read("in", strings.NewReader(tt.in))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got error %v; want %v", err, tt.wantErr)
			}
			if len(load.Activities) != tt.wantN {
				t.Errorf("got %d activities; want %d", len(load.Activities), tt.wantN)
			}
		})
	}
}

func TestBadRecords(t *testing.T) {
	const loc = `"service_at_locations":[{"location":{"latitude":51.2,"longitude":-2.3}}],"attributes":[{"taxonomy_term":{"term":"walk"}}]`
	tests := []struct {
		name string
		in   string
		want wantSkip
	}{
		{"no id", `{"name":"x",` + loc + `}`, wantSkip{"(no id: item 1)", "id", "missing"}},
		{"wrong type", `{"id":"a","name":["x"],` + loc + `}`, wantSkip{"a", "name", "want a string"}},
		{"latitude not a number", `{"id":"a","name":"x","service_at_locations":[{"location":{"latitude":"north","longitude":-2.3}}]}`, wantSkip{"a", "service_at_locations.location.latitude", "want a float64, got string \"north\""}},
		{"record not an object", `42`, wantSkip{"(no id: item 1)", "(record)", "unreadable"}},
		{"no locations", `{"id":"a","name":"x","attributes":[{"taxonomy_term":{"term":"walk"}}]}`, wantSkip{"a", "service_at_locations", "missing"}},
		{"no coordinates or postcode", `{"id":"a","name":"x","service_at_locations":[{"location":{"name":"Hall"}}],"attributes":[{"taxonomy_term":{"term":"walk"}}]}`, wantSkip{"a", "service_at_locations[0].location.latitude", "missing, and no postcode"}},
		{"monthly without week", `{"id":"a","name":"x",` + loc + `,"schedules":[{"freq":"MONTHLY","byday":"TH","opens_at":"10:00","closes_at":"11:00"}]}`, wantSkip{"a", "schedules[0].byday", "unparseable schedule"}},
		{"closes before opens", `{"id":"a","name":"x",` + loc + `,"schedules":[{"freq":"WEEKLY","byday":"TH","opens_at":"12:00","closes_at":"11:00"}]}`, wantSkip{"a", "schedules[0].closes_at", "unparseable schedule"}},
		{"bad valid_to", `{"id":"a","name":"x",` + loc + `,"schedules":[{"freq":"WEEKLY","byday":"TH","opens_at":"10:00","closes_at":"11:00","valid_to":"soon"}]}`, wantSkip{"a", "schedules[0].valid_to", "unparseable date"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			load, err := Read("in", strings.NewReader("["+tt.in+"]"))
			if err != nil {
				t.Fatal(err)
			}
			checkSkipped(t, load.Skipped, []wantSkip{tt.want})
		})
	}
	t.Run("duplicate id", func(t *testing.T) {
		rec := `{"id":"a","name":"x",` + loc + `}`
		load, err := Read("in", strings.NewReader("["+rec+","+rec+"]"))
		if err != nil {
			t.Fatal(err)
		}
		if len(load.Activities) != 1 {
			t.Errorf("got %d activities; want 1", len(load.Activities))
		}
		checkSkipped(t, load.Skipped, []wantSkip{{"a", "id", "duplicate"}})
	})
}

func TestReadFileMissing(t *testing.T) {
	_, err := ReadFile(filepath.Join(t.TempDir(), "nope.json"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v; want an error wrapping os.ErrNotExist", err)
	}
}

func TestReadProgress(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("[")
	for i := range 2500 {
		if i > 0 {
			sb.WriteString(",")
		}
		// Every record lacks a location, so every one is skipped.
		fmt.Fprintf(&sb, `{"id":"s%d","name":"Walk"}`, i)
	}
	sb.WriteString("]")
	var got []Progress
	im, err := New(Options{Progress: func(p Progress) { got = append(got, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Read("big", strings.NewReader(sb.String())); err != nil {
		t.Fatal(err)
	}
	want := []Progress{{1, 1000, 1000}, {1, 2000, 2000}, {1, 2500, 2500}}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v; want %+v", got, want)
	}
}

func TestEmptyValues(t *testing.T) {
	// Real feeds publish "" and null for numbers they do not know.
	in := `[{"id":"a","name":"Walk","status":null,"schedules":[{"freq":"WEEKLY","interval":"","byday":"MO","opens_at":"10:00","closes_at":"11:00"}],
	  "service_at_locations":[{"location":{"latitude":"","longitude":null,"addresses":[{"postal_code":"NR30 3BX"}]}}],
	  "cost_options":[{"amount":"","option":"Free"}],"attributes":[{"taxonomy_term":{"term":"walk"}}]}]`
	im, _ := New(Options{Checks: catalogue.Checks{Locate: locate, Now: testNow}})
	load, err := im.Read("in", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(load.Activities) != 1 {
		t.Fatalf("got %d activities, skipped %v; want 1", len(load.Activities), load.Skipped)
	}
	a := load.Activities[0]
	if a.Lat != 52.6053 || !a.Free || a.Schedule.Rules[0].Interval != 0 || !a.Active {
		t.Errorf("got lat %g free %v interval %d active %v; want 52.6053 true 0 true", a.Lat, a.Free, a.Schedule.Rules[0].Interval, a.Active)
	}
}

// TestEndedScheduleIsNotLoadedAsActive reads a record whose schedule ended
// (valid_to in 2005, and the fixture's own 2026-10-31 read after it): it is
// reported as ended with its id, never loaded as an activity to offer.
func TestEndedScheduleIsNotLoadedAsActive(t *testing.T) {
	page2, err := os.ReadFile(filepath.Join("testdata", "v3", "page2.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		now  time.Time
	}{
		{"ended in 2005", []byte(strings.NewReplacer(`"2026-01-09"`, `"2005-01-07"`, `"2026-01-01"`, `"2005-01-01"`, `"2026-10-31"`, `"2005-12-31"`).Replace(string(page2))), testNow()},
		{"ended since the fixture was written", page2, time.Date(2026, 12, 2, 9, 0, 0, 0, catalogue.London)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			im, err := New(Options{Checks: catalogue.Checks{Locate: locate, Now: func() time.Time { return tt.now }}})
			if err != nil {
				t.Fatal(err)
			}
			load, err := im.Read("page2.json", bytes.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(load.Activities); slices.Contains(got, "v3-dig") {
				t.Errorf("got activities %q; want no v3-dig, whose schedule has ended", got)
			}
			if len(load.Ended) != 1 || load.Ended[0].Record != "v3-dig" || load.Ended[0].Field != "schedule" || load.Ended[0].Source != "page2.json" {
				t.Fatalf("got ended %v; want v3-dig's schedule, from page2.json", load.Ended)
			}
			if s := catalogue.Summarise(load); s.Active != 0 || s.Ended != 1 || s.Complete() {
				t.Errorf("got %d active, %d ended, complete %v; want 0 active, 1 ended, not complete", s.Active, s.Ended, s.Complete())
			}
		})
	}
}
