package sms

import (
	"context"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/internal/redistest"
)

// A text Twilio marks with OptOutType (Advanced Opt-Out: the account's own
// words, in any language) is that word, whatever its body says.
func TestOptOutType(t *testing.T) {
	rdb, _ := redistest.Start(t)
	rdb.FlushAll(context.Background())
	rg := newRig(t, rdb, Config{})
	optedOut := func() bool {
		rg.optOuts.mu.Lock()
		defer rg.optOuts.mu.Unlock()
		return rg.optOuts.out[resident]
	}
	steps := []struct {
		body, optOutType string
		want             string // "" is an empty <Response/>
		opted            bool
	}{
		{"Arrêt", "STOP", "", true},
		{"Frome", "", "", true},
		{"Reprendre", "start", "You're back on Heritage Line.", false},
		{"Aide", "HELP", "Heritage Line finds heritage activities", false},
		{"Frome", "", "Heritage activities near Frome:", false},
		{"Stop it please", "STOP", "", true},
		{"HELP", "", "", true},
		{"Frome please", "START", "You're back on Heritage Line.", false},
		{"Arrêt", "", "Sorry, I didn't understand that.", false},
	}
	for i, s := range steps {
		var got string
		if s.optOutType != "" {
			got = rg.send(t, resident, s.body, "OptOutType", s.optOutType)
		} else {
			got = rg.send(t, resident, s.body)
		}
		if s.want == "" && got != "" || !strings.Contains(got, s.want) {
			t.Errorf("step %d %q (OptOutType %q): got %q; want %q", i+1, s.body, s.optOutType, got, s.want)
		}
		if o := optedOut(); o != s.opted {
			t.Errorf("step %d %q (OptOutType %q): opted out %v; want %v", i+1, s.body, s.optOutType, o, s.opted)
		}
	}
}
