package volunteers

import (
	"bytes"
	"os"
	"reflect"
	"testing"
)

func TestExportReadsBack(t *testing.T) {
	data, err := os.ReadFile("testdata/volunteers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse("volunteers.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	r.Sequential = true
	out, err := Export(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"hours: Mon-Fri 09:00-17:00, Sat 10:00-13:00", "ring: sequential", "ring_seconds: 20", `phone: "+447700900222"`, "on_duty: false"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
	back, err := Parse("export.yaml", out)
	if err != nil {
		t.Fatalf("the export does not read back: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(back, r) {
		t.Errorf("read back %+v; want %+v", back, r)
	}
}

// FuzzRosterFile: whatever file Parse accepts, its export reads back as the
// same roster, and exporting that gives the same file.
func FuzzRosterFile(f *testing.F) {
	data, _ := os.ReadFile("testdata/volunteers.yaml")
	f.Add(data)
	f.Add([]byte("hours: always\nring: sequential\nvolunteers:\n  - {name: \"Ann O'Neil\", phone: '+447700900111', on_duty: no}\n"))
	f.Add([]byte("hours: \"Fri-Mon 10:00-12:00 13:00-24:00\"\nring_seconds: 5\nvolunteers:\n  - name: \"Zoë: #1\"\n    phone: '+44 7700 900111'\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Parse("fuzz.yaml", b)
		if err != nil {
			return
		}
		out, err := Export(r)
		if err != nil {
			t.Fatalf("Export(%+v): %v", r, err)
		}
		back, err := Parse("export.yaml", out)
		if err != nil {
			t.Fatalf("the export of %q does not read back: %v\n%s", b, err, out)
		}
		if !reflect.DeepEqual(back, r) {
			t.Fatalf("read back %+v; want %+v", back, r)
		}
		again, err := Export(back)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("exported twice: %q then %q (%v)", out, again, err)
		}
	})
}
