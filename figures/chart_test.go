package figures

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/internal/redistest"
)

func TestWriteChart(t *testing.T) {
	t.Parallel()
	rdb, _ := redistest.Mini(t)
	r := newRecorder(t, rdb)
	record(t, r, fixture())
	dir := t.TempDir()
	for _, tt := range []struct {
		name     string
		from, to time.Time
	}{
		{"two weeks", at("2025-01-06 00:00"), at("2025-01-13 00:00")},
		{"a year", at("2024-02-05 00:00"), at("2025-01-27 00:00")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := r.Report(context.Background(), tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, tt.name+".chart") // PNG whatever the extension
			if err := WriteChart(path, rep); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("chart is not a PNG: %v", err)
			}
			if sz := img.Bounds().Size(); sz.X < 600 || sz.Y < 300 {
				t.Errorf("got a %dx%d chart; want at least 600x300", sz.X, sz.Y)
			}
			if dst := os.Getenv("HL_CHART_DIR"); dst != "" { // to look at it
				os.WriteFile(filepath.Join(dst, tt.name+".png"), b, 0o644)
			}
		})
	}
	if err := WriteChart(filepath.Join(dir, "empty.png"), Report{}); !errors.Is(err, ErrEmptyReport) {
		t.Errorf("got %v for an empty report; want ErrEmptyReport", err)
	}
	if err := WriteChart(filepath.Join(dir, "no", "such", "dir.png"), Report{Weeks: []Week{{}}}); err == nil {
		t.Errorf("got no error writing into a missing directory; want one")
	}
}
