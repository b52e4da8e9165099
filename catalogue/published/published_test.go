package published

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/publish"
	"github.com/heritage-line/heritageline/internal/redistest"
)

func version(file string, n int) *publish.Version {
	l := catalogue.Load{Source: file}
	for i := range n {
		l.Activities = append(l.Activities, catalogue.Activity{
			ID: fmt.Sprintf("%s-%d", file, i), Title: "Walk", Category: catalogue.Walk, Active: i%2 == 0,
			Tags: []string{"step-free"}, Lat: 51.23, Lon: -2.32,
			Schedule: catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Weekly, Days: []time.Weekday{time.Tuesday}, Opens: 600, Closes: 720}},
				Months: []time.Month{4, 5}, ValidTo: catalogue.Date{Year: 2027, Month: 1, Day: 2}, Text: "every Tuesday"},
		})
	}
	l.Skipped = []*catalogue.RecordError{{Source: file, Line: 7, Record: "bad", Field: "schedule", Reason: "unparseable schedule"}}
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	return &publish.Version{Info: publish.Info{File: file, By: "coordinator@example.org", At: at, Counts: publish.Counts{Active: (n + 1) / 2, Inactive: n / 2, Skipped: 1}}, Load: l}
}

func TestDrafts(t *testing.T) {
	rdb, _ := redistest.Start(t)
	s := New(rdb, Options{DraftTTL: time.Hour})
	ctx := context.Background()
	v := version("a.csv", 3)
	d := &publish.Draft{ID: "d1", File: "a.csv", By: "c@example.org", At: v.Info.At, Load: v.Load,
		Change: publish.Change{InService: 2, Added: []string{"a.csv-0"}}}
	if err := s.SaveDraft(ctx, d); err != nil {
		t.Fatal(err)
	}
	got, err := s.Draft(ctx, "d1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, d) {
		t.Errorf("got %+v; want %+v", got, d)
	}
	if ttl := rdb.TTL(ctx, "{hl:pub}:draft:d1").Val(); ttl <= 59*time.Minute || ttl > time.Hour {
		t.Errorf("draft TTL %v; want an hour", ttl)
	}
	if _, err := s.Draft(ctx, "d2"); !errors.Is(err, publish.ErrNotFound) {
		t.Errorf("unknown draft: got %v; want ErrNotFound", err)
	}
}

// Twelve publishes keep the newest ten, numbered, newest first, the last one
// current; the two oldest are gone entirely.
func TestPublishKeepsTen(t *testing.T) {
	rdb, _ := redistest.Start(t)
	s := New(rdb, Options{})
	ctx := context.Background()
	if infos, cur, err := s.Versions(ctx); err != nil || len(infos) != 0 || cur != "" {
		t.Fatalf("before any publish: got %v, %q, %v; want none", infos, cur, err)
	}
	var want []*publish.Version
	for i := 1; i <= 12; i++ {
		v := version(fmt.Sprintf("file%d.csv", i), i)
		info, err := s.Publish(ctx, v, 10)
		if err != nil {
			t.Fatal(err)
		}
		if info.ID != fmt.Sprintf("v%d", i) {
			t.Fatalf("publish %d: got id %q; want v%d", i, info.ID, i)
		}
		v.Info.ID = info.ID
		want = append(want, v)
	}
	infos, cur, err := s.Versions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, in := range infos {
		ids = append(ids, in.ID)
	}
	wantIDs := []string{"v12", "v11", "v10", "v9", "v8", "v7", "v6", "v5", "v4", "v3"}
	if !slices.Equal(ids, wantIDs) || cur != "v12" {
		t.Errorf("got %v, current %q; want %v, current v12", ids, cur, wantIDs)
	}
	if !reflect.DeepEqual(infos[0], want[11].Info) {
		t.Errorf("newest info: got %+v; want %+v", infos[0], want[11].Info)
	}
	got, err := s.Version(ctx, "v3")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want[2]) {
		t.Errorf("v3: got %+v; want %+v", got, want[2])
	}
	for _, gone := range []string{"v1", "v2", "v13"} {
		if _, err := s.Version(ctx, gone); !errors.Is(err, publish.ErrNotFound) {
			t.Errorf("%s: got %v; want ErrNotFound", gone, err)
		}
	}
	if n := rdb.HLen(ctx, "{hl:pub}:payload").Val(); n != 10 {
		t.Errorf("payloads kept: %d; want 10", n)
	}
}

func TestSetCurrent(t *testing.T) {
	rdb, _ := redistest.Start(t)
	s := New(rdb, Options{})
	ctx := context.Background()
	for i := 1; i <= 3; i++ {
		if _, err := s.Publish(ctx, version("f.csv", 2), 2); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		id      string
		wantErr error
		wantCur string
	}{
		{"v2", nil, "v2"},
		{"v1", publish.ErrNotFound, "v2"}, // no longer kept
		{"v9", publish.ErrNotFound, "v2"},
		{"", nil, ""},
		{"v3", nil, "v3"},
	}
	for _, st := range steps {
		err := s.SetCurrent(ctx, st.id)
		if !errors.Is(err, st.wantErr) || (st.wantErr == nil) != (err == nil) {
			t.Errorf("SetCurrent(%q): got %v; want %v", st.id, err, st.wantErr)
		}
		if _, cur, _ := s.Versions(ctx); cur != st.wantCur {
			t.Errorf("after SetCurrent(%q): current %q; want %q", st.id, cur, st.wantCur)
		}
	}
}

// Publishes from several instances at once each get their own number, and
// the list stays at most keep long.
func TestConcurrentPublish(t *testing.T) {
	rdb, _ := redistest.Start(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	ids := make(chan string, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := New(rdb, Options{})
			info, err := s.Publish(ctx, version(fmt.Sprintf("f%d.csv", i), 1), 5)
			if err != nil {
				t.Error(err)
				return
			}
			ids <- info.ID
		}()
	}
	wg.Wait()
	close(ids)
	seen := map[string]bool{}
	for id := range ids {
		if seen[id] {
			t.Errorf("id %s given twice", id)
		}
		seen[id] = true
	}
	infos, cur, err := New(rdb, Options{}).Versions(ctx)
	if err != nil || len(infos) != 5 || cur != infos[0].ID || len(seen) != 20 {
		t.Errorf("got %d versions kept, current %q (newest %v), %d ids, %v; want 5, the newest current, 20 ids", len(infos), cur, infos, len(seen), err)
	}
}

// Redis away is an error, never a version that is not there.
func TestRedisDown(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", redistest.FreePort(t)), MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	defer rdb.Close()
	s := New(rdb, Options{})
	ctx := context.Background()
	if _, _, err := s.Versions(ctx); err == nil {
		t.Error("Versions: got no error")
	}
	if _, err := s.Draft(ctx, "d"); err == nil || errors.Is(err, publish.ErrNotFound) {
		t.Errorf("Draft: got %v; want an error that is not ErrNotFound", err)
	}
	if _, err := s.Version(ctx, "v1"); err == nil || errors.Is(err, publish.ErrNotFound) {
		t.Errorf("Version: got %v; want an error that is not ErrNotFound", err)
	}
}

// On a Cluster, every key shares the prefix's slot, so the scripts run; with
// no hash tag, Cluster refuses them.
func TestCluster(t *testing.T) {
	rdb := redistest.Cluster(t, 1)
	ctx := context.Background()
	if _, err := New(rdb, Options{Prefix: "hl:untagged"}).Publish(ctx, version("f.csv", 1), 10); err == nil {
		t.Error("untagged keys: got no error; want a cross-slot refusal")
	}
	s := New(rdb, Options{})
	for range 3 {
		if _, err := s.Publish(ctx, version("f.csv", 2), 2); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetCurrent(ctx, "v2"); err != nil {
		t.Fatal(err)
	}
	infos, cur, err := s.Versions(ctx)
	if err != nil || len(infos) != 2 || cur != "v2" {
		t.Errorf("got %d versions, current %q, %v; want 2 and v2", len(infos), cur, err)
	}
	if _, err := s.Version(ctx, "v2"); err != nil {
		t.Error(err)
	}
}

// Every instance watching hears of each publish and roll back.
func TestWatch(t *testing.T) {
	rdb, _ := redistest.Start(t)
	ctx, cancel := context.WithCancel(context.Background())
	heard := make(chan struct{}, 10)
	done := make(chan error)
	go func() { done <- New(rdb, Options{}).Watch(ctx, func() { heard <- struct{}{} }) }()
	s := New(rdb, Options{})
	wait := func(what string) {
		t.Helper()
		select {
		case <-heard:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: not heard", what)
		}
	}
	// The subscription may not be in place at once: publish until heard.
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := s.Publish(ctx, version("f.csv", 1), 3); err != nil {
			t.Fatal(err)
		}
		select {
		case <-heard:
		case <-time.After(100 * time.Millisecond):
			if time.Now().Before(deadline) {
				continue
			}
			t.Fatal("publish: not heard")
		}
		break
	}
	for len(heard) > 0 {
		<-heard
	}
	if err := s.SetCurrent(ctx, ""); err != nil {
		t.Fatal(err)
	}
	wait("back to the source")
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Watch: got %v; want nil when its context ends", err)
	}
}
