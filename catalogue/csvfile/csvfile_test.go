package csvfile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/heritage-line/heritageline/catalogue"
)

// fakeChecks stands in for the places package: it knows three postcodes.
var fakeChecks = catalogue.Checks{
	Postcode: func(s string) (string, bool) {
		n := strings.ToUpper(strings.ReplaceAll(s, " ", ""))
		switch n {
		case "BA111AT", "NR306PP", "ZZ999ZZ":
			return n[:len(n)-3] + " " + n[len(n)-3:], true
		case "NR31", "BA11":
			return n, true
		}
		return "", false
	},
	Locate: func(pc string) (float64, float64, bool) {
		switch pc {
		case "BA11 1AT":
			return 51.23, -2.3208, true
		case "NR31":
			return 52.57, 1.73, true
		}
		return 0, 0, false
	},
}

const goodFile = `# A comment line is ignored.
title,id,category,schedule,town,postcode,latitude,longitude,cost,free,tags,booking,referral,languages,status,summary
Heritage Café,cafe-1,cafe,"first Thursday of the month, 10:30-12:00",Frome,ba11 1at,51.2300,-2.3208,Free,,dementia-friendly; step-free,no,self,,active,A friendly café.
Weaving,weave-1,Crafts,"every other Friday from 2026-01-09, 10:00-12:00",Frome,BA11 1AT,,,£2,,,yes,link-worker,Polish;Urdu,,Spin and weave.
Old walk,walk-1,walk,"every Tuesday, 10:00-12:00",Gorleston,NR31,,,Free (donations welcome),,,,,,inactive,
Paid but free,paid-1,museum,"every Monday, 11:00-12:00",Frome,BA11 1AT,51.23,-2.32,£5,yes,,,,,,
`

func TestRead(t *testing.T) {
	load, err := ReadWith("good.csv", strings.NewReader(goodFile), fakeChecks)
	if err != nil {
		t.Fatal(err)
	}
	if len(load.Skipped) != 0 {
		t.Fatalf("got skipped %v; want none", load.Skipped)
	}
	if len(load.Activities) != 4 {
		t.Fatalf("got %d activities; want 4", len(load.Activities))
	}
	cafe, weave, walk, paid := load.Activities[0], load.Activities[1], load.Activities[2], load.Activities[3]
	checks := []struct {
		name      string
		got, want any
	}{
		{"cafe title", cafe.Title, "Heritage Café"},
		{"cafe postcode normalised", cafe.Postcode, "BA11 1AT"},
		{"cafe tags", cafe.Tags, []string{"dementia-friendly", "step-free"}},
		{"cafe free from cost", cafe.Free, true},
		{"cafe active", cafe.Active, true},
		{"cafe schedule", cafe.Schedule.String(), "first Thursday of the month, 10:30-12:00"},
		{"cafe source", cafe.Source, "good.csv#cafe-1"},
		{"cafe referral", cafe.Referral, catalogue.SelfReferral},
		{"weave category lower-cased", weave.Category, catalogue.Crafts},
		{"weave located from postcode", [2]float64{weave.Lat, weave.Lon}, [2]float64{51.23, -2.3208}},
		{"weave paid", weave.Free, false},
		{"weave booking", weave.BookingNeeded, true},
		{"weave referral", weave.Referral, catalogue.LinkWorker},
		{"weave languages", weave.Languages, []string{"Polish", "Urdu"}},
		{"weave start", weave.Schedule.Rules[0].Start, catalogue.Date{Year: 2026, Month: 1, Day: 9}},
		{"walk kept but inactive", walk.Active, false},
		{"walk free from cost", walk.Free, true},
		{"paid free flag wins over cost", paid.Free, true},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %#v; want %#v", c.name, c.got, c.want)
		}
	}
}

func TestReadHeaderErrors(t *testing.T) {
	tests := []struct {
		name, file, mention string
	}{
		{"empty", "", "empty"},
		{"unknown column", "id,title,category,schedule,town,postcode,colour\n", `"colour"`},
		{"missing columns", "id,title,category\n", "schedule, town, postcode"},
		{"repeated column", "id,title,category,schedule,town,postcode,title\n", "repeated columns title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadWith("bad.csv", strings.NewReader(tt.file), fakeChecks)
			if !errors.Is(err, ErrHeader) {
				t.Fatalf("got %v; want ErrHeader", err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("got %q; want it to mention %s", err, tt.mention)
			}
		})
	}
}

func TestReadBadRows(t *testing.T) {
	const header = "id,title,category,schedule,town,postcode,latitude,longitude,free,booking,status,referral\n"
	const ok = `,x,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.2,-2.3,,,,`
	tests := []struct {
		name, row, field string
	}{
		{"missing id", `,Title,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.2,-2.3,,,,`, "id"},
		{"missing title", `r,,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.2,-2.3,,,,`, "title"},
		{"unknown category", `r,T,bingo,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.2,-2.3,,,,`, "category"},
		{"unparseable schedule", `r,T,walk,"whenever it rains",Frome,BA11 1AT,51.2,-2.3,,,,`, "schedule"},
		{"missing schedule", `r,T,walk,,Frome,BA11 1AT,51.2,-2.3,,,,`, "schedule"},
		{"missing town", `r,T,walk,"every Tuesday, 10:00-12:00",,BA11 1AT,51.2,-2.3,,,,`, "town"},
		{"unparseable postcode", `r,T,walk,"every Tuesday, 10:00-12:00",Frome,FROME,51.2,-2.3,,,,`, "postcode"},
		{"outside the UK", `r,T,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,40.7,-74.0,,,,`, "latitude"},
		{"latitude not a number", `r,T,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,north,-2.3,,,,`, "latitude"},
		{"longitude alone", `r,T,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,,-2.3,,,,`, "latitude"},
		{"no coordinates, unknown postcode", `r,T,walk,"every Tuesday, 10:00-12:00",Frome,ZZ99 9ZZ,,,,,,`, "postcode"},
		{"no coordinates, no postcode", `r,T,walk,"every Tuesday, 10:00-12:00",Frome,,,,,,,`, "latitude"},
		{"bad free", `r,T,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.2,-2.3,maybe,,,`, "free"},
		{"bad booking", `r,T,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.2,-2.3,,perhaps,,`, "booking"},
		{"bad status", `r,T,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.2,-2.3,,,closed,`, "status"},
		{"bad referral", `r,T,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.2,-2.3,,,,gp`, "referral"},
		{"too few fields", `r,T,walk`, "row"},
		{"bad quoting", `r,T,walk,"every "Tuesday,Frome,BA11 1AT,51.2,-2.3,,,,`, "row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := header + "ok1" + ok + "\n" + tt.row + "\n" + "ok2" + ok + "\n"
			load, err := ReadWith("bad.csv", strings.NewReader(file), fakeChecks)
			if err != nil {
				t.Fatal(err)
			}
			if len(load.Activities) != 2 {
				t.Errorf("got %d activities; want the 2 good rows around the bad one", len(load.Activities))
			}
			if len(load.Skipped) != 1 {
				t.Fatalf("got skipped %v; want 1", load.Skipped)
			}
			got := load.Skipped[0]
			if got.Source != "bad.csv" || got.Line != 3 || got.Field != tt.field || got.Reason == "" {
				t.Errorf("got %v (field %s); want bad.csv line 3, field %s, with a reason", got, got.Field, tt.field)
			}
		})
	}
}

func TestReadDuplicateID(t *testing.T) {
	file := "id,title,category,schedule,town,postcode,latitude,longitude\n" +
		"a,A,walk,\"every Tuesday, 10:00-12:00\",Frome,BA11 1AT,51.2,-2.3\n" +
		"a,A2,walk,\"every Tuesday, 10:00-12:00\",Frome,BA11 1AT,51.2,-2.3\n"
	load, err := ReadWith("dup.csv", strings.NewReader(file), fakeChecks)
	if err != nil {
		t.Fatal(err)
	}
	if len(load.Activities) != 1 || len(load.Skipped) != 1 || load.Skipped[0].Field != "id" || load.Skipped[0].Line != 3 {
		t.Fatalf("got %d activities, skipped %v; want 1 and a duplicate id on line 3", len(load.Activities), load.Skipped)
	}
}

func TestWriteReadsBack(t *testing.T) {
	load, err := ReadWith("good.csv", strings.NewReader(goodFile), fakeChecks)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, load.Activities); err != nil {
		t.Fatal(err)
	}
	again, err := ReadWith("good.csv", &buf, fakeChecks)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Skipped) != 0 {
		t.Fatalf("got skipped %v; want none", again.Skipped)
	}
	for i := range load.Activities {
		want := load.Activities[i]
		got := again.Activities[i]
		got.Schedule.Text, want.Schedule.Text = "", ""
		if !reflect.DeepEqual(got, want) {
			t.Errorf("activity %d: got %+v; want %+v", i, got, want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(goodFile)
	f.Add("id,title,category,schedule,town,postcode\n\"a\",\"b\n")
	f.Fuzz(func(t *testing.T, file string) {
		load, err := ReadWith("fuzz.csv", strings.NewReader(file), fakeChecks)
		if err != nil {
			return
		}
		for _, a := range load.Activities {
			if a.ID == "" || a.Title == "" || !a.Category.Valid() || !catalogue.InUK(a.Lat, a.Lon) {
				t.Fatalf("kept an invalid activity %+v", a)
			}
		}
		for _, s := range load.Skipped {
			if s.Source != "fuzz.csv" || s.Field == "" || s.Reason == "" {
				t.Fatalf("got an imprecise skip %+v", s)
			}
		}
	})
}

// TestReadWithPlaces uses the real places package: postcodes are normalised
// and a row with no coordinates is placed at its postcode district.
func TestReadWithPlaces(t *testing.T) {
	file := "id,title,category,schedule,town,postcode\n" +
		"a,A,walk,\"every Tuesday, 10:00-12:00\",Frome,ba111at\n" +
		"b,B,walk,\"every Tuesday, 10:00-12:00\",Gorleston,nr31\n" +
		"c,C,walk,\"every Tuesday, 10:00-12:00\",Nowhere,NOT A POSTCODE\n"
	load, err := Read("places.csv", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(load.Activities) != 2 || len(load.Skipped) != 1 || load.Skipped[0].Field != "postcode" {
		t.Fatalf("got %d activities and skipped %v; want 2 and c's postcode", len(load.Activities), load.Skipped)
	}
	for _, tt := range []struct {
		postcode string
		lat, lon float64
	}{{"BA11 1AT", 51.23, -2.32}, {"NR31", 52.57, 1.72}} {
		a := load.Activities[0]
		if tt.postcode == "NR31" {
			a = load.Activities[1]
		}
		if a.Postcode != tt.postcode || abs(a.Lat-tt.lat) > 0.1 || abs(a.Lon-tt.lon) > 0.1 {
			t.Errorf("got %s at %.3f, %.3f; want %s near %.2f, %.2f", a.Postcode, a.Lat, a.Lon, tt.postcode, tt.lat, tt.lon)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestReadSharesOnlyStrings checks that activities with the same schedule
// wording get equal schedules that are still their own: changing one's rules
// leaves the other's alone, while repeated text is one shared string.
func TestReadSharesOnlyStrings(t *testing.T) {
	const file = `id,title,category,schedule,town,postcode,latitude,longitude
a,A,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.23,-2.32
b,B,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.23,-2.32
`
	load, err := ReadWith("share.csv", strings.NewReader(file), fakeChecks)
	if err != nil {
		t.Fatal(err)
	}
	if len(load.Activities) != 2 {
		t.Fatalf("got %d activities; want 2", len(load.Activities))
	}
	a, b := &load.Activities[0], &load.Activities[1]
	if !reflect.DeepEqual(a.Schedule, b.Schedule) {
		t.Fatalf("got schedules %+v and %+v; want equal", a.Schedule, b.Schedule)
	}
	if unsafe.StringData(a.Town) != unsafe.StringData(b.Town) {
		t.Errorf("got two copies of the town %q; want one shared", a.Town)
	}
	a.Schedule.Rules[0].Days[0] = time.Sunday
	if got := b.Schedule.Rules[0].Days[0]; got != time.Tuesday {
		t.Errorf("after changing a's schedule, got b's day %v; want Tuesday", got)
	}
}

// TestReadFileSameAsRead checks that ReadFile (which sizes its slice from a
// count of the file's lines) reads what Read reads.
func TestReadFileSameAsRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "good.csv")
	if err := os.WriteFile(path, []byte(goodFile), 0o600); err != nil {
		t.Fatal(err)
	}
	want, err := Read(path, strings.NewReader(goodFile))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadFile got %+v; want %+v", got, want)
	}
}

// TestReadEndedAndWarnings: a row whose schedule has ended is reported as
// ended on its line, not loaded as an activity to offer; a phone that is not
// a phone number and an "every other" rule with no start date load with a
// warning on their lines.
func TestReadEndedAndWarnings(t *testing.T) {
	const file = `id,title,category,schedule,town,postcode,latitude,longitude,phone
current,A,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.2,-2.3,01632 960101
ended,B,walk,"every Tuesday, 10:00-12:00, until 2020-01-01",Frome,BA11 1AT,51.2,-2.3,01632 960101
no-phone,C,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.2,-2.3,ring Sue
no-start,D,walk,"every other Friday, 10:00-12:00",Frome,BA11 1AT,51.2,-2.3,
`
	checks := fakeChecks
	checks.Now = func() time.Time { return time.Date(2026, 12, 2, 9, 0, 0, 0, catalogue.London) }
	load, err := ReadWith("ended.csv", strings.NewReader(file), checks)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range load.Activities {
		ids = append(ids, a.ID)
	}
	if strings.Join(ids, " ") != "current no-phone no-start" {
		t.Errorf("got activities %v; want current, no-phone, no-start", ids)
	}
	if len(load.Ended) != 1 || *load.Ended[0] != (catalogue.RecordError{Source: "ended.csv", Line: 3, Record: "ended", Field: "schedule", Reason: load.Ended[0].Reason}) || !strings.Contains(load.Ended[0].Reason, "2020-01-01") {
		t.Errorf("got ended %v; want ended.csv line 3, field schedule, naming 2020-01-01", load.Ended)
	}
	var warned []string
	for _, w := range load.Warnings {
		warned = append(warned, fmt.Sprintf("%s:%d:%s", w.Source, w.Line, w.Field))
	}
	if strings.Join(warned, " ") != "ended.csv:4:phone ended.csv:5:schedule" {
		t.Errorf("got warnings %v; want line 4's phone and line 5's schedule", load.Warnings)
	}
}
