package openreferral

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
)

func TestDefaultTaxonomyParses(t *testing.T) {
	if _, err := ParseTaxonomy("taxonomy.csv", strings.NewReader(defaultTaxonomy)); err != nil {
		t.Fatalf("embedded table: %v", err)
	}
}

func TestTaxonomyMap(t *testing.T) {
	tax := DefaultTaxonomy()
	tests := []struct {
		name     string
		terms    []Term
		wantCat  catalogue.Category
		wantTags string
		wantOK   bool
	}{
		{"term text", []Term{{Vocabulary: "anything", Values: []string{"Walking"}}}, catalogue.Walk, "", true},
		{"code with hyphens", []Term{{Values: []string{"", "local-history"}}}, catalogue.HistoryGroup, "", true},
		{"first category wins, tags gather", []Term{{Values: []string{"Step free"}}, {Values: []string{"Museum"}}, {Values: []string{"Crafts"}}, {Values: []string{"Carers"}}}, catalogue.Museum, "step-free,carers-welcome", true},
		{"a term giving both", []Term{{Values: []string{"memory café"}}}, catalogue.Cafe, "dementia-friendly", true},
		{"only a tag", []Term{{Values: []string{"Dementia"}}}, "", "dementia-friendly", false},
		{"nothing", []Term{{Values: []string{"Debt"}}}, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cat, tags, ok := tax.Map(tt.terms)
			if cat != tt.wantCat || strings.Join(tags, ",") != tt.wantTags || ok != tt.wantOK {
				t.Errorf("got %q %q %v; want %q %q %v", cat, strings.Join(tags, ","), ok, tt.wantCat, tt.wantTags, tt.wantOK)
			}
		})
	}
}

func TestTaxonomyVocabulary(t *testing.T) {
	tax, err := ParseTaxonomy("t", strings.NewReader("vocabulary,term,category,tag\nmy-vocab,Outdoors,walk,\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok := tax.Map([]Term{{Vocabulary: "other", Values: []string{"outdoors"}}}); ok {
		t.Errorf("got a match in another vocabulary; want none")
	}
	if cat, _, ok := tax.Map([]Term{{Vocabulary: "My Vocab", Values: []string{"outdoors"}}}); !ok || cat != catalogue.Walk {
		t.Errorf("got %q %v; want walk true", cat, ok)
	}
}

func TestParseTaxonomyErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "empty table"},
		{"wrong header", "vocab,term,category,tag\n", "header"},
		{"unknown category", "vocabulary,term,category,tag\n*,walk,hike,\n", "line 2: field category"},
		{"neither", "vocabulary,term,category,tag\n*,walk,,\n", "line 2: neither"},
		{"bad tag", "vocabulary,term,category,tag\n# note\n*,walk,,Step Free\n", "line 3: field tag"},
		{"missing term", "vocabulary,term,category,tag\n*,,walk,\n", "field term"},
		{"missing vocabulary", "vocabulary,term,category,tag\n,walk,walk,\n", "field vocabulary"},
		{"short row", "vocabulary,term,category,tag\n*,walk\n", "want 4 fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTaxonomy("t.csv", strings.NewReader(tt.in))
			if !errors.Is(err, ErrTaxonomy) {
				t.Fatalf("got %v; want ErrTaxonomy", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q; want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestOptionsTaxonomyReplacesDefault(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tax.csv")
	table := "vocabulary,term,category,tag\n*,Debt,museum,\n"
	if err := os.WriteFile(path, []byte(table), 0o600); err != nil {
		t.Fatal(err)
	}
	im, err := New(Options{Taxonomy: path})
	if err != nil {
		t.Fatal(err)
	}
	load, err := im.ReadFile("testdata/v3/page3.json")
	if err != nil {
		t.Fatal(err)
	}
	// With the replacement table "Debt" is a museum and crafts mean nothing.
	if got := ids(load.Activities); strings.Join(got, ",") != "v3-debt" {
		t.Errorf("got %q; want [v3-debt]", got)
	}

	if _, err := New(Options{Taxonomy: filepath.Join(t.TempDir(), "none.csv")}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v; want os.ErrNotExist", err)
	}
}
