package main

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"hash"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
	"github.com/heritage-line/heritageline/catalogue/sample"
	"github.com/heritage-line/heritageline/phonepolicy"
	"github.com/heritage-line/heritageline/places"
	"github.com/heritage-line/heritageline/sim"
)

// step is one webhook of a walk, encoded and signed, ready to post.
type step struct {
	kind string // "sms" or "voice"
	path string // "/twilio/sms", "/twilio/voice/menu" ...
	url  string // the line's URL plus path
	body []byte // the form body
	sig  string // its X-Twilio-Signature
	// expect is in the answer when the walk went where it meant to (a
	// stale path would get a valid but different answer, such as "lost my
	// place"); empty for texts, whose replies the rate limit may silence.
	expect []byte
}

// walk is the steps of one walk, posted in order on one connection.
type walk [3]step

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
	// A town whose name several places share makes the line ask which
	// (a step a walk does not take): callers here say only towns the line
	// finds at once.
	ix, err := places.Load()
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
			if m, ok := ix.Resolve(a.Town); ok && m.Sure && len(m.Others) == 0 {
				p.towns = append(p.towns, a.Town)
			}
		}
	}
	if len(p.postcodes) == 0 || len(p.towns) == 0 {
		return placesAsked{}, fmt.Errorf("places to ask about: the catalogue has no active activity")
	}
	return p, nil
}

// walker makes walks for one connection: texts (a postcode, MORE, a number)
// and calls (the greeting, 1 for "near me", a town said), alternately, each
// from the next of n distinct numbers, signed for the line at base. Its SIDs
// are unique across walkers (the walker's id is in each) and across a run as
// long as one walker serves a connection for the whole run.
type walker struct {
	rng         *rand.Rand
	places      placesAsked
	base, token string
	urls        map[string]string // base plus each path
	n           int
	next        int
	id          int
	seq         int // SIDs made
	walks       int

	// Reused from step to step, so that making a walk costs little.
	mac    hash.Hash
	params []param
	msg    []byte // what is signed
	sum    []byte
	buf    []byte // a SID or number being made
	arena  []byte // form bodies are cut from it; a fresh one when nearly full
}

// param is one POST parameter of a webhook.
type param struct{ name, value string }

const (
	pathSMS        = "/twilio/sms"
	pathVoice      = "/twilio/voice"
	pathVoiceMenu  = "/twilio/voice/menu?new=1"  // where the greeting gathers to
	pathVoicePlace = "/twilio/voice/place?new=1" // where the first menu gathers to
	arenaSize      = 64 << 10
)

func newWalker(id, numbers int, p placesAsked, base, token string) *walker {
	w := &walker{
		rng: rand.New(rand.NewPCG(uint64(id), 42)), places: p, n: numbers, id: id, next: id,
		base: base, token: token, mac: hmac.New(sha1.New, []byte(token)), urls: map[string]string{},
	}
	for _, p := range []string{pathSMS, pathVoice, pathVoiceMenu, pathVoicePlace} {
		w.urls[p] = base + p
	}
	return w
}

// from is the next resident's number: one of the first n of residents,
// which all walkers share.
func (w *walker) from() string {
	w.next = (w.next + 7919) % w.n
	return residents[w.next]
}

// residents are the numbers texts and calls come from: Ofcom's drama
// numbers the line may ring and text, so the load pays what a resident's
// text pays (a number of another kind gets an empty answer at once).
var residents = phonepolicy.DramaNumbers()

func (w *walker) sid(prefix string) string {
	w.seq++
	w.buf = appendPadded(append(w.buf[:0], prefix...), uint64(w.id), 16, 8)
	w.buf = appendPadded(w.buf, uint64(w.seq), 16, 24)
	return string(w.buf)
}

// appendPadded appends v in base, left-padded with zeros to width digits.
func appendPadded(b []byte, v uint64, base, width int) []byte {
	var d [64]byte
	digits := strconv.AppendUint(d[:0], v, base)
	for i := len(digits); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, digits...)
}

// walk returns the next walk, encoded and signed.
func (w *walker) walk() walk {
	w.walks++
	from := w.from()
	if w.walks%2 == 0 {
		sms := func(body string) step {
			return w.text(from, body)
		}
		pc := w.places.postcodes[w.rng.IntN(len(w.places.postcodes))]
		return walk{sms(pc), sms("MORE"), sms(strconv.Itoa(1 + w.rng.IntN(5)))}
	}
	callSid := w.sid("CA")
	voice := func(path string, extra ...param) step {
		return w.sign("voice", path, append([]param{
			{"CallSid", callSid}, {"AccountSid", sim.DefaultAccountSID}, {"From", from}, {"To", "+441632960000"},
			{"CallStatus", "in-progress"}, {"Direction", "inbound"}, {"ApiVersion", "2010-04-01"},
		}, extra...)...)
	}
	town := w.places.towns[w.rng.IntN(len(w.places.towns))]
	greeting, menu, place := voice(pathVoice), voice(pathVoiceMenu, param{"Digits", "1"}),
		voice(pathVoicePlace, param{"SpeechResult", town}, param{"Confidence", "0.92"})
	greeting.expect, menu.expect, place.expect = expectGreeting, expectMenu, expectPlace
	return walk{greeting, menu, place}
}

// What the voice walk's answers say when it went where it meant to, and
// what every text gets: a reply (an empty <Response/> is the line's answer
// past a rate limit or the global cap, or to a refused sender).
var (
	expectReply    = []byte("<Message")
	expectGreeting = []byte("press 1")
	expectMenu     = []byte("town, village or postcode")
	expectPlace    = []byte("within") // "I found 8 within 10 miles"
)

// sign encodes params as a form body and signs them as Twilio would (what
// sim.Sign computes, without a map or a sort per call).
func (w *walker) sign(kind, path string, params ...param) step {
	w.params = append(w.params[:0], params...)
	slices.SortFunc(w.params, func(a, b param) int { return strings.Compare(a.name, b.name) })
	if cap(w.arena)-len(w.arena) < 4<<10 {
		w.arena = make([]byte, 0, arenaSize)
	}
	start := len(w.arena)
	w.msg = append(append(w.msg[:0], w.base...), path...)
	for i, p := range w.params {
		if i > 0 {
			w.arena = append(w.arena, '&')
		}
		w.arena = append(appendQueryEscape(w.arena, p.name), '=')
		w.arena = appendQueryEscape(w.arena, p.value)
		w.msg = append(append(w.msg, p.name...), p.value...)
	}
	w.mac.Reset()
	w.mac.Write(w.msg)
	w.sum = w.mac.Sum(w.sum[:0])
	end := len(w.arena)
	return step{
		kind: kind, path: path, url: w.urls[path],
		body: w.arena[start:end:end], sig: base64.StdEncoding.EncodeToString(w.sum),
	}
}

// appendQueryEscape appends s escaped as url.QueryEscape does: letters,
// digits and -_.~ kept, a space as +, every other byte as %XX.
func appendQueryEscape(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~':
			b = append(b, c)
		case c == ' ':
			b = append(b, '+')
		default:
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return b
}
