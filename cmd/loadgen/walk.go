package main

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
	"github.com/heritage-line/heritageline/catalogue/sample"
	"github.com/heritage-line/heritageline/sim"
)

// step is one signed webhook of a walk.
type step struct {
	kind   string // "sms" or "voice"
	path   string // "/twilio/sms", "/twilio/voice/menu" ...
	params map[string]string
}

// places are what residents ask about: the catalogue's postcodes (for texts)
// and towns (for calls).
type placesAsked struct {
	postcodes, towns []string
}

func loadPlaces(source string) (placesAsked, error) {
	var ld catalogue.Load
	var err error
	if source == "" {
		ld, err = sample.Load()
	} else {
		ld, err = csvfile.ReadFile(source)
	}
	if err != nil {
		return placesAsked{}, fmt.Errorf("places to ask about: %w", err)
	}
	var p placesAsked
	seenP, seenT := map[string]bool{}, map[string]bool{}
	for _, a := range ld.Activities {
		if !a.Active {
			continue
		}
		if a.Postcode != "" && !seenP[a.Postcode] {
			seenP[a.Postcode] = true
			p.postcodes = append(p.postcodes, a.Postcode)
		}
		if a.Town != "" && !seenT[a.Town] {
			seenT[a.Town] = true
			p.towns = append(p.towns, a.Town)
		}
	}
	if len(p.postcodes) == 0 || len(p.towns) == 0 {
		return placesAsked{}, fmt.Errorf("places to ask about: the catalogue has no active activity")
	}
	return p, nil
}

// walker makes walks for one connection: texts (a postcode, MORE, a number)
// and calls (the greeting, 1 for "near me", a town said), alternately, each
// from the next of n distinct numbers.
type walker struct {
	rng    *rand.Rand
	places placesAsked
	n      int
	next   int
	id     int
	seq    int // SIDs made
	walks  int
}

func newWalker(id, numbers int, p placesAsked) *walker {
	return &walker{rng: rand.New(rand.NewPCG(uint64(id), 42)), places: p, n: numbers, id: id, next: id}
}

// from is a UK mobile number; there are n of them, shared by all walkers.
func (w *walker) from() string {
	w.next = (w.next + 7919) % w.n
	return fmt.Sprintf("+4477009%05d", w.next)
}

func (w *walker) sid(prefix string) string {
	w.seq++
	return fmt.Sprintf("%s%08x%024x", prefix, w.id, w.seq)
}

// walk returns the steps of the next walk.
func (w *walker) walk() []step {
	w.walks++
	from := w.from()
	if w.walks%2 == 0 {
		sms := func(body string) step {
			return step{kind: "sms", path: "/twilio/sms", params: map[string]string{
				"MessageSid": w.sid("SM"), "AccountSid": sim.DefaultAccountSID, "From": from, "To": "+441632960000",
				"Body": body, "NumMedia": "0", "NumSegments": "1",
			}}
		}
		pc := w.places.postcodes[w.rng.IntN(len(w.places.postcodes))]
		return []step{sms(pc), sms("MORE"), sms(strconv.Itoa(1 + w.rng.IntN(5)))}
	}
	callSid := w.sid("CA")
	voice := func(path string, extra ...string) step {
		p := map[string]string{
			"CallSid": callSid, "AccountSid": sim.DefaultAccountSID, "From": from, "To": "+441632960000",
			"CallStatus": "in-progress", "Direction": "inbound", "ApiVersion": "2010-04-01",
		}
		for i := 0; i+1 < len(extra); i += 2 {
			p[extra[i]] = extra[i+1]
		}
		return step{kind: "voice", path: path, params: p}
	}
	town := w.places.towns[w.rng.IntN(len(w.places.towns))]
	return []step{
		voice("/twilio/voice"),
		voice("/twilio/voice/menu", "Digits", "1"),
		voice("/twilio/voice/place", "SpeechResult", town, "Confidence", "0.92"),
	}
}

// encode returns the form body and its signature for a step posted to base.
func encode(base, token string, s step) (body, signature string) {
	v := make(url.Values, len(s.params))
	for k, x := range s.params {
		v.Set(k, x)
	}
	return v.Encode(), sim.Sign(token, base+s.path, s.params)
}
