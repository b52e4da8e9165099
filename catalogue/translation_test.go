package catalogue

import (
	"testing"
	"time"
)

// TestOfferedIn: a search for activities offered in a language finds only
// those whose Languages name it, in any case; none asked for finds all.
func TestOfferedIn(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, London)
	a := Activity{ID: "a", Active: true, Category: Cafe, Languages: []string{"polish", "Urdu"}}
	tests := []struct {
		langs []string
		want  bool
	}{
		{nil, true}, {[]string{"Polish"}, true}, {[]string{"Welsh", "Urdu"}, true}, {[]string{"Welsh"}, false},
	}
	for _, tt := range tests {
		if _, ok := Matches(&a, Query{Now: now, Languages: tt.langs}); ok != tt.want {
			t.Errorf("Matches(languages %v) = %v; want %v", tt.langs, ok, tt.want)
		}
	}
}
