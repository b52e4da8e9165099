package volunteers_test

import (
	"context"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/ivr"
	"github.com/heritage-line/heritageline/volunteers"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// connectTwiML is the TwiML the line answers a volunteer's key press with:
// the desk's decision (Connect) as ivr writes it.
func connectTwiML(ctx context.Context, t *testing.T, d *volunteers.Desk, ref, to, digits string) (string, error) {
	t.Helper()
	a, err := d.Connect(ctx, ref, to, digits)
	if err != nil {
		return "", err
	}
	doc, err := ivr.AnswerTwiML(a)
	if err != nil {
		t.Fatalf("writing %+v as TwiML: %v", a, err)
	}
	return doc, nil
}

// TestCallbackAnswerGolden checks what a volunteer hears on a callback call,
// the ring (who it is, press 1) and, after 1, the message and the Dial, as
// the desk decides it and ivr writes it, against the goldens the desk's own
// TwiML was checked against.
func TestCallbackAnswerGolden(t *testing.T) {
	d := volunteers.NewDesk(volunteers.Roster{}, nil, nil, nil, "+441632960000", "https://line.example/", nil, nil)
	rec := "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"
	requested := time.Date(2026, 7, 1, 13, 5, 0, 0, time.UTC) // 14:05 BST
	tests := []struct {
		name   string
		answer volunteers.Answer
	}{
		{"ring-voicemail", d.RingAnswer("C7905", "voicemail", requested, true, "")},
		{"ring-sms", d.RingAnswer("C7905", "sms", requested, false, "")},
		{"ring-buddy", d.RingAnswer("C7905", volunteers.KindBuddy, requested, false, "Heritage Café")},
		{"connect-voicemail", d.ConnectAnswer("C7905", rec, "+447700900123")},
		{"connect-sms", d.ConnectAnswer("C7905", "", "+447700900123")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ivr.AnswerTwiML(tt.answer)
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
			if g, w := canonical(t, got), canonical(t, string(want)); g != w {
				t.Errorf("TwiML: got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// canonical is doc with each element's attributes sorted by name: twilio-go
// writes them in a map's order.
func canonical(t *testing.T, doc string) string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(doc))
	var b strings.Builder
	enc := xml.NewEncoder(&b)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("parse %q: %v", doc, err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			slices.SortFunc(el.Attr, func(a, b xml.Attr) int { return strings.Compare(a.Name.Local, b.Name.Local) })
			tok = el
		case xml.CharData:
			if strings.TrimSpace(string(el)) == "" {
				continue
			}
		}
		if err := enc.EncodeToken(xml.CopyToken(tok)); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
