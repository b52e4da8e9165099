package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/volunteers"
)

// TestVolunteersPage edits the roster from the console on a real desk: add
// (each field's problem named, the number never echoed), duty, ringing
// order, hours and ringing, export, import (problems named by line and
// field), remove; each change in use at once and in the audit log, and no
// number beyond its last three digits on the page.
func TestVolunteersPage(t *testing.T) {
	var desk *volunteers.Desk
	r := newRigWith(t, "http://127.0.0.1", func(rdb redis.UniversalClient) Desk {
		h, _ := volunteers.ParseHours("always")
		desk = volunteers.NewDesk(volunteers.Roster{Hours: h, RingSeconds: 20, Volunteers: []volunteers.Volunteer{{Name: "Sam", Phone: "+447700900111", OnDuty: true}}},
			rdb, quietTexter{}, &ringing{}, "+441632960000", "http://127.0.0.1", nil, nil)
		return desk
	})
	ctx := context.Background()
	anon := r.client(t)
	if resp, _ := r.get(t, anon, "/console/volunteers"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("signed out: GET /console/volunteers = %d; want 303 to sign in", resp.StatusCode)
	}
	c := r.signIn(t)
	noFullNumber := func(what, body string) {
		t.Helper()
		flat := regexp.MustCompile(`[\s\x{a0}]`).ReplaceAllString(body, "")
		for _, n := range []string{"7700900111", "7700900444", "9098790123"} {
			if strings.Contains(flat, n[len(n)-6:]) { // more than the last three digits
				t.Errorf("%s: the page shows a number (ending %s)", what, n[len(n)-3:])
			}
		}
	}
	_, body := r.get(t, c, "/console/volunteers")
	for _, want := range []string{"<strong>Sam</strong>, number ending 111", "On duty.", "Add a volunteer", "Calls are put through at any hour"} {
		if !strings.Contains(body, want) {
			t.Errorf("volunteers page: want %q in\n%s", want, body)
		}
	}
	noFullNumber("volunteers page", body)

	// A form with problems names each field and keeps the name, not the number.
	resp, body := r.post(t, c, "/console/volunteers", url.Values{"name": {""}, "phone": {"0909 879 0123"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("add with problems: %d; want 422", resp.StatusCode)
	}
	for _, want := range []string{`id="name-err"`, `id="phone-err"`, "Give the volunteer&#39;s name", "A premium-rate number", `aria-describedby="phone-err"`} {
		if !strings.Contains(body, want) {
			t.Errorf("add with problems: want %q in\n%s", want, body)
		}
	}
	if strings.Contains(body, "879 0123") || strings.Contains(body, "8790123") {
		t.Errorf("add with problems: the page repeats the number typed")
	}

	resp, _ = r.post(t, c, "/console/volunteers", url.Values{"name": {"Mo"}, "phone": {"07700 900444"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add Mo: %d; want 303", resp.StatusCode)
	}
	if on, _ := desk.Available(ctx, time.Now()); len(on) != 2 || on[1].Name != "Mo" || on[1].Phone != "+447700900444" {
		t.Errorf("after adding Mo the line would ring %+v; want Sam then Mo", on)
	}
	_, body = r.get(t, c, "/console/volunteers")
	if !strings.Contains(body, "Mo (ending 444) is on the roster and on duty") || !strings.Contains(body, "<strong>Mo</strong>, number ending 444") {
		t.Errorf("after adding Mo the page says:\n%s", body)
	}
	noFullNumber("after adding Mo", body)
	view, _ := desk.View(ctx)
	id := map[string]string{}
	for _, e := range view.Entries {
		id[e.Name] = e.ID
	}

	// Duty, and the ringing order.
	r.post(t, c, "/console/volunteers/"+id["Sam"]+"/duty", url.Values{"on": {"0"}})
	r.post(t, c, "/console/volunteers/"+id["Mo"]+"/move", url.Values{"dir": {"up"}})
	ro := desk.Roster()
	if len(ro.Volunteers) != 2 || ro.Volunteers[0].Name != "Mo" || ro.Volunteers[1].OnDuty {
		t.Errorf("after Sam off duty and Mo up: %+v; want Mo first and Sam off duty", ro.Volunteers)
	}
	if on, _ := desk.Available(ctx, time.Now()); len(on) != 1 || on[0].Name != "Mo" {
		t.Errorf("with Sam off duty the line would ring %+v; want Mo only", on)
	}

	// Hours and ringing.
	resp, body = r.post(t, c, "/console/volunteers/ringing", url.Values{"hours": {"Mon 9-5"}, "ring": {"sequential"}, "ring_seconds": {"3"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="hours-err"`) || !strings.Contains(body, `id="ring_seconds-err"`) || !strings.Contains(body, `value="Mon 9-5"`) {
		t.Errorf("bad hours and seconds: %d; want 422 naming both, keeping what was typed:\n%s", resp.StatusCode, body)
	}
	if resp, _ = r.post(t, c, "/console/volunteers/ringing", url.Values{"hours": {"Mon-Fri 09:00-17:00"}, "ring": {"sequential"}, "ring_seconds": {"25"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("good hours: %d; want 303", resp.StatusCode)
	}
	if ro := desk.Roster(); !ro.Sequential || ro.RingSeconds != 25 || ro.Hours.String() != "Mon-Fri 09:00-17:00" {
		t.Errorf("after setting hours and ringing: %v %d %q", ro.Sequential, ro.RingSeconds, ro.Hours)
	}

	// Export: a file, with the numbers, that reads back.
	resp, file := r.get(t, c, "/console/volunteers.yaml")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d %q; want 200, an attachment", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	back, err := volunteers.Parse("export.yaml", []byte(file))
	if err != nil || len(back.Volunteers) != 2 || back.Volunteers[0].Phone != "+447700900444" || !back.Sequential {
		t.Errorf("the export reads back as %+v, %v", back, err)
	}

	// Import: a file with a mistake changes nothing and names it.
	resp, body = r.importFile(t, c, "new.yaml", []byte("hours: always\nvolunteers:\n  - name: Kit\n    phone: '+449098790123'\n"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Line 4, volunteer 1 (Kit), phone: a premium-rate number") {
		t.Errorf("import with a mistake: %d; want 422 naming line 4's phone:\n%s", resp.StatusCode, body)
	}
	noFullNumber("import with a mistake", body)
	if resp, _ = r.importFile(t, c, "volunteers.yaml", []byte(file)); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("import the export: %d; want 303", resp.StatusCode)
	}

	// Remove: their texts are no longer a volunteer's.
	r.post(t, c, "/console/volunteers/"+id["Sam"]+"/remove", nil)
	if desk.IsVolunteer("+447700900111") {
		t.Errorf("Sam removed, still a volunteer")
	}
	if resp, _ := r.post(t, c, "/console/volunteers/"+id["Sam"]+"/remove", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("removing Sam again: %d; want 404", resp.StatusCode)
	}

	entries, err := r.audit.Recent(ctx, 20)
	if err != nil {
		t.Fatal(err)
	}
	var log []string
	for _, e := range entries {
		log = append(log, e.What)
	}
	all := strings.Join(log, "\n")
	for _, want := range []string{"added volunteer Mo (ending 444)", "put volunteer Sam (ending 111) off duty", "moved volunteer Mo (ending 444) earlier", "set the line's hours to \"Mon-Fri 09:00-17:00\"", "exported the roster", "imported volunteers.yaml as the roster (2 volunteers)", "removed volunteer Sam (ending 111)"} {
		if !strings.Contains(all, want) {
			t.Errorf("audit log lacks %q:\n%s", want, all)
		}
	}
	noFullNumber("audit log", all)
}

// importFile posts a volunteers file as the Volunteers page's form does.
func (r *rig) importFile(t *testing.T, c *http.Client, name string, data []byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/console/volunteers/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return do(t, c, req)
}
