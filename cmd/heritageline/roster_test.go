package main

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
)

// TestRosterSharedAndKept: a volunteer added on one instance's console is
// rung by another instance of the line on the same Redis, and by a line
// restarted there with the same VOLUNTEERS file (the console's roster wins
// over the file it was first imported from).
func TestRosterSharedAndKept(t *testing.T) {
	// Instances of one line share its Redis and its ANALYTICS_SALT.
	o := lineOptions{redisURL: "redis://" + redistest.StartServer(t).Addr,
		env: map[string]string{"ANALYTICS_SALT": "one line's salt, shared by its instances"}}
	a := startLine(t, o)
	b := startLine(t, o)
	if _, err := a.srv.line.accounts.Add(context.Background(), coordinatorEmail, coordinatorPassword, ""); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	post := func(path string, form url.Values) int {
		t.Helper()
		resp, err := c.PostForm(a.srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("/console/login", url.Values{"email": {coordinatorEmail}, "password": {coordinatorPassword}}); code != http.StatusOK {
		t.Fatalf("sign in: %d; want 200 (after the redirect)", code)
	}
	const cy = "+447700900355"
	if code := post("/console/volunteers", url.Values{"name": {"Cy"}, "phone": {"07700 900355"}}); code != http.StatusOK {
		t.Fatalf("add Cy: %d; want 200 (after the redirect)", code)
	}

	rings := func(tl *testLine, from string) bool {
		t.Helper()
		tr := tl.call(tl.sim(from), script("0"))
		for _, d := range tr.Dials() {
			for _, leg := range d.Legs {
				if leg.Number == cy {
					return true
				}
			}
		}
		return false
	}
	if !rings(a, "+447700900741") {
		t.Errorf("the instance that added Cy does not ring them")
	}
	time.Sleep(1100 * time.Millisecond) // each instance reads the roster again within a second
	if !rings(b, "+447700900742") {
		t.Errorf("another instance on the same Redis does not ring Cy a second later")
	}
	restarted := startLine(t, o)
	if !rings(restarted, "+447700900743") {
		t.Errorf("a line started again with the same VOLUNTEERS file does not ring Cy: the file won over the console")
	}
}
