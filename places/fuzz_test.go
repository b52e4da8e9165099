package places

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParsePostcode checks that whatever ParsePostcode accepts is a
// normalised postcode that parses again to itself, with its outcode before
// the space. Seeds are in testdata/fuzz/FuzzParsePostcode.
func FuzzParsePostcode(f *testing.F) {
	for _, s := range []string{"BA11 1AT", "ba111at", "b a 1 1 1 a t", "GIR 0AA", "EC1A 1BB", "BA11", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pc, out, ok := ParsePostcode(s)
		if !ok {
			if pc != "" || out != "" {
				t.Fatalf("ParsePostcode(%q) = %q, %q, false; want empty strings", s, pc, out)
			}
			return
		}
		if len(pc) < 6 || len(pc) > 8 || strings.Count(pc, " ") != 1 || !strings.HasPrefix(pc, out+" ") {
			t.Fatalf("ParsePostcode(%q) = %q, %q; want \"OUT IN\" with outcode first", s, pc, out)
		}
		if pc2, out2, ok2 := ParsePostcode(pc); pc2 != pc || out2 != out || !ok2 {
			t.Fatalf("ParsePostcode(%q) = %q, %q, %v; want it unchanged", pc, pc2, out2, ok2)
		}
		if o, ok := ParseOutcode(out); !ok || o != out {
			t.Fatalf("ParseOutcode(%q) = %q, %v; want it unchanged", out, o, ok)
		}
	})
}

// FuzzResolve feeds arbitrary text to Resolve, Find and Suggest: they must not
// panic, a match must be a named point in the UK, and Find's words must come
// from the text. Seeds are in testdata/fuzz/FuzzResolve.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"Frome", "great yarmouth please", "b a 11", "anything near gorleston for my mum", "Newport", "frume", "in March"} {
		f.Add(s)
	}
	ix, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if m, ok := ix.Resolve(s); ok {
			checkMatch(t, "Resolve", s, m)
		}
		if m, words, ok := ix.Find(s); ok {
			checkMatch(t, "Find", s, m)
			if words == "" || !strings.Contains(s, words) {
				t.Fatalf("Find(%q) words %q; want a part of the text", s, words)
			}
		}
		for _, p := range ix.Suggest(s, 3) {
			checkMatch(t, "Suggest", s, Match{Place: p})
		}
		if utf8.ValidString(s) {
			if a, b := normalise(s), joinNorm(tokenise(s)); a != b {
				t.Fatalf("normalise(%q) = %q but tokenise gives %q", s, a, b)
			}
		}
	})
}

func checkMatch(t *testing.T, fn, s string, m Match) {
	t.Helper()
	for _, p := range append([]Place{m.Place}, m.Others...) {
		if p.Name == "" || !inUK(p) {
			t.Fatalf("%s(%q) gave %+v; want a named point in the UK", fn, s, p)
		}
	}
	if m.Sure && len(m.Others) > 0 && m.Place.Kind == KindTown {
		// withArea may be sure with others; only same-name lists must be unsure.
		for _, o := range m.Others {
			if o.Area == m.Place.Area && o.Name == m.Place.Name {
				t.Fatalf("%s(%q) sure of %+v, but %+v has the same name and area", fn, s, m.Place, o)
			}
		}
	}
}

// FuzzLoadPostcodes feeds arbitrary files to LoadPostcodes: it must not panic,
// and whatever it loads must resolve to a point in the UK. Seeds are in
// testdata/fuzz/FuzzLoadPostcodes.
func FuzzLoadPostcodes(f *testing.F) {
	f.Add("pcds,lat,long\nBA11 1AT,51.2301,-2.3199\n")
	f.Add("\"WC2N 5DN\",10,530040,180394\n")
	ix, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, file string) {
		ix := &Index{b: ix.b, venues: make(map[string]Point)}
		loaded, _, err := ix.LoadPostcodes(strings.NewReader(file), "fuzz")
		if err != nil {
			if loaded != 0 || len(ix.exact) != 0 {
				t.Fatalf("LoadPostcodes failed (%v) but loaded %d", err, loaded)
			}
			return
		}
		if loaded != len(ix.exact) || loaded == 0 {
			t.Fatalf("LoadPostcodes loaded %d; index holds %d", loaded, len(ix.exact))
		}
		for _, p := range ix.exact {
			if !inUK(Place{Lat: float64(p.lat), Lon: float64(p.lon)}) {
				t.Fatalf("LoadPostcodes kept a point outside the UK: %+v", p)
			}
		}
	})
}
