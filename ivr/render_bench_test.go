package ivr

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/internal/samplestack"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/session"
	"github.com/heritage-line/heritageline/understand"
	"github.com/heritage-line/heritageline/volunteers"
)

// benchDesk has one volunteer on duty and takes every callback.
type benchDesk struct{ roster volunteers.Roster }

func (d benchDesk) Available(context.Context, time.Time) ([]volunteers.Volunteer, error) {
	return d.roster.Volunteers, nil
}
func (d benchDesk) Roster() volunteers.Roster { return d.roster }
func (benchDesk) RequestCallback(context.Context, volunteers.CallbackRequest) (volunteers.Callback, error) {
	return volunteers.Callback{}, nil
}

func (benchDesk) Connect(context.Context, string, string, string) (volunteers.Answer, error) {
	return volunteers.Answer{}, nil
}
func (benchDesk) CallEnded(context.Context, string, string, string, string) error { return nil }

type benchTexter struct{}

func (benchTexter) SendText(context.Context, string, string) error { return nil }

// benchVoice is the voice line on the sample catalogue in memory, the real
// places index and rules, and call state in miniredis.
func benchVoice(b *testing.B) *Line {
	b.Helper()
	st := samplestack.Load(b)
	rdb, _ := redistest.Mini(b)
	roster, err := volunteers.Parse("bench.yaml", []byte("hours: always\nvolunteers:\n  - name: Ada\n    phone: \"+447700900311\"\n"))
	if err != nil {
		b.Fatal(err)
	}
	return New(Config{PublicURL: "https://line.example.org", LineNumber: "+441632960000"}, Deps{
		Finder: st.Store, Towns: st.Store, Places: st.Places, Sessions: session.New(rdb, "hl:"), Desk: benchDesk{roster},
		Texter: benchTexter{}, Understander: understand.New(st.Places, st.Names), Hasher: privacy.NewHasher([]byte("bench")),
	})
}

// BenchmarkVoiceStep measures one voice webhook through the handler, form to
// TwiML: the greeting, the menu, a place said (search and first result), and
// a volunteer (a Dial).
func BenchmarkVoiceStep(b *testing.B) {
	l := benchVoice(b)
	incoming, step := l.Incoming(), l.Step()
	steps := []struct {
		name, path string
		h          http.Handler
		kv         []string
		before     [][]string // steps to reach this one
	}{
		{"greeting", "/twilio/voice", incoming, nil, nil},
		{"menu", "/twilio/voice/menu", step, []string{"Digits", "1"}, nil},
		{"place", "/twilio/voice/place", step, []string{"SpeechResult", "Frome", "Confidence", "0.9"}, [][]string{{"menu", "Digits", "1"}}},
		{"volunteer", "/twilio/voice/menu", step, []string{"Digits", "0"}, nil},
	}
	for _, s := range steps {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				sid := fmt.Sprintf("CA%032d", i)
				if s.path != "/twilio/voice" {
					b.StopTimer()
					voicePost(incoming, "/twilio/voice", sid)
					for _, pre := range s.before {
						voicePost(step, "/twilio/voice/"+pre[0], sid, pre[1:]...)
					}
					b.StartTimer()
				}
				w := voicePost(s.h, s.path, sid, s.kv...)
				if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "<Response") {
					b.Fatalf("%s: got %d %q", s.name, w.Code, w.Body.String())
				}
			}
		})
	}
}

func voicePost(h http.Handler, path, sid string, kv ...string) *httptest.ResponseRecorder {
	form := url.Values{"CallSid": {sid}, "From": {"+447700900123"}, "To": {"+441632960000"}}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Set(kv[i], kv[i+1])
	}
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}
