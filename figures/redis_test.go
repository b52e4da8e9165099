package figures

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/redis/go-redis/v9"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Keyed hashes standing for four residents.
const (
	p1 = "aaaaaaaaaaaaaaaaaaaaaaaa"
	p2 = "bbbbbbbbbbbbbbbbbbbbbbbb"
	p3 = "cccccccccccccccccccccccc"
	p4 = "dddddddddddddddddddddddd"
)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, london)
	if err != nil {
		panic(err)
	}
	return t
}

// fixture is two weeks of traffic: the weeks beginning 6 and 13 January 2025.
func fixture() []Event {
	return []Event{
		{Time: at("2025-01-06 09:00"), Channel: Voice, Kind: Contact, Person: p1, Outcome: "completed", Seconds: 200},
		{Time: at("2025-01-06 09:01"), Channel: Voice, Kind: Search, Person: p1, Area: "NR31", Categories: []string{"walk"}, Offered: []string{"a1"}},
		{Time: at("2025-01-06 09:02"), Channel: Voice, Kind: Details, Person: p1, Area: "NR31", Offered: []string{"a1"}},
		{Time: at("2025-01-06 09:03"), Channel: Voice, Kind: Texted, Person: p1, Area: "NR31", Offered: []string{"a1"}},
		{Time: at("2025-01-07 10:00"), Channel: Voice, Kind: Contact, Person: p2},
		{Time: at("2025-01-07 10:01"), Channel: Voice, Kind: Handoff, Person: p2, Outcome: "asked"},
		{Time: at("2025-01-07 10:02"), Channel: Voice, Kind: Handoff, Person: p2, Outcome: "missed"},
		{Time: at("2025-01-07 10:03"), Channel: Voice, Kind: Callback, Person: p2, Outcome: "requested"},
		{Time: at("2025-01-08 11:00"), Channel: Voice, Kind: Handoff, Person: p2, Outcome: "asked"},
		{Time: at("2025-01-08 11:05"), Channel: Voice, Kind: Handoff, Person: p2, Outcome: "answered", Seconds: 300},
		{Time: at("2025-01-08 12:00"), Channel: Voice, Kind: Callback, Person: p2, Outcome: "taken"},
		{Time: at("2025-01-08 12:01"), Channel: Voice, Kind: Callback, Person: p2, Outcome: "done", Seconds: 3600},
		{Time: at("2025-01-09 14:00"), Channel: Voice, Kind: Callback, Person: p2, Outcome: "done", Seconds: 1800},
		{Time: at("2025-01-09 15:00"), Channel: SMS, Kind: Contact, Person: p1, Language: "cy"},
		{Time: at("2025-01-10 15:00"), Channel: SMS, Kind: Contact, Person: p1, Language: "cy"},
		{Time: at("2025-01-11 16:00"), Channel: SMS, Kind: Contact, Person: p3, Language: "pl"},
		{Time: at("2025-01-11 16:00"), Channel: SMS, Kind: Search, Person: p3, Area: "Gorleston", Categories: []string{"museum", "walk"}, Offered: []string{"a1", "a2", "a3"}},
		{Time: at("2025-01-11 16:05"), Channel: SMS, Kind: Details, Person: p3, Area: "Gorleston", Offered: []string{"a2"}},
		{Time: at("2025-01-12 23:59"), Channel: SMS, Kind: Search, Person: p3, Area: "NR31", Zero: true},
		// The second week.
		{Time: at("2025-01-13 00:00"), Channel: Voice, Kind: Contact, Person: p4},
		{Time: at("2025-01-14 08:00"), Channel: SMS, Kind: Contact, Person: p1, Language: "cy"},
		{Time: at("2025-01-14 08:00"), Channel: SMS, Kind: Search, Person: p1, Area: "NR31", Offered: []string{"a2"}},
		{Time: at("2025-01-15 09:00"), Channel: Voice, Kind: Callback, Person: p4, Outcome: "done", Seconds: 600},
		{Time: at("2025-01-15 09:00"), Channel: Voice, Kind: Callback, Person: p4, Outcome: "unheard-of"},
	}
}

var titles = map[string]string{"a1": "Castle walk", "a2": "Time and Tide | museum"}

func wantReport() Report {
	w1, w2 := at("2025-01-06 00:00"), at("2025-01-13 00:00")
	return Report{
		From: w1, To: w2,
		Weeks: []Week{{
			Start: w1, Calls: 2, Texts: 3, People: 3,
			Searches: 3, ZeroSearches: 1, Details: 2, Texted: 1,
			HandoffsAsked: 2, HandoffsAnswered: 1, HandoffsMissed: 1,
			CallbacksRequested: 1, CallbacksTaken: 1, CallbacksDone: 2, MedianCallback: 45 * time.Minute,
			Signposted: []Count{{"a1", "Castle walk", 2}, {"a2", "Time and Tide | museum", 1}, {"a3", "", 1}},
			Asked:      []Count{{"a1", "Castle walk", 2}, {"a2", "Time and Tide | museum", 1}},
			Areas:      []Count{{"NR31", "", 2}, {"Gorleston", "", 1}},
			Categories: []Count{{"walk", "", 2}, {"museum", "", 1}},
			Languages:  []Count{{"cy", "", 2}, {"en", "", 2}, {"pl", "", 1}},
		}, {
			Start: w2, Calls: 1, Texts: 1, People: 2, Searches: 1, CallbacksDone: 1, MedianCallback: 10 * time.Minute,
			Signposted: []Count{{"a2", "Time and Tide | museum", 1}},
			Areas:      []Count{{"NR31", "", 1}},
			Languages:  []Count{{"cy", "", 1}, {"en", "", 1}},
		}},
		Total: Week{
			Start: w1, Calls: 3, Texts: 4, People: 4,
			Searches: 4, ZeroSearches: 1, Details: 2, Texted: 1,
			HandoffsAsked: 2, HandoffsAnswered: 1, HandoffsMissed: 1,
			CallbacksRequested: 1, CallbacksTaken: 1, CallbacksDone: 3, MedianCallback: 30 * time.Minute,
			Signposted: []Count{{"a1", "Castle walk", 2}, {"a2", "Time and Tide | museum", 2}, {"a3", "", 1}},
			Asked:      []Count{{"a1", "Castle walk", 2}, {"a2", "Time and Tide | museum", 1}},
			Areas:      []Count{{"NR31", "", 3}, {"Gorleston", "", 1}},
			Categories: []Count{{"walk", "", 2}, {"museum", "", 1}},
			Languages:  []Count{{"cy", "", 3}, {"en", "", 3}, {"pl", "", 1}},
		},
	}
}

// slowMachine bounds a batch's write in tests that are not about the bound:
// the default (250 ms) is for a line in service, and a busy machine running
// the race detector can take longer than that for a write that succeeds.
const slowMachine = 5 * time.Second

func testLog(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(tLogWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tLogWriter struct{ t *testing.T }

func (w tLogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// backends runs f against a real redis-server and against miniredis.
func backends(t *testing.T, f func(t *testing.T, rdb redis.UniversalClient)) {
	t.Run("redis-server", func(t *testing.T) {
		rdb, _ := redistest.Start(t)
		f(t, rdb)
	})
	t.Run("miniredis", func(t *testing.T) {
		rdb, _ := redistest.Mini(t)
		f(t, rdb)
	})
}

func newRecorder(t *testing.T, rdb redis.UniversalClient) *Redis {
	r := NewRedis(rdb, Options{Title: func(id string) string { return titles[id] }, Timeout: 2 * time.Second}, testLog(t))
	t.Cleanup(func() { r.Close() })
	return r
}

func record(t *testing.T, r *Redis, events []Event) {
	for _, e := range events {
		r.Record(context.Background(), e)
	}
	if err := r.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := r.Errors(); n != 0 {
		t.Fatalf("got %d errors recording; want 0", n)
	}
}

func compareReports(t *testing.T, got, want Report) {
	t.Helper()
	if !got.From.Equal(want.From) || !got.To.Equal(want.To) {
		t.Errorf("got range %s to %s; want %s to %s", got.From, got.To, want.From, want.To)
	}
	if len(got.Weeks) != len(want.Weeks) {
		t.Fatalf("got %d weeks; want %d", len(got.Weeks), len(want.Weeks))
	}
	for i := range want.Weeks {
		if g, w := fmt.Sprintf("%+v", got.Weeks[i]), fmt.Sprintf("%+v", want.Weeks[i]); g != w {
			t.Errorf("week %d:\ngot  %s\nwant %s", i, g, w)
		}
	}
	if g, w := fmt.Sprintf("%+v", got.Total), fmt.Sprintf("%+v", want.Total); g != w {
		t.Errorf("total:\ngot  %s\nwant %s", g, w)
	}
}

func TestEventsInReportOut(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		r := newRecorder(t, rdb)
		record(t, r, fixture())
		got, err := r.Report(context.Background(), at("2025-01-08 12:00"), at("2025-01-19 23:59"))
		if err != nil {
			t.Fatal(err)
		}
		compareReports(t, got, wantReport())

		var md, csv bytes.Buffer
		if err := WriteMarkdown(&md, got); err != nil {
			t.Fatal(err)
		}
		if err := WriteCSV(&csv, got); err != nil {
			t.Fatal(err)
		}
		golden(t, "report.md", md.Bytes())
		golden(t, "report.csv", csv.Bytes())
	})
}

func TestQuietWeeks(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRecorder(t, rdb)
	record(t, r, fixture())
	got, err := r.Report(context.Background(), at("2024-12-30 00:00"), at("2025-01-27 00:00"))
	if err != nil {
		t.Fatal(err)
	}
	var starts []string
	for _, w := range got.Weeks {
		starts = append(starts, w.Start.Format(time.DateOnly))
	}
	if g, w := strings.Join(starts, " "), "2024-12-30 2025-01-06 2025-01-13 2025-01-20 2025-01-27"; g != w {
		t.Errorf("got weeks %s; want %s", g, w)
	}
	if got.Weeks[0].Calls != 0 || got.Weeks[3].People != 0 || got.Total.Calls != 3 || got.Total.People != 4 {
		t.Errorf("got quiet weeks %+v %+v total %d calls %d people; want 0, 0, 3, 4", got.Weeks[0], got.Weeks[3], got.Total.Calls, got.Total.People)
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, Report{From: got.From, To: got.From, Weeks: got.Weeks[:1], Total: got.Weeks[0]}); err != nil {
		t.Fatal(err)
	}
	golden(t, "quiet.md", md.Bytes())
}

func TestReportRange(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRecorder(t, rdb)
	for _, tt := range []struct {
		name     string
		from, to time.Time
	}{
		{"backwards", at("2025-02-01 00:00"), at("2025-01-01 00:00")},
		{"too long", at("2000-01-01 00:00"), at("2025-01-01 00:00")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Report(context.Background(), tt.from, tt.to)
			if !errors.Is(err, ErrRange) {
				t.Errorf("got %v; want ErrRange", err)
			}
		})
	}
	// The same week at both ends is one week.
	rep, err := r.Report(context.Background(), at("2025-01-07 00:00"), at("2025-01-07 00:00"))
	if err != nil || len(rep.Weeks) != 1 {
		t.Errorf("got %d weeks, %v; want 1, nil", len(rep.Weeks), err)
	}
}

func TestWeekStart(t *testing.T) {
	for _, tt := range []struct {
		in   string // RFC 3339, UTC
		want string // RFC 3339 in London
	}{
		{"2025-01-06T00:00:00Z", "2025-01-06T00:00:00Z"},      // Monday midnight GMT
		{"2025-01-05T23:59:59Z", "2024-12-30T00:00:00Z"},      // Sunday night GMT
		{"2025-06-01T22:59:59Z", "2025-05-26T00:00:00+01:00"}, // Sunday 23:59 BST
		{"2025-06-01T23:00:00Z", "2025-06-02T00:00:00+01:00"}, // Monday 00:00 BST
		{"2025-03-30T00:30:00Z", "2025-03-24T00:00:00Z"},      // the clocks go forward on a Sunday
		{"2025-03-31T00:30:00Z", "2025-03-31T00:00:00+01:00"}, // the next Monday, in BST
		{"2025-10-27T00:30:00Z", "2025-10-27T00:00:00Z"},      // back to GMT
		{"2026-01-01T12:00:00Z", "2025-12-29T00:00:00Z"},      // a week across the new year
	} {
		t.Run(tt.in, func(t *testing.T) {
			in, _ := time.Parse(time.RFC3339, tt.in)
			if got := WeekStart(in, london).Format(time.RFC3339); got != tt.want {
				t.Errorf("WeekStart(%s) = %s; want %s", tt.in, got, tt.want)
			}
		})
	}
}

// Events either side of midnight between Sunday and Monday in summer time
// fall in different weeks, though they share a UTC date.
func TestWeekBoundaryInLondon(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		r := newRecorder(t, rdb)
		sunday, _ := time.Parse(time.RFC3339, "2025-06-01T22:30:00Z") // 23:30 BST Sunday
		monday, _ := time.Parse(time.RFC3339, "2025-06-01T23:30:00Z") // 00:30 BST Monday
		record(t, r, []Event{
			{Time: sunday, Channel: Voice, Kind: Contact, Person: p1},
			{Time: monday, Channel: SMS, Kind: Contact, Person: p1},
		})
		rep, err := r.Report(context.Background(), sunday, monday)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Weeks) != 2 {
			t.Fatalf("got %d weeks; want 2", len(rep.Weeks))
		}
		for i, want := range [][2]int{{1, 0}, {0, 1}} {
			if w := rep.Weeks[i]; w.Calls != want[0] || w.Texts != want[1] || w.People != 1 {
				t.Errorf("week of %s: got %d calls %d texts %d people; want %d, %d, 1", w.Start.Format(time.DateOnly), w.Calls, w.Texts, w.People, want[0], want[1])
			}
		}
		if rep.Total.People != 1 {
			t.Errorf("got %d people in total; want 1", rep.Total.People)
		}
		for day, want := range map[time.Time]int{sunday: 1, monday: 1} {
			evs, err := r.Events(context.Background(), day)
			if err != nil || len(evs) != want {
				t.Errorf("events of %s: got %d, %v; want %d", day, len(evs), err, want)
			}
		}
	})
}

func TestRetention(t *testing.T) {
	rdb, m := redistest.Mini(t)
	r := NewRedis(rdb, Options{Retention: 30 * 24 * time.Hour, Timeout: slowMachine}, testLog(t))
	record(t, r, fixture())
	ctx := context.Background()
	day := at("2025-01-06 12:00")
	evs, err := r.Events(ctx, day)
	if err != nil || len(evs) != 4 {
		t.Fatalf("got %d events, %v; want 4", len(evs), err)
	}
	if evs[1].Kind != Search || evs[1].Area != "NR31" || evs[1].Offered[0] != "a1" {
		t.Errorf("got second event %+v; want the search in NR31 offering a1", evs[1])
	}

	m.FastForward(29 * 24 * time.Hour)
	if evs, _ := r.Events(ctx, day); len(evs) != 4 {
		t.Errorf("after 29 days: got %d events; want 4", len(evs))
	}
	m.FastForward(2 * 24 * time.Hour)
	if evs, _ := r.Events(ctx, day); len(evs) != 0 {
		t.Errorf("after 31 days: got %d events; want 0", len(evs))
	}
	for _, k := range m.Keys() {
		if strings.Contains(k, ":day:") {
			t.Errorf("raw events key %s still there after the retention", k)
		}
		if ttl := m.TTL(k); strings.Contains(k, ":week:") && ttl != 0 {
			t.Errorf("weekly key %s has ttl %s; want none", k, ttl)
		}
	}
	rep, err := r.Report(ctx, at("2025-01-06 00:00"), at("2025-01-13 00:00"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total.Calls != 3 || rep.Total.People != 4 || rep.Total.MedianCallback != 30*time.Minute {
		t.Errorf("after the retention: got %d calls, %d people, median %s; want 3, 4, 30m0s", rep.Total.Calls, rep.Total.People, rep.Total.MedianCallback)
	}
}

func TestDefaultRetention(t *testing.T) {
	rdb, m := redistest.Mini(t)
	r := NewRedis(rdb, Options{Timeout: slowMachine}, testLog(t))
	record(t, r, fixture()[:1])
	for _, k := range m.Keys() {
		if strings.Contains(k, ":day:") {
			if got := m.TTL(k); got != 396*24*time.Hour {
				t.Errorf("got ttl %s on %s; want 396 days", got, k)
			}
		}
	}
}

// A Person that is a phone number is refused: the event is kept without it,
// no number reaches Redis, and nobody is counted.
func TestRefusesNumbers(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		r := newRecorder(t, rdb)
		numbers := []string{"+447700900111", "07700 900111", "447700900111", "00447700900111", "+44 (0)7700 900111"}
		for _, n := range numbers {
			r.Record(context.Background(), Event{Time: at("2025-01-06 10:00"), Channel: SMS, Kind: Contact, Person: n})
		}
		r.Record(context.Background(), Event{Time: at("2025-01-06 10:00"), Channel: SMS, Kind: Search, Person: p1, Area: "07700900111", Categories: []string{"walks", "+447700900111"}})
		if got, want := r.Refused(), uint64(len(numbers)+1); got != want {
			t.Errorf("got %d refused; want %d", got, want)
		}
		rep, err := r.Report(context.Background(), at("2025-01-06 00:00"), at("2025-01-06 00:00"))
		if err != nil {
			t.Fatal(err)
		}
		if w := rep.Weeks[0]; w.Texts != len(numbers) || w.People != 1 || len(w.Areas) != 0 || len(w.Categories) != 1 {
			t.Errorf("got %d texts, %d people, areas %v, categories %v; want %d, 1, none, [walks]", w.Texts, w.People, w.Areas, w.Categories, len(numbers))
		}
		assertNoNumbers(t, rdb)
	})
}

// assertNoNumbers fails if any key or value in rdb holds the digits of the
// test number 07700 900111, whatever the punctuation between them.
func assertNoNumbers(t *testing.T, rdb redis.UniversalClient) {
	t.Helper()
	ctx := context.Background()
	keys, err := rdb.Keys(ctx, "*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		var vals []string
		switch typ := rdb.Type(ctx, k).Val(); typ {
		case "list":
			vals = rdb.LRange(ctx, k, 0, -1).Val()
		case "hash":
			for f := range rdb.HGetAll(ctx, k).Val() {
				vals = append(vals, f)
			}
		case "zset":
			vals = rdb.ZRange(ctx, k, 0, -1).Val()
		}
		for _, v := range append(vals, k) {
			if longDigits(v) {
				t.Errorf("key %s holds %q, which has a phone-number-like run of digits", k, v)
			}
		}
	}
}

func longDigits(s string) bool {
	var digits strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits.WriteRune(r)
		}
	}
	return strings.Contains(digits.String(), "7700900111")
}

// Record never blocks a webhook for long nor fails it when Redis is down:
// the error is counted, reported to OnError and logged.
func TestRedisDown(t *testing.T) {
	tests := []struct {
		name   string
		flush  time.Duration // Options.FlushInterval
		record time.Duration // longest a Record may take
	}{
		{"written at once", 0, time.Second},
		{"batched", time.Hour, 50 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdb := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", redistest.FreePort(t)), MaxRetries: -1})
			defer rdb.Close()
			var hooked int
			var logs bytes.Buffer
			r := NewRedis(rdb, Options{Timeout: 100 * time.Millisecond, FlushInterval: tt.flush, OnError: func(error) { hooked++ }}, slog.New(slog.NewJSONHandler(&logs, nil)))
			defer r.Close()
			start := time.Now()
			r.Record(context.Background(), Event{Channel: SMS, Kind: Contact, Person: p1, Area: "NR31"})
			if d := time.Since(start); d > tt.record {
				t.Errorf("Record took %s with Redis down; want at most %s", d, tt.record)
			}
			if err := r.Flush(context.Background()); err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("Record and Flush took %s with Redis down; want under a second", d)
			}
			if r.Errors() != 1 || hooked != 1 {
				t.Errorf("got %d errors, %d hook calls; want 1, 1", r.Errors(), hooked)
			}
			if strings.Contains(logs.String(), p1) || strings.Contains(logs.String(), "NR31") {
				t.Errorf("log holds event content: %s", logs.String())
			}
			if !strings.Contains(logs.String(), "figures: record event") {
				t.Errorf("got log %q; want the error logged", logs.String())
			}
		})
	}
}

// A cancelled request still gets its event recorded, within the timeout.
func TestRecordOutlivesCancelledRequest(t *testing.T) {
	rdb, _ := redistest.Mini(t)
	r := newRecorder(t, rdb)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r.Record(ctx, Event{Time: at("2025-01-06 10:00"), Channel: Voice, Kind: Contact, Person: p1})
	rep, err := r.Report(context.Background(), at("2025-01-06 00:00"), at("2025-01-06 00:00"))
	if err != nil || rep.Total.Calls != 1 {
		t.Errorf("got %d calls, %v; want 1, nil", rep.Total.Calls, err)
	}
}

func TestMulti(t *testing.T) {
	var a, b counter
	m := Multi(&a, nil, Discard{}, &b)
	m.Record(context.Background(), Event{Kind: Contact})
	m.Record(context.Background(), Event{Kind: Search})
	if a != 2 || b != 2 {
		t.Errorf("got %d and %d events; want 2 and 2", a, b)
	}
	Multi().Record(context.Background(), Event{}) // records nothing, does not panic
}

type counter int

func (c *counter) Record(context.Context, Event) { *c++ }

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// TestByLanguage: contacts by language, a count under five shown as "<5"
// in the CSV and "fewer than 5" in the report, and a line of English alone
// gets no languages section.
func TestByLanguage(t *testing.T) {
	cs := []Count{{Key: "en", N: 120}, {Key: "cy", N: 31}, {Key: "pl", N: 5}, {Key: "ar", N: 4}, {Key: "yue", N: 1}}
	if got, want := byLanguage(cs), "en: 120; cy: 31; pl: 5; ar: <5; yue: <5"; got != want {
		t.Errorf("byLanguage = %q; want %q", got, want)
	}
	var md bytes.Buffer
	WriteMarkdown(&md, Report{Weeks: []Week{{}}, Total: Week{Languages: cs}})
	for _, want := range []string{"### Calls and texts by language", "1. English: 120 contacts", "2. Welsh (Cymraeg): 31 contacts", "3. Polish (Polski): 5 contacts", "4. Arabic (العربية): fewer than 5", "5. Cantonese (廣東話): fewer than 5"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, md.String())
		}
	}
	md.Reset()
	WriteMarkdown(&md, Report{Weeks: []Week{{}}, Total: Week{Languages: []Count{{Key: "en", N: 9}}}})
	if strings.Contains(md.String(), "by language") {
		t.Errorf("an English-only report has a languages section:\n%s", md.String())
	}
}
