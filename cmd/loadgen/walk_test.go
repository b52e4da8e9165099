package main

import (
	"net/url"
	"testing"
	"time"

	"github.com/twilio/twilio-go/client"

	"github.com/heritage-line/heritageline/sim"
)

// TestPrebuiltWalks signs walks for a warm-up and a phase as measure does,
// runs one queue dry so it signs on the fly, and checks every step: its SID
// is new to the run, the body is the form url.Values would encode, the
// signature is sim.Sign's and twilio-go's validator accepts it, and a call's
// steps share one CallSid.
func TestPrebuiltWalks(t *testing.T) {
	const base, token = "http://127.0.0.1:8080", "s3cret"
	p, err := loadPlaces("")
	if err != nil {
		t.Fatal(err)
	}
	o := options{conns: 4, prebuild: 100}
	queues := make([]*queue, o.conns)
	for i := range queues {
		queues[i] = &queue{w: newWalker(i, 50, p, base, token)}
	}
	var walks []walk
	for _, d := range []time.Duration{time.Second, 2 * time.Second} { // warm-up, then the phase
		n := prebuiltWalks(o, d)
		for _, q := range queues {
			q.fill(n)
			for range n / 2 { // half sent; the rest wait for the next phase
				walks = append(walks, *q.pop())
			}
		}
	}
	for range 20 { // past the end of what was signed
		walks = append(walks, *queues[0].pop())
	}
	if got := queues[0].onTheFly; got == 0 {
		t.Errorf("walks signed on the fly = %d; want some", got)
	}

	v := client.NewRequestValidator(token)
	seen := map[string]bool{}
	for _, w := range walks {
		callSid := ""
		for i, s := range w {
			form, err := url.ParseQuery(string(s.body))
			if err != nil {
				t.Fatalf("%s body %q: %v", s.path, s.body, err)
			}
			params := map[string]string{}
			for k, vs := range form {
				params[k] = vs[0]
			}
			if got, want := string(s.body), form.Encode(); got != want {
				t.Errorf("%s body = %q; want %q", s.path, got, want)
			}
			if s.url != base+s.path {
				t.Errorf("url = %q; want %q", s.url, base+s.path)
			}
			if want := sim.Sign(token, s.url, params); s.sig != want {
				t.Errorf("%s signature = %q; want sim.Sign's %q", s.path, s.sig, want)
			}
			if !v.Validate(s.url, params, s.sig) {
				t.Errorf("%s: RequestValidator rejects the signature", s.path)
			}
			switch s.kind {
			case "sms":
				sid := params["MessageSid"]
				if sid == "" || seen[sid] {
					t.Errorf("MessageSid %q: empty or used before", sid)
				}
				seen[sid] = true
			case "voice":
				sid := params["CallSid"]
				if i == 0 {
					if sid == "" || seen[sid] {
						t.Errorf("CallSid %q: empty or used before", sid)
					}
					seen[sid], callSid = true, sid
				} else if sid != callSid {
					t.Errorf("step %d of a call: CallSid %q; want the call's %q", i, sid, callSid)
				}
			default:
				t.Errorf("kind %q; want sms or voice", s.kind)
			}
		}
	}
	if len(seen) < len(walks) {
		t.Errorf("%d SIDs in %d walks; want one for each call and text", len(seen), len(walks))
	}
}

func TestPrebuiltWalksBounded(t *testing.T) {
	tests := []struct {
		name string
		o    options
		d    time.Duration
		want int
	}{
		{"off", options{conns: 32}, 20 * time.Second, 0},
		{"default", options{conns: 32, prebuild: 25_000}, 20 * time.Second, 5210},
		{"capped", options{conns: 32, prebuild: 25_000}, time.Hour, maxPrebuilt/32/3 + 1},
		{"rate", options{conns: 4, prebuild: 25_000, rate: 120}, 10 * time.Second, 101},
		{"requests", options{conns: 4, prebuild: 25_000, requests: 1200}, 10 * time.Second, 101},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := prebuiltWalks(tt.o, tt.d); got != tt.want {
				t.Errorf("prebuiltWalks = %d; want %d", got, tt.want)
			}
		})
	}
}

func BenchmarkWalk(b *testing.B) {
	p, err := loadPlaces("")
	if err != nil {
		b.Fatal(err)
	}
	w := newWalker(1, 5000, p, "http://127.0.0.1:8080", "s3cret")
	b.ReportAllocs()
	for b.Loop() {
		w.walk()
	}
}
