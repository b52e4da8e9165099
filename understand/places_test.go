package understand

import (
	"context"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/places"
)

// TestWithPlacesIndex runs the rules against the real embedded places data:
// places outside the catalogue's towns, found by name or inside free text.
func TestWithPlacesIndex(t *testing.T) {
	ix, err := places.Load()
	if err != nil {
		t.Fatalf("places.Load: %v", err)
	}
	r := New(ix, testTowns)
	tests := []struct {
		text      string
		wantPlace bool
		wantCat   []catalogue.Category
	}{
		{"Norwich", true, nil},
		{"walks near Beccles", true, []catalogue.Category{catalogue.Walk}},
		{"is there a museum in Bath", true, []catalogue.Category{catalogue.Museum}},
		{"Gorleston-on-Sea", true, nil},
		{"museum", false, []catalogue.Category{catalogue.Museum}},
		{"hello there", false, nil},
		{"hello", false, nil},
		{"ok thanks", false, nil},
		{"Ravenshed walks", true, []catalogue.Category{catalogue.Walk}},
		{"crafts gt yarmouth", true, []catalogue.Category{catalogue.Crafts}},
		{"museums in norwhich", true, []catalogue.Category{catalogue.Museum}},
		{"erm walks in great yarmouth please", true, []catalogue.Category{catalogue.Walk}},
		{"Hi there, I am 82 and lonely", false, nil},
		{"what is there to do", false, nil},
		{"march", false, nil},
		{"I want to send a letter", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := r.Understand(context.Background(), tt.text)
			if (got.Place != "") != tt.wantPlace {
				t.Errorf("Understand(%q).Place = %q; want a place: %v", tt.text, got.Place, tt.wantPlace)
			}
			if len(got.Categories) != len(tt.wantCat) || len(tt.wantCat) > 0 && got.Categories[0] != tt.wantCat[0] {
				t.Errorf("Understand(%q).Categories = %v; want %v", tt.text, got.Categories, tt.wantCat)
			}
		})
	}
}
