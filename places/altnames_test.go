package places

import (
	"strings"
	"testing"
)

// TestResolveWelshAndGaelicNames: the Welsh and Scottish Gaelic names of
// towns find the town (not a look-alike: "Abertawe" was Aberdare), Welsh ones
// in their mutated forms too, each sure.
func TestResolveWelshAndGaelicNames(t *testing.T) {
	ix := load(t)
	for _, tt := range []struct {
		text, outcode string
	}{
		{"Abertawe", "SA1"},
		{"abertawe please", "SA1"},
		{"Caerdydd", "CF10"},
		{"yng Nghaerdydd", "CF10"},
		{"i Gaerdydd", "CF10"},
		{"Casnewydd", "NP20"},
		{"Wrecsam", "LL11"},
		{"Aberhonddu", "LD3"},
		{"Y Fenni", "NP7"},
		{"Dùn Èideann", "EH1"},
		{"dun eideann", "EH1"},
		{"Glaschu", "G1"},
		{"Inbhir Nis", "IV1"},
		{"Obar Dheathain", "AB10"},
	} {
		t.Run(tt.text, func(t *testing.T) {
			m, ok := ix.Resolve(tt.text)
			if !ok {
				t.Fatalf("Resolve(%q) found nothing; want the place near %s", tt.text, tt.outcode)
			}
			oc := ix.b.outcodes[tt.outcode]
			if d := Miles(m.Place.Lat, m.Place.Lon, oc.lat, oc.lon); d > 5 {
				t.Errorf("Resolve(%q) = %s (%s), %.0f miles from %s; want the place there", tt.text, m.Place.Name, m.Place.Area, d, tt.outcode)
			}
			if !m.Sure || len(m.Others) > 0 {
				t.Errorf("Resolve(%q): sure %v, %d others; want sure, none", tt.text, m.Sure, len(m.Others))
			}
		})
	}
}

// TestAltNamesPickTheirPlace: a Welsh name picks the one of same-named
// places its row says: "Casnewydd" is Newport in Gwent, "Trefdraeth" may be
// Newport in Pembrokeshire.
func TestAltNamesPickTheirPlace(t *testing.T) {
	ix := load(t)
	m, ok := ix.Resolve("Trefdraeth")
	if !ok {
		t.Fatal("Resolve(Trefdraeth) found nothing")
	}
	oc := ix.b.outcodes["SA42"]
	found := false
	for _, p := range append([]Place{m.Place}, m.Others...) {
		if Miles(p.Lat, p.Lon, oc.lat, oc.lon) < 5 {
			found = true
		}
	}
	if !found {
		t.Errorf("Resolve(Trefdraeth) = %+v, others %+v; want Newport, Pembrokeshire among them", m.Place, m.Others)
	}
}

func TestWelshMutations(t *testing.T) {
	for _, tt := range []struct{ key, want string }{
		{"caerdydd", "gaerdydd nghaerdydd chaerdydd"},
		{"bangor", "fangor mangor"},
		{"llandudno", "landudno"},
		{"abertawe", ""},
		{"chirk", ""},
	} {
		if got := strings.Join(welshMutations(tt.key), " "); got != tt.want {
			t.Errorf("welshMutations(%q) = %q; want %q", tt.key, got, tt.want)
		}
	}
}

// TestAltNamesBadRow: a row naming no place near its outcode stops the build.
func TestAltNamesBadRow(t *testing.T) {
	b, err := loadBase()
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range []string{
		"name,lang,place,outcode\nAbertawe,cy,Swansea,ZZ1\n",
		"name,lang,place,outcode\nAbertawe,cy,Nowhereville,SA1\n",
		"name,lang,place,outcode\nAbertawe,cy,Swansea,EH1\n",
	} {
		// A copy of the names, so the shared base is left as it was.
		c := *b
		c.names = make(map[string]*entry, len(b.names))
		for k, v := range b.names {
			c.names[k] = v
		}
		if err := c.addAltNames([]byte(data)); err == nil {
			t.Errorf("addAltNames(%q) = nil; want an error", data)
		}
	}
}

// TestNorthernIreland: a BT postcode or district, or a town in Northern
// Ireland, resolves to a place the line can say it does not cover.
func TestNorthernIreland(t *testing.T) {
	ix := load(t)
	for _, text := range []string{"BT1 5GS", "bt15gs", "BT1", "Belfast", "Newry"} {
		m, ok := ix.Resolve(text)
		if !ok || !m.Place.InNorthernIreland() {
			t.Errorf("Resolve(%q) = %+v, %v; want a place in Northern Ireland", text, m.Place, ok)
		}
	}
	for _, text := range []string{"BA11 1AT", "Frome", "Bangor", "Abertawe"} {
		if m, ok := ix.Resolve(text); !ok || m.Place.InNorthernIreland() {
			t.Errorf("Resolve(%q) = %+v, %v; want a place in Great Britain", text, m.Place, ok)
		}
	}
	if m, _, ok := ix.Find("any walks near BT1 5GS please"); !ok || !m.Place.InNorthernIreland() {
		t.Errorf("Find(walks near BT1 5GS) = %+v, %v; want a place in Northern Ireland", m.Place, ok)
	}
}
