package sim

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct {
		name   string
		routes map[string]route
		want   []string
	}{
		{
			name:   "two messages",
			routes: map[string]route{"/twilio/sms": static(xmlHead + `<Response><Message>Walks near Frome:` + "\n" + `1. Town walk</Message><Message>Reply MORE</Message></Response>`)},
			want:   []string{"Walks near Frome:\n1. Town walk", "Reply MORE"},
		},
		{
			name:   "empty response",
			routes: map[string]route{"/twilio/sms": static(`<Response/>`)},
			want:   []string{},
		},
		{
			name:   "body and media children",
			routes: map[string]route{"/twilio/sms": static(`<Response><Message><Body>See you there</Body><Media>https://x.example/m.jpg</Media></Message></Response>`)},
			want:   []string{"See you there"},
		},
		{
			name:   "message to someone else is not a reply",
			routes: map[string]route{"/twilio/sms": static(`<Response><Message to="+447700900999">Callback wanted</Message><Message>A volunteer will ring you.</Message></Response>`)},
			want:   []string{"A volunteer will ring you."},
		},
		{
			name:   "to the sender in national form is a reply",
			routes: map[string]route{"/twilio/sms": static(`<Response><Message to="07700 900123">Yours</Message></Response>`)},
			want:   []string{"Yours"},
		},
		{
			name: "relative redirect followed",
			routes: map[string]route{
				"/twilio/sms":      static(`<Response><Message>First</Message><Redirect>sms/more</Redirect><Message>never</Message></Response>`),
				"/twilio/sms/more": static(`<Response><Message>Second</Message></Response>`),
			},
			want: []string{"First", "Second"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeLine(t, tt.routes)
			got, err := f.line().Text(context.Background(), "BA11 1AT")
			if err != nil {
				t.Fatalf("Text: %v", err)
			}
			if got == nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Text = %#v; want %#v", got, tt.want)
			}
		})
	}
}

func TestTextParams(t *testing.T) {
	f := newFakeLine(t, map[string]route{"/twilio/sms": static(`<Response/>`)})
	l := f.line()
	l.From = "+447700900555"
	if _, err := l.Text(context.Background(), "walks in Frome"); err != nil {
		t.Fatalf("Text: %v", err)
	}
	reqs := f.requests()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests; want 1", len(reqs))
	}
	p := reqs[0].Params
	want := map[string]string{
		"From": "+447700900555", "To": DefaultTo, "Body": "walks in Frome", "AccountSid": DefaultAccountSID,
		"NumMedia": "0", "NumSegments": "1", "FromCountry": "GB", "ApiVersion": "2010-04-01", "SmsStatus": "received",
	}
	for k, v := range want {
		if got := p.Get(k); got != v {
			t.Errorf("param %s = %q; want %q", k, got, v)
		}
	}
	if sid := p.Get("MessageSid"); !strings.HasPrefix(sid, "SM") || len(sid) != 34 || p.Get("SmsSid") != sid {
		t.Errorf("MessageSid = %q, SmsSid = %q; want SM and 32 hex digits, the same in both", sid, p.Get("SmsSid"))
	}
}

func TestSegments(t *testing.T) {
	tests := []struct {
		name string
		body string
		want int
	}{
		{"empty", "", 1},
		{"160 GSM-7", strings.Repeat("a", 160), 1},
		{"161 GSM-7", strings.Repeat("a", 161), 2},
		{"306 GSM-7", strings.Repeat("a", 306), 2},
		{"307 GSM-7", strings.Repeat("a", 307), 3},
		{"pound sign is GSM-7", strings.Repeat("£", 160), 1},
		{"euro counts double", strings.Repeat("€", 80), 1},
		{"euro over the limit", strings.Repeat("€", 81), 2},
		{"70 UCS-2", "“" + strings.Repeat("a", 69), 1},
		{"71 UCS-2", "“" + strings.Repeat("a", 70), 2},
		{"134 UCS-2", "–" + strings.Repeat("a", 133), 2},
		{"135 UCS-2", "–" + strings.Repeat("a", 134), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := segments(tt.body); got != tt.want {
				t.Errorf("segments(%d chars) = %d; want %d", len([]rune(tt.body)), got, tt.want)
			}
		})
	}
}

func TestTextNumSegmentsSent(t *testing.T) {
	f := newFakeLine(t, map[string]route{"/twilio/sms": static(`<Response/>`)})
	if _, err := f.line().Text(context.Background(), strings.Repeat("x", 200)); err != nil {
		t.Fatalf("Text: %v", err)
	}
	if got := f.requests()[0].Params.Get("NumSegments"); got != "2" {
		t.Errorf("NumSegments = %q; want \"2\"", got)
	}
}

func TestTextErrors(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		status  int // the ResponseError's Status, 0 for another error
		is      error
	}{
		{"500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 500) }, 500, nil},
		{"empty body", func(w http.ResponseWriter, r *http.Request) { w.Header().Set("Content-Type", "text/xml") }, 200, nil},
		{"html", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<Response/>"))
		}, 200, nil},
		{"not a Response", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			w.Write([]byte("<html/>"))
		}, 200, nil},
		{"redirect loop", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/xml")
			w.Write([]byte("<Response><Redirect>" + r.URL.Path + "</Redirect></Response>"))
		}, 0, ErrTooManySteps},
		{"voice verb in SMS", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/xml")
			w.Write([]byte("<Response><Say>hello</Say></Response>"))
		}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			l := &Line{URL: srv.URL, MaxSteps: 5}
			got, err := l.Text(context.Background(), "hello")
			if err == nil {
				t.Fatalf("Text = %q, nil; want an error", got)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("Text error = %v; want %v", err, tt.is)
			}
			var re *ResponseError
			if tt.status != 0 {
				if !errors.As(err, &re) {
					t.Fatalf("Text error = %v; want a *ResponseError", err)
				}
				if re.Status != tt.status || re.URL != srv.URL+"/twilio/sms" {
					t.Errorf("ResponseError status %d, URL %s; want %d, %s", re.Status, re.URL, tt.status, srv.URL+"/twilio/sms")
				}
				if !strings.Contains(err.Error(), srv.URL+"/twilio/sms") {
					t.Errorf("error %q does not name the URL", err)
				}
			}
		})
	}
}

func TestTextGETRedirectSigned(t *testing.T) {
	f := newFakeLine(t, map[string]route{
		"/twilio/sms": static(`<Response><Redirect method="GET">/next?x=1</Redirect></Response>`),
		"/next":       static(`<Response><Message>got it</Message></Response>`),
	})
	got, err := f.line().Text(context.Background(), "hi")
	if err != nil {
		t.Fatalf("Text: %v", err)
	}
	if !reflect.DeepEqual(got, []string{"got it"}) {
		t.Errorf("Text = %q; want [got it]", got)
	}
	r := f.requests()[1]
	if r.Method != http.MethodGet || r.Params.Get("x") != "1" || r.Params.Get("Body") != "hi" {
		t.Errorf("second request %s with %v; want GET with x=1 and Body=hi in the query", r.Method, url.Values(r.Params))
	}
}
