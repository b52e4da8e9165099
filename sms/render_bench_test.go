package sms

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/internal/samplestack"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/session"
	"github.com/heritage-line/heritageline/understand"
	"github.com/heritage-line/heritageline/volunteers"
)

// benchDesk has no volunteers and takes every callback.
type benchDesk struct{}

func (benchDesk) IsVolunteer(string) bool                           { return false }
func (benchDesk) HandleText(context.Context, string, string) string { return "" }
func (benchDesk) RequestCallback(context.Context, volunteers.CallbackRequest) (volunteers.Callback, error) {
	return volunteers.Callback{}, nil
}

// benchOptOuts: nobody has opted out.
type benchOptOuts struct{}

func (benchOptOuts) OptOut(context.Context, string) error { return nil }
func (benchOptOuts) OptIn(context.Context, string) error  { return nil }
func (benchOptOuts) QueueOptedOut(context.Context, redis.Pipeliner, string) func() (bool, error) {
	return func() (bool, error) { return false, nil }
}

// benchLine is the SMS line on the sample catalogue in memory, the real
// places index and rules, and sessions in miniredis.
func benchLine(b *testing.B) http.Handler {
	b.Helper()
	st := samplestack.Load(b)
	rdb, _ := redistest.Mini(b)
	return New(Config{LineNumber: "+441632960000", RepliesPerHour: 1 << 30}, Deps{
		Finder: st.Store, Towns: st.Store, Places: st.Places, Sessions: session.New(rdb, "hl:"),
		Understand: understand.New(st.Places, st.Names), Desk: benchDesk{}, OptOuts: benchOptOuts{},
		Hasher: privacy.NewHasher([]byte("bench")),
	}).Handler()
}

// BenchmarkSMSReply measures one text through the handler, form to TwiML:
// a postcode search, MORE and a number for details.
func BenchmarkSMSReply(b *testing.B) {
	h := benchLine(b)
	for _, body := range []string{"BA11 1AT", "walks near Frome", "MORE", "2", "HELP"} {
		b.Run(strings.ReplaceAll(body, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				from := fmt.Sprintf("+4477009%05d", i%1000)
				if body == "MORE" || body == "2" {
					post(h, from, "Frome")
				}
				w := post(h, from, body)
				if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "<Response") {
					b.Fatalf("text %q: got %d %q", body, w.Code, w.Body.String())
				}
			}
		})
	}
}

func post(h http.Handler, from, body string) *httptest.ResponseRecorder {
	form := url.Values{"From": {from}, "To": {"+441632960000"}, "Body": {body}, "MessageSid": {"SM1"}}
	r := httptest.NewRequest(http.MethodPost, "/twilio/sms", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}
