package volunteers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/ivr"
	"github.com/heritage-line/heritageline/volunteers"
	"github.com/heritage-line/heritageline/web"
)

// TestURLsFromWeb: a volunteer's call for a callback sends Twilio to the
// URLs web builds (a proxy's path prefix kept), and the default for a desk
// made without them builds the same.
func TestURLsFromWeb(t *testing.T) {
	ctx := context.Background()
	for _, base := range []string{"https://line.example", "https://museum.example/line"} {
		urls := web.NewURLs(base)
		for _, opts := range [][]volunteers.Option{{volunteers.WithURLs(urls)}, nil} {
			rdb, _ := redistest.Mini(t)
			r := newRig(t, rdb, testRoster(t, true), opts...)
			if opts == nil { // the desk's own URLs, from the public URL it is given
				r.desk = volunteers.NewDesk(testRoster(t, true), rdb, r.texter, ivr.Ringer{Caller: r.caller}, line, base, func() time.Time { return *r.now }, nil)
			}
			cb, err := r.desk.RequestCallback(ctx, volunteers.CallbackRequest{Phone: resident, Kind: "sms"})
			if err != nil {
				t.Fatal(err)
			}
			r.desk.HandleText(ctx, sam, "TAKE "+cb.Ref)
			calls := r.caller.take()
			if len(calls) != 1 {
				t.Fatalf("TAKE rang %d calls; want 1", len(calls))
			}
			if want := urls.VoiceStep("taken", "ref="+cb.Ref); calls[0].StatusCallback != want {
				t.Errorf("%s (with URLs %v): status callback %q; want web's %q", base, opts != nil, calls[0].StatusCallback, want)
			}
			if want := urls.VoiceStep("connect", "ref="+cb.Ref); !strings.Contains(calls[0].TwiML, `action="`+want+`"`) {
				t.Errorf("%s (with URLs %v): the ring's TwiML %s; want its Gather to go to web's %q", base, opts != nil, calls[0].TwiML, want)
			}
		}
	}
}
