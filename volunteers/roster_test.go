package volunteers

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/phonepolicy"
	"github.com/heritage-line/heritageline/privacy"
)

func TestLoadExample(t *testing.T) {
	r, err := Load("testdata/volunteers.yaml")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := []Volunteer{{Name: "Sam", Phone: "+447700900111", OnDuty: true}, {Name: "Priya", Phone: "+447700900222", OnDuty: false}}
	if !slices.Equal(r.Volunteers, want) {
		t.Errorf("Volunteers: got %+v; want %+v", r.Volunteers, want)
	}
	if r.Sequential || r.RingSeconds != 20 {
		t.Errorf("ring: got sequential=%v seconds=%d; want false, 20", r.Sequential, r.RingSeconds)
	}
	if got := r.Hours.String(); got != "Mon-Fri 09:00-17:00, Sat 10:00-13:00" {
		t.Errorf("Hours: got %q", got)
	}
}

func TestParseDefaults(t *testing.T) {
	r, err := Parse("v.yaml", []byte("hours: always\nring: Sequential\nvolunteers:\n  - {name: Ann, phone: '+44 7700 900333'}\n"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if !r.Sequential || r.RingSeconds != DefaultRingSeconds || !r.Hours.Always() {
		t.Errorf("got %+v; want sequential, %d s, always", r, DefaultRingSeconds)
	}
	if got := r.Volunteers[0]; got.Phone != "+447700900333" || !got.OnDuty {
		t.Errorf("volunteer: got %+v; want +447700900333 on duty", got)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load: got %v; want os.ErrNotExist", err)
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	const file = `hours: "Mon-Fry 09:00-17:00"
ring: all at once
ring_seconds: 2
colour: blue
volunteers:
  - name: Sam
    phone: "07700 900111"
  - name: Priya
    phone: "+447700900222"
    on_duty: maybe
  - phone: "+447700900333"
  - name: Jo
    phone: "+447700900222"
    phnoe: "+447700900444"
`
	_, err := Parse("volunteers.yaml", []byte(file))
	var inv *InvalidError
	if !errors.As(err, &inv) {
		t.Fatalf("Parse: got %v; want *InvalidError", err)
	}
	want := []Problem{
		{Line: 1, Field: "hours", Value: "Mon-Fry 09:00-17:00"},
		{Line: 2, Field: "ring", Value: "all at once"},
		{Line: 3, Field: "ring_seconds", Value: "2"},
		{Line: 4, Field: "colour"},
		{Line: 7, Entry: 1, Name: "Sam", Field: "phone", Value: "07700 900111"},
		{Line: 10, Entry: 2, Name: "Priya", Field: "on_duty", Value: "maybe"},
		{Line: 11, Entry: 3, Field: "name"},
		{Line: 13, Entry: 4, Name: "Jo", Field: "phone", Value: "+447700900222"},
		{Line: 14, Entry: 4, Name: "Jo", Field: "phnoe"},
	}
	if len(inv.Problems) != len(want) {
		t.Fatalf("problems: got %d; want %d:\n%v", len(inv.Problems), len(want), err)
	}
	for i, w := range want {
		g := inv.Problems[i]
		if g.Line != w.Line || g.Entry != w.Entry || g.Name != w.Name || g.Field != w.Field || g.Value != w.Value || g.Reason == "" {
			t.Errorf("problem %d: got %+v; want %+v with a reason", i, g, w)
		}
	}
	msg := err.Error()
	for _, s := range []string{"volunteers.yaml line 7: volunteer 1 (Sam): phone \"07700 900111\"", "unknown day \"Fry\"", "same number as volunteer 2"} {
		if !strings.Contains(msg, s) {
			t.Errorf("error text: got\n%s\nwant it to contain %q", msg, s)
		}
	}
}

// TestParseRefusesNumbersTheLineWouldNotRing: a volunteer's phone must pass
// the number policy, or the file does not load, naming file, line, entry,
// field and why.
func TestParseRefusesNumbersTheLineWouldNotRing(t *testing.T) {
	const file = `hours: always
volunteers:
  - {name: Ann, phone: "+449091234567"}
  - {name: Bo, phone: "+447012345678"}
  - {name: Cy, phone: "+448081570123"}
  - {name: Di, phone: "+33612345678"}
  - {name: Ed, phone: "+447700901000"}
  - {name: Flo, phone: "+441134960123"}
`
	_, err := Parse("volunteers.yaml", []byte(file))
	var inv *InvalidError
	if !errors.As(err, &inv) {
		t.Fatalf("Parse: got %v; want *InvalidError", err)
	}
	want := []string{
		`volunteers.yaml line 3: volunteer 1 (Ann): phone "+449091234567": a premium-rate number: the line rings only mobiles and landlines`,
		`volunteers.yaml line 4: volunteer 2 (Bo): phone "+447012345678": a personal number (070 in the UK): the line rings only mobiles and landlines`,
		`volunteers.yaml line 5: volunteer 3 (Cy): phone "+448081570123": a freephone number: the line rings only mobiles and landlines`,
		`volunteers.yaml line 6: volunteer 4 (Di): phone "+33612345678": the line may not ring this country`,
		`volunteers.yaml line 7: volunteer 5 (Ed): phone "+447700901000": not a valid phone number`,
	}
	if len(inv.Problems) != len(want) {
		t.Fatalf("problems: got %d; want %d:\n%v", len(inv.Problems), len(want), err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error text: got\n%s\nwant it to contain %q", err, w)
		}
	}
	// With France allowed, Di's number loads.
	r, err := ParseWith("volunteers.yaml", []byte("hours: always\nvolunteers:\n  - {name: Di, phone: '+33612345678'}\n"), phonepolicy.MustNew([]string{"+33"}))
	if err != nil || r.Volunteers[0].Phone != "+33612345678" {
		t.Errorf("ParseWith France: got %+v, %v; want Di", r.Volunteers, err)
	}
}

func TestParseMissingAndMalformed(t *testing.T) {
	tests := []struct {
		name, file string
		field      string
	}{
		{"no hours", "volunteers:\n  - {name: A, phone: '+447700900111'}\n", "hours"},
		{"no volunteers", "hours: always\n", "volunteers"},
		{"empty volunteers", "hours: always\nvolunteers: []\n", "volunteers"},
		{"hours end before start", "hours: Mon 17:00-09:00\nvolunteers:\n  - {name: A, phone: '+447700900111'}\n", "hours"},
		{"overlapping hours", "hours: Mon-Fri 09:00-17:00, Wed 16:00-18:00\nvolunteers:\n  - {name: A, phone: '+447700900111'}\n", "hours"},
		{"not yaml", "hours: [unclosed\n", ""},
		{"a list, not a mapping", "- a\n- b\n", ""},
		{"volunteer entry is a string", "hours: always\nvolunteers:\n  - Sam\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("v.yaml", []byte(tt.file))
			var inv *InvalidError
			if !errors.As(err, &inv) || len(inv.Problems) == 0 {
				t.Fatalf("Parse: got %v; want *InvalidError", err)
			}
			if inv.Problems[0].Field != tt.field {
				t.Errorf("field: got %q; want %q (%v)", inv.Problems[0].Field, tt.field, err)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	data, _ := os.ReadFile("testdata/volunteers.yaml")
	f.Add(data)
	f.Add([]byte("hours: always\nvolunteers:\n  - {name: A, phone: '+447700900111'}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Parse("fuzz.yaml", b)
		if err != nil {
			return
		}
		for _, v := range r.Volunteers {
			if !privacy.IsE164(v.Phone) || !phonepolicy.UK.Allowed(v.Phone) || v.Name == "" {
				t.Errorf("accepted volunteer %+v", v)
			}
		}
		r.Hours.Open(time.Now())
	})
}

func FuzzParseHours(f *testing.F) {
	for _, s := range []string{"always", "Mon-Fri 09:00-17:00, Sat 10:00-13:00", "Fri-Mon 10:00-12:00 13:00-24:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseHours(s)
		if err != nil {
			return
		}
		for _, sp := range h.spans {
			if sp.from < 0 || sp.to > 24*60 || sp.from >= sp.to {
				t.Errorf("ParseHours(%q): bad span %+v", s, sp)
			}
		}
	})
}
