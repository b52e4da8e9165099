package redisstore

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// englishTowns are centres synthetic activities cluster around.
var englishTowns = []struct {
	name     string
	lat, lon float64
}{
	{"London", 51.5072, -0.1276}, {"Birmingham", 52.4862, -1.8904}, {"Manchester", 53.4808, -2.2426},
	{"Leeds", 53.8008, -1.5491}, {"Sheffield", 53.3811, -1.4701}, {"Bristol", 51.4545, -2.5879},
	{"Liverpool", 53.4084, -2.9916}, {"Newcastle upon Tyne", 54.9783, -1.6178}, {"Nottingham", 52.9548, -1.1581},
	{"Leicester", 52.6369, -1.1398}, {"Norwich", 52.6309, 1.2974}, {"Plymouth", 50.3755, -4.1427},
	{"Exeter", 50.7184, -3.5339}, {"York", 53.9600, -1.0873}, {"Carlisle", 54.8925, -2.9329},
	{"Lincoln", 53.2307, -0.5406}, {"Cambridge", 52.2053, 0.1218}, {"Oxford", 51.7520, -1.2577},
	{"Southampton", 50.9097, -1.4044}, {"Brighton", 50.8225, -0.1372}, {"Canterbury", 51.2802, 1.0789},
	{"Ipswich", 52.0567, 1.1482}, {"Hull", 53.7676, -0.3274}, {"Frome", 51.2279, -2.3215},
	{"Great Yarmouth", 52.6083, 1.7305}, {"Shrewsbury", 52.7073, -2.7553}, {"Kendal", 54.3280, -2.7463},
	{"Truro", 50.2632, -5.0510}, {"Gloucester", 51.8642, -2.2382}, {"Peterborough", 52.5695, -0.2405},
}

// synthetic makes n activities spread over England: seven in ten clustered
// around towns (within about 15 miles), the rest scattered over the country;
// one in ten inactive. The same seed gives the same catalogue.
func synthetic(n int, seed uint64) []catalogue.Activity {
	r := rand.New(rand.NewPCG(seed, 0x4845524954414745))
	acts := make([]catalogue.Activity, n)
	for i := range acts {
		var lat, lon float64
		town := englishTowns[r.IntN(len(englishTowns))]
		if r.IntN(10) < 7 {
			// About 0.1 degree of latitude is 7 miles.
			lat = town.lat + r.NormFloat64()*0.1
			lon = town.lon + r.NormFloat64()*0.1/math.Cos(town.lat*math.Pi/180)
		} else {
			lat = 50.3 + r.Float64()*(55.5-50.3)
			lon = -5.5 + r.Float64()*(1.7+5.5)
		}
		cat := catalogue.Categories[r.IntN(len(catalogue.Categories))]
		a := catalogue.Activity{
			ID:           fmt.Sprintf("syn-%07d", i),
			Title:        fmt.Sprintf("%s %s group %d", town.name, cat, i),
			Organisation: town.name + " Heritage Trust",
			Summary:      "A friendly group meeting weekly to share local history over tea.",
			Description:  "Everyone is welcome; no experience needed. Tea, coffee and biscuits provided.",
			Category:     cat,
			Venue:        town.name + " Library",
			Address:      fmt.Sprintf("%d High Street", 1+r.IntN(200)),
			Town:         town.name,
			Postcode:     "ZZ99 9ZZ",
			Lat:          lat,
			Lon:          lon,
			Schedule: catalogue.Schedule{Rules: []catalogue.Rule{{
				Freq: catalogue.Weekly, Days: []time.Weekday{time.Weekday(r.IntN(7))},
				Opens: catalogue.Clock(600 + 30*r.IntN(8)), Closes: catalogue.Clock(780),
			}}},
			Cost:     "Free",
			Free:     r.IntN(2) == 0,
			Access:   "Step-free access and an accessible toilet.",
			Phone:    "01632 960101",
			Referral: catalogue.SelfReferral,
			Active:   r.IntN(10) != 0,
			Source:   "synthetic",
		}
		if r.IntN(3) == 0 {
			a.Tags = []string{catalogue.TagStepFree}
		}
		if r.IntN(5) == 0 {
			a.Tags = append(a.Tags, catalogue.TagDementiaFriendly)
		}
		acts[i] = a
	}
	return acts
}
