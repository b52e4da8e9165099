package csvfile

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/heritage-line/heritageline/catalogue"
)

// TestReadCutOff reads files cut off part way, as a copy in progress leaves
// them: each is refused with ErrTruncated, where before the rows read so far
// became the catalogue. Whole files, with or without a final line end, load.
func TestReadCutOff(t *testing.T) {
	const header = "id,title,category,schedule,town,postcode,latitude,longitude,summary\n"
	row := func(id string) string {
		return id + `,Walk,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.2,-2.3,"A walk, ""steep""."` + "\n"
	}
	whole := header + row("a") + row("b") + row("c")
	tests := []struct {
		name, file string
		cut        bool
		mention    string
	}{
		{"whole", whole, false, ""},
		{"whole, CRLF", strings.ReplaceAll(whole, "\n", "\r\n"), false, ""},
		{"no final line end", strings.TrimSuffix(whole, "\n"), false, ""},
		{"cut after a line end", header + row("a") + row("b"), false, ""},
		{"cut in a field", whole[:len(whole)-40], true, "line 4"},
		{"cut after a comma", header + row("a") + "b,Walk,", true, "(line 3) has 3 of"},
		{"cut inside a quoted field", whole[:len(whole)-8], true, "quoted field that opens on line 4"},
		{"cut inside a quoted field after a line end", header + row("a") + "b,Walk,walk,\"every Tuesday,\n10:00-12:00\n", true, "opens on line 3"},
		{"a bad row last, whole", whole + "d,Walk\n", false, ""},
		{"extraneous quote last, whole", whole + `d,"Walk"x,walk,"every Tuesday, 10:00-12:00",Frome,BA11 1AT,51.2,-2.3,s` + "\n", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			load, err := ReadWith("cut.csv", strings.NewReader(tt.file), fakeChecks)
			if !tt.cut {
				if err != nil {
					t.Fatalf("got %v; want the file read", err)
				}
				if len(load.Activities) < 2 {
					t.Errorf("got %d activities (skipped %v); want the file's rows", len(load.Activities), load.Skipped)
				}
				return
			}
			if !errors.Is(err, catalogue.ErrTruncated) {
				t.Fatalf("got err %v (%d activities); want ErrTruncated", err, len(load.Activities))
			}
			if !strings.Contains(err.Error(), "cut.csv") || !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("got %q; want it to name cut.csv and %q", err, tt.mention)
			}
		})
	}
}

// TestReadDownloadCutShort: a reader that fails with io.ErrUnexpectedEOF (a
// body shorter than its Content-Length) is a truncated source.
func TestReadDownloadCutShort(t *testing.T) {
	src := io.MultiReader(strings.NewReader("id,title,category,schedule,town,postcode\na,W,walk,"), iotest.ErrReader(io.ErrUnexpectedEOF))
	_, err := ReadWith("https://example.org/c.csv", src, fakeChecks)
	if !errors.Is(err, catalogue.ErrTruncated) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("got %v; want ErrTruncated wrapping io.ErrUnexpectedEOF", err)
	}
}
