package volunteers_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/volunteers"
)

// TestOneOpenCallbackAtOnce sends ten callback requests from one number at
// the same moment, on a real redis-server: one callback is queued, every
// request gets its reference, and the volunteers on duty get one text each.
func TestOneOpenCallbackAtOnce(t *testing.T) {
	rdb, _ := redistest.Start(t)
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	var wg sync.WaitGroup
	refs := make([]string, 10)
	for i := range refs {
		wg.Go(func() {
			cb, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "sms"})
			if err != nil {
				t.Error(err)
			}
			refs[i] = cb.Ref
		})
	}
	wg.Wait()
	for _, ref := range refs {
		if ref != refs[0] || ref == "" {
			t.Fatalf("references: got %v; want one callback", refs)
		}
	}
	if sent := r.texter.take(); len(sent) != 2 {
		t.Errorf("texts: got %d (%v); want one each to Sam and Jo", len(sent), sent)
	}
	if cbs, _ := r.desk.Open(ctx); len(cbs) != 1 {
		t.Errorf("open callbacks: got %v; want one", cbs)
	}
}

// TestFloodGetsOneSummary: callbacks from many numbers in one hour text the
// volunteers about each of the first four, then once with a summary (not
// once per request), and LIST says how many are waiting and shows the
// newest as well as the oldest.
func TestFloodGetsOneSummary(t *testing.T) {
	rdb, _ := redistest.Start(t)
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	var refs []string
	for i := range 12 {
		*r.now = r.now.Add(20 * time.Second)
		cb, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: fmt.Sprintf("+4477009005%02d", i), Kind: "sms"})
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, cb.Ref)
	}
	sent := r.texter.take()
	var each, summaries int
	for _, s := range sent {
		switch {
		case strings.HasPrefix(s.Body, "Callback "):
			each++
		case strings.Contains(s.Body, "callbacks are waiting"):
			summaries++
			want := "5 callbacks are waiting, more than usual, so the line won't text about each one. The newest is " + refs[4] + ", requested 14:06. Text LIST to see them."
			if s.Body != want {
				t.Errorf("summary: got %q; want %q", s.Body, want)
			}
		default:
			t.Errorf("unexpected text %q", s.Body)
		}
	}
	if each != 8 || summaries != 2 {
		t.Errorf("texts: got %d about single callbacks and %d summaries; want 8 (four callbacks, two volunteers) and 2", each, summaries)
	}
	list := r.desk.HandleText(ctx, sam, "LIST")
	for _, want := range []string{"12 open callbacks.", refs[0] + " ", refs[2] + " ", "...6 more, then the 3 newest:", refs[9] + " ", refs[11] + " 0m ago"} {
		if !strings.Contains(list, want) {
			t.Errorf("LIST: got %q; want it to contain %q", list, want)
		}
	}
	if strings.Contains(list, refs[5]+" ") {
		t.Errorf("LIST: got %q; want the middle ones left out", list)
	}
	// In the next quarter of an hour, the next request past the limit gets a
	// new summary.
	*r.now = r.now.Add(16 * time.Minute)
	if _, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: "+447700900599", Kind: "voice"}); err != nil {
		t.Fatal(err)
	}
	if sent := r.texter.take(); len(sent) != 2 || !strings.HasPrefix(sent[0].Body, "13 callbacks are waiting") {
		t.Errorf("after 16 minutes: got %v; want a new summary to each volunteer", sent)
	}
}

// TestReferencesNeverReused: when Redis loses every key, the next callback
// does not get a reference given before, whether the line kept running,
// restarted with its data directory, or lost that too; and an old TAKE
// never reaches the new resident.
func TestReferencesNeverReused(t *testing.T) {
	rdb, _ := redistest.Start(t)
	ctx := context.Background()
	mark := volunteers.NewFileRefMark(filepath.Join(t.TempDir(), "callback-refs"))
	r := newRig(t, rdb, testRoster(t, true), volunteers.WithRefMark(mark))
	given := map[string]bool{}
	request := func(desk *volunteers.Desk, i int) string {
		t.Helper()
		cb, err := desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: fmt.Sprintf("+4477009004%02d", i), Kind: "sms"})
		if err != nil {
			t.Fatal(err)
		}
		if given[cb.Ref] {
			t.Errorf("callback %d: got %s; want a reference never given before (given: %v)", i, cb.Ref, given)
		}
		given[cb.Ref] = true
		return cb.Ref
	}
	// Many in one hour, so the counter runs ahead of the clock's floor.
	var first string
	for i := range 30 {
		ref := request(r.desk, i)
		if i == 4 {
			first = ref
		}
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(first, "C"))
	if n < 7000 || n > 99999 {
		t.Errorf("reference %s: want four or five digits after C", first)
	}

	rdb.FlushAll(ctx) // Redis restarts empty under the running line
	request(r.desk, 30)
	if got := r.desk.HandleText(ctx, jo, "TAKE "+first); !strings.HasPrefix(got, "There's no open callback "+first) {
		t.Errorf("TAKE %s after Redis lost its data: got %q; want no such callback", first, got)
	}

	rdb.FlushAll(ctx) // and again, with the line restarted on the same data directory
	restarted := newRig(t, rdb, testRoster(t, true), volunteers.WithRefMark(mark))
	request(restarted.desk, 31)

	// Everything lost, two days later: the clock's floor, which a line that
	// gave 32 references in an hour passes again 32 hours on.
	rdb.FlushAll(ctx)
	fresh := newRig(t, rdb, testRoster(t, true))
	*fresh.now = fresh.now.Add(48 * time.Hour)
	ref := request(fresh.desk, 32)
	if m, _ := strconv.Atoi(strings.TrimPrefix(ref, "C")); m <= n {
		t.Errorf("after losing everything: got %s; want above %s", ref, first)
	}
}
