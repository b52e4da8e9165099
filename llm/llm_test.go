package llm

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/understand"
	"github.com/redis/go-redis/v9"
)

// fakeModel plays an OpenAI-compatible server: POST /v1/chat/completions
// answers with whatever respond writes, and every request body is kept.
type fakeModel struct {
	srv     *httptest.Server
	respond func(w http.ResponseWriter, r *http.Request)

	mu     sync.Mutex
	bodies [][]byte
}

func newFakeModel(t *testing.T, respond func(w http.ResponseWriter, r *http.Request)) *fakeModel {
	t.Helper()
	f := &fakeModel{respond: respond}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.bodies = append(f.bodies, body)
		f.mu.Unlock()
		f.respond(w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeModel) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.bodies)
}

// toolCall answers with one call of the tool with args.
func toolCall(args string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		resp := map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion", "model": "test",
			"choices": []any{map[string]any{
				"index": 0, "finish_reason": "tool_calls",
				"message": map[string]any{
					"role": "assistant",
					"tool_calls": []any{map[string]any{
						"id": "call_1", "type": "function",
						"function": map[string]any{"name": toolName, "arguments": args},
					}},
				},
			}},
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(resp)
	}
}

func status(code int) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		fmt.Fprintf(w, `{"error":{"message":"status %d","type":"server_error"}}`, code)
	}
}

var testTowns = []string{"Frome", "Gorleston", "Great Yarmouth", "Lowestoft", "Nottingham"}

// newTest returns an Understander on f with the rules as fallback, and the
// reasons it fell back, in order.
func newTest(t *testing.T, f *fakeModel, cfg Config, rdb redis.UniversalClient) (*Understander, func() []string) {
	t.Helper()
	var mu sync.Mutex
	var reasons []string
	cfg.APIKey = "test-key"
	cfg.Model = "test-model"
	cfg.BaseURL = f.srv.URL + "/v1"
	cfg.HTTPClient = f.srv.Client()
	cfg.OnFallback = func(r string) {
		mu.Lock()
		reasons = append(reasons, r)
		mu.Unlock()
	}
	log := slog.New(slog.NewTextHandler(tWriter{t}, nil))
	u := New(cfg, understand.New(nil, testTowns), rdb, log)
	return u, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(reasons)
	}
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

const gorlestonMum = "is there anything on near Gorleston for my mum, she has dementia"

func TestModelAnswers(t *testing.T) {
	rules := understand.New(nil, testTowns)
	tests := []struct {
		name       string
		text       string
		respond    func(w http.ResponseWriter, r *http.Request)
		want       catalogue.Request
		wantReason string // "" when the model's answer is used
	}{
		{
			name:    "good tool call",
			text:    gorlestonMum,
			respond: toolCall(`{"intent":"find","place":"Gorleston","categories":["museum","walk"],"tags":["dementia-friendly"],"free_only":false}`),
			want: catalogue.Request{Intent: catalogue.IntentFind, Place: "gorleston",
				Categories: []catalogue.Category{catalogue.Walk, catalogue.Museum}, Tags: []string{catalogue.TagDementiaFriendly}},
		},
		{
			name:       "invalid JSON arguments",
			text:       gorlestonMum,
			respond:    toolCall(`{"intent": "find", "place": "Gorl`),
			want:       rules.Understand(context.Background(), gorlestonMum),
			wantReason: ReasonInvalidJSON,
		},
		{
			name:    "unknown category and tag dropped",
			text:    "my dad likes old trains and walking round Frome, he cant manage steps",
			respond: toolCall(`{"intent":"find","place":"Frome","categories":["railways","walk"],"tags":["step-free","vegan"]}`),
			want: catalogue.Request{Intent: catalogue.IntentFind, Place: "frome",
				Categories: []catalogue.Category{catalogue.Walk}, Tags: []string{catalogue.TagStepFree}},
		},
		{
			name:    "invented place dropped, the rules' place kept",
			text:    gorlestonMum,
			respond: toolCall(`{"intent":"find","place":"London","tags":["dementia-friendly"]}`),
			want: catalogue.Request{Intent: catalogue.IntentFind, Place: "gorleston",
				Tags: []string{catalogue.TagDementiaFriendly}},
		},
		{
			name:    "place written in the message but unresolvable dropped",
			text:    "something for my nan in Narnia, she loves knitting",
			respond: toolCall(`{"intent":"find","place":"Narnia","categories":["crafts"]}`),
			want:    catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Crafts}},
		},
		{
			name:    "postcode written without its space",
			text:    "whats on for old folk round ba111at this weekend",
			respond: toolCall(`{"intent":"find","place":"BA11 1AT","when":{"this_week":true}}`),
			want:    catalogue.Request{Intent: catalogue.IntentFind, Place: "BA11 1AT", When: catalogue.When{ThisWeek: true}},
		},
		{
			name:       "opt-out from the model refused",
			text:       "please dont send me any more of these messages",
			respond:    toolCall(`{"intent":"stop"}`),
			want:       rules.Understand(context.Background(), "please dont send me any more of these messages"),
			wantReason: ReasonInvalidAnswer,
		},
		{
			name:       "details without an item",
			text:       "can you tell me more about the second one you sent",
			respond:    toolCall(`{"intent":"details","item":0}`),
			want:       rules.Understand(context.Background(), "can you tell me more about the second one you sent"),
			wantReason: ReasonInvalidAnswer,
		},
		{
			name:    "details of the second one",
			text:    "can you tell me more about the second one you sent",
			respond: toolCall(`{"intent":"details","item":2,"categories":["walk"]}`),
			want:    catalogue.Request{Intent: catalogue.IntentDetails, Item: 2},
		},
		{
			name:       "500",
			text:       gorlestonMum,
			respond:    status(http.StatusInternalServerError),
			want:       rules.Understand(context.Background(), gorlestonMum),
			wantReason: ReasonServerError,
		},
		{
			name:       "429",
			text:       gorlestonMum,
			respond:    status(http.StatusTooManyRequests),
			want:       rules.Understand(context.Background(), gorlestonMum),
			wantReason: ReasonRateLimited,
		},
		{
			name:       "400 with a body that is not JSON",
			text:       gorlestonMum,
			respond:    func(w http.ResponseWriter, r *http.Request) { http.Error(w, "bad", http.StatusBadRequest) },
			want:       rules.Understand(context.Background(), gorlestonMum),
			wantReason: ReasonError,
		},
		{
			name: "no tool call",
			text: gorlestonMum,
			respond: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, `{"choices":[{"index":0,"message":{"role":"assistant","content":"There is a lovely walk in Gorleston on Tuesdays!"}}]}`)
			},
			want:       rules.Understand(context.Background(), gorlestonMum),
			wantReason: ReasonNoToolCall,
		},
		{
			name:       "no choices",
			text:       gorlestonMum,
			respond:    func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"choices":[]}`) },
			want:       rules.Understand(context.Background(), gorlestonMum),
			wantReason: ReasonNoToolCall,
		},
		{
			name:    "a callback the rules heard stays a callback",
			text:    "could someone ring me back about the knitting group in frome",
			respond: toolCall(`{"intent":"find","place":"frome","categories":["crafts"]}`),
			want: catalogue.Request{Intent: catalogue.IntentCallback, Place: "frome",
				Categories: []catalogue.Category{catalogue.Crafts}},
		},
		{
			name:    "model unsure, rules sure",
			text:    gorlestonMum,
			respond: toolCall(`{"intent":"unknown"}`),
			want:    rules.Understand(context.Background(), gorlestonMum),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeModel(t, tt.respond)
			u, reasons := newTest(t, f, Config{}, nil)
			got := u.Understand(context.Background(), tt.text)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Understand(%q) = %+v; want %+v", tt.text, got, tt.want)
			}
			var want []string
			if tt.wantReason != "" {
				want = []string{tt.wantReason}
			}
			if r := reasons(); !slices.Equal(r, want) {
				t.Errorf("fallback reasons = %q; want %q", r, want)
			}
			if f.calls() != 1 {
				t.Errorf("server called %d times; want 1", f.calls())
			}
		})
	}
}

// TestNeverAnswers proves the hard deadline: a server that accepts the
// request and never answers still gets the rules' answer back in time.
func TestNeverAnswers(t *testing.T) {
	release := make(chan struct{})
	f := newFakeModel(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	t.Cleanup(func() { close(release) }) // runs before the server closes
	const deadline = 200 * time.Millisecond
	u, reasons := newTest(t, f, Config{Deadline: deadline}, nil)

	start := time.Now()
	got := u.Understand(context.Background(), gorlestonMum)
	elapsed := time.Since(start)
	if elapsed > deadline+500*time.Millisecond {
		t.Errorf("Understand took %v; want under %v", elapsed, deadline+500*time.Millisecond)
	}
	if elapsed < deadline {
		t.Errorf("Understand took %v; want the model given its %v", elapsed, deadline)
	}
	want := understand.New(nil, testTowns).Understand(context.Background(), gorlestonMum)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Understand = %+v; want the rules' %+v", got, want)
	}
	if r := reasons(); !slices.Equal(r, []string{ReasonDeadline}) {
		t.Errorf("fallback reasons = %q; want [deadline]", r)
	}
}

// TestCallerCancels: a caller who gives up first gets the rules' answer at once.
func TestCallerCancels(t *testing.T) {
	release := make(chan struct{})
	f := newFakeModel(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	t.Cleanup(func() { close(release) })
	u, reasons := newTest(t, f, Config{Deadline: 5 * time.Second}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	u.Understand(ctx, gorlestonMum)
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("Understand took %v after the caller's 50ms; want under 1s", elapsed)
	}
	if r := reasons(); !slices.Equal(r, []string{ReasonCancelled}) {
		t.Errorf("fallback reasons = %q; want [cancelled]", r)
	}
}

func TestBreaker(t *testing.T) {
	var fail sync.Mutex
	failing := true
	good := toolCall(`{"intent":"find","place":"Gorleston","tags":["dementia-friendly"]}`)
	f := newFakeModel(t, func(w http.ResponseWriter, r *http.Request) {
		fail.Lock()
		defer fail.Unlock()
		if failing {
			status(http.StatusInternalServerError)(w, r)
			return
		}
		good(w, r)
	})
	u, reasons := newTest(t, f, Config{BreakerFailures: 5, BreakerCooldown: time.Minute}, nil)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	u.breaker.now = func() time.Time { return now }
	ctx := context.Background()

	for i := range 5 {
		u.Understand(ctx, fmt.Sprintf("%s (%d)", gorlestonMum, i))
	}
	if f.calls() != 5 {
		t.Fatalf("server called %d times after 5 failures; want 5", f.calls())
	}
	u.Understand(ctx, gorlestonMum)
	u.Understand(ctx, gorlestonMum)
	if f.calls() != 5 {
		t.Errorf("server called %d times with the breaker open; want 5", f.calls())
	}
	if r := reasons(); !slices.Equal(r[5:], []string{ReasonBreakerOpen, ReasonBreakerOpen}) {
		t.Errorf("fallback reasons with the breaker open = %q; want breaker_open twice", r[5:])
	}

	now = now.Add(61 * time.Second) // one trial, which fails: open again
	u.Understand(ctx, gorlestonMum)
	u.Understand(ctx, gorlestonMum)
	if f.calls() != 6 {
		t.Errorf("server called %d times after the cooldown; want 6 (one trial)", f.calls())
	}

	fail.Lock()
	failing = false
	fail.Unlock()
	now = now.Add(61 * time.Second) // a trial that succeeds closes the breaker
	u.Understand(ctx, gorlestonMum)
	u.Understand(ctx, "anything for my nan near Gorleston, she gets muddled")
	if f.calls() != 8 {
		t.Errorf("server called %d times after a good trial; want 8", f.calls())
	}
}

func TestCache(t *testing.T) {
	backends := map[string]func(t *testing.T) redis.UniversalClient{
		"miniredis": func(t *testing.T) redis.UniversalClient { rdb, _ := redistest.Mini(t); return rdb },
		"redis":     func(t *testing.T) redis.UniversalClient { rdb, _ := redistest.Start(t); return rdb },
	}
	for name, open := range backends {
		t.Run(name, func(t *testing.T) {
			rdb := open(t)
			f := newFakeModel(t, toolCall(`{"intent":"find","place":"Gorleston","categories":["cafe"],"tags":["dementia-friendly"]}`))
			u, reasons := newTest(t, f, Config{CacheTTL: time.Hour}, rdb)
			ctx := context.Background()
			first := u.Understand(ctx, gorlestonMum)
			waitForKey(t, rdb, DefaultCachePrefix+"*") // written just after the answer
			second := u.Understand(ctx, "  Is there anything on near GORLESTON for my mum,  she has dementia")
			if f.calls() != 1 {
				t.Errorf("server called %d times for the same text twice; want 1", f.calls())
			}
			if !reflect.DeepEqual(first, second) {
				t.Errorf("cached answer %+v; want %+v", second, first)
			}
			if r := reasons(); len(r) != 0 {
				t.Errorf("fallback reasons = %q; want none", r)
			}
			keys, err := rdb.Keys(ctx, DefaultCachePrefix+"*").Result()
			if err != nil {
				t.Fatalf("KEYS: %v", err)
			}
			if len(keys) != 1 {
				t.Fatalf("cache keys = %q; want one", keys)
			}
			if ttl := rdb.TTL(ctx, keys[0]).Val(); ttl <= 0 || ttl > time.Hour {
				t.Errorf("cache TTL = %v; want up to 1h", ttl)
			}
			if strings.Contains(keys[0], "gorleston") {
				t.Errorf("cache key %q holds message text; want a hash", keys[0])
			}
		})
	}
}

// waitForKey waits up to a second for a key matching pattern.
func waitForKey(t *testing.T, rdb redis.UniversalClient, pattern string) {
	t.Helper()
	for range 100 {
		if keys, _ := rdb.Keys(context.Background(), pattern).Result(); len(keys) > 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no key %s after 1s", pattern)
}

// TestWhatIsSent checks the request body: the redacted message, the valid
// categories and tags, a forced tool call, and no phone number anywhere.
func TestWhatIsSent(t *testing.T) {
	f := newFakeModel(t, toolCall(`{"intent":"callback"}`))
	u, _ := newTest(t, f, Config{}, nil)
	text := "my mum is lonely, can someone ring me on 07700 900123 or +44 7700 900 456 about walks for people with memory problems"
	u.Understand(context.Background(), text)
	if f.calls() != 1 {
		t.Fatalf("server called %d times; want 1", f.calls())
	}
	body := string(f.bodies[0])
	for _, digits := range []string{"07700", "900123", "900 456", "7700"} {
		if strings.Contains(body, digits) {
			t.Errorf("request body contains %q; want no phone number sent", digits)
		}
	}
	var req struct {
		Model    string `json:"model"`
		Messages []struct {
			Role, Content string
		} `json:"messages"`
		Tools []struct {
			Type     string `json:"type"`
			Function struct {
				Name       string          `json:"name"`
				Parameters json.RawMessage `json:"parameters"`
			} `json:"function"`
		} `json:"tools"`
		ToolChoice struct {
			Type     string `json:"type"`
			Function struct{ Name string }
		} `json:"tool_choice"`
	}
	if err := json.Unmarshal(f.bodies[0], &req); err != nil {
		t.Fatalf("request body: %v", err)
	}
	if req.Model != "test-model" {
		t.Errorf("model = %q; want test-model", req.Model)
	}
	if len(req.Messages) != 2 || req.Messages[1].Role != "user" {
		t.Fatalf("messages = %+v; want system then user", req.Messages)
	}
	wantUser := "my mum is lonely, can someone ring me on [number] or [number] about walks for people with memory problems"
	if got := req.Messages[1].Content; got != wantUser {
		t.Errorf("user message = %q; want %q", got, wantUser)
	}
	if len(req.Tools) != 1 || req.Tools[0].Function.Name != toolName || req.ToolChoice.Function.Name != toolName {
		t.Errorf("tools = %+v, tool_choice = %+v; want one forced %s", req.Tools, req.ToolChoice, toolName)
	}
	params := string(req.Tools[0].Function.Parameters)
	for _, c := range catalogue.Categories {
		if !strings.Contains(params, `"`+string(c)+`"`) {
			t.Errorf("tool schema lacks category %q", c)
		}
	}
	for _, tag := range catalogue.KnownTags {
		if !strings.Contains(params, `"`+tag+`"`) {
			t.Errorf("tool schema lacks tag %q", tag)
		}
	}
}

// TestSettledByRules: commands, numbers, postcodes and bare places never
// reach the model.
func TestSettledByRules(t *testing.T) {
	f := newFakeModel(t, toolCall(`{"intent":"unknown"}`))
	u, reasons := newTest(t, f, Config{}, nil)
	for _, text := range []string{
		"STOP", "start", "HELP", "more please", "3", "number 2 please", "call me", "BA11 1AT", "ba111at",
		"NR31", "Frome", "great yarmouth please", "anything near Gorleston", "erm walks", "museum frome", "",
	} {
		u.Understand(context.Background(), text)
		if f.calls() != 0 {
			t.Fatalf("Understand(%q) asked the model; want the rules to settle it", text)
		}
	}
	if r := reasons(); len(r) != 0 {
		t.Errorf("fallback reasons = %q; want none", r)
	}
	u.Understand(context.Background(), "my husband would like to meet people, he was a builder")
	if f.calls() != 1 {
		t.Errorf("free text asked the model %d times; want 1", f.calls())
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ring me on 07700 900123", "ring me on [number]"},
		{"call 07700900123 please", "call [number] please"},
		{"my number is +44 (0)7700-900-123.", "my number is [number]."},
		{"landline 01373 123456 after 6", "landline [number] after 6"},
		{"email me at jo.bloggs@example.org", "email me at [email]"},
		{"BA11 1AT", "BA11 1AT"},
		{"walks on 12/11/2026", "walks on 12/11/2026"},
		{"number 3 please", "number 3 please"},
		{"bus 42 at 10 30", "bus 42 at 10 30"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Redact(tt.in); got != tt.want {
				t.Errorf("Redact(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWrittenIn(t *testing.T) {
	tests := []struct {
		place, text string
		want        bool
	}{
		{"Gorleston", "near gorleston for my mum", true},
		{"Great Yarmouth", "in great yarmouth", true},
		{"BA11 1AT", "round ba111at please", true},
		{"ba111at", "BA11 1AT", true},
		{"London", "near gorleston", false},
		{"ham", "nottingham", false},
		{"", "anything", false},
	}
	for _, tt := range tests {
		if got := writtenIn(words(tt.place), words(tt.text)); got != tt.want {
			t.Errorf("writtenIn(%q, %q) = %v; want %v", tt.place, tt.text, got, tt.want)
		}
	}
}

// FuzzParseAnswer: whatever a model sends, parseAnswer either refuses it or
// returns only valid categories, known tags and a sensible item.
func FuzzParseAnswer(f *testing.F) {
	for _, s := range []string{
		`{"intent":"find","place":"Frome","categories":["walk"],"tags":["step-free"]}`,
		`{"intent":"details","item":3}`,
		`{"intent":"find","languages":["polish","Ελληνικά","x y"],"when":{"weekday":"friday","date":"2026-12-01"}}`,
		`{"intent":"stop"}`, `{`, `[]`, `null`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, args string) {
		req, err := parseAnswer(args)
		if err != nil {
			return
		}
		if !slices.Contains(modelIntents, req.Intent) {
			t.Errorf("parseAnswer(%q) intent %q; want one of %v", args, req.Intent, modelIntents)
		}
		for _, c := range req.Categories {
			if !c.Valid() {
				t.Errorf("parseAnswer(%q) category %q; want only valid ones", args, c)
			}
		}
		for _, tag := range req.Tags {
			if !slices.Contains(catalogue.KnownTags, tag) {
				t.Errorf("parseAnswer(%q) tag %q; want only known ones", args, tag)
			}
		}
		if req.Intent == catalogue.IntentDetails && (req.Item < 1 || req.Item > 999) {
			t.Errorf("parseAnswer(%q) item %d; want 1 to 999", args, req.Item)
		}
		if len(req.Languages) > maxLanguages {
			t.Errorf("parseAnswer(%q) %d languages; want at most %d", args, len(req.Languages), maxLanguages)
		}
	})
}

// FuzzRedact: no run of seven or more digits survives.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{"ring me on 07700 900123", "+44 7700 900123", "BA11 1AT", "1 2 3 4 5 6 7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := Redact(text)
		run := 0
		for _, c := range got {
			switch {
			case c >= '0' && c <= '9':
				run++
				if run >= minPhoneDigits {
					t.Fatalf("Redact(%q) = %q; want no run of %d digits", text, got, minPhoneDigits)
				}
			case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
			default:
				run = 0
			}
		}
	})
}
