package places

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"testing"
)

func load(t testing.TB) *Index {
	t.Helper()
	ix, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return ix
}

// Points near the three pilot areas of the sample catalogue.
var (
	fromePoint      = Point{51.2283, -2.3221}
	nottinghamPoint = Point{52.9536, -1.1505}
	yarmouthPoint   = Point{52.6083, 1.7305}
)

func TestResolve(t *testing.T) {
	ix := load(t)
	tests := []struct {
		text    string
		name    string
		kind    Kind
		outcode string
		sure    bool
	}{
		{"Frome", "Frome", KindTown, "BA11", true},
		{"frome", "Frome", KindTown, "BA11", true},
		{"FROME.", "Frome", KindTown, "BA11", true},
		{"it's frome", "Frome", KindTown, "BA11", true},
		{"Um, Frome please", "Frome", KindTown, "BA11", true},
		{"BA11", "BA11", KindOutcode, "BA11", true},
		{"ba11", "BA11", KindOutcode, "BA11", true},
		{"b a 11", "BA11", KindOutcode, "BA11", true},
		{"B A 1 1", "BA11", KindOutcode, "BA11", true},
		{"BA eleven", "BA11", KindOutcode, "BA11", true},
		{"b a double one", "BA11", KindOutcode, "BA11", true},
		{"NR thirty one", "NR31", KindOutcode, "NR31", true},
		{"my postcode is NR31", "NR31", KindOutcode, "NR31", true},
		{"BA11 1AT", "BA11 1AT", KindPostcode, "BA11", true},
		{"ba111at", "BA11 1AT", KindPostcode, "BA11", true},
		{"b a 1 1 1 a t", "BA11 1AT", KindPostcode, "BA11", true},
		{"ba11 1at please", "BA11 1AT", KindPostcode, "BA11", true},
		{"BA eleven one A T", "BA11 1AT", KindPostcode, "BA11", true},
		{"gorleston", "Gorleston", KindTown, "NR31", true},
		{"Gorleston-on-Sea", "Gorleston-on-Sea", KindTown, "NR31", true},
		{"I live in Gorleston", "Gorleston", KindTown, "NR31", true},
		{"Great Yarmouth", "Great Yarmouth", KindTown, "NR30", true},
		{"great yarmouth please", "Great Yarmouth", KindTown, "NR30", true},
		{"Gt. Yarmouth", "Great Yarmouth", KindTown, "NR30", true},
		{"York", "York", KindTown, "YO90", true},
		{"Norwich", "Norwich", KindTown, "NR1", true},
		{"NR31", "NR31", KindOutcode, "NR31", true},
		{"Nottingham", "Nottingham", KindTown, "NG1", true},
		{"NG1", "NG1", KindOutcode, "NG1", true},
		{"Ravenshead", "Ravenshead", KindTown, "NG15", true},
		{"Lowestoft", "Lowestoft", KindTown, "NR32", true},
		{"Stoke-on-Trent", "Stoke-on-Trent", KindTown, "ST4", true},
		{"king's lynn", "King's Lynn", KindTown, "PE30", true},
		{"St Ives", "Saint Ives", KindTown, "", false}, // Cornwall and Cambridgeshire
		{"Saint Ives", "Saint Ives", KindTown, "", false},
		{"I live in Street", "Street", KindTown, "BA16", true},
		{"in Wells", "Wells", KindTown, "BA5", true},
		{"Newport", "Newport", KindTown, "", false},
		{"Newport, Wales", "Newport", KindTown, "NP20", true},
		{"newport in pembrokeshire", "Newport", KindTown, "SA42", true},
		{"Newport Isle of Wight", "Newport", KindTown, "PO30", true},
		{"Newport, Shropshire", "Newport", KindTown, "TF10", true},
		{"Richmond, North Yorkshire", "Richmond", KindTown, "DL10", true},
		{"Richmond London", "Richmond", KindTown, "TW9", true},
		{"Frome, Somerset", "Frome", KindTown, "BA11", false}, // the data says Mendip
		{"Richmond", "Richmond", KindTown, "", false},
		{"frume", "Frome", KindTown, "BA11", false},
		{"great yarmoth", "Great Yarmouth", KindTown, "NR30", false},
		{"lowestoff", "Lowestoft", KindTown, "NR32", false},
		{"nottingam", "Nottingham", KindTown, "NG1", false},
		{"ravenshed", "Ravenshead", KindTown, "NG15", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			m, ok := ix.Resolve(tt.text)
			if !ok {
				t.Fatalf("Resolve(%q) found nothing; want %q", tt.text, tt.name)
			}
			if m.Place.Name != tt.name || m.Place.Kind != tt.kind || m.Sure != tt.sure {
				t.Errorf("Resolve(%q) = %q kind %d sure %v; want %q kind %d sure %v",
					tt.text, m.Place.Name, m.Place.Kind, m.Sure, tt.name, tt.kind, tt.sure)
			}
			if tt.outcode != "" && m.Place.Outcode != tt.outcode {
				t.Errorf("Resolve(%q) outcode = %q; want %q", tt.text, m.Place.Outcode, tt.outcode)
			}
			if !inUK(m.Place) {
				t.Errorf("Resolve(%q) point = %v, %v; want a point in the UK", tt.text, m.Place.Lat, m.Place.Lon)
			}
		})
	}
}

func inUK(p Place) bool {
	return p.Lat >= minLat && p.Lat <= maxLat && p.Lon >= minLon && p.Lon <= maxLon
}

func TestResolveNothing(t *testing.T) {
	ix := load(t)
	for _, text := range []string{
		"", "   ", "?!", "hello", "street", "Street", "wells", "send", "hope", "march", "over",
		"ware", "museum", "walks", "walking group", "history", "cafe", "yes", "please",
		"ZZ99 9ZZ", // no such district
		"QA1",      // Q never starts a postcode
		"12345", "the the the", "xyzzy",
		// Counties and regions are not misspelt villages (Crondall, Somersby).
		"Cornwall", "Somerset", "Isle of Wight", "Harborough",
	} {
		t.Run(text, func(t *testing.T) {
			if m, ok := ix.Resolve(text); ok {
				t.Errorf("Resolve(%q) = %q (%s); want nothing", text, m.Place.Name, m.Place.Area)
			}
		})
	}
}

func TestResolveSameName(t *testing.T) {
	ix := load(t)
	for _, name := range []string{"Newport", "Richmond"} {
		t.Run(name, func(t *testing.T) {
			m, ok := ix.Resolve(name)
			if !ok {
				t.Fatalf("Resolve(%q) found nothing", name)
			}
			if m.Sure {
				t.Errorf("Resolve(%q) sure; want unsure, as several places share the name", name)
			}
			all := append([]Place{m.Place}, m.Others...)
			if len(all) < 2 {
				t.Fatalf("Resolve(%q) gave %d candidates; want several", name, len(all))
			}
			areas := make(map[string]bool)
			for _, p := range all {
				if p.Name != name {
					t.Errorf("candidate %q; want %q", p.Name, name)
				}
				if p.Area == "" || areas[p.Area] {
					t.Errorf("candidate %q in area %q: want a distinct, non-empty area", p.Name, p.Area)
				}
				areas[p.Area] = true
			}
		})
	}
}

func TestPrefer(t *testing.T) {
	tests := []struct {
		text    string
		prefer  []Point
		outcode string
		sure    bool
	}{
		{"Newport", []Point{{52.7686, -2.3862}}, "TF10", false}, // Shropshire
		{"Newport", []Point{{50.69, -1.30}}, "PO30", false},     // Isle of Wight
		{"Newport", []Point{{51.59, -3.00}}, "NP20", false},
		{"Richmond", []Point{{51.46, -0.30}}, "TW9", false},
		{"Richmond", []Point{{54.40, -1.73}}, "DL10", false},
		// "Yarmouth" is the Isle of Wight's by right; near Norfolk's activities
		// it means Great Yarmouth.
		{"Yarmouth", []Point{yarmouthPoint}, "NR30", false},
		{"Yarmouth", []Point{{50.70, -1.50}}, "PO41", false},
		// Preferring does not make a unique name unsure.
		{"Frome", []Point{nottinghamPoint}, "BA11", true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.text, tt.prefer), func(t *testing.T) {
			ix := load(t)
			ix.Prefer(tt.prefer)
			m, ok := ix.Resolve(tt.text)
			if !ok {
				t.Fatalf("Resolve(%q) found nothing", tt.text)
			}
			if m.Place.Outcode != tt.outcode || m.Sure != tt.sure {
				t.Errorf("Resolve(%q) = %q in %s (%s) sure %v; want outcode %s sure %v",
					tt.text, m.Place.Name, m.Place.Area, m.Place.Outcode, m.Sure, tt.outcode, tt.sure)
			}
		})
	}
}

func TestPreferDedupes(t *testing.T) {
	ix := load(t)
	var points []Point
	for i := range 1000 {
		points = append(points, Point{fromePoint.Lat + float64(i%3)/1e4, fromePoint.Lon}, yarmouthPoint)
	}
	ix.Prefer(points)
	if got := ix.preferred().len(); got != 2 {
		t.Errorf("Prefer kept %d points; want 2", got)
	}
	ix.Prefer(nil)
	if got := ix.preferred().len(); got != 0 {
		t.Errorf("Prefer(nil) kept %d points; want 0", got)
	}
}

func TestAddVenue(t *testing.T) {
	ix := load(t)
	before, _ := ix.Resolve("BA11 1AT")
	ix.AddVenue("ba111at", 51.2301, -2.3199)
	ix.AddVenue("not a postcode", 51, -2)  // ignored
	ix.AddVenue("BA11 2AA", 40.0, -2.3199) // outside the UK: ignored
	tests := []struct {
		text     string
		lat, lon float64
	}{
		{"BA11 1AT", 51.2301, -2.3199},
		{"b a 1 1 1 a t", 51.2301, -2.3199},
		{"BA11 2AA", before.Place.Lat, before.Place.Lon}, // the district's centre
		{"BA11", before.Place.Lat, before.Place.Lon},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			m, ok := ix.Resolve(tt.text)
			if !ok {
				t.Fatalf("Resolve(%q) found nothing", tt.text)
			}
			if m.Place.Lat != tt.lat || m.Place.Lon != tt.lon {
				t.Errorf("Resolve(%q) = %v, %v; want %v, %v", tt.text, m.Place.Lat, m.Place.Lon, tt.lat, tt.lon)
			}
		})
	}
	if other := load(t); other == ix {
		t.Errorf("Load returned the same index twice; want a fresh one")
	} else if m, _ := other.Resolve("BA11 1AT"); m.Place.Lat != before.Place.Lat {
		t.Errorf("a venue added to one index moved the postcode in another: got %v; want %v", m.Place.Lat, before.Place.Lat)
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		text   string
		prefer []Point
		name   string // "" for nothing found
		words  string
	}{
		{"anything near gorleston for my mum", nil, "Gorleston", "gorleston"},
		{"Walks in Frome on Tuesday?", nil, "Frome", "Frome"},
		{"Is there a history group in Great Yarmouth", nil, "Great Yarmouth", "Great Yarmouth"},
		{"museums around nottingham please", nil, "Nottingham", "nottingham"},
		{"My mum lives in Ravenshead and likes walking", nil, "Ravenshead", "Ravenshead"},
		{"cafe Lowestoft", nil, "Lowestoft", "Lowestoft"},                      // a capital
		{"crafts lowestoft", []Point{yarmouthPoint}, "Lowestoft", "lowestoft"}, // near the catalogue
		{"crafts lowestoft", nil, "", ""},                                      // no cue
		{"history group nottingham", nil, "", ""},
		{"what's on near BA11 this week", nil, "BA11", "BA11"},
		{"walks ba11", nil, "BA11", "ba11"},
		{"my postcode is b a 1 1 1 a t thanks", nil, "BA11 1AT", "b a 1 1 1 a t"},
		{"I'm at NR31 6AB near Gorleston", nil, "NR31 6AB", "NR31 6AB"},
		{"Something in Great Yarmouth or Yarmouth", nil, "Great Yarmouth", "Great Yarmouth"}, // longest first
		{"Frome", nil, "Frome", "Frome"},                                                     // the whole message
		{"great yarmouth please", nil, "Great Yarmouth", "great yarmouth"},
		{"frume", nil, "Frome", "frume"},                         // a typo, the whole message
		{"anything near gorlestn", nil, "Gorleston", "gorlestn"}, // a typo after a preposition
		{"I live in Street", nil, "Street", "Street"},
		{"anything near Wells on Friday", nil, "Wells", "Wells"},
		// Everyday words never match alone.
		{"Send me the list", nil, "", ""},
		{"I hope there is a walk", nil, "", ""},
		{"Hope you can help", nil, "", ""},
		{"anything on in March", nil, "", ""},
		{"what's on in March", []Point{{52.55, 0.09}}, "", ""},
		{"is it over soon", nil, "", ""},
		{"the street market", nil, "", ""},
		{"Wells Cathedral talk", nil, "", ""},
		{"Ware is the museum", nil, "", ""},
		{"a museum with step-free access", nil, "", ""},
		{"my friend Sandy says hello", nil, "", ""},
		{"love from Barry", nil, "", ""},
		{"reading group", nil, "", ""},
		{"hello", nil, "", ""},
		{"walks", nil, "", ""},
		{"send me 2 more", nil, "", ""}, // not ME2
		{"Mill tour", nil, "", ""},      // not Little Mill
		{"we went to Venice", nil, "", ""},
		{"Glen says hello", nil, "", ""},
		{"", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ix := load(t)
			ix.Prefer(tt.prefer)
			m, words, ok := ix.Find(tt.text)
			if tt.name == "" {
				if ok {
					t.Errorf("Find(%q) = %q from %q; want nothing", tt.text, m.Place.Name, words)
				}
				return
			}
			if !ok {
				t.Fatalf("Find(%q) found nothing; want %q", tt.text, tt.name)
			}
			if m.Place.Name != tt.name || words != tt.words {
				t.Errorf("Find(%q) = %q from %q; want %q from %q", tt.text, m.Place.Name, words, tt.name, tt.words)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	ix := load(t)
	tests := []struct {
		text string
		want string // among the suggestions
	}{
		{"frume", "Frome"},
		{"great yarm", "Great Yarmouth"},
		{"gorlston", "Gorleston"},
		{"Notingham", "Nottingham"},
		{"lowestof", "Lowestoft"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := ix.Suggest(tt.text, 5)
			if len(got) == 0 || len(got) > 5 {
				t.Fatalf("Suggest(%q, 5) gave %d places; want 1 to 5", tt.text, len(got))
			}
			var names []string
			for _, p := range got {
				names = append(names, p.Name)
				if p.Name == tt.want {
					return
				}
			}
			t.Errorf("Suggest(%q, 5) = %q; want %q among them", tt.text, names, tt.want)
		})
	}
	for _, text := range []string{"", "a", "please"} {
		if got := ix.Suggest(text, 5); len(got) != 0 {
			t.Errorf("Suggest(%q, 5) = %v; want none", text, got)
		}
	}
	if got := ix.Suggest("frome", 0); got != nil {
		t.Errorf("Suggest(frome, 0) = %v; want nil", got)
	}
}

func TestParsePostcode(t *testing.T) {
	tests := []struct {
		in, postcode, outcode string
		ok                    bool
	}{
		{"BA11 1AT", "BA11 1AT", "BA11", true},
		{"ba111at", "BA11 1AT", "BA11", true},
		{"b a 1 1 1 a t", "BA11 1AT", "BA11", true},
		{" nr31 6ab ", "NR31 6AB", "NR31", true},
		{"M1 1AE", "M1 1AE", "M1", true},
		{"B33 8TH", "B33 8TH", "B33", true},
		{"CR2 6XH", "CR2 6XH", "CR2", true},
		{"DN55 1PT", "DN55 1PT", "DN55", true},
		{"W1A 0AX", "W1A 0AX", "W1A", true},
		{"EC1A 1BB", "EC1A 1BB", "EC1A", true},
		{"GIR 0AA", "GIR 0AA", "GIR", true},
		{"BA11", "", "", false},
		{"BA11 1A", "", "", false},
		{"BA11 1ATT", "", "", false},
		{"BA11-1AT", "", "", false},
		{"QA1 1AA", "", "", false}, // Q never starts one
		{"AI1 1AA", "", "", false}, // I never second
		{"frome", "", "", false},
		{"", "", "", false},
		{"BÄ11 1AT", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			pc, out, ok := ParsePostcode(tt.in)
			if pc != tt.postcode || out != tt.outcode || ok != tt.ok {
				t.Errorf("ParsePostcode(%q) = %q, %q, %v; want %q, %q, %v", tt.in, pc, out, ok, tt.postcode, tt.outcode, tt.ok)
			}
		})
	}
}

func TestParseOutcode(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"BA11", "BA11", true},
		{"ba11", "BA11", true},
		{"b a 11", "BA11", true},
		{"M1", "M1", true},
		{"W1A", "W1A", true},
		{"EC1A", "EC1A", true},
		{"BA11 1AT", "", false},
		{"BA", "", false},
		{"11", "", false},
		{"frome", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseOutcode(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParseOutcode(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestMiles(t *testing.T) {
	// Frome to Great Yarmouth is about 200 miles as the crow flies.
	got := Miles(fromePoint.Lat, fromePoint.Lon, yarmouthPoint.Lat, yarmouthPoint.Lon)
	if math.Abs(got-200) > 10 {
		t.Errorf("Miles(Frome, Great Yarmouth) = %.1f; want about 200", got)
	}
	if got := Miles(1, 1, 1, 1); got != 0 {
		t.Errorf("Miles(same point) = %v; want 0", got)
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Gorleston-on-Sea", "gorleston on sea"},
		{"King's Lynn", "kings lynn"},
		{"Saint Ives", "st ives"},
		{"St. Ives", "st ives"},
		{"Ynys Môn", "ynys mon"},
		{"Brent & Harrow", "brent and harrow"},
		{"  it’s   FROME!! ", "its frome"},
		{"Gt Yarmouth", "great yarmouth"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := normalise(tt.in); got != tt.want {
				t.Errorf("normalise(%q) = %q; want %q", tt.in, got, tt.want)
			}
			if got := joinNorm(tokenise(tt.in)); got != tt.want {
				t.Errorf("joinNorm(tokenise(%q)) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"frome", "frome", 2, 0},
		{"frume", "frome", 2, 1},
		{"form", "from", 2, 1}, // a swap
		{"gorlstn", "gorleston", 2, 2},
		{"gorlstn", "gorleston", 1, 2}, // stops at limit+1
		{"a", "abcdef", 2, 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, tt.limit, nil); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d; want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func TestBuildBadData(t *testing.T) {
	good := "outcode,latitude,longitude,post_town,areas,local_authority,region\nBA11,51.2375,-2.32645,Frome,Frome,Mendip,South West\n"
	places := "name,latitude,longitude,admin1,admin2\nFrome,51.22834,-2.32211,ENG,M3\n"
	tests := []struct {
		name             string
		outcodes, places string
	}{
		{"short row", "outcode,latitude,longitude,post_town,areas,local_authority,region\nBA11,51.2\n", places},
		{"bad latitude", "outcode,latitude,longitude,post_town,areas,local_authority,region\nBA11,north,-2.3,Frome,Frome,Mendip,South West\n", places},
		{"outside the UK", "outcode,latitude,longitude,post_town,areas,local_authority,region\nBA11,40,-2.3,Frome,Frome,Mendip,South West\n", places},
		{"bad outcode", "outcode,latitude,longitude,post_town,areas,local_authority,region\nFROME,51.2,-2.3,Frome,Frome,Mendip,South West\n", places},
		{"empty", "", places},
		{"bad places", good, "name,latitude\nFrome\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := build([]byte(tt.outcodes), []byte(tt.places)); !errors.Is(err, ErrData) {
				t.Errorf("build: got error %v; want ErrData", err)
			}
		})
	}
	b, err := build([]byte(good), []byte(places))
	if err != nil {
		t.Fatalf("build of good data: %v", err)
	}
	if e := b.names["frome"]; e == nil || len(e.strong) != 1 {
		t.Errorf("build of good data: frome entry %+v; want one candidate", e)
	}
}

// TestConcurrent runs lookups while the catalogue reloads; run with -race.
func TestConcurrent(t *testing.T) {
	ix := load(t)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				switch (i + j) % 4 {
				case 0:
					ix.Resolve("Newport")
				case 1:
					ix.Find("anything near ba11 1at")
				case 2:
					ix.Suggest("frume", 3)
				case 3:
					ix.Resolve("BA11 1AT")
				}
			}
		}()
	}
	for j := range 50 {
		ix.Prefer([]Point{{52.7686, -2.3862 + float64(j)/1000}})
		ix.AddVenue(fmt.Sprintf("BA11 %dAT", j%10), 51.23, -2.32)
	}
	wg.Wait()
}
