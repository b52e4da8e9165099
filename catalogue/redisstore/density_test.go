package redisstore

import (
	"fmt"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/places"
)

func TestDensityRadius(t *testing.T) {
	// 600 walks within a few hundred yards of Frome, and one crafts group.
	var acts []catalogue.Activity
	for i := range 600 {
		acts = append(acts, catalogue.Activity{ID: fmt.Sprint(i), Lat: frome.Lat + float64(i%10)*0.0005, Lon: frome.Lon, Category: catalogue.Walk, Active: true})
	}
	acts = append(acts, catalogue.Activity{ID: "c", Lat: frome.Lat, Lon: frome.Lon, Category: catalogue.Crafts, Active: true})
	d := densityOf(acts)
	at := func(p places.Point, cats ...catalogue.Category) catalogue.Query {
		return catalogue.Query{Lat: p.Lat, Lon: p.Lon, Categories: cats}
	}
	tests := []struct {
		name    string
		q       catalogue.Query
		want    int
		full    float64
		wantMax float64 // the radius must be at most this
		wantMin float64 // and at least this
	}{
		{"dense: a small radius", at(frome), 500, 10, 1.5, 0.5},
		{"dense in the category asked for", at(frome, catalogue.Walk), 500, 10, 1.5, 0.5},
		{"sparse in the category asked for: the full range", at(frome, catalogue.Crafts), 500, 10, 10, 10},
		{"too few anywhere: the full range", at(frome), 5000, 25, 25, 25},
		{"nothing near: the full range", at(notts), 10, 10, 10, 10},
		{"never beyond the full range", at(frome), 500, 0.5, 0.5, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := d.radiusFor(tt.q, tt.want, tt.full)
			if got > tt.wantMax || got < tt.wantMin {
				t.Errorf("radiusFor(want %d, full %v): got %.2f; want between %v and %v", tt.want, tt.full, got, tt.wantMin, tt.wantMax)
			}
		})
	}
}
