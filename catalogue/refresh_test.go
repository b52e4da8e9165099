package catalogue

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// refreshFakeStore is a Replacer that remembers what it was given.
type refreshFakeStore struct {
	mu      sync.Mutex
	err     error // returned by the next Replace, then cleared
	calls   int
	current []Activity
	version string
}

func (f *refreshFakeStore) Replace(ctx context.Context, acts []Activity) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if err := f.err; err != nil {
		f.err = nil
		return "", err
	}
	f.current = append([]Activity(nil), acts...)
	f.version = fmt.Sprintf("v%d", f.calls)
	return f.version, nil
}

func (f *refreshFakeStore) state() (int, string, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls, f.version, len(f.current)
}

// refreshFakeSource answers each read with the next of its steps, repeating the last.
type refreshFakeSource struct {
	mu    sync.Mutex
	steps []refreshStep
	reads int
}

type refreshStep struct {
	load Load
	err  error
}

func (s *refreshFakeSource) read(ctx context.Context) (Load, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.steps[min(s.reads, len(s.steps)-1)]
	s.reads++
	return st.load, st.err
}

func (s *refreshFakeSource) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reads
}

func refreshLoad(active, inactive int) Load {
	l := Load{Source: "test.csv", Skipped: []*RecordError{{Source: "test.csv", Line: 9, Field: "name", Reason: "missing"}}}
	for i := range active + inactive {
		l.Activities = append(l.Activities, Activity{ID: fmt.Sprintf("a%d", i), Title: "Walk", Category: Walk, Active: i < active})
	}
	return l
}

// refreshLogger sends logs to t.Log and also keeps them for inspection.
func refreshLogger(t *testing.T) (*slog.Logger, *refreshLogBuffer) {
	buf := &refreshLogBuffer{t: t}
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

type refreshLogBuffer struct {
	t  *testing.T
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *refreshLogBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.t.Log(strings.TrimSpace(string(p)))
	return w.b.Write(p)
}

func (w *refreshLogBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

var errRefreshUnreadable = errors.New("connection refused")

func TestRefreshOutcomes(t *testing.T) {
	tests := []struct {
		name        string
		read        refreshStep
		storeErr    error
		wantErr     error // nil for success
		wantOutcome Outcome
		wantVersion string // after a first good refresh put "v1" in service
		wantStored  int    // activities in the store afterwards
		wantHook    bool
		wantLevel   string
	}{
		{
			name: "good source replaces", read: refreshStep{load: refreshLoad(3, 2)},
			wantOutcome: OutcomeReplaced, wantVersion: "v2", wantStored: 5, wantHook: true, wantLevel: "INFO",
		},
		{
			name: "unreadable source keeps the old catalogue", read: refreshStep{err: errRefreshUnreadable},
			wantErr: errRefreshUnreadable, wantOutcome: OutcomeFailed, wantVersion: "v1", wantStored: 4, wantLevel: "ERROR",
		},
		{
			name: "no active activity keeps the old catalogue", read: refreshStep{load: refreshLoad(0, 3)},
			wantErr: ErrNoActive, wantOutcome: OutcomeFailed, wantVersion: "v1", wantStored: 4, wantLevel: "ERROR",
		},
		{
			name: "empty source keeps the old catalogue", read: refreshStep{load: Load{Source: "test.csv"}},
			wantErr: ErrNoActive, wantOutcome: OutcomeFailed, wantVersion: "v1", wantStored: 4, wantLevel: "ERROR",
		},
		{
			name: "store failure keeps the old catalogue", read: refreshStep{load: refreshLoad(3, 0)}, storeErr: errRefreshUnreadable,
			wantErr: errRefreshUnreadable, wantOutcome: OutcomeFailed, wantVersion: "v1", wantStored: 4, wantLevel: "ERROR",
		},
		{
			name: "another instance replacing", read: refreshStep{load: refreshLoad(3, 0)},
			storeErr: fmt.Errorf("redisstore: %w", ErrReplacedElsewhere),
			wantErr:  ErrReplacedElsewhere, wantOutcome: OutcomeElsewhere, wantVersion: "v1", wantStored: 4, wantHook: true, wantLevel: "INFO",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log, logs := refreshLogger(t)
			src := &refreshFakeSource{steps: []refreshStep{{load: refreshLoad(4, 0)}, tt.read}}
			store := &refreshFakeStore{}
			r := NewRefresher(src.read, store, RefresherOptions{Logger: log})
			ctx := context.Background()
			if err := r.Refresh(ctx); err != nil {
				t.Fatalf("first Refresh: got %v; want nil", err)
			}
			first := r.Status()

			var hooked []string
			r.OnLoad(func(ctx context.Context, l Load, version string) { hooked = append(hooked, version) })
			store.err = tt.storeErr
			err := r.Refresh(ctx)

			if tt.wantErr == nil && err != nil {
				t.Errorf("Refresh: got %v; want nil", err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("Refresh: got %v; want %v", err, tt.wantErr)
			}
			st := r.Status()
			if st.LastOutcome != tt.wantOutcome {
				t.Errorf("LastOutcome: got %q; want %q", st.LastOutcome, tt.wantOutcome)
			}
			if st.Version != tt.wantVersion {
				t.Errorf("Version: got %q; want %q", st.Version, tt.wantVersion)
			}
			if _, _, n := store.state(); n != tt.wantStored {
				t.Errorf("activities in store: got %d; want %d", n, tt.wantStored)
			}
			if !st.Loaded() {
				t.Errorf("Loaded: got false; want true")
			}
			if tt.wantOutcome == OutcomeFailed {
				if !errors.Is(st.LastErr, tt.wantErr) {
					t.Errorf("LastErr: got %v; want %v", st.LastErr, tt.wantErr)
				}
				if st.Failures != 1 {
					t.Errorf("Failures: got %d; want 1", st.Failures)
				}
				if !st.LastSuccess.Equal(first.LastSuccess) {
					t.Errorf("LastSuccess: got %v; want unchanged %v", st.LastSuccess, first.LastSuccess)
				}
			} else if st.LastErr != nil || st.Failures != 0 {
				t.Errorf("LastErr, Failures: got %v, %d; want nil, 0", st.LastErr, st.Failures)
			}
			if got := len(hooked) > 0; got != tt.wantHook {
				t.Errorf("OnLoad called: got %v; want %v", got, tt.wantHook)
			}
			if st.Refreshes != 2 {
				t.Errorf("Refreshes: got %d; want 2", st.Refreshes)
			}
			if !strings.Contains(refreshLastLine(logs.String()), `"level":"`+tt.wantLevel+`"`) {
				t.Errorf("last log line: got %s; want level %s", refreshLastLine(logs.String()), tt.wantLevel)
			}
		})
	}
}

func refreshLastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func TestRefreshStatusCounts(t *testing.T) {
	log, _ := refreshLogger(t)
	src := &refreshFakeSource{steps: []refreshStep{{load: refreshLoad(3, 2)}}}
	r := NewRefresher(src.read, &refreshFakeStore{}, RefresherOptions{Logger: log})
	if st := r.Status(); st.Loaded() || st.LastOutcome != OutcomeNone {
		t.Fatalf("before any refresh: got Loaded %v, outcome %q; want false, none", st.Loaded(), st.LastOutcome)
	}
	if err := r.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	st := r.Status()
	if st.Active != 3 || st.Inactive != 2 || st.Skipped != 1 {
		t.Errorf("counts: got active %d inactive %d skipped %d; want 3 2 1", st.Active, st.Inactive, st.Skipped)
	}
	if st.Source != "test.csv" {
		t.Errorf("Source: got %q; want %q", st.Source, "test.csv")
	}
	if st.LastAttempt.IsZero() || st.LastSuccess.IsZero() {
		t.Errorf("times: got attempt %v success %v; want both set", st.LastAttempt, st.LastSuccess)
	}
}

func TestRefreshHookGetsWholeLoad(t *testing.T) {
	log, _ := refreshLogger(t)
	src := &refreshFakeSource{steps: []refreshStep{{load: refreshLoad(2, 1)}}}
	r := NewRefresher(src.read, &refreshFakeStore{}, RefresherOptions{Logger: log})
	var order []string
	r.OnLoad(func(ctx context.Context, l Load, v string) {
		order = append(order, fmt.Sprintf("first %d %s", len(l.Activities), v))
	})
	r.OnLoad(func(ctx context.Context, l Load, v string) { order = append(order, "second") })
	if err := r.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := []string{"first 3 v1", "second"}
	if fmt.Sprint(order) != fmt.Sprint(want) {
		t.Errorf("hooks: got %q; want %q", order, want)
	}
}

func TestRunRefreshesAtStartAndEveryInterval(t *testing.T) {
	log, _ := refreshLogger(t)
	src := &refreshFakeSource{steps: []refreshStep{{load: refreshLoad(1, 0)}}}
	store := &refreshFakeStore{}
	r := NewRefresher(src.read, store, RefresherOptions{Interval: 20 * time.Millisecond, Logger: log})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- r.Run(ctx) }()
	refreshWaitFor(t, func() bool { return src.count() >= 3 })
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: got %v; want nil", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if calls, _, _ := store.state(); calls < 3 {
		t.Errorf("replaces: got %d; want at least 3", calls)
	}
}

func TestRunRetriesSoonerAfterFailure(t *testing.T) {
	log, _ := refreshLogger(t)
	// The source fails twice, then works: with an hour's interval and a 10 ms
	// retry, the catalogue must still be loaded promptly.
	src := &refreshFakeSource{steps: []refreshStep{{err: errRefreshUnreadable}, {err: errRefreshUnreadable}, {load: refreshLoad(1, 0)}}}
	store := &refreshFakeStore{}
	r := NewRefresher(src.read, store, RefresherOptions{Interval: time.Hour, Retry: 10 * time.Millisecond, Logger: log})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	// Run logs through t: it must be over before the test is.
	defer func() { cancel(); <-done }()
	refreshWaitFor(t, func() bool { return r.Status().Loaded() })
	if got := src.count(); got != 3 {
		t.Errorf("reads: got %d; want 3", got)
	}
}

func TestBackoffDoublesUpToInterval(t *testing.T) {
	r := NewRefresher(nil, nil, RefresherOptions{Interval: time.Minute, Retry: 10 * time.Second})
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{1, 10 * time.Second},
		{2, 20 * time.Second},
		{3, 40 * time.Second},
		{4, time.Minute},
		{10, time.Minute},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.failures), func(t *testing.T) {
			r.status.Failures = tt.failures
			if got := r.backoff(); got != tt.want {
				t.Errorf("backoff after %d failures: got %v; want %v", tt.failures, got, tt.want)
			}
		})
	}
}

func refreshWaitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
		time.Sleep(2 * time.Millisecond)
	}
}
