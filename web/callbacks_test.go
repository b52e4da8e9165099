package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/volunteers"
)

type ringing struct {
	mu  sync.Mutex
	tos []string
}

func (c *ringing) Ring(_ context.Context, to string, _ volunteers.Answer, _ string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tos = append(c.tos, to)
	return fmt.Sprintf("CA%032d", len(c.tos)), nil
}

func (c *ringing) rung() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.tos...)
}

type quietTexter struct{}

func (quietTexter) SendText(context.Context, string, string) error { return nil }

// TestCallbacksPage works one callback from the console on a real desk: the
// queue shows it with the number's last three digits only; Take rings the
// coordinator's own phone; a note is kept and shown; Done closes it; each
// is in the audit log; a second Done says who closed it.
func TestCallbacksPage(t *testing.T) {
	caller := &ringing{}
	var desk *volunteers.Desk
	r := newRigWith(t, "http://127.0.0.1", func(rdb redis.UniversalClient) Desk {
		h, _ := volunteers.ParseHours("always")
		desk = volunteers.NewDesk(volunteers.Roster{Hours: h, Volunteers: []volunteers.Volunteer{{Name: "Sam", Phone: "+447700900111", OnDuty: true}}},
			rdb, quietTexter{}, caller, "+441632960000", "http://127.0.0.1", nil, nil)
		return desk
	})
	ctx := context.Background()
	cb, err := desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: "+447700900731", Kind: "sms", Requested: time.Now().Add(-20 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	c := r.signIn(t)
	_, body := r.get(t, c, "/console/callbacks")
	for _, want := range []string{cb.Ref + ": by text, waiting 20 minutes", "Number ending 731", "Nobody has taken it yet", "ending 999, first"} {
		if !strings.Contains(body, want) {
			t.Errorf("callbacks page: want %q in\n%s", want, body)
		}
	}
	if strings.Contains(body, "900731") {
		t.Errorf("callbacks page shows the resident's number")
	}

	base := "/console/callbacks/" + cb.Ref
	resp, _ := r.post(t, c, base+"/take", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("take: got %d; want 303", resp.StatusCode)
	}
	if got := caller.rung(); len(got) != 1 || got[0] != "+447700900999" {
		t.Fatalf("take rang %v; want the coordinator's own phone", got)
	}
	if got := desk.HandleText(ctx, "+447700900111", "LIST"); !strings.Contains(got, "taken by Jo") {
		t.Errorf("LIST by a volunteer after the console took it: got %q; want taken by Jo", got)
	}
	_, body = r.get(t, c, "/console/callbacks")
	if !strings.Contains(body, "is yours") || !strings.Contains(body, "Taken by you.") || !strings.Contains(body, "Ring me again for "+cb.Ref) {
		t.Errorf("after take: want the flash, taken by you and ring again\n%s", body)
	}

	if resp, _ := r.post(t, c, base+"/note", url.Values{"note": {"  "}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("empty note: got %d; want 422", resp.StatusCode)
	}
	desk.HandleText(ctx, "+447700900111", "NOTE "+cb.Ref+" tried at noon, engaged")
	if resp, _ := r.post(t, c, base+"/note", url.Values{"note": {"Spoke to her: <she'll> go on Friday"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("note: got %d; want 303", resp.StatusCode)
	}
	_, body = r.get(t, c, "/console/callbacks")
	i, j := strings.Index(body, "Spoke to her: &lt;she&#39;ll&gt; go on Friday"), strings.Index(body, "tried at noon, engaged")
	if i < 0 || j < 0 || i > j {
		t.Errorf("notes: want both, newest (the coordinator's, escaped) first\n%s", body)
	}

	if resp, _ := r.post(t, c, base+"/done", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("done: got %d; want 303", resp.StatusCode)
	}
	_, body = r.get(t, c, "/console/callbacks")
	if !strings.Contains(body, "No open callbacks") {
		t.Errorf("after done: want no open callbacks\n%s", body)
	}
	resp, body = r.post(t, c, base+"/done", nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "already closed by Jo") {
		t.Errorf("second done: got %d; want 409 saying Jo closed it\n%s", resp.StatusCode, body)
	}
	resp, body = r.post(t, c, "/console/callbacks/C99999999/take", nil)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "no open callback C99999999") {
		t.Errorf("take an unknown callback: got %d; want 404 saying so\n%s", resp.StatusCode, body)
	}

	_, body = r.get(t, c, "/console/audit")
	for _, want := range []string{"took callback " + cb.Ref + " (the line rang their phone ending 999)", "added a note to callback " + cb.Ref, "marked callback " + cb.Ref + " done"} {
		if !strings.Contains(body, want) {
			t.Errorf("audit log: want %q", want)
		}
	}
}

// TestCallbacksWithoutPhone: a coordinator with no phone of their own is
// told how to set one, and nobody is rung.
func TestCallbacksWithoutPhone(t *testing.T) {
	caller := &ringing{}
	var desk *volunteers.Desk
	r := newRigWith(t, "http://127.0.0.1", func(rdb redis.UniversalClient) Desk {
		desk = volunteers.NewDesk(volunteers.Roster{}, rdb, quietTexter{}, caller, "+441632960000", "http://127.0.0.1", nil, nil)
		return desk
	})
	ctx := context.Background()
	if err := r.accounts.SetPhone(ctx, testEmail, ""); err != nil {
		t.Fatal(err)
	}
	cb, _ := desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: "+447700900731", Kind: "voicemail"})
	c := r.signIn(t)
	_, body := r.get(t, c, "/console/callbacks")
	if strings.Contains(body, "ring my phone") || !strings.Contains(body, "heritageline coordinator phone "+testEmail) {
		t.Errorf("without a phone: want no Take button and how to set one\n%s", body)
	}
	resp, body := r.post(t, c, "/console/callbacks/"+cb.Ref+"/take", nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "needs your own phone number") || len(caller.rung()) != 0 {
		t.Errorf("take without a phone: got %d, rang %v; want 409 and nobody rung\n%s", resp.StatusCode, caller.rung(), body)
	}
}

func TestCoordinatorName(t *testing.T) {
	for _, tc := range []struct{ email, want string }{
		{"jo@museum.example", "Jo"},
		{"jo.smith@museum.example", "Jo"},
		{"ann_lee2@x.example", "Ann"},
		{"élise@x.example", "Élise"},
		{"@x.example", "Coordinator"},
	} {
		if got := coordinatorName(tc.email); got != tc.want {
			t.Errorf("coordinatorName(%q): got %q; want %q", tc.email, got, tc.want)
		}
	}
}
