package places

import "testing"

// TestNamed: a venue's or activity's own name finds it, whole or inside a
// message, as a town would; a town of the same name wins, and a name the
// catalogue gives to places far apart finds none of them.
func TestNamed(t *testing.T) {
	ix := load(t)
	ix.SetNamed([]Named{
		{Name: "Hippodrome Circus", Lat: 52.6071, Lon: 1.7368, Outcode: "NR30"},
		{Name: "Delapre Abbey", Lat: 52.2209, Lon: -0.8913, Outcode: "NN4"},
		{Name: "The Tolhouse", Lat: 52.6063, Lon: 1.7277, Outcode: "NR30"},
		{Name: "Memory Café", Lat: 51.23, Lon: -2.32},
		{Name: "Memory Café", Lat: 52.60, Lon: 1.72}, // another town's: the name is not one place
		{Name: "Frome", Lat: 52.0, Lon: -1.0},        // a town's name stays the town's
	})
	for _, tt := range []struct {
		text, want string
		lat        float64
	}{
		{"Hippodrome Circus", "Hippodrome Circus", 52.6071},
		{"hippodrome circus please", "Hippodrome Circus", 52.6071},
		{"Delapre Abbey", "Delapre Abbey", 52.2209},
		{"tolhouse", "The Tolhouse", 52.6063},
		{"Frome", "Frome", 51.2279},
	} {
		m, ok := ix.Resolve(tt.text)
		if !ok || m.Place.Name != tt.want || m.Place.Lat-tt.lat > 0.01 || tt.lat-m.Place.Lat > 0.01 {
			t.Errorf("Resolve(%q) = %+v, %v; want %s at %v", tt.text, m.Place, ok, tt.want, tt.lat)
		}
	}
	if m, ok := ix.Resolve("memory cafe"); ok {
		t.Errorf("Resolve(memory cafe) = %+v; want nothing (two cafés of that name, far apart)", m.Place)
	}
	for _, tt := range []struct{ text, want, words string }{
		{"what's on near Delapre Abbey this week", "Delapre Abbey", "Delapre Abbey"},
		{"walks hippodrome circus", "Hippodrome Circus", "hippodrome circus"},
		{"anything at the tolhouse", "The Tolhouse", "the tolhouse"},
		{"museums in BA11 1AT", "BA11 1AT", "BA11 1AT"}, // a postcode still wins
	} {
		m, words, ok := ix.Find(tt.text)
		if !ok || m.Place.Name != tt.want || words != tt.words {
			t.Errorf("Find(%q) = %q (%q), %v; want %q (%q)", tt.text, m.Place.Name, words, ok, tt.want, tt.words)
		}
	}
	ix.SetNamed(nil)
	if _, ok := ix.Resolve("Delapre Abbey"); ok {
		t.Error("Resolve(Delapre Abbey) after SetNamed(nil) still finds it; want the names replaced")
	}
}
