package source

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
	"github.com/heritage-line/heritageline/catalogue/openreferral"
	"github.com/heritage-line/heritageline/catalogue/sample"
	"github.com/heritage-line/heritageline/catalogue/xlsxfile"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		spec    string
		want    Kind
		wantErr bool
	}{
		{"", KindSample, false},
		{"  ", KindSample, false},
		{"catalogue.csv", KindCSVFile, false},
		{"/srv/data/Catalogue.CSV", KindCSVFile, false},
		{"services.json", KindOpenReferral, false},
		{`C:\data\services.json`, KindOpenReferral, false},
		{"https://example.org/catalogue.csv", KindCSVURL, false},
		{"https://example.org/catalogue.csv?token=x", KindCSVURL, false},
		{"https://api.example.org/openreferral/v3", KindAPI, false},
		{"http://localhost:8080/", KindAPI, false},
		{"Catalogue.xlsx", KindXLSXFile, false},
		{"export.txt", KindCSVFile, false},
		{"export.TSV", KindCSVFile, false},
		{"https://example.org/files/catalogue.xlsx", KindXLSXURL, false},
		{"https://example.org/files/unicode.txt", KindCSVURL, false},
		{"catalogue.xls", "", true},
		{"catalogue.yaml", "", true},
		{"catalogue", "", true},
		{"ftp://example.org/catalogue.csv", "", true},
		{"https:///catalogue.csv", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			got, err := Classify(tt.spec)
			if tt.wantErr {
				if !errors.Is(err, ErrUnsupported) {
					t.Fatalf("got %q, %v; want ErrUnsupported", got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func countActive(acts []catalogue.Activity) (n int) {
	for _, a := range acts {
		if a.Active {
			n++
		}
	}
	return n
}

func TestLoad(t *testing.T) {
	want, err := sample.Load()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "catalogue.csv")
	if err := os.WriteFile(csvPath, sample.CSV, 0o600); err != nil {
		t.Fatal(err)
	}
	var book bytes.Buffer
	if err := xlsxfile.WriteTemplate(&book); err != nil {
		t.Fatal(err)
	}
	xlsxPath := filepath.Join(dir, "catalogue.xlsx")
	if err := os.WriteFile(xlsxPath, book.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /files/catalogue.csv", func(w http.ResponseWriter, r *http.Request) { w.Write(sample.CSV) })
	mux.HandleFunc("GET /files/catalogue.xlsx", func(w http.ResponseWriter, r *http.Request) { w.Write(book.Bytes()) })
	mux.HandleFunc("GET /api/services", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") != "1" {
			http.Error(w, "only one page", http.StatusBadRequest)
			return
		}
		http.ServeFile(w, r, "testdata/services.json")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tests := []struct {
		name        string
		spec        string
		wantSource  string
		wantActive  int
		wantAll     int
		wantSkipped []string // record ids
	}{
		{"the sample", "", sample.Name, countActive(want.Activities), len(want.Activities), nil},
		{"a CSV file", csvPath, csvPath, countActive(want.Activities), len(want.Activities), nil},
		{"a CSV file over HTTP", srv.URL + "/files/catalogue.csv", srv.URL + "/files/catalogue.csv", countActive(want.Activities), len(want.Activities), nil},
		{"an Excel workbook", xlsxPath, xlsxPath, 2, 2, nil},
		{"an Excel workbook over HTTP", srv.URL + "/files/catalogue.xlsx", srv.URL + "/files/catalogue.xlsx", 2, 2, nil},
		{"an Open Referral file", "testdata/services.json", "testdata/services.json", 1, 2, []string{"nowhere"}},
		{"an Open Referral API", srv.URL + "/api", srv.URL + "/api", 1, 2, []string{"nowhere"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			load, err := Load(context.Background(), tt.spec, Options{})
			if err != nil {
				t.Fatalf("Load(%q): %v", tt.spec, err)
			}
			if load.Source != tt.wantSource {
				t.Errorf("got source %q; want %q", load.Source, tt.wantSource)
			}
			if got := countActive(load.Activities); got != tt.wantActive {
				t.Errorf("got %d active; want %d", got, tt.wantActive)
			}
			if got := len(load.Activities); got != tt.wantAll {
				t.Errorf("got %d activities; want %d", got, tt.wantAll)
			}
			var skipped []string
			for _, s := range load.Skipped {
				skipped = append(skipped, s.Record)
			}
			if strings.Join(skipped, ",") != strings.Join(tt.wantSkipped, ",") {
				t.Errorf("got skipped %q; want %q", skipped, tt.wantSkipped)
			}
		})
	}
}

func TestLoadOpenReferralUsesPlaces(t *testing.T) {
	// The walk has a postcode and no coordinates: the places package places it.
	load, err := Load(context.Background(), "testdata/services.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range load.Activities {
		if a.ID != "frome-walk" {
			continue
		}
		if !catalogue.InUK(a.Lat, a.Lon) || a.Lat < 51 || a.Lat > 51.5 {
			t.Errorf("got %g,%g; want a point near Frome", a.Lat, a.Lon)
		}
		if a.Category != catalogue.Walk || a.Postcode != "BA11 1AT" {
			t.Errorf("got category %q postcode %q; want walk BA11 1AT", a.Category, a.Postcode)
		}
		return
	}
	t.Fatalf("no frome-walk in %d activities; skipped %v", len(load.Activities), load.Skipped)
}

func TestLoadErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/broken.csv", "/api/services":
			http.Error(w, "down", http.StatusInternalServerError)
		case "/html.csv":
			w.Write([]byte("<html>not a catalogue</html>"))
		case "/slow.csv":
			<-r.Context().Done()
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	badTable := filepath.Join(t.TempDir(), "taxonomy.csv")
	notOR := filepath.Join(t.TempDir(), "other.json")
	for path, data := range map[string]string{badTable: "not,a,table\n", notOR: `{"hello": "world"}`} {
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	fast := Options{
		Timeout:      200 * time.Millisecond,
		OpenReferral: openreferral.Options{Backoff: time.Millisecond, Retries: 1, Timeout: 200 * time.Millisecond},
	}
	tests := []struct {
		name    string
		spec    string
		opts    Options
		wantErr error
	}{
		{"unsupported", "catalogue.ods", fast, ErrUnsupported},
		{"missing CSV file", filepath.Join(t.TempDir(), "none.csv"), fast, os.ErrNotExist},
		{"missing JSON file", filepath.Join(t.TempDir(), "none.json"), fast, os.ErrNotExist},
		{"JSON that is not Open Referral", notOR, fast, openreferral.ErrFormat},
		{"CSV download fails", srv.URL + "/broken.csv", fast, ErrHTTP},
		{"CSV download is not CSV", srv.URL + "/html.csv", fast, csvfile.ErrHeader},
		{"CSV download times out", srv.URL + "/slow.csv", fast, context.DeadlineExceeded},
		{"API fails", srv.URL + "/api", fast, openreferral.ErrHTTP},
		{"bad taxonomy table", "testdata/services.json", Options{OpenReferral: openreferral.Options{Taxonomy: badTable}}, openreferral.ErrTaxonomy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(context.Background(), tt.spec, tt.opts)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("got %v; want an error wrapping %v", err, tt.wantErr)
			}
		})
	}
	t.Run("context already ended", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := Load(ctx, srv.URL+"/api", fast); !errors.Is(err, context.Canceled) {
			t.Errorf("got %v; want context.Canceled", err)
		}
	})
}
