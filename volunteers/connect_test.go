package volunteers

import (
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/words"
)

func TestValidRef(t *testing.T) {
	tests := []struct {
		ref  string
		want bool
	}{
		{"C7905", true}, {"C123456789012", true}, {"C1234567890123", false}, {"C07", false}, {"C", false},
		{"c7", false}, {"7", false}, {"C7&ref=C8", false}, {"C7 ", false}, {"", false}, {"C-1", false},
	}
	for _, tt := range tests {
		if got := validRef(tt.ref); got != tt.want {
			t.Errorf("validRef(%q): got %v; want %v", tt.ref, got, tt.want)
		}
	}
}

func TestTwilioRecordingOnly(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"},
		{"https://evil.example/premium.mp3", ""},
		{"http://api.twilio.com/x", ""},
		{"https://api.twilio.com.evil.example/x", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := twilioRecording(tt.in); got != tt.want {
			t.Errorf("twilioRecording(%q): got %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestLineNameAndLanguage: what a volunteer hears and reads names the line
// as LINE_NAME calls it (not always "Heritage Line"), in the desk's
// language, with that language's voice.
func TestLineNameAndLanguage(t *testing.T) {
	requested := time.Date(2026, 7, 1, 13, 5, 0, 0, time.UTC)
	d := NewDesk(Roster{}, nil, nil, nil, "+441632960000", "https://line.example/", nil, nil, WithLineName("Frome Memories"))
	a := d.ringAnswer("C7", "sms", requested, false, "")
	if len(a.Steps) == 0 || a.Steps[0].Key == nil || !strings.Contains(a.Steps[0].Key.Say, "Frome Memories callback C 7.") || a.Voice != "Polly.Amy" || a.Language != "en-GB" {
		t.Errorf("ring = %+v; want it to name Frome Memories, in Polly.Amy and en-GB", a)
	}
	cy := NewDesk(Roster{}, nil, nil, nil, "+441632960000", "https://line.example/", nil, nil,
		WithLineName("Llinell Dreftadaeth"), WithLanguage(words.Welsh))
	a = cy.ringAnswer("C7", "sms", requested, false, "")
	if len(a.Steps) == 0 || a.Steps[0].Key == nil || !strings.Contains(a.Steps[0].Key.Say, "Galwad yn ôl Llinell Dreftadaeth C 7.") || a.Voice != "Polly.Gwyneth" || a.Language != "cy-GB" {
		t.Errorf("Welsh ring = %+v; want Welsh, in Polly.Gwyneth and cy-GB", a)
	}
}
