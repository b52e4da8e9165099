package volunteers

import (
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/words"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// node is an XML element with its attributes as a map, so documents compare
// equal whatever order twilio-go wrote the attributes in.
type node struct {
	Name     string
	Attrs    map[string]string
	Text     string
	Children []*node
}

func parseXML(t *testing.T, doc string) *node {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(doc))
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{Name: tok.Name.Local, Attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.Attrs[a.Name.Local] = a.Value
			}
			top.Children = append(top.Children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.Text += strings.TrimSpace(string(tok))
		}
	}
	if len(root.Children) != 1 {
		t.Fatalf("want one root element in\n%s", doc)
	}
	return root.Children[0]
}

// TestCallbackTwiMLGolden checks what a volunteer hears when a callback call
// rings them: who it is, press 1. What follows their 1 is the desk's Answer,
// written by ivr: TestConnectAnswerGolden.
func TestCallbackTwiMLGolden(t *testing.T) {
	d := NewDesk(Roster{}, nil, nil, nil, "+441632960000", "https://line.example/", nil, nil)
	requested := time.Date(2026, 7, 1, 13, 5, 0, 0, time.UTC) // 14:05 BST
	tests := []struct {
		name  string
		build func() (string, error)
	}{
		{"ring-voicemail", func() (string, error) { return d.ringTwiML("C7905", "voicemail", requested, true, "") }},
		{"ring-sms", func() (string, error) { return d.ringTwiML("C7905", "sms", requested, false, "") }},
		{"ring-buddy", func() (string, error) { return d.ringTwiML("C7905", KindBuddy, requested, false, "Heritage Café") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.build()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.name+".xml")
			if *update {
				if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("golden file: %v (run go test -update)", err)
			}
			if g, w := parseXML(t, got), parseXML(t, string(want)); !reflect.DeepEqual(g, w) {
				t.Errorf("TwiML: got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

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
	doc, err := d.ringTwiML("C7", "sms", requested, false, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc, "Frome Memories callback C 7.") || !strings.Contains(doc, `voice="Polly.Amy"`) || !strings.Contains(doc, `language="en-GB"`) {
		t.Errorf("ring TwiML = %s; want it to name Frome Memories, in Polly.Amy and en-GB", doc)
	}
	cy := NewDesk(Roster{}, nil, nil, nil, "+441632960000", "https://line.example/", nil, nil,
		WithLineName("Llinell Dreftadaeth"), WithLanguage(words.Welsh))
	doc, err = cy.ringTwiML("C7", "sms", requested, false, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc, "Galwad yn ôl Llinell Dreftadaeth C 7.") || !strings.Contains(doc, `voice="Polly.Gwyneth"`) || !strings.Contains(doc, `language="cy-GB"`) {
		t.Errorf("Welsh ring TwiML = %s; want Welsh, in Polly.Gwyneth and cy-GB", doc)
	}
}
