package llm

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/understand"
)

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestLogsHoldNoText sends a message with a phone number through every
// kind of failure and checks the logs never hold the message or the number.
func TestLogsHoldNoText(t *testing.T) {
	text := "my neighbour on 07700 900123 wants something near Gorleston for her memory"
	responders := map[string]func(w http.ResponseWriter, r *http.Request){
		"500":          status(http.StatusInternalServerError),
		"429":          status(http.StatusTooManyRequests),
		"invalid json": toolCall(`{"intent":`),
		"bad answer":   toolCall(`{"intent":"stop"}`),
		"good":         toolCall(`{"intent":"find","place":"Gorleston","tags":["dementia-friendly"]}`),
	}
	for name, respond := range responders {
		t.Run(name, func(t *testing.T) {
			var buf syncBuffer
			f := newFakeModel(t, respond)
			rdb, mr := redistest.Mini(t)
			cfg := Config{APIKey: "k", Model: "m", BaseURL: f.srv.URL + "/v1", BreakerFailures: 1, Deadline: 400 * time.Millisecond}
			u := New(cfg, understand.New(nil, testTowns), rdb, slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
			u.Understand(context.Background(), text)
			u.Understand(context.Background(), text) // breaker open, or a cache hit
			mr.Close()                               // and a cache that fails
			u.breaker.now = func() time.Time { return time.Now().Add(time.Hour) }
			u.Understand(context.Background(), text+" please")
			logs := buf.String()
			for _, secret := range []string{"07700", "900123", "neighbour", "Gorleston", "gorleston", "memory"} {
				if strings.Contains(logs, secret) {
					t.Errorf("logs contain %q; want no message text:\n%s", secret, logs)
				}
			}
		})
	}
}

// TestConcurrent runs many messages at once through a slow, sometimes
// failing model, for the race detector.
func TestConcurrent(t *testing.T) {
	var n sync.Mutex
	count := 0
	good := toolCall(`{"intent":"find","place":"Frome","categories":["walk"]}`)
	f := newFakeModel(t, func(w http.ResponseWriter, r *http.Request) {
		n.Lock()
		count++
		c := count
		n.Unlock()
		time.Sleep(5 * time.Millisecond)
		if c%3 == 0 {
			status(http.StatusBadGateway)(w, r)
			return
		}
		good(w, r)
	})
	rdb, _ := redistest.Mini(t)
	u, _ := newTest(t, f, Config{Deadline: time.Second, BreakerFailures: 1000}, rdb)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := "my mum would love a gentle stroll round Frome with other people"
			if i%2 == 0 {
				text += " on a nice day"
			}
			got := u.Understand(context.Background(), text)
			if got.Place != "frome" {
				t.Errorf("Understand(%q).Place = %q; want frome", text, got.Place)
			}
		}()
	}
	wg.Wait()
}
