package catalogue

import (
	"strings"
	"testing"
)

// fakeChecks knows two postcodes, as the places package would.
var fakeChecks = Checks{
	Postcode: func(s string) (string, bool) {
		switch strings.ToUpper(strings.ReplaceAll(s, " ", "")) {
		case "BA111AT":
			return "BA11 1AT", true
		case "NR31":
			return "NR31", true
		case "ZZ999ZZ":
			return "ZZ99 9ZZ", true
		}
		return "", false
	},
	Locate: func(pc string) (float64, float64, bool) {
		switch pc {
		case "BA11 1AT":
			return 51.23, -2.32, true
		case "NR31":
			return 52.57, 1.73, true
		}
		return 0, 0, false
	},
}

func TestCheck(t *testing.T) {
	good := Activity{ID: "x", Title: "X", Category: Cafe, Postcode: "ba11 1at", Lat: 51.2, Lon: -2.3}
	tests := []struct {
		name   string
		change func(a *Activity)
		field  string // "" means valid
	}{
		{"valid", nil, ""},
		{"missing id", func(a *Activity) { a.ID = " " }, "id"},
		{"missing title", func(a *Activity) { a.Title = "" }, "title"},
		{"missing category", func(a *Activity) { a.Category = "" }, "category"},
		{"unknown category", func(a *Activity) { a.Category = "bingo" }, "category"},
		{"unknown referral", func(a *Activity) { a.Referral = "gp" }, "referral"},
		{"unparseable postcode", func(a *Activity) { a.Postcode = "frome" }, "postcode"},
		{"latitude too far north", func(a *Activity) { a.Lat = 61.5 }, "latitude"},
		{"latitude too far south", func(a *Activity) { a.Lat = 48.0 }, "latitude"},
		{"longitude too far east", func(a *Activity) { a.Lon = 2.5 }, "longitude"},
		{"longitude too far west", func(a *Activity) { a.Lon = -9.0 }, "longitude"},
		{"swapped coordinates", func(a *Activity) { a.Lat, a.Lon = -2.3, 51.2 }, "latitude"},
		{"no coordinates, postcode located", func(a *Activity) { a.Lat, a.Lon = 0, 0 }, ""},
		{"no coordinates, outcode located", func(a *Activity) { a.Lat, a.Lon, a.Postcode = 0, 0, "nr31" }, ""},
		{"no coordinates, postcode unknown", func(a *Activity) { a.Lat, a.Lon, a.Postcode = 0, 0, "ZZ99 9ZZ" }, "postcode"},
		{"no coordinates, no postcode", func(a *Activity) { a.Lat, a.Lon, a.Postcode = 0, 0, "" }, "latitude"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := good
			if tt.change != nil {
				tt.change(&a)
			}
			err := Check(&a, fakeChecks)
			switch {
			case tt.field == "" && err != nil:
				t.Fatalf("got %v; want no error", err)
			case tt.field != "" && err == nil:
				t.Fatalf("got no error; want one on field %s", tt.field)
			case tt.field != "" && err.Field != tt.field:
				t.Fatalf("got field %s (%v); want %s", err.Field, err, tt.field)
			case tt.field != "" && err.Reason == "":
				t.Fatalf("got no reason; want one")
			}
			if err == nil {
				if !InUK(a.Lat, a.Lon) {
					t.Errorf("got coordinates %v, %v; want a point in the UK", a.Lat, a.Lon)
				}
				if a.Referral != SelfReferral {
					t.Errorf("got referral %q; want self", a.Referral)
				}
			}
		})
	}
}

func TestValidate(t *testing.T) {
	load := Load{Source: "test.csv", Activities: []Activity{
		{ID: "a", Title: "A", Category: Walk, Postcode: "BA111AT"},
		{ID: "b", Title: "", Category: Walk, Lat: 51, Lon: -2},
		{ID: "a", Title: "A again", Category: Walk, Lat: 51, Lon: -2},
		{ID: "c", Title: "C", Category: Museum, Lat: 52.6, Lon: 1.7, Active: false},
	}}
	Validate(&load, fakeChecks)
	var ids []string
	for _, a := range load.Activities {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, ","); got != "a,c" {
		t.Errorf("kept %s; want a,c (inactive records are kept)", got)
	}
	if load.Activities[0].Postcode != "BA11 1AT" || load.Activities[0].Lat != 51.23 {
		t.Errorf("got %q at %v; want BA11 1AT located at 51.23", load.Activities[0].Postcode, load.Activities[0].Lat)
	}
	if len(load.Skipped) != 2 {
		t.Fatalf("got %d skipped; want 2", len(load.Skipped))
	}
	for i, want := range []struct{ record, field string }{{"b", "title"}, {"a", "id"}} {
		got := load.Skipped[i]
		if got.Source != "test.csv" || got.Record != want.record || got.Field != want.field {
			t.Errorf("skipped %d: got %v; want record %s field %s from test.csv", i, got, want.record, want.field)
		}
	}
}
