package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/coordinators"
	"github.com/heritage-line/heritageline/internal/redistest"
)

// TestCoordinatorCommand makes, lists and removes an account as a script
// would: the password is one line on standard input.
func TestCoordinatorCommand(t *testing.T) {
	rdb, srv := redistest.Start(t)
	env := map[string]string{"REDIS_URL": "redis://" + srv.Addr}
	getenv := func(k string) string { return env[k] }
	ctx := context.Background()
	cmd := func(stdin string, args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, append([]string{"coordinator"}, args...), getenv, strings.NewReader(stdin), &out, &errOut)
		t.Logf("coordinator %v: %s%s", args, out.String(), errOut.String())
		return out.String(), err
	}
	if _, err := cmd("correct horse battery\n", "add", "--phone", "07700 900123", "Jo@Museum.example"); err != nil {
		t.Fatal(err)
	}
	if _, err := cmd("short\n", "add", "ann@museum.example"); !errors.Is(err, coordinators.ErrWeakPassword) {
		t.Errorf("short password: got %v; want ErrWeakPassword", err)
	}
	out, err := cmd("", "list")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "jo@museum.example") || !strings.Contains(out, "phone ending 123") || strings.Contains(out, "900123") {
		t.Errorf("list: got %q; want jo@museum.example with the phone masked", out)
	}
	store := coordinators.New(rdb)
	if _, err := store.SignIn(ctx, "jo@museum.example", "correct horse battery", ""); err != nil {
		t.Errorf("sign in with the password given on stdin: %v", err)
	}
	if _, err := cmd("", "remove", "jo@museum.example"); err != nil {
		t.Fatal(err)
	}
	if _, err := cmd("", "remove", "jo@museum.example"); !errors.Is(err, coordinators.ErrNoAccount) {
		t.Errorf("remove twice: got %v; want ErrNoAccount", err)
	}
	entries, _ := coordinators.NewAudit(rdb, nil).Recent(ctx, 10)
	if len(entries) != 2 || entries[0].What != "removed coordinator jo@museum.example" || entries[1].What != "added coordinator jo@museum.example" {
		t.Errorf("audit log: got %+v; want the add and the remove", entries)
	}
	if _, err := cmd("", "frobnicate"); err == nil {
		t.Error("unknown subcommand: got no error")
	}
}
