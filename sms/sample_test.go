package sms

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/internal/samplestack"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/session"
	"github.com/heritage-line/heritageline/understand"
)

// TestSampleCatalogue runs the line as it is wired for real: the bundled
// sample catalogue in memstore, the embedded places index, the rules
// understander, and a real redis-server.
func TestSampleCatalogue(t *testing.T) {
	st := samplestack.Load(t)
	rdb, _ := redistest.Start(t)
	rg := &rig{desk: &fakeDesk{volunteer: volunteer}, optOuts: &fakeOptOuts{}, figs: &fakeFigures{}}
	line := New(Config{LineNumber: lineNum, Now: func() time.Time { return testNow }}, Deps{
		Finder: st.Store, Towns: st.Store, Places: st.Places,
		Sessions:   session.New(rdb, "hl:"),
		Understand: understand.New(st.Places, st.Names),
		Desk:       rg.desk, OptOuts: rg.optOuts, Figures: rg.figs,
		Hasher: privacy.NewHasher([]byte("test salt")),
		Log:    slog.New(slog.NewTextHandler(tlog{t}, nil)),
	})
	t.Cleanup(line.counting.Wait) // replies counted before Redis stops
	rg.handler = signed(t, line.Handler())

	steps := []step{
		say("BA11 1AT", "near BA11 1AT:", "1 ", "MORE"),
		say("MORE", "6 "),
		say("2", "Where:", "When:"),
		say("great yarmouth", "near Great Yarmouth:"),
		say("Gorleston", "near Gorleston"),
		say("walks near Ravenshead", "Walks near Ravenshead"),
		say("is there anything on near Lowestoft for my mum, she has dementia", "Lowestoft"),
		say("Norwich", "Norwich"),
		say("zzzz", "Sorry, I didn't understand that."),
	}
	var transcript strings.Builder
	for i, s := range steps {
		got := rg.send(t, s.from, s.body)
		transcript.WriteString("> " + s.body + "\n< " + got + "\n\n")
		for _, w := range s.want {
			if !strings.Contains(got, w) {
				t.Errorf("step %d %q: got %q; want it to contain %q", i+1, s.body, got, w)
			}
		}
	}
	golden(t, "testdata/sample_catalogue.golden", transcript.String())
}
