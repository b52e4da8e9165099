package places

import "testing"

// BenchmarkBuild measures parsing the embedded data and building the index,
// the cost of the first Load in a process.
func BenchmarkBuild(b *testing.B) {
	for b.Loop() {
		if _, err := build(outcodesCSV, placesCSV); err != nil {
			b.Fatal(err)
		}
	}
}
