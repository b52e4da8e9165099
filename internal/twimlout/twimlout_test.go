package twimlout

import (
	"bytes"
	"strings"
	"testing"

	"github.com/beevik/etree"
	"github.com/twilio/twilio-go/twiml"
)

func documents() map[string][]twiml.Element {
	say := twiml.VoiceSay{Message: `Frome's "Heritage" walk & tea <free>`, Voice: "Polly.Amy", Language: "en-GB"}
	return map[string][]twiml.Element{
		"empty": nil,
		"gather": {
			&twiml.VoiceGather{Action: "https://line.example.org/twilio/voice/menu", Input: "dtmf speech", NumDigits: "1",
				Hints: "near, Frome", InnerElements: []twiml.Element{say}},
			twiml.VoiceRedirect{Url: "https://line.example.org/twilio/voice/menu", Method: "POST"},
		},
		"dial": {&twiml.VoiceDial{CallerId: "+441632960000", InnerElements: []twiml.Element{
			twiml.VoiceNumber{PhoneNumber: "+447700900111", Url: "https://line.example.org/twilio/voice/screen"}}}},
		"message": {twiml.MessagingMessage{Body: strings.Repeat("Frome Heritage Walk, Tue 10:30 ", 15)}},
	}
}

// The bytes are exactly those of twiml.Voice and twiml.Messages, however
// often the pooled buffers are reused.
func TestSameAsTwiml(t *testing.T) {
	for round := range 3 {
		for name, verbs := range documents() {
			want, err := twiml.Voice(verbs)
			if err != nil {
				t.Fatal(err)
			}
			if msg, _ := twiml.Messages(verbs); canonical(t, msg) != canonical(t, want) {
				t.Fatalf("%s: twiml.Voice and twiml.Messages differ", name)
			}
			var got bytes.Buffer
			if err := Write(&got, verbs); err != nil {
				t.Fatal(err)
			}
			if canonical(t, got.String()) != canonical(t, want) {
				t.Errorf("round %d, %s:\ngot  %s\nwant %s", round, name, got.String(), want)
			}
		}
	}
}

// canonical sorts every element's attributes: the twiml package adds them
// from maps, in no fixed order.
func canonical(t *testing.T, doc string) string {
	t.Helper()
	d := etree.NewDocument()
	if err := d.ReadFromString(doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, doc)
	}
	var sortAll func(e *etree.Element)
	sortAll = func(e *etree.Element) {
		e.SortAttrs()
		for _, c := range e.ChildElements() {
			sortAll(c)
		}
	}
	if root := d.Root(); root != nil {
		sortAll(root)
	}
	s, err := d.WriteToString()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func BenchmarkWrite(b *testing.B) {
	verbs := documents()["gather"]
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		Write(&out, verbs)
	}
}

func BenchmarkTwimlVoice(b *testing.B) {
	verbs := documents()["gather"]
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		s, _ := twiml.Voice(verbs)
		out.WriteString(s)
	}
}
