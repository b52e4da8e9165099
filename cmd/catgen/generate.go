package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
)

// district is one English postcode district from the embedded outcodes.
type district struct {
	outcode, town string
	lat, lon      float64
}

// englishDistricts reads the embedded outcode centres, leaving out Scotland
// and Wales.
func englishDistricts() ([]district, error) {
	_, file, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(file), "..", "..", "places", "data", "gb-outcodes.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("outcodes: %w", err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("outcodes: %w", err)
	}
	var ds []district
	for _, r := range rows[1:] {
		if len(r) < 7 || r[6] == "Scotland" || r[6] == "Wales" {
			continue
		}
		lat, err1 := strconv.ParseFloat(r[1], 64)
		lon, err2 := strconv.ParseFloat(r[2], 64)
		if err1 != nil || err2 != nil || !catalogue.InUK(lat, lon) {
			continue
		}
		// A district shared by several post towns names them all
		// ("Durham, Stanley, Consett"): its activities are in the first.
		town, _, _ := strings.Cut(r[3], ",")
		ds = append(ds, district{outcode: r[0], town: strings.TrimSpace(town), lat: lat, lon: lon})
	}
	if len(ds) == 0 {
		return nil, fmt.Errorf("outcodes: no English district in %s", path)
	}
	return ds, nil
}

var (
	kinds = []string{"walk", "museum", "history group", "café", "craft session", "dig"}
	days  = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	ords  = []string{"first", "second", "third", "last"}
	tags  = []string{"dementia-friendly", "carers-welcome", "step-free", "women-only"}
)

// generate makes n activities; see the package comment.
func generate(n int, seed uint64) ([]catalogue.Activity, error) {
	ds, err := englishDistricts()
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, 0x484c))
	acts := make([]catalogue.Activity, 0, n)
	for i := range n {
		d := ds[r.IntN(len(ds))]
		c := r.IntN(len(catalogue.Categories))
		di := r.IntN(len(days))
		day := days[di]
		start := 9*60 + 30*r.IntN(14)
		clock := fmt.Sprintf("%02d:%02d-%02d:%02d", start/60, start%60, (start+90)/60, (start+90)%60)
		var text string
		switch r.IntN(4) {
		case 0, 1:
			text = "every " + day + ", " + clock
		case 2:
			text = ords[r.IntN(len(ords))] + " " + day + " of the month, " + clock
		default:
			// 2026-01-05 is a Monday: the anchor falls on the day named.
			text = fmt.Sprintf("every other %s from 2026-01-%02d, %s", day, 5+di+7*r.IntN(2), clock)
		}
		sched, err := catalogue.ParseSchedule(text)
		if err != nil {
			return nil, fmt.Errorf("schedule %q: %w", text, err)
		}
		// About 0.01 degree of latitude is 0.7 miles.
		lat := d.lat + r.NormFloat64()*0.01
		lon := d.lon + r.NormFloat64()*0.01/math.Cos(d.lat*math.Pi/180)
		a := catalogue.Activity{
			ID:           fmt.Sprintf("syn-%07d", i),
			Title:        fmt.Sprintf("%s %s %d", d.town, kinds[c], i),
			Organisation: d.town + " Heritage Society",
			Summary:      "A friendly " + kinds[c] + " for anyone interested in local history; tea afterwards.",
			Category:     catalogue.Categories[c],
			Venue:        d.town + " Community Hall",
			Address:      fmt.Sprintf("%d High Street", 1+r.IntN(200)),
			Town:         d.town,
			Postcode:     d.outcode,
			Lat:          math.Round(lat*1e5) / 1e5,
			Lon:          math.Round(lon*1e5) / 1e5,
			Schedule:     sched,
			Cost:         "Free",
			Free:         true,
			Phone:        fmt.Sprintf("01632 960%03d", r.IntN(1000)),
			Active:       r.IntN(20) != 0,
			Source:       "catgen synthetic catalogue",
		}
		if r.IntN(3) == 0 {
			a.Cost, a.Free = fmt.Sprintf("£%d", 1+r.IntN(5)), false
		}
		if r.IntN(4) == 0 {
			a.Tags = []string{tags[r.IntN(len(tags))]}
		}
		acts = append(acts, a)
	}
	return acts, nil
}

func writeCSV(w io.Writer, acts []catalogue.Activity) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, "# Synthetic Heritage Line catalogue from cmd/catgen: %d made-up activities in English postcode districts.\n", len(acts))
	if err := csvfile.Write(bw, acts); err != nil {
		return err
	}
	return bw.Flush()
}
