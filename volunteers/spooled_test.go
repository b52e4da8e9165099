package volunteers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/internal/spool"
	"github.com/heritage-line/heritageline/volunteers"
)

// TestSpooledWhileRedisIsDown: with Redis down, a voicemail's callback is
// kept on disk and answered as Spooled at once, both volunteers on duty by
// the file are texted its recording, and a request with a deadline answers
// before it; Requeue queues it on a Redis that answers, keeping its time.
func TestSpooledWhileRedisIsDown(t *testing.T) {
	sp, err := spool.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dead := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", redistest.FreePort(t)), MaxRetries: -1, DialTimeout: 100 * time.Millisecond})
	t.Cleanup(func() { dead.Close() })
	kept := 0
	r := newRig(t, dead, testRoster(t, true), volunteers.WithSpool(sp), volunteers.WithOnSpooled(func(string) { kept++ }))
	const rec = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	cb, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "voicemail", RecordingURL: rec})
	if err != nil || !cb.Spooled || cb.Ref != "" {
		t.Fatalf("RequestCallback with Redis down: %+v, %v; want it spooled, with no reference", cb, err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("RequestCallback with Redis down took %v; want under the request's second", took)
	}
	if got := sp.Pending(); len(got) != 1 || got[0].Phone != resident || got[0].RecordingURL != rec || kept != 1 {
		t.Errorf("spool: %+v (counted %d); want the voicemail, counted once", got, kept)
	}
	var sent []text
	deadline := time.Now().Add(5 * time.Second)
	for len(sent) < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		sent = append(sent, r.texter.take()...)
	}
	if len(sent) != 2 {
		t.Fatalf("texts to volunteers: %v; want one each with the recording", sent)
	}
	for _, m := range sent {
		if !strings.Contains(m.Body, rec) {
			t.Errorf("text to %s: %q; want the recording's address", m.To, m.Body)
		}
	}

	rdb, _ := redistest.Start(t)
	up := newRig(t, rdb, testRoster(t, true))
	cb, err = up.desk.Requeue(context.Background(), sp.Pending()[0])
	if err != nil || cb.Ref == "" || cb.Kind != "voicemail" {
		t.Fatalf("Requeue: %+v, %v; want a voicemail callback with a reference", cb, err)
	}
	if !cb.Requested.Equal(sp.Pending()[0].At.Truncate(time.Millisecond)) && !cb.Requested.Equal(sp.Pending()[0].At) {
		t.Errorf("Requeue: requested %v; want the time it was asked for, %v", cb.Requested, sp.Pending()[0].At)
	}
	if open, _ := up.desk.Open(context.Background()); len(open) != 1 {
		t.Errorf("open callbacks after Requeue: %v; want one", open)
	}
}
