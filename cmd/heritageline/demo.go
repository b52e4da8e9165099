package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/heritage-line/heritageline/coordinators"
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

// demoCoordinatorEmail is the console account of the embedded default.
const demoCoordinatorEmail = "demo@heritageline.example"

// demoCoordinator makes the embedded default's console account, with a
// random password, and returns the password. Its phone is a drama number, so a
// callback can be rung from the console.
func (l *line) demoCoordinator(ctx context.Context) (string, error) {
	pw := rand.Text()[:16]
	// A demo that keeps its data (DATA_DIR) has the account from before:
	// it gets a new password each start.
	if err := l.accounts.Remove(ctx, demoCoordinatorEmail); err != nil && !errors.Is(err, coordinators.ErrNoAccount) {
		return "", fmt.Errorf("demo coordinator: %w", err)
	}
	if _, err := l.accounts.Add(ctx, demoCoordinatorEmail, pw, "+447700900999"); err != nil {
		return "", fmt.Errorf("demo coordinator: %w", err)
	}
	return pw, nil
}
