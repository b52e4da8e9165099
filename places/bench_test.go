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

var benchTexts = []struct{ name, text string }{
	{"town", "Frome"},
	{"postcode", "BA11 1AT"},
	{"spoken", "b a 1 1 1 a t"},
	{"fillers", "I live in Great Yarmouth please"},
	{"sameName", "Newport"},
	{"typo", "great yarmoth"},
	{"nothing", "hello"},
}

func BenchmarkResolve(b *testing.B) {
	ix := load(b)
	ix.Prefer([]Point{fromePoint, nottinghamPoint, yarmouthPoint})
	for _, bt := range benchTexts {
		b.Run(bt.name, func(b *testing.B) {
			for b.Loop() {
				ix.Resolve(bt.text)
			}
		})
	}
}

func BenchmarkFind(b *testing.B) {
	ix := load(b)
	ix.Prefer([]Point{fromePoint, nottinghamPoint, yarmouthPoint})
	for _, bt := range []struct{ name, text string }{
		{"short", "walks in Frome"},
		{"sentence", "Hello, is there anything on near gorleston for my mum next week? She likes history and cafes."},
		{"none", "Hello, is there anything on for my mum next week? She likes history and cafes and walking."},
		{"typo", "anything near gorlestn please"},
	} {
		b.Run(bt.name, func(b *testing.B) {
			for b.Loop() {
				ix.Find(bt.text)
			}
		})
	}
}

func BenchmarkSuggest(b *testing.B) {
	ix := load(b)
	for b.Loop() {
		ix.Suggest("great yarm", 5)
	}
}
