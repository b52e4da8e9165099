package redisstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/places"
)

// backends runs f once on a real redis-server and once on miniredis.
func backends(t *testing.T, f func(t *testing.T, rdb redis.UniversalClient)) {
	t.Run("redis", func(t *testing.T) {
		rdb, _ := redistest.Start(t)
		f(t, rdb)
	})
	t.Run("miniredis", func(t *testing.T) {
		rdb, _ := redistest.Mini(t)
		f(t, rdb)
	})
}

// logWriter sends logs to t.Log until the test ends, then drops them (a
// background read may finish after its test).
type logWriter struct {
	t    testing.TB
	mu   *sync.Mutex
	done *bool
}

func (w logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !*w.done {
		w.t.Log(strings.TrimSpace(string(p)))
	}
	return len(p), nil
}

func testLogger(t testing.TB) *slog.Logger {
	w := logWriter{t: t, mu: new(sync.Mutex), done: new(bool)}
	t.Cleanup(func() { w.mu.Lock(); *w.done = true; w.mu.Unlock() })
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// newStore returns a Store that, unless opts says otherwise, asks Redis for
// the version in service on every call, so that tests see another instance's
// reload at once (TestRecheck covers the window).
func newStore(t testing.TB, rdb redis.UniversalClient, opts Options) *Store {
	if opts.Logger == nil {
		opts.Logger = testLogger(t)
	}
	if opts.Recheck == 0 {
		opts.Recheck = -1
	}
	return New(rdb, opts)
}

var (
	frome    = places.Point{Lat: 51.2279, Lon: -2.3215}
	notts    = places.Point{Lat: 52.9548, Lon: -1.1581}
	yarmouth = places.Point{Lat: 52.6083, Lon: 1.7305}
)

func act(id, town string, p places.Point, dLat, dLon float64, c catalogue.Category, active bool) catalogue.Activity {
	return catalogue.Activity{
		ID: id, Title: "Title " + id, Summary: "Summary of " + id, Category: c,
		Town: town, Lat: p.Lat + dLat, Lon: p.Lon + dLon, Active: active,
		Tags: []string{catalogue.TagStepFree}, Source: "test",
		Schedule: catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Weekly, Days: []time.Weekday{time.Tuesday}, Opens: 600, Closes: 720}}},
	}
}

// sample is a small catalogue in three areas, with inactive activities nearest
// of all in Frome.
func sample() []catalogue.Activity {
	return []catalogue.Activity{
		act("frome-museum", "Frome", frome, 0.001, 0.001, catalogue.Museum, true),
		act("frome-walk", "Frome", frome, 0.02, 0.0, catalogue.Walk, true),
		act("frome-cafe", "frome ", frome, -0.03, 0.01, catalogue.Cafe, true),
		act("frome-closed", "Frome", frome, 0, 0, catalogue.Cafe, false),
		act("notts-walk", "Nottingham", notts, 0.01, 0.01, catalogue.Walk, true),
		act("notts-history", "Nottingham", notts, 0.0, 0.02, catalogue.HistoryGroup, true),
		act("yarmouth-crafts", "Great Yarmouth", yarmouth, 0.0, 0.0, catalogue.Crafts, true),
		act("yarmouth-dig", "Great Yarmouth", yarmouth, 0.05, -0.05, catalogue.Archaeology, false),
	}
}

func ids(rs []catalogue.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Activity.ID
	}
	return out
}

func TestNoCatalogue(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		s := newStore(t, rdb, Options{})
		ctx := context.Background()
		if _, _, err := s.Near(ctx, catalogue.Query{Lat: frome.Lat, Lon: frome.Lon}); !errors.Is(err, catalogue.ErrNoCatalogue) {
			t.Errorf("Near: got %v; want ErrNoCatalogue", err)
		}
		if _, err := s.Get(ctx, "frome-walk"); !errors.Is(err, catalogue.ErrNoCatalogue) {
			t.Errorf("Get: got %v; want ErrNoCatalogue", err)
		}
		if _, err := s.Towns(ctx); !errors.Is(err, catalogue.ErrNoCatalogue) {
			t.Errorf("Towns: got %v; want ErrNoCatalogue", err)
		}
	})
}

func TestNear(t *testing.T) {
	tests := []struct {
		name      string
		q         catalogue.Query
		want      []string
		wantTotal int
	}{
		{
			name:      "nearest first, inactive never",
			q:         catalogue.Query{Lat: frome.Lat, Lon: frome.Lon, Limit: 4},
			want:      []string{"frome-museum", "frome-walk", "frome-cafe", "notts-history"},
			wantTotal: 7 - 1,
		},
		{
			name:      "within miles",
			q:         catalogue.Query{Lat: frome.Lat, Lon: frome.Lon, WithinMiles: 10},
			want:      []string{"frome-museum", "frome-walk", "frome-cafe"},
			wantTotal: 3,
		},
		{
			name:      "one category",
			q:         catalogue.Query{Lat: frome.Lat, Lon: frome.Lon, Categories: []catalogue.Category{catalogue.Walk}},
			want:      []string{"frome-walk", "notts-walk"},
			wantTotal: 2,
		},
		{
			name:      "two categories merge by distance",
			q:         catalogue.Query{Lat: notts.Lat, Lon: notts.Lon, Categories: []catalogue.Category{catalogue.Crafts, catalogue.Walk}},
			want:      []string{"notts-walk", "yarmouth-crafts", "frome-walk"},
			wantTotal: 3,
		},
		{
			name:      "inactive category finds nothing",
			q:         catalogue.Query{Lat: yarmouth.Lat, Lon: yarmouth.Lon, Categories: []catalogue.Category{catalogue.Archaeology}},
			want:      []string{},
			wantTotal: 0,
		},
		{
			name:      "offset and limit page through",
			q:         catalogue.Query{Lat: yarmouth.Lat, Lon: yarmouth.Lon, Offset: 1, Limit: 2},
			want:      []string{"notts-history", "notts-walk"},
			wantTotal: 6,
		},
		{
			name:      "offset past the end",
			q:         catalogue.Query{Lat: yarmouth.Lat, Lon: yarmouth.Lon, Offset: 50},
			want:      []string{},
			wantTotal: 6,
		},
		{
			name:      "nothing within range",
			q:         catalogue.Query{Lat: 54.97, Lon: -1.61, WithinMiles: 25},
			want:      []string{},
			wantTotal: 0,
		},
	}
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		s := newStore(t, rdb, Options{})
		ctx := context.Background()
		if _, err := s.Replace(ctx, sample()); err != nil {
			t.Fatal(err)
		}
		// A second instance with nothing in memory reads the catalogue from Redis.
		other := newStore(t, rdb, Options{})
		for _, tt := range tests {
			for name, st := range map[string]*Store{"loader": s, "other": other} {
				t.Run(tt.name+"/"+name, func(t *testing.T) {
					rs, total, err := st.Near(ctx, tt.q)
					if err != nil {
						t.Fatal(err)
					}
					if got := ids(rs); !slices.Equal(got, tt.want) {
						t.Errorf("ids: got %q; want %q", got, tt.want)
					}
					if total != tt.wantTotal {
						t.Errorf("total: got %d; want %d", total, tt.wantTotal)
					}
					for i, r := range rs {
						want := places.Miles(tt.q.Lat, tt.q.Lon, r.Activity.Lat, r.Activity.Lon)
						if r.Miles != want {
							t.Errorf("result %d miles: got %v; want %v", i, r.Miles, want)
						}
						if i > 0 && r.Miles < rs[i-1].Miles {
							t.Errorf("result %d nearer than result %d", i, i-1)
						}
					}
				})
			}
		}
		if got := other.Stats().Fallbacks; got != 0 {
			t.Errorf("fallbacks: got %d; want 0", got)
		}
	})
}

func TestGet(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		if _, err := newStore(t, rdb, Options{}).Replace(ctx, sample()); err != nil {
			t.Fatal(err)
		}
		s := newStore(t, rdb, Options{})
		tests := []struct {
			id      string
			wantErr error
		}{
			{"frome-walk", nil},
			{"frome-closed", catalogue.ErrNotFound},
			{"nowhere", catalogue.ErrNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.id, func(t *testing.T) {
				a, err := s.Get(ctx, tt.id)
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Get(%q): got %v; want %v", tt.id, err, tt.wantErr)
				}
				if err == nil && (a.ID != tt.id || a.Title != "Title "+tt.id || len(a.Schedule.Rules) != 1) {
					t.Errorf("Get(%q): got %+v; want the stored activity", tt.id, a)
				}
			})
		}
		// A caller changing what it got does not change the store.
		a, _ := s.Get(ctx, "frome-walk")
		a.Tags[0] = "changed"
		if b, _ := s.Get(ctx, "frome-walk"); b.Tags[0] != catalogue.TagStepFree {
			t.Errorf("tag after caller's change: got %q; want %q", b.Tags[0], catalogue.TagStepFree)
		}
	})
}

func TestTowns(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		if _, err := newStore(t, rdb, Options{}).Replace(ctx, sample()); err != nil {
			t.Fatal(err)
		}
		towns, err := newStore(t, rdb, Options{}).Towns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, tw := range towns {
			got = append(got, fmt.Sprintf("%s %d", tw.Name, tw.Activities))
		}
		want := []string{"Frome 3", "Nottingham 2", "Great Yarmouth 1"}
		if !slices.Equal(got, want) {
			t.Errorf("towns: got %q; want %q", got, want)
		}
		if d := places.Miles(towns[0].Lat, towns[0].Lon, frome.Lat, frome.Lon); d > 2 {
			t.Errorf("Frome's point is %.1f miles from Frome; want under 2", d)
		}
	})
}

func TestCompareResults(t *testing.T) {
	at := func(h int) catalogue.Session {
		s := time.Date(2026, 11, 26, h, 0, 0, 0, catalogue.London)
		return catalogue.Session{Start: s, End: s.Add(time.Hour)}
	}
	res := func(id string, mi float64, next catalogue.Session) hit {
		return hit{candidate{&catalogue.Activity{ID: id, Active: true}, mi}, next, true}
	}
	rs := []hit{
		res("far", 3, at(9)),
		res("same-place-unknown", 1, catalogue.Session{}),
		res("same-place-later", 1, at(15)),
		res("same-place-sooner", 1, at(10)),
		res("near", 0.5, catalogue.Session{}),
		res("same-place-sooner-b", 1, at(10)),
	}
	got, total := newSnapshot("", nil).page(rs, len(rs), catalogue.Query{})
	want := []string{"near", "same-place-sooner", "same-place-sooner-b", "same-place-later", "same-place-unknown", "far"}
	if !slices.Equal(ids(got), want) || total != len(want) {
		t.Errorf("order: got %q (total %d); want %q (total %d)", ids(got), total, want, len(want))
	}
}

func TestReplaceUnchangedDoesNoWork(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		s := newStore(t, rdb, Options{})
		v1, err := s.Replace(ctx, sample())
		if err != nil {
			t.Fatal(err)
		}
		// The same activities in another order, from another instance.
		acts := sample()
		slices.Reverse(acts)
		other := newStore(t, rdb, Options{})
		v2, err := other.Replace(ctx, acts)
		if err != nil {
			t.Fatal(err)
		}
		if v1 != v2 {
			t.Errorf("version after the same catalogue: got %q; want %q", v2, v1)
		}
		if got := s.Stats().Replaces + other.Stats().Replaces; got != 1 {
			t.Errorf("reloads done: got %d; want 1", got)
		}
		if got := other.Stats().Version; got != v1 {
			t.Errorf("other's version in memory: got %q; want %q", got, v1)
		}
		acts[1].Title = "Changed" // acts[0] is inactive
		v3, err := other.Replace(ctx, acts)
		if err != nil {
			t.Fatal(err)
		}
		if v3 == v1 {
			t.Errorf("version after a change: got %q; want a new one", v3)
		}
	})
}

func TestReplaceLockedElsewhere(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		s := newStore(t, rdb, Options{})
		v1, err := s.Replace(ctx, sample())
		if err != nil {
			t.Fatal(err)
		}
		// Another instance holds the lock.
		if err := rdb.Set(ctx, s.k.lock(), "someone-else", time.Minute).Err(); err != nil {
			t.Fatal(err)
		}
		_, err = s.Replace(ctx, sample()[:2])
		if !errors.Is(err, catalogue.ErrReplacedElsewhere) {
			t.Fatalf("Replace while locked: got %v; want ErrReplacedElsewhere", err)
		}
		if got, _ := rdb.Get(ctx, s.k.current()).Result(); got != v1 {
			t.Errorf("current: got %q; want unchanged %q", got, v1)
		}
		if got, _ := rdb.Get(ctx, s.k.lock()).Result(); got != "someone-else" {
			t.Errorf("lock: got %q; want the other instance's token left alone", got)
		}
	})
}

func TestConcurrentReplaceDoneOnce(t *testing.T) {
	rdb, _ := redistest.Start(t)
	ctx := context.Background()
	acts := synthetic(500, 1)
	const instances = 6
	stores := make([]*Store, instances)
	errs := make([]error, instances)
	vers := make([]string, instances)
	var wg sync.WaitGroup
	for i := range stores {
		stores[i] = newStore(t, rdb, Options{Batch: 100})
		wg.Go(func() { vers[i], errs[i] = stores[i].Replace(ctx, acts) })
	}
	wg.Wait()
	var done int64
	for i, s := range stores {
		done += s.Stats().Replaces
		if errs[i] != nil && !errors.Is(errs[i], catalogue.ErrReplacedElsewhere) {
			t.Errorf("instance %d: got %v; want nil or ErrReplacedElsewhere", i, errs[i])
		}
	}
	if done != 1 {
		t.Errorf("reloads done: got %d; want 1", done)
	}
	cur, _ := rdb.Get(ctx, stores[0].k.current()).Result()
	for i, s := range stores {
		if errs[i] == nil && vers[i] != cur {
			t.Errorf("instance %d version: got %q; want %q", i, vers[i], cur)
		}
		if _, _, err := s.Near(ctx, catalogue.Query{Lat: 52, Lon: -1}); err != nil {
			t.Errorf("instance %d Near: %v", i, err)
		}
		if got := s.Stats().Version; got != cur {
			t.Errorf("instance %d in memory: got %q; want %q", i, got, cur)
		}
	}
}

// TestSearchNeverSeesHalfACatalogue searches from another instance while one
// catalogue replaces another, in many small batches. Every answer must come
// wholly from one catalogue or the other.
func TestSearchNeverSeesHalfACatalogue(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		loader := newStore(t, rdb, Options{Batch: 20})
		reader := newStore(t, rdb, Options{SwitchWait: time.Millisecond})
		catA := prefixed(synthetic(600, 2), "a-")
		catB := prefixed(synthetic(400, 3), "b-")
		if _, err := loader.Replace(ctx, catA); err != nil {
			t.Fatal(err)
		}
		q := catalogue.Query{Lat: 52.5, Lon: -1.5, Limit: 20}
		totalA, totalB := countNear(t, catA, q), countNear(t, catB, q)

		stop := make(chan struct{})
		var seenA, seenB int
		var wg sync.WaitGroup
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				rs, total, err := reader.Near(ctx, q)
				if err != nil {
					t.Errorf("Near: %v", err)
					return
				}
				want, from := totalA, "a-"
				if len(rs) > 0 && strings.HasPrefix(rs[0].Activity.ID, "b-") {
					want, from = totalB, "b-"
					seenB++
				} else {
					seenA++
				}
				if total != want {
					t.Errorf("total: got %d; want %d (catalogue %s)", total, want, from)
				}
				for _, r := range rs {
					if !strings.HasPrefix(r.Activity.ID, from) {
						t.Errorf("mixed answer: %s among catalogue %s", r.Activity.ID, from)
						return
					}
				}
			}
		})
		for i := range 4 {
			acts := catB
			if i%2 == 1 {
				acts = catA
			}
			if _, err := loader.Replace(ctx, acts); err != nil {
				t.Error(err)
			}
		}
		// Let the reader catch up with the last catalogue (A).
		deadline := time.Now().Add(5 * time.Second)
		for reader.Stats().Version != loader.Stats().Version && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		close(stop)
		wg.Wait()
		if seenA == 0 {
			t.Errorf("reader never saw catalogue A")
		}
		t.Logf("answers from A: %d, from B: %d", seenA, seenB)
	})
}

func prefixed(acts []catalogue.Activity, p string) []catalogue.Activity {
	for i := range acts {
		acts[i].ID = p + acts[i].ID
	}
	return acts
}

// countNear is the number of active activities a query with no filters and no
// range should report.
func countNear(t *testing.T, acts []catalogue.Activity, q catalogue.Query) int {
	n := 0
	for _, a := range acts {
		if a.Active {
			n++
		}
	}
	return n
}

func TestOldVersionsDeletedAfterGrace(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		clock := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
		s := newStore(t, rdb, Options{Grace: time.Minute})
		s.now = func() time.Time { return clock }

		// A build that died half-way, an hour ago.
		dead := "dead-0123456789abcdef"
		rdb.ZAdd(ctx, s.k.versions(), redis.Z{Score: float64(clock.Add(-time.Hour).UnixMilli()), Member: dead})
		rdb.GeoAdd(ctx, s.k.geo(dead), &redis.GeoLocation{Name: "x", Latitude: 51, Longitude: -1})

		acts := sample()
		v1, err := s.Replace(ctx, acts)
		if err != nil {
			t.Fatal(err)
		}
		assertVersionKeys(t, rdb, s, dead, false)
		clock = clock.Add(time.Second)
		acts[0].Title = "Second"
		v2, err := s.Replace(ctx, acts)
		if err != nil {
			t.Fatal(err)
		}
		assertVersionKeys(t, rdb, s, v1, true) // within its grace
		clock = clock.Add(2 * time.Minute)
		acts[0].Title = "Third"
		v3, err := s.Replace(ctx, acts)
		if err != nil {
			t.Fatal(err)
		}
		assertVersionKeys(t, rdb, s, v1, false)
		assertVersionKeys(t, rdb, s, v2, true)
		assertVersionKeys(t, rdb, s, v3, true)
		left, _ := rdb.ZRange(ctx, s.k.versions(), 0, -1).Result()
		if !slices.Equal(left, []string{v2}) {
			t.Errorf("versions awaiting deletion: got %q; want %q", left, []string{v2})
		}
		if n, _ := rdb.Exists(ctx, s.k.lock()).Result(); n != 0 {
			t.Errorf("lock left behind after Replace")
		}
	})
}

func assertVersionKeys(t *testing.T, rdb redis.UniversalClient, s *Store, ver string, want bool) {
	t.Helper()
	n, err := rdb.Exists(context.Background(), s.k.geo(ver)).Result()
	if err != nil {
		t.Fatal(err)
	}
	if got := n == 1; got != want {
		t.Errorf("version %s keys exist: got %v; want %v", ver, got, want)
	}
}

// reference answers q by brute force, as the contract says a Finder must.
func reference(acts []catalogue.Activity, q catalogue.Query) ([]string, int) {
	var rs []hit
	for _, a := range acts {
		mi := places.Miles(q.Lat, q.Lon, a.Lat, a.Lon)
		if !a.Active || (q.WithinMiles > 0 && mi > q.WithinMiles) {
			continue
		}
		if len(q.Categories) > 0 && !slices.Contains(q.Categories, a.Category) {
			continue
		}
		next, ok := catalogue.Matches(&a, q)
		if !ok {
			continue
		}
		rs = append(rs, hit{candidate{&a, mi}, next, true})
	}
	got, total := newSnapshot("", nil).page(rs, len(rs), q)
	return ids(got), total
}

func TestNearAgreesWithBruteForce(t *testing.T) {
	acts := synthetic(800, 7)
	var queries []catalogue.Query
	for i, town := range englishTowns[:12] {
		q := catalogue.Query{Lat: town.lat, Lon: town.lon, Limit: 5, Offset: i % 3 * 5}
		switch i % 4 {
		case 0:
			q.WithinMiles = 10
		case 1:
			q.WithinMiles = 25
			q.Categories = []catalogue.Category{catalogue.Archaeology}
		case 2:
			q.Categories = []catalogue.Category{catalogue.Walk, catalogue.Cafe}
		case 3:
			q.WithinMiles = 60
		}
		queries = append(queries, q)
	}
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		if _, err := newStore(t, rdb, Options{}).Replace(ctx, acts); err != nil {
			t.Fatal(err)
		}
		s := newStore(t, rdb, Options{})
		for i, q := range queries {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				want, wantTotal := reference(acts, q)
				rs, total, err := s.Near(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				// The total is exact up to countAtLeast matches, and at
				// least that many beyond.
				if !slices.Equal(ids(rs), want) || total > wantTotal || total < min(wantTotal, countAtLeast) {
					t.Errorf("got %q (total %d); want %q (total %d, or at least %d)", ids(rs), total, want, wantTotal, countAtLeast)
				}
			})
		}
	})
}

// commandCounter counts the commands a client sends, pipelined or not.
type commandCounter struct{ n atomic.Int64 }

func (c *commandCounter) DialHook(next redis.DialHook) redis.DialHook { return next }
func (c *commandCounter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error { c.n.Add(1); return next(ctx, cmd) }
}
func (c *commandCounter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		c.n.Add(int64(len(cmds)))
		return next(ctx, cmds)
	}
}

// Within Options.Recheck of Redis confirming the version in service, Get,
// Towns and searches cost no Redis command; a reload by another instance is
// seen once the window has passed, and a Redis that lost the catalogue is
// noticed then too, the searches answered from memory all along.
func TestRecheck(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		if _, err := newStore(t, rdb, Options{}).Replace(ctx, sample()); err != nil {
			t.Fatal(err)
		}
		clock := time.Unix(1_800_000_000, 0)
		s := newStore(t, rdb, Options{Recheck: time.Second, SwitchWait: 5 * time.Second})
		s.now = func() time.Time { return clock }
		var count commandCounter
		rdb.AddHook(&count)
		q := catalogue.Query{Lat: frome.Lat, Lon: frome.Lon, WithinMiles: 10}

		if _, _, err := s.Near(ctx, q); err != nil { // reads the catalogue, confirms its version
			t.Fatal(err)
		}
		count.n.Store(0)
		if _, err := s.Get(ctx, "frome-museum"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Towns(ctx); err != nil {
			t.Fatal(err)
		}
		if got := count.n.Load(); got != 0 {
			t.Errorf("Get and Towns within the window sent %d commands; want 0", got)
		}
		if _, _, err := s.Near(ctx, q); err != nil {
			t.Fatal(err)
		}
		if got := count.n.Load(); got != 0 {
			t.Errorf("a search within the window sent %d commands; want 0", got)
		}

		// Another instance reloads without frome-museum.
		acts := slices.DeleteFunc(sample(), func(a catalogue.Activity) bool { return a.ID == "frome-museum" })
		if _, err := newStore(t, rdb, Options{}).Replace(ctx, acts); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Get(ctx, "frome-museum"); err != nil {
			t.Errorf("Get within the window: %v; want the version held", err)
		}
		clock = clock.Add(time.Second)
		if _, err := s.Get(ctx, "frome-museum"); !errors.Is(err, catalogue.ErrNotFound) {
			t.Errorf("Get after the window: %v; want ErrNotFound from the new version", err)
		}

		// Redis loses everything: searches go on answering from memory, and
		// the first after the window, finding the version gone, counts it.
		if _, _, err := s.Near(ctx, q); err != nil { // confirms the new version
			t.Fatal(err)
		}
		if err := rdb.FlushAll(ctx).Err(); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			rs, _, err := s.Near(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) == 0 {
				t.Errorf("search after Redis lost the catalogue found nothing; want the version held")
			}
			clock = clock.Add(time.Second)
		}
		if got := s.Stats().Fallbacks; got != 1 {
			t.Errorf("fallbacks: got %d; want 1", got)
		}
	})
}
