package sim

import (
	"reflect"
	"strings"
	"testing"
)

func TestTranscriptHelpers(t *testing.T) {
	tr := &Transcript{Events: []Event{
		{Kind: KindSay, Speech: Speech{Text: "Welcome to Heritage Line.", Loop: 1}},
		{Kind: KindPause, Seconds: 1},
		{Kind: KindSay, Speech: Speech{Text: "Say your town.", Loop: 2}},
		{Kind: KindGather, Gather: &Gather{Move: Move{Speech: "frome"}}},
		{Kind: KindSay, Speech: Speech{Text: "First, a history walk in Frome.", Loop: 1}},
	}}
	if got, want := tr.Said(), []string{"Welcome to Heritage Line.", "Say your town.", "First, a history walk in Frome."}; !reflect.DeepEqual(got, want) {
		t.Errorf("Said = %q; want %q", got, want)
	}
	tests := []struct {
		name string
		pred func(string) bool
		want int
	}{
		{"first result", func(s string) bool { return strings.HasPrefix(s, "First") }, 4 + 2*3},
		{"first Say", func(s string) bool { return true }, 0},
		{"never", func(s string) bool { return false }, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tr.WordsBefore(tt.pred); got != tt.want {
				t.Errorf("WordsBefore = %d; want %d", got, tt.want)
			}
		})
	}
	for _, h := range []struct {
		s    string
		want bool
	}{{"history walk", true}, {"HERITAGE", true}, {"museum", false}} {
		if got := tr.Heard(h.s); got != h.want {
			t.Errorf("Heard(%q) = %v; want %v", h.s, got, h.want)
		}
	}
	if g := tr.Gathers(); len(g) != 1 || g[0].Move.Speech != "frome" {
		t.Errorf("Gathers = %+v; want the one gather", g)
	}
}

func TestSayTextOfSSML(t *testing.T) {
	f := newFakeLine(t, map[string]route{"/twilio/voice": static(`<Response><Say language="en-GB">` +
		`Walks near <emphasis>Frome</emphasis>.<break time="1s"/>Press   1.</Say></Response>`)})
	tr, _ := call(t, f.line())
	if got, want := tr.Said(), []string{"Walks near Frome. Press 1."}; !reflect.DeepEqual(got, want) {
		t.Errorf("Said = %q; want %q", got, want)
	}
}
