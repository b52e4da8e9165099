package catalogue

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// countingStore is a refreshFakeStore that also says how many active
// activities it holds, as redisstore does.
type countingStore struct {
	refreshFakeStore
	inService int // what InService says; -1 for an error
}

func (c *countingStore) InService(ctx context.Context) (int, error) {
	if c.inService < 0 {
		return 0, errors.New("redis down")
	}
	return c.inService, nil
}

// TestRefreshHolds: a source cut off, or one that would take more than a
// quarter of the activities in service out at once, is held with its reason
// in Status; the catalogue in service stays, and the next good refresh
// clears the hold.
func TestRefreshHolds(t *testing.T) {
	cut := fmt.Errorf("csvfile: c.csv: %w: its last line (line 17) has 3 of the header's 9 fields", ErrTruncated)
	tests := []struct {
		name       string
		next       refreshStep
		maxDrop    float64
		accept     bool
		wantHold   HoldReason
		wantStored int
		mention    string
	}{
		{"cut off", refreshStep{load: Load{Source: "c.csv"}, err: cut}, 0, false, HoldCutOff, 32, "line 17"},
		{"half gone", refreshStep{load: refreshLoad(16, 0)}, 0, false, HoldDrop, 32, "16 of the 32 activities in service out at once (50%; at most 25%"},
		{"a quarter gone", refreshStep{load: refreshLoad(24, 0)}, 0, false, "", 24, ""},
		{"a quarter and one gone", refreshStep{load: refreshLoad(23, 9)}, 0, false, HoldDrop, 32, "9 of the 32"},
		{"half gone, max drop 60%", refreshStep{load: refreshLoad(16, 0)}, 0.6, false, "", 16, ""},
		{"half gone, accepted", refreshStep{load: refreshLoad(16, 0)}, 0, true, "", 16, ""},
		{"cut off, accept does not apply", refreshStep{load: Load{Source: "c.csv"}, err: cut}, 1, true, HoldCutOff, 32, "line 17"},
		{"more", refreshStep{load: refreshLoad(40, 0)}, 0, false, "", 40, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log, logs := refreshLogger(t)
			src := &refreshFakeSource{steps: []refreshStep{{load: refreshLoad(32, 0)}, tt.next, {load: refreshLoad(32, 0)}}}
			store := &refreshFakeStore{}
			asked := 0
			r := NewRefresher(src.read, store, RefresherOptions{Logger: log, MaxDrop: tt.maxDrop, AcceptDrop: func(h Hold) bool {
				asked++
				if h.Reason != HoldDrop || h.InService != 32 {
					t.Errorf("AcceptDrop got %+v; want a drop from 32", h)
				}
				return tt.accept
			}})
			ctx := context.Background()
			if err := r.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			err := r.Refresh(ctx)
			st := r.Status()
			if _, _, n := store.state(); n != tt.wantStored {
				t.Errorf("activities in store: got %d; want %d", n, tt.wantStored)
			}
			if st.Held.Reason != tt.wantHold {
				t.Fatalf("Held: got %+v (err %v); want reason %q", st.Held, err, tt.wantHold)
			}
			if tt.wantHold == "" {
				if err != nil || st.LastOutcome != OutcomeReplaced {
					t.Errorf("got err %v, outcome %q; want nil, replaced", err, st.LastOutcome)
				}
				return
			}
			if !errors.Is(err, ErrHeld) || !errors.Is(st.LastErr, ErrHeld) || st.LastOutcome != OutcomeHeld {
				t.Errorf("got err %v, LastErr %v, outcome %q; want ErrHeld and held", err, st.LastErr, st.LastOutcome)
			}
			if tt.wantHold == HoldCutOff && (!errors.Is(err, ErrTruncated) || asked != 0) {
				t.Errorf("cut off: got err %v, AcceptDrop asked %d times; want ErrTruncated, never asked", err, asked)
			}
			if !strings.Contains(st.Held.Message, tt.mention) || st.Held.InService != 32 || st.Held.At.IsZero() {
				t.Errorf("Held: got %+v; want it to mention %q, 32 in service, and when", st.Held, tt.mention)
			}
			if !strings.Contains(refreshLastLine(logs.String()), `"level":"WARN"`) || !strings.Contains(refreshLastLine(logs.String()), `"reason":"`+string(tt.wantHold)+`"`) {
				t.Errorf("log: got %s; want a warning with the reason", refreshLastLine(logs.String()))
			}
			if st.Version != "v1" || st.Failures != 1 {
				t.Errorf("Version, Failures: got %q, %d; want v1 kept, 1", st.Version, st.Failures)
			}
			// The source is whole again: the hold clears.
			if err := r.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			if st := r.Status(); st.Held.Reason != "" || st.LastOutcome != OutcomeReplaced && st.LastOutcome != OutcomeNone {
				t.Errorf("after a good refresh: got Held %+v, outcome %q; want none, replaced", st.Held, st.LastOutcome)
			}
		})
	}
}

// TestRefreshDropCountsWhatIsInService: the drop is measured against the
// store's own count when it has one (after a restart, or another instance's
// reload), and against the refresher's last good load when the count fails.
func TestRefreshDropCountsWhatIsInService(t *testing.T) {
	log, _ := refreshLogger(t)
	src := &refreshFakeSource{steps: []refreshStep{{load: refreshLoad(10, 0)}}}
	store := &countingStore{inService: 40}
	r := NewRefresher(src.read, store, RefresherOptions{Logger: log})
	err := r.Refresh(context.Background())
	if !errors.Is(err, ErrHeld) || r.Status().Held.InService != 40 {
		t.Fatalf("first refresh against 40 in service: got %v, %+v; want held", err, r.Status().Held)
	}
	store.inService = 0
	if err := r.Refresh(context.Background()); err != nil {
		t.Fatalf("nothing in service: got %v; want the catalogue put in service", err)
	}
	// The store cannot count: the refresher's own last good load (10) is
	// the measure, so 7 is let through and 5 is held.
	store.inService = -1
	src.steps = []refreshStep{{load: refreshLoad(5, 0)}}
	if err := r.Refresh(context.Background()); !errors.Is(err, ErrHeld) {
		t.Errorf("5 after 10, store cannot count: got %v; want held", err)
	}
	src.steps = []refreshStep{{load: refreshLoad(8, 0)}}
	if err := r.Refresh(context.Background()); err != nil {
		t.Errorf("8 after 10, store cannot count: got %v; want replaced", err)
	}
}
