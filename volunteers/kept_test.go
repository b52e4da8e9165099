package volunteers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/volunteers"
)

// TestNotes: NOTES C1 reads a callback's notes, newest first; LIST marks
// callbacks that have notes; only the newest five are kept.
func TestNotes(t *testing.T) {
	rdb, _ := redistest.Start(t)
	r := newRig(t, rdb, testRoster(t, true))
	ctx := context.Background()
	cb, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "sms"})
	if err != nil {
		t.Fatal(err)
	}
	ref := cb.Ref
	if got := r.desk.HandleText(ctx, sam, "NOTES "+ref); got != "There are no notes on "+ref+" yet. Text NOTE "+ref+" and your note to add one." {
		t.Errorf("NOTES with none: got %q", got)
	}
	if got := r.desk.HandleText(ctx, jo, "LIST"); strings.Contains(got, "note") {
		t.Errorf("LIST with no notes: got %q; want no notes marked", got)
	}
	r.desk.HandleText(ctx, sam, "NOTE "+ref+" rang, no answer")
	*r.now = r.now.Add(time.Hour)
	r.desk.HandleText(ctx, jo, "note "+strings.ToLower(ref)+": will try Friday")
	got := r.desk.HandleText(ctx, priya, "notes "+ref)
	want := "Notes on " + ref + ", newest first:\nJo Wed 15:05: will try Friday\nSam Wed 14:05: rang, no answer"
	if got != want {
		t.Errorf("NOTES: got %q; want %q", got, want)
	}
	if got := r.desk.HandleText(ctx, jo, "LIST"); !strings.Contains(got, ref+" 1h 0m ago, sms, ending 123, 2 notes") {
		t.Errorf("LIST: got %q; want %s marked with 2 notes", got, ref)
	}
	for i := range 6 {
		r.desk.HandleText(ctx, sam, "NOTE "+ref+" try "+string(rune('a'+i)))
	}
	notes, _, err := r.desk.Notes(ctx, ref)
	if err != nil || len(notes) != 5 || notes[0].Text != "try b" || notes[4].Text != "try f" {
		t.Errorf("after eight notes: got %+v, %v; want the newest five", notes, err)
	}
	if got := r.desk.HandleText(ctx, sam, "NOTES C99999"); !strings.HasPrefix(got, "There's no callback C99999.") {
		t.Errorf("NOTES for no callback: got %q", got)
	}
	if got := r.desk.HandleText(ctx, sam, "NOTES"); !strings.HasPrefix(got, "Which callback? Text NOTES") {
		t.Errorf("NOTES without a reference: got %q", got)
	}
}

// TestClosedKeepsLess: once a callback is done, Redis holds neither the
// resident's number, nor the volunteer's, nor any note text; a note cannot be
// added to it (the volunteer is told so) and NOTES says they were deleted.
// Duty set by text is kept under a keyed hash, never a number, and expires.
func TestClosedKeepsLess(t *testing.T) {
	rdb, _ := redistest.Start(t)
	hasher := privacy.NewHasher([]byte("test salt"))
	r := newRig(t, rdb, testRoster(t, true), volunteers.WithHasher(hasher))
	ctx := context.Background()
	r.desk.HandleText(ctx, priya, "ON")
	r.desk.HandleText(ctx, sam, "OFF")
	cb, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "voicemail",
		RecordingURL: "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"})
	if err != nil {
		t.Fatal(err)
	}
	ref := cb.Ref
	if got := r.desk.HandleText(ctx, jo, "TAKE "+ref); !strings.Contains(got, "is yours") {
		t.Fatalf("TAKE: got %q", got)
	}
	const secret = "lives at 4 Mill Lane"
	r.desk.HandleText(ctx, jo, "NOTE "+ref+" "+secret)
	r.desk.HandleText(ctx, priya, "NOTE "+ref+" second note")

	numbers := []string{resident, "7700900123", sam, "7700900111", priya, "7700900222", jo, "7700900333"}
	// While open, volunteers appear only as hashes.
	for _, v := range []string{sam, priya, jo} {
		assertNowhere(t, rdb, "while open", v, "7"+strings.TrimPrefix(v, "+447"))
	}
	if got := r.desk.HandleText(ctx, jo, "DONE "+ref); !strings.Contains(got, "closed") {
		t.Fatalf("DONE: got %q", got)
	}
	assertNowhere(t, rdb, "after DONE", append(numbers, secret, "second note", "api.twilio.com")...)

	if got := r.desk.HandleText(ctx, sam, "NOTE "+ref+" one more thing"); got != ref+" is closed, so a note can't be added to it. Notes are kept only while a callback is open." {
		t.Errorf("NOTE on a closed callback: got %q", got)
	}
	assertNowhere(t, rdb, "after a NOTE on a closed callback", "one more thing")
	if got := r.desk.HandleText(ctx, sam, "NOTES "+ref); got != ref+" is closed, and its notes were deleted when it was closed." {
		t.Errorf("NOTES on a closed callback: got %q", got)
	}
	// Duty: one key per volunteer who texted, by hash, with a time to live.
	keys, _ := rdb.Keys(ctx, "*duty*").Result()
	if len(keys) != 2 {
		t.Errorf("duty keys: got %v; want two (Priya and Sam)", keys)
	}
	for _, k := range keys {
		if ttl := rdb.TTL(ctx, k).Val(); ttl <= 0 || ttl > 91*24*time.Hour {
			t.Errorf("duty key %s: TTL %v; want one of at most 90 days", k, ttl)
		}
	}
	if got, _ := r.desk.Available(ctx, *r.now); names(got) != "Priya,Jo" {
		t.Errorf("Available: got %q; want Priya,Jo (duty by text)", names(got))
	}
}

// assertNowhere fails if any key name, string, hash field or value, list
// item, set or sorted set member in rdb contains one of the needles.
func assertNowhere(t *testing.T, rdb redis.UniversalClient, when string, needles ...string) {
	t.Helper()
	ctx := context.Background()
	keys, err := rdb.Keys(ctx, "*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		var texts []string
		switch rdb.Type(ctx, k).Val() {
		case "string":
			texts = []string{rdb.Get(ctx, k).Val()}
		case "hash":
			for f, v := range rdb.HGetAll(ctx, k).Val() {
				texts = append(texts, f, v)
			}
		case "list":
			texts = rdb.LRange(ctx, k, 0, -1).Val()
		case "set":
			texts = rdb.SMembers(ctx, k).Val()
		case "zset":
			texts = rdb.ZRange(ctx, k, 0, -1).Val()
		}
		texts = append(texts, k)
		for _, x := range texts {
			for _, n := range needles {
				if strings.Contains(x, n) {
					t.Errorf("%s: key %s holds %q", when, k, n)
				}
			}
		}
	}
}
