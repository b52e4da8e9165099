package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/twilio/twilio-go/client"
)

// TestRawRequest writes the requests of each load as wrk sends them and
// reads them back as a server would: each is a whole HTTP/1.1 POST whose
// signature twilio-go's validator accepts, and no SID is used twice.
func TestRawRequest(t *testing.T) {
	const base, token = "http://127.0.0.1:8080", "s3cret"
	p, err := loadPlaces("")
	if err != nil {
		t.Fatal(err)
	}
	w := newWalker(0, 50, p, base, token)
	v := client.NewRequestValidator(token)
	seen := map[string]bool{}
	for _, l := range allLoads {
		var raw []byte
		steps := w.steps(nil, l, 30)
		if len(steps) < 30 {
			t.Fatalf("%s: %d steps; want at least 30", l, len(steps))
		}
		for _, s := range steps {
			raw = appendRawRequest(raw, s, "127.0.0.1:8080")
		}
		rd := bufio.NewReader(bytes.NewReader(raw))
		for i := range steps {
			req, err := http.ReadRequest(rd)
			if err != nil {
				t.Fatalf("%s request %d: %v", l, i, err)
			}
			body, _ := io.ReadAll(req.Body)
			form, err := url.ParseQuery(string(body))
			if err != nil {
				t.Fatalf("%s request %d body: %v", l, i, err)
			}
			params := map[string]string{}
			for k, vs := range form {
				params[k] = vs[0]
			}
			if !v.Validate(base+req.RequestURI, params, req.Header.Get("X-Twilio-Signature")) {
				t.Errorf("%s %s: signature refused", l, req.RequestURI)
			}
			sid := params["MessageSid"] + params["CallSid"] + req.RequestURI
			if seen[sid] {
				t.Errorf("%s: %s used twice", l, sid)
			}
			seen[sid] = true
			isText := req.RequestURI == pathSMS
			switch l {
			case loadFirst:
				if !isText || params["Body"] == "MORE" {
					t.Errorf("first text %s %q; want a postcode by text", req.RequestURI, params["Body"])
				}
			case loadFollowUp:
				if b := params["Body"]; !isText || (b != "MORE" && (len(b) != 1 || b < "1" || b > "5")) {
					t.Errorf("follow-up %s %q; want MORE or 1 to 5 by text", req.RequestURI, b)
				}
			case loadVoice:
				if isText {
					t.Errorf("voice step is a text")
				}
			}
		}
		if _, err := rd.ReadByte(); err != io.EOF {
			t.Errorf("%s: bytes after the last request", l)
		}
	}
}

func TestHistogramQuantile(t *testing.T) {
	h := histogram{}
	h.add(histogram{100: 98, 2000: 1})
	h.add(histogram{5000: 1})
	for _, c := range []struct {
		q    float64
		want time.Duration
	}{{0.5, 100 * time.Microsecond}, {0.98, 100 * time.Microsecond}, {0.99, 2 * time.Millisecond}, {1, 5 * time.Millisecond}} {
		if got := h.quantile(c.q); got != c.want {
			t.Errorf("quantile(%v) = %v; want %v", c.q, got, c.want)
		}
	}
}

// TestParseWrk reads what load.lua's done() prints: requests sent twice
// and socket errors count as errors.
func TestParseWrk(t *testing.T) {
	out := "Running 5s test @ http://127.0.0.1:1/\n" +
		"loadgen-wrk requests=1000 duration_us=5000000 bad=2 reused=3 connect=0 read=1 write=0 status=2 timeout=0\n" +
		"loadgen-wrk-firstbad the answer says lost my place\n" +
		"loadgen-wrk-latency 900:990,30000:10\n"
	r := wrkResult{lat: histogram{}}
	if err := parseWrk(out, &r); err != nil {
		t.Fatal(err)
	}
	if r.requests != 1000 || r.errors != 6 || r.elapsed != 5*time.Second || r.rps() != 200 {
		t.Errorf("requests %d, errors %d, elapsed %v, rps %v; want 1000, 6, 5s, 200", r.requests, r.errors, r.elapsed, r.rps())
	}
	if got := r.lat.quantile(0.99); got != 900*time.Microsecond {
		t.Errorf("p99 = %v; want 900µs", got)
	}
	if got := r.lat.quantile(0.999); got != 30*time.Millisecond {
		t.Errorf("p99.9 = %v; want 30ms", got)
	}
	if r.firstErr != "the answer says lost my place" {
		t.Errorf("first error %q", r.firstErr)
	}
	if err := parseWrk("wrk: no such file\n", &wrkResult{lat: histogram{}}); err == nil {
		t.Error("output without figures: no error")
	}
}
