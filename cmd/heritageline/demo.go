package main

import (
	"fmt"
	"io"
	"sync"

	"github.com/heritage-line/heritageline/internal/faketwilio"
	"github.com/heritage-line/heritageline/privacy"
)

// startDemoTwilio plays Twilio's REST API on a loopback port when the line
// runs with no Twilio account (the embedded default), so "text me this",
// callback alerts and TAKE run through the real outbound code and show up on
// the terminal instead of failing. It is the project's one fake Twilio
// (internal/faketwilio), printing what would have been sent with the number
// masked.
func startDemoTwilio(out io.Writer) (*faketwilio.Server, error) {
	var mu sync.Mutex
	return faketwilio.Start(faketwilio.OnCreate(func(r faketwilio.Request) {
		mu.Lock()
		defer mu.Unlock()
		to := privacy.Mask(r.Form.Get("To"))
		if r.IsText() {
			fmt.Fprintf(out, "  [demo: text to %s] %s\n", to, r.Form.Get("Body"))
		} else {
			fmt.Fprintf(out, "  [demo: the line rings %s to connect a callback]\n", to)
		}
	}))
}
