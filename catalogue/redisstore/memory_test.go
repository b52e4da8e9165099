package redisstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
)

// TestReplaceDigestUnchanged checks that encoding activities one at a time
// (rather than holding every encoding) gives the digest versions have always
// carried: json.Marshal of each active activity, sorted by id, then a newline.
// An instance upgraded beside an older one must see the same catalogue as
// unchanged and not rebuild it.
func TestReplaceDigestUnchanged(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		acts := sample()
		acts[0].Summary = `Tea & cake <b>"free"</b>` // HTML escaping as json.Marshal does it
		s := newStore(t, rdb, Options{})
		ver, err := s.Replace(context.Background(), acts)
		if err != nil {
			t.Fatal(err)
		}
		var active []catalogue.Activity
		for _, a := range acts {
			if a.Active {
				active = append(active, a)
			}
		}
		slices.SortFunc(active, func(a, b catalogue.Activity) int { return strings.Compare(a.ID, b.ID) })
		h := sha256.New()
		for i := range active {
			b, err := json.Marshal(&active[i])
			if err != nil {
				t.Fatal(err)
			}
			h.Write(b)
			h.Write([]byte{'\n'})
		}
		if got, want := versionSum(ver), hex.EncodeToString(h.Sum(nil))[:16]; got != want {
			t.Errorf("got digest %s; want %s", got, want)
		}
	})
}

// TestReplaceBatchesReadBack checks that a catalogue written in many batches
// reads back whole and in order in another instance, with repeated strings
// shared and every activity's slices its own.
func TestReplaceBatchesReadBack(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		var acts []catalogue.Activity
		for range 5 {
			for _, a := range sample() {
				a.ID += "-" + string(rune('a'+len(acts)))
				a.Tags = []string{"step-free"}
				acts = append(acts, a)
			}
		}
		w := newStore(t, rdb, Options{Batch: 3})
		if _, err := w.Replace(ctx, acts); err != nil {
			t.Fatal(err)
		}
		r := newStore(t, rdb, Options{Batch: 3})
		snap, err := r.current(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := w.snap.Load().acts
		if !reflect.DeepEqual(snap.acts, want) {
			t.Fatalf("read back %d activities; want the %d written, equal", len(snap.acts), len(want))
		}
		if len(want) < 2 {
			t.Fatalf("got %d activities; want several", len(want))
		}
		a, b := &snap.acts[0], &snap.acts[1]
		if a.Town == b.Town && unsafe.StringData(a.Town) != unsafe.StringData(b.Town) {
			t.Errorf("got two copies of the town %q; want one shared", a.Town)
		}
		a.Tags[0] = "changed"
		if b.Tags[0] != "step-free" {
			t.Errorf("after changing one activity's tags, got another's %q; want step-free", b.Tags[0])
		}
	})
}
