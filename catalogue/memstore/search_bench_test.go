package memstore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// benchActivities spreads n weekly activities over England.
func benchActivities(n int) []catalogue.Activity {
	r := rand.New(rand.NewPCG(1, 2))
	sched, err := catalogue.ParseSchedule("every Thursday, 10:30-12:00")
	if err != nil {
		panic(err)
	}
	acts := make([]catalogue.Activity, n)
	for i := range acts {
		acts[i] = catalogue.Activity{
			ID: fmt.Sprintf("a%d", i), Title: "Walk", Category: catalogue.Categories[i%len(catalogue.Categories)],
			Town: "Town", Postcode: "BA11", Lat: 50.5 + r.Float64()*4.5, Lon: -4.5 + r.Float64()*6,
			Schedule: sched, Active: true,
		}
	}
	return acts
}

// BenchmarkNear is a nearby search (10 miles, a page of five) in catalogues
// of growing size.
func BenchmarkNear(b *testing.B) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	for _, n := range []int{1_000, 10_000, 100_000} {
		s := New(benchActivities(n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			r := rand.New(rand.NewPCG(3, 4))
			for b.Loop() {
				q := catalogue.Query{Lat: 51 + r.Float64()*3, Lon: -3 + r.Float64()*3, WithinMiles: 10, Limit: 5, Now: now}
				if _, _, err := s.Near(context.Background(), q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
