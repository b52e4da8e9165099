package places

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestGridToOSGB36(t *testing.T) {
	// The worked example of the OS's "A guide to coordinate systems in Great
	// Britain": 651409.903 E, 313177.270 N is 52°39'27.2531"N, 1°43'4.5177"E.
	phi, lam := gridToOSGB36(651409.903, 313177.270)
	gotLat, gotLon := phi*180/math.Pi, lam*180/math.Pi
	wantLat, wantLon := 52+39.0/60+27.2531/3600, 1+43.0/60+4.5177/3600
	if math.Abs(gotLat-wantLat) > 1e-6 || math.Abs(gotLon-wantLon) > 1e-6 {
		t.Errorf("gridToOSGB36 = %.7f, %.7f; want %.7f, %.7f", gotLat, gotLon, wantLat, wantLon)
	}
}

func TestGridToWGS84(t *testing.T) {
	// Nelson's Column: about 530040 E, 180394 N; 51.50771 N, 0.12803 W on WGS84.
	lat, lon := gridToWGS84(530040, 180394)
	if math.Abs(lat-51.50771) > 0.0005 || math.Abs(lon+0.12803) > 0.0005 {
		t.Errorf("gridToWGS84(Nelson's Column) = %.5f, %.5f; want about 51.50771, -0.12803", lat, lon)
	}
}

func TestLoadPostcodes(t *testing.T) {
	tests := []struct {
		name, file       string
		loaded, skipped  int
		postcode         string
		wantLat, wantLon float64
	}{
		{
			name: "ONSPD",
			file: "\ufeffpcd,pcd2,pcds,dointr,doterm,lat,long\n" +
				"BA111AT,BA11 1AT,BA11 1AT,198001,,51.2301,-2.3199\n" +
				"BA111AU,BA11 1AU,BA11 1AU,198001,200012,51.0,-2.0\n" + // terminated
				"BA111AX,BA11 1AX,BA11 1AX,198001,,99.999999,0.000000\n" + // no point
				"short,row\n",
			loaded: 1, skipped: 3, postcode: "ba111at", wantLat: 51.2301, wantLon: -2.3199,
		},
		{
			name: "Doogal",
			file: "Postcode,In Use?,Latitude,Longitude,Easting\n" +
				"NR31 6AB,Yes,52.5801,1.7201,652000\n" +
				"NR31 6AD,No,52.0,1.0,652000\n" +
				"not a postcode,Yes,52.0,1.0,652000\n",
			loaded: 1, skipped: 2, postcode: "NR31 6AB", wantLat: 52.5801, wantLon: 1.7201,
		},
		{
			name: "Code-Point Open",
			file: "\"WC2N 5DN\",10,530040,180394,\"E92000001\",\"E19000003\",\"E18000007\",\"\",\"E09000033\",\"E05000644\"\n" +
				"\"WC2N 5DU\",90,0,0,\"\",\"\",\"\",\"\",\"\",\"\"\n",
			loaded: 1, skipped: 1, postcode: "WC2N 5DN", wantLat: 51.50771, wantLon: -0.12803,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := load(t)
			loaded, skipped, err := ix.LoadPostcodes(strings.NewReader(tt.file), tt.name)
			if err != nil {
				t.Fatalf("LoadPostcodes: %v", err)
			}
			if loaded != tt.loaded || skipped != tt.skipped {
				t.Errorf("LoadPostcodes loaded %d, skipped %d; want %d, %d", loaded, skipped, tt.loaded, tt.skipped)
			}
			m, ok := ix.Resolve(tt.postcode)
			if !ok {
				t.Fatalf("Resolve(%q) found nothing", tt.postcode)
			}
			if math.Abs(m.Place.Lat-tt.wantLat) > 0.0005 || math.Abs(m.Place.Lon-tt.wantLon) > 0.0005 {
				t.Errorf("Resolve(%q) = %v, %v; want %v, %v", tt.postcode, m.Place.Lat, m.Place.Lon, tt.wantLat, tt.wantLon)
			}
		})
	}
}

func TestLoadPostcodesVenueWins(t *testing.T) {
	ix := load(t)
	if _, _, err := ix.LoadPostcodes(strings.NewReader("pcds,lat,long\nBA11 1AT,51.2301,-2.3199\n"), "test"); err != nil {
		t.Fatal(err)
	}
	ix.AddVenue("BA11 1AT", 51.2311, -2.3111)
	if m, _ := ix.Resolve("BA11 1AT"); m.Place.Lat != 51.2311 {
		t.Errorf("Resolve(BA11 1AT) lat %v; want the venue's 51.2311", m.Place.Lat)
	}
	// A postcode missing from the file keeps its district's centre.
	want, _ := load(t).Resolve("BA11 2AA")
	if m, _ := ix.Resolve("BA11 2AA"); m.Place.Lat != want.Place.Lat {
		t.Errorf("Resolve(BA11 2AA) lat %v; want the district's %v", m.Place.Lat, want.Place.Lat)
	}
}

func TestLoadPostcodesBad(t *testing.T) {
	for _, file := range []string{
		"",
		"name,colour\nfrome,green\n",
		"pcds,lat,long\nnonsense,1,2\n",
		"pcds,lat,long\n\"unterminated,1,2\n",
	} {
		t.Run(file, func(t *testing.T) {
			ix := load(t)
			if _, _, err := ix.LoadPostcodes(strings.NewReader(file), "bad.csv"); !errors.Is(err, ErrPostcodesFile) {
				t.Errorf("LoadPostcodes: got %v; want ErrPostcodesFile", err)
			}
		})
	}
}
