package volunteers_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/volunteers"
)

// problemFields returns the fields an *InvalidError names, in order.
func problemFields(err error) string {
	var inv *volunteers.InvalidError
	if !errors.As(err, &inv) {
		return ""
	}
	var fs []string
	for _, p := range inv.Problems {
		fs = append(fs, p.Field)
	}
	return strings.Join(fs, ",")
}

func TestRosterInRedis(t *testing.T) {
	ctx := context.Background()
	rdb, _ := redistest.Start(t)
	secret := volunteers.WithRosterKey([]byte("salt"))
	a := newRig(t, rdb, testRoster(t, true), secret)
	if did, err := a.desk.ImportFile(ctx); err != nil || did != volunteers.ImportedFile {
		t.Fatalf("first ImportFile: %v, %v; want the file imported", did, err)
	}
	// A second instance, started with the same file, finds it imported.
	b := newRig(t, rdb, testRoster(t, true), secret)
	if did, err := b.desk.ImportFile(ctx); err != nil || did != volunteers.SameAsFile {
		t.Fatalf("second ImportFile: %v, %v; want SameAsFile", did, err)
	}

	added, err := a.desk.AddVolunteer(ctx, "  Mo  ", "07700 900444")
	if err != nil {
		t.Fatal(err)
	}
	if added.Name != "Mo" || added.Ending != "444" || !added.OnDuty || added.ID == "" {
		t.Errorf("AddVolunteer: %+v; want Mo ending 444, on duty, with an id", added)
	}
	// In use at once where it was made, and on the other instance within
	// a second.
	if !a.desk.IsVolunteer("+447700900444") {
		t.Errorf("instance a does not know the volunteer it just added")
	}
	deadline := time.Now().Add(3 * time.Second)
	for !b.desk.IsVolunteer("+447700900444") {
		if time.Now().After(deadline) {
			t.Fatal("instance b never saw the new volunteer")
		}
		time.Sleep(50 * time.Millisecond)
	}
	on, err := b.desk.Available(ctx, *b.now)
	if err != nil || names(on) != "Sam,Jo,Mo" {
		t.Errorf("b: Available = %q, %v; want Sam,Jo,Mo", names(on), err)
	}

	// A restart with a changed file keeps the console's roster.
	changed := testRoster(t, false)
	changed.Volunteers = changed.Volunteers[:1]
	c := newRig(t, rdb, changed, secret)
	if did, err := c.desk.ImportFile(ctx); err != nil || did != volunteers.KeptConsole {
		t.Fatalf("restart with another file: %v, %v; want KeptConsole", did, err)
	}
	if n := len(c.desk.Roster().Volunteers); n != 4 {
		t.Errorf("after the restart the roster has %d volunteers; want the console's 4", n)
	}

	// Redis never holds a volunteer's number in the clear.
	keys, err := rdb.Keys(ctx, "*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		v, _ := rdb.Dump(ctx, k).Result()
		for _, n := range []string{sam, priya, jo, "+447700900444", "7700900"} {
			if strings.Contains(k, n) || strings.Contains(v, n) {
				t.Errorf("Redis key %s holds a volunteer's number", k)
			}
		}
	}

	// Sealed under another salt, the roster cannot be read: the file is
	// imported again.
	d := newRig(t, rdb, testRoster(t, true), volunteers.WithRosterKey([]byte("another salt")))
	if did, err := d.desk.ImportFile(ctx); err != nil || did != volunteers.ImportedFile {
		t.Errorf("another salt: %v, %v; want the file imported again", did, err)
	}
}

func TestRosterFileChangedBeforeAnyEdit(t *testing.T) {
	ctx := context.Background()
	rdb, _ := redistest.Mini(t)
	if _, err := newRig(t, rdb, testRoster(t, true)).desk.ImportFile(ctx); err != nil {
		t.Fatal(err)
	}
	// Nobody changed it from the console: a new file is imported.
	changed := testRoster(t, true)
	changed.Volunteers = changed.Volunteers[:2]
	r := newRig(t, rdb, changed)
	if did, err := r.desk.ImportFile(ctx); err != nil || did != volunteers.ImportedFile {
		t.Fatalf("ImportFile of a changed file: %v, %v; want ImportedFile", did, err)
	}
	if got := names(r.desk.Roster().Volunteers); got != "Sam,Priya" {
		t.Errorf("roster %q; want the new file's Sam,Priya", got)
	}
}

func TestAddVolunteerRefuses(t *testing.T) {
	ctx := context.Background()
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, testRoster(t, true))
	for _, tc := range []struct {
		name, phone, fields, reason string
	}{
		{"", "07700 900555", "name", "give the volunteer's name"},
		{"Al", "", "phone", "give the volunteer's mobile or landline number"},
		{"Al", "hello", "phone", "not a phone number"},
		{"Al", "0909 879 0123", "phone", "premium-rate"},
		{"Al", "+33 6 12 34 56 78", "phone", "may not ring this country"},
		{"", "1234", "name,phone", ""},
		{"Al", "+447700900111", "phone", "already on the roster, for Sam"},
		{strings.Repeat("x", 41), "07700 900555", "name", "40 letters"},
	} {
		_, err := r.desk.AddVolunteer(ctx, tc.name, tc.phone)
		if got := problemFields(err); got != tc.fields {
			t.Errorf("AddVolunteer(%q, %q): fields %q (%v); want %q", tc.name, tc.phone, got, err, tc.fields)
			continue
		}
		if !strings.Contains(err.Error(), tc.reason) {
			t.Errorf("AddVolunteer(%q, %q): %v; want the reason to say %q", tc.name, tc.phone, err, tc.reason)
		}
		if tc.phone != "" && len(tc.phone) > 6 && strings.Contains(err.Error(), tc.phone) {
			t.Errorf("AddVolunteer(%q, %q): the error repeats the number", tc.name, tc.phone)
		}
	}
	if n := len(r.desk.Roster().Volunteers); n != 3 {
		t.Errorf("after refusals the roster has %d volunteers; want 3", n)
	}
}

func TestRosterEdits(t *testing.T) {
	ctx := context.Background()
	rdb, _ := redistest.Mini(t)
	r := newRig(t, rdb, testRoster(t, true))
	view, err := r.desk.View(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if view.Imported || view.Edited || len(view.Entries) != 3 {
		t.Fatalf("View before any change: %+v; want the file's 3, not imported", view)
	}
	id := map[string]string{}
	for _, e := range view.Entries {
		id[e.Name] = e.ID
		if strings.Contains(e.ID, "7700") || len(e.Ending) != 3 {
			t.Errorf("entry %+v: want an id that is not the number and a three-digit ending", e)
		}
	}

	// Ringing order: Jo up to first.
	for range 3 {
		if _, err := r.desk.MoveVolunteer(ctx, id["Jo"], true); err != nil {
			t.Fatal(err)
		}
	}
	if got := names(r.desk.Roster().Volunteers); got != "Jo,Sam,Priya" {
		t.Errorf("after moving Jo up: %q; want Jo,Sam,Priya", got)
	}
	// Duty: Priya on, Sam off; a text later still changes it.
	if _, err := r.desk.SetDutyFor(ctx, id["Priya"], true); err != nil {
		t.Fatal(err)
	}
	if _, err := r.desk.SetDutyFor(ctx, id["Sam"], false); err != nil {
		t.Fatal(err)
	}
	if on, _ := r.desk.Available(ctx, *r.now); names(on) != "Jo,Priya" {
		t.Errorf("Available after duty changes: %q; want Jo,Priya", names(on))
	}
	r.desk.HandleText(ctx, sam, "ON")
	if on, _ := r.desk.Available(ctx, *r.now); names(on) != "Jo,Sam,Priya" {
		t.Errorf("Available after Sam texts ON: %q; want Jo,Sam,Priya", names(on))
	}
	// A new number: the old one is no longer a volunteer's.
	e, err := r.desk.ChangeVolunteer(ctx, id["Sam"], "Samuel", "+447700900666")
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Samuel" || e.Ending != "666" || e.ID == id["Sam"] {
		t.Errorf("ChangeVolunteer: %+v; want Samuel ending 666 with a new id", e)
	}
	if r.desk.IsVolunteer(sam) || !r.desk.IsVolunteer("+447700900666") {
		t.Errorf("after the change: the old number is a volunteer's %v, the new %v; want false, true",
			r.desk.IsVolunteer(sam), r.desk.IsVolunteer("+447700900666"))
	}
	if _, err := r.desk.ChangeVolunteer(ctx, e.ID, "Samuel", "+447700900333"); problemFields(err) != "phone" {
		t.Errorf("ChangeVolunteer to Jo's number: %v; want the phone named", err)
	}
	if _, err := r.desk.ChangeVolunteer(ctx, id["Sam"], "Sam", ""); !errors.Is(err, volunteers.ErrUnknownVolunteer) {
		t.Errorf("ChangeVolunteer with the old id: %v; want ErrUnknownVolunteer", err)
	}
	// Remove: the line no longer reads their texts as a volunteer's.
	if _, err := r.desk.RemoveVolunteer(ctx, id["Priya"]); err != nil {
		t.Fatal(err)
	}
	if r.desk.IsVolunteer(priya) || r.desk.HandleText(ctx, priya, "ON") != "" {
		t.Errorf("Priya removed, but her texts are still a volunteer's")
	}
	// Hours and ringing.
	if err := r.desk.SetRinging(ctx, "Mon 25:00-26:00", true, 200); problemFields(err) != "hours,ring_seconds" {
		t.Errorf("SetRinging with bad hours and seconds: %v; want both named", err)
	}
	if err := r.desk.SetRinging(ctx, "Sat 10:00-12:00", true, 30); err != nil {
		t.Fatal(err)
	}
	ro := r.desk.Roster()
	if !ro.Sequential || ro.RingSeconds != 30 || ro.Hours.String() != "Sat 10:00-12:00" {
		t.Errorf("after SetRinging: sequential %v, %ds, %q", ro.Sequential, ro.RingSeconds, ro.Hours)
	}
	if on, _ := r.desk.Available(ctx, *r.now); len(on) != 0 {
		t.Errorf("on a Wednesday with Saturday hours: %q available; want none", names(on))
	}
	view, _ = r.desk.View(ctx)
	if !view.Imported || !view.Edited {
		t.Errorf("View after changes: imported %v edited %v; want both", view.Imported, view.Edited)
	}

	// Export, then import into a fresh line: the same roster.
	file, err := r.desk.ExportRoster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rdb2, _ := redistest.Mini(t)
	r2 := newRig(t, rdb2, volunteers.Roster{})
	got, err := r2.desk.ReplaceRoster(ctx, "export.yaml", file)
	if err != nil {
		t.Fatalf("ReplaceRoster(the export): %v\n%s", err, file)
	}
	if names(got.Volunteers) != "Jo,Samuel" || !got.Sequential || got.RingSeconds != 30 {
		t.Errorf("imported %+v; want Jo,Samuel, sequential, 30 s", got)
	}
	if _, err := r2.desk.ReplaceRoster(ctx, "bad.yaml", []byte("hours: always\nvolunteers:\n  - name: X\n    phone: '+449098790123'\n")); problemFields(err) != "phone" {
		t.Errorf("ReplaceRoster with a premium number: %v; want the phone named", err)
	}
}
