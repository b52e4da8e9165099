package ivr

import (
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/mux"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/internal/samplestack"
	"github.com/heritage-line/heritageline/places"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/session"
	"github.com/heritage-line/heritageline/understand"
)

// TestRealStack walks calls on the real places index, the sample catalogue
// in memstore and the rules understander, and counts the words before the
// first activity.
func TestRealStack(t *testing.T) {
	st := samplestack.Load(t)
	store, ix := st.Store, st.Places
	pts := make([]places.Point, len(st.Towns))
	for i, tw := range st.Towns {
		pts[i] = places.Point{Lat: tw.Lat, Lon: tw.Lon}
	}
	ix.Prefer(pts)
	rules := understand.New(ix, st.Names)
	rules.Now = func() time.Time { return now }

	tests := []struct {
		name  string
		steps [][]string
		want  string // in the first activity's response
	}{
		{"near, then Frome", [][]string{{""}, {"menu", "Digits", "1"}, {"place", "SpeechResult", "Frome.", "Confidence", "0.9"}}, "within 10 miles"},
		{"a postcode said", [][]string{{""}, {"menu", "Digits", "1"}, {"place", "SpeechResult", "BA11 1AT", "Confidence", "0.8"}}, "within 10 miles"},
		{"Gorleston at the menu", [][]string{{""}, {"menu", "SpeechResult", "erm, Gorleston please", "Confidence", "0.7"}}, "within 10 miles"},
		{"near Ravenshead", [][]string{{""}, {"menu", "SpeechResult", "near Ravenshead", "Confidence", "0.8"}}, "within 10 miles"},
		// The rules hear the language; the sample has nothing held in
		// Polish, so the line says so and lists the nearest.
		{"Polish activities in Frome", [][]string{{""}, {"menu", "SpeechResult", "Polish activities in Frome", "Confidence", "0.8"}}, "nothing of that kind"},
		{"museums in Frome", [][]string{{""}, {"menu", "SpeechResult", "museums in Frome", "Confidence", "0.8"}}, "I found 1 within 10 miles"}, // the golden has the museum
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rdb, srv := redistest.Start(t)
			h := &harness{t: t, redis: srv, sessions: session.New(rdb, "hl:call:"), desk: &fakeDesk{vols: roster.Volunteers, roster: roster},
				texter: &fakeTexter{}, figs: &fakeFigures{}, sid: "CAreal", from: mobile}
			line := New(Config{PublicURL: publicURL, LineName: "Heritage Line", LineNumber: lineNumber, Now: func() time.Time { return now }},
				Deps{Finder: store, Towns: store, Places: ix, Sessions: h.sessions, Desk: h.desk, Texter: h.texter,
					Understander: rules, Figures: h.figs, Hasher: privacy.NewHasher([]byte("k")), Log: slog.New(slog.NewTextHandler(testWriter{t}, nil))})
			r := mux.NewRouter()
			r.Handle("/twilio/voice", line.Incoming())
			r.Handle("/twilio/voice/{step}", line.Step())
			h.router = r
			words := 0
			for _, s := range tt.steps {
				var n *node
				if s[0] == "" {
					n = h.incoming()
				} else {
					n = h.step(s[0], s[1:]...)
				}
				sp := n.spoken()
				if strings.Contains(sp, tt.want) {
					for _, say := range n.all("Say") {
						words += len(strings.Fields(say.Text))
						if strings.Contains(say.Text, tt.want) {
							break
						}
					}
					t.Logf("%d words before the first activity", words)
					if words > 60 {
						t.Errorf("got %d words before the first activity; want at most 60", words)
					}
					return
				}
				words += len(strings.Fields(sp))
			}
			t.Fatalf("never heard %q", tt.want)
		})
	}
}

var _ http.Handler = (*mux.Router)(nil)

// TestVoiceDocTranscript: the transcript in docs/voice.md is what the line
// says on the sample catalogue: the count and the first activity (up to its
// next date, which moves with the clock).
func TestVoiceDocTranscript(t *testing.T) {
	doc, err := os.ReadFile("../docs/voice.md")
	if err != nil {
		t.Fatal(err)
	}
	// The transcript is a block quote: join its lines into one text.
	var quoted []string
	for _, l := range strings.Split(string(doc), "\n") {
		if strings.HasPrefix(l, "> ") {
			quoted = append(quoted, strings.TrimPrefix(l, "> "))
		}
	}
	transcript := strings.Join(quoted, " ")
	_, after, ok := strings.Cut(transcript, `["Frome"] `)
	if !ok {
		t.Fatalf("docs/voice.md has no transcript saying Frome:\n%s", transcript)
	}
	docSays, _, ok := strings.Cut(after, " The next is ")
	if !ok {
		t.Fatalf("docs/voice.md's first activity has no next date: %q", after)
	}

	st := samplestack.Load(t)
	rules := understand.New(st.Places, st.Names)
	rules.Now = func() time.Time { return now }
	rdb, srv := redistest.Start(t)
	h := &harness{t: t, redis: srv, sessions: session.New(rdb, "hl:call:"), desk: &fakeDesk{vols: roster.Volunteers, roster: roster},
		texter: &fakeTexter{}, figs: &fakeFigures{}, sid: "CAdoc", from: mobile}
	line := New(Config{PublicURL: publicURL, LineName: "Heritage Line", LineNumber: lineNumber, Now: func() time.Time { return now }},
		Deps{Finder: st.Store, Towns: st.Store, Places: st.Places, Sessions: h.sessions, Desk: h.desk, Texter: h.texter,
			Understander: rules, Figures: h.figs, Hasher: privacy.NewHasher([]byte("k")), Log: slog.New(slog.NewTextHandler(testWriter{t}, nil))})
	r := mux.NewRouter()
	r.Handle("/twilio/voice", line.Incoming())
	r.Handle("/twilio/voice/{step}", line.Step())
	h.router = r
	h.incoming()
	h.step("menu", "Digits", "1")
	lineSays, _, _ := strings.Cut(h.step("place", "SpeechResult", "Frome", "Confidence", "0.9").spoken(), " The next is ")
	if docSays != lineSays {
		t.Errorf("docs/voice.md's transcript says\n  %q\nthe line says\n  %q", docSays, lineSays)
	}
}
