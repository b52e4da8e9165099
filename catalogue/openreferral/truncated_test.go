package openreferral

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
)

// TestReadCutOff: a file that stops part way (a copy in progress) is refused
// as truncated, whereas JSON with a mistake in it is only not a list.
func TestReadCutOff(t *testing.T) {
	whole, err := os.ReadFile(filepath.Join("testdata", "v3", "page1.json"))
	if err != nil {
		t.Fatal(err)
	}
	im, err := New(Options{Checks: catalogue.Checks{Locate: locate}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		data      []byte
		truncated bool
	}{
		{"half", whole[:len(whole)/2], true},
		{"all but the last brace", bytes.TrimRight(bytes.TrimSpace(whole), "}"), true},
		{"a bare array cut", []byte(`[{"id":"a","name":"Walk"},{"id":"b"`), true},
		{"a mistake, whole length", append(bytes.TrimSpace(whole), 'x'), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := im.Read("cut.json", bytes.NewReader(tt.data))
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("got %v; want ErrFormat", err)
			}
			if got := errors.Is(err, catalogue.ErrTruncated); got != tt.truncated {
				t.Errorf("got ErrTruncated %v (%v); want %v", got, err, tt.truncated)
			}
		})
	}
}
