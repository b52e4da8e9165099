package csvfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/heritage-line/heritageline/catalogue"
)

// excelForms are the same three-row catalogue as Excel and other programs
// save it (testdata/excel, real bytes of each form).
var excelForms = []struct {
	file string
	text Text
}{
	{"utf8.csv", Text{UTF8, false, ','}},
	{"utf8-bom.csv", Text{UTF8, true, ','}},               // Excel's "CSV UTF-8"
	{"windows-1252.csv", Text{Windows1252, false, ','}},   // Excel's "CSV" on Windows
	{"unicode-text.txt", Text{UTF16LE, true, '\t'}},       // Excel's "Unicode text"
	{"utf16be.txt", Text{UTF16BE, true, '\t'}},            // the same, big-endian
	{"utf16le-no-bom.txt", Text{UTF16LE, false, '\t'}},    // the same, with its mark lost
	{"semicolon.csv", Text{UTF8, true, ';'}},              // a European locale: semicolons, decimal commas
	{"semicolon-1252.csv", Text{Windows1252, false, ';'}}, // the same, saved as plain "CSV"
}

// TestReadWhatExcelWrites reads every form to the same activities, with
// "é", "£", "–" and curly quotes intact, and the bad row skipped on its own
// line with the field at fault.
func TestReadWhatExcelWrites(t *testing.T) {
	var want []catalogue.Activity
	for _, form := range excelForms {
		t.Run(form.file, func(t *testing.T) {
			path := filepath.Join("testdata", "excel", form.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			st, err := scanText(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if _, got := openText(bytes.NewReader(data), st); got != form.text {
				t.Errorf("read as %v; want %v", got, form.text)
			}
			load, err := ReadWith(form.file, bytes.NewReader(data), fakeChecks)
			if err != nil {
				t.Fatalf("ReadWith: %v", err)
			}
			if len(load.Activities) != 2 {
				t.Fatalf("got %d activities, skipped %v; want 2", len(load.Activities), load.Skipped)
			}
			cafe, weave := load.Activities[0], load.Activities[1]
			for _, c := range []struct{ got, want string }{
				{cafe.Title, "Heritage Café"},
				{cafe.Summary, "A relaxed café – tea and “objects”."},
				{weave.Title, "Weavers’ taster"},
				{weave.Cost, "£2"},
				{weave.Summary, "Spin and weave; seated."},
				{cafe.Schedule.String(), "first Thursday of the month, 10:30-12:00"},
			} {
				if c.got != c.want {
					t.Errorf("got %q; want %q", c.got, c.want)
				}
			}
			if cafe.Lat != 51.23 || cafe.Lon != -2.3208 {
				t.Errorf("got point %v, %v; want 51.23, -2.3208", cafe.Lat, cafe.Lon)
			}
			if len(load.Skipped) != 1 || load.Skipped[0].Line != 4 || load.Skipped[0].Field != "category" || load.Skipped[0].Source != form.file {
				t.Errorf("got skipped %v; want line 4's category", load.Skipped)
			}
			for i := range load.Activities {
				load.Activities[i].Source = ""
			}
			if want == nil {
				want = load.Activities
			} else if !reflect.DeepEqual(load.Activities, want) {
				t.Errorf("got %+v; want the same activities as %s: %+v", load.Activities, excelForms[0].file, want)
			}

			// ReadFile and a reader that is not a Seeker read the same.
			fromFile, err := ReadFile(path)
			if err != nil || len(fromFile.Activities) != 2 || fromFile.Activities[0].Title != "Heritage Café" {
				t.Errorf("ReadFile: got %v, %+v; want the same two activities", err, fromFile.Activities)
			}
			streamed, err := ReadWith(form.file, iotest.OneByteReader(bytes.NewReader(data)), fakeChecks)
			if err != nil || len(streamed.Activities) != 2 || streamed.Activities[1].Title != "Weavers’ taster" {
				t.Errorf("from a stream: got %v, %+v; want the same two activities", err, streamed.Activities)
			}
		})
	}
}

// TestUTF8AcrossChunks: a character split between two reads is still valid
// UTF-8, and one bad byte late in a long file makes the whole Windows-1252.
func TestUTF8AcrossChunks(t *testing.T) {
	long := strings.Repeat("Café £2 – “tea”\n", 20000) // several 64 KiB chunks, characters across their edges
	st, err := scanText(strings.NewReader(long))
	if err != nil || !st.validUTF8 {
		t.Fatalf("got valid %v, %v; want valid UTF-8", st.validUTF8, err)
	}
	if enc, bom := sniffEncoding(st.head, st.validUTF8); enc != UTF8 || bom {
		t.Errorf("got %v, %v; want UTF-8 without a mark", enc, bom)
	}
	st, _ = scanText(strings.NewReader(strings.Repeat("Cafe\n", 50000) + "Caf\xe9\n"))
	if st.validUTF8 {
		t.Error("a file with a Windows-1252 é at the end read as valid UTF-8")
	}
	if enc, _ := sniffEncoding(st.head, st.validUTF8); enc != Windows1252 {
		t.Errorf("got %v; want Windows-1252", enc)
	}
}

// TestHeaderErrorSaysHowItWasRead: a header that still cannot be read names
// its columns legibly and says how the file was read.
func TestHeaderErrorSaysHowItWasRead(t *testing.T) {
	data := append([]byte{0xFF, 0xFE}, []byte(strings.Repeat("x\x00", 3))...) // UTF-16 "xxx"
	_, err := ReadWith("odd.txt", bytes.NewReader(data), fakeChecks)
	if !errors.Is(err, ErrHeader) {
		t.Fatalf("got %v; want ErrHeader", err)
	}
	for _, want := range []string{`unknown columns "xxx"`, "UTF-16LE with a byte-order mark"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// TestBlankRowsAreNotRecords: Excel saves formatted empty rows as ",,,,";
// they are ignored, not reported as records with everything missing.
func TestBlankRowsAreNotRecords(t *testing.T) {
	file := "id,title,category,schedule,town,postcode,latitude,longitude\r\n" +
		",,,,,,,\r\n" +
		"a,A,walk,\"every Tuesday, 10:00-12:00\",Frome,BA11 1AT,51.2,-2.3\r\n" +
		",,,,,,,\r\n"
	load, err := ReadWith("blank.csv", strings.NewReader(file), fakeChecks)
	if err != nil {
		t.Fatal(err)
	}
	if len(load.Activities) != 1 || len(load.Skipped) != 0 {
		t.Errorf("got %d activities, skipped %v; want 1 and none skipped", len(load.Activities), load.Skipped)
	}
}

func FuzzSniff(f *testing.F) {
	for _, form := range excelForms {
		data, err := os.ReadFile(filepath.Join("testdata", "excel", form.file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte{0xFF})
	f.Add([]byte{0xFE, 0xFF, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := scanText(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		text, form := openText(bytes.NewReader(data), st)
		if form.Comma != ',' && form.Comma != ';' && form.Comma != '\t' {
			t.Fatalf("got separator %q", form.Comma)
		}
		var out bytes.Buffer
		if _, err := out.ReadFrom(text); err != nil {
			t.Fatalf("decoding: %v", err)
		}
		if form.Encoding != UTF8 || form.BOM {
			if !isUTF8(out.Bytes()) {
				t.Fatalf("decoded %s is not UTF-8: %q", form, out.Bytes())
			}
		}
		load, err := ReadWith("fuzz", bytes.NewReader(data), fakeChecks)
		if err != nil {
			return
		}
		for _, a := range load.Activities {
			if a.ID == "" || !catalogue.InUK(a.Lat, a.Lon) {
				t.Fatalf("kept an invalid activity %+v", a)
			}
		}
		for _, s := range load.Skipped {
			if s.Source != "fuzz" || s.Line <= 0 || s.Field == "" || s.Reason == "" {
				t.Fatalf("got an imprecise skip %+v", s)
			}
		}
	})
}

func isUTF8(b []byte) bool { return utf8.Valid(b) }
