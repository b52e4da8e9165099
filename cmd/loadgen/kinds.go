package main

import (
	"strconv"

	"github.com/heritage-line/heritageline/sim"
)

// A load is one kind of webhook traffic measured on its own beside /healthz.
type load string

const (
	loadFirst    load = "first"    // a resident's first text: a postcode, from a number with no search of its own yet in the run
	loadFollowUp load = "followup" // MORE or a number, from a resident who has searched
	loadVoice    load = "voice"    // the greeting, 1 for "near me", a town said
	loadMix      load = "mix"      // whole walks, by text and by voice, as the Go client sends
)

var allLoads = []load{loadFirst, loadFollowUp, loadVoice, loadMix}

func (l load) title() string {
	switch l {
	case loadFirst:
		return "first texts"
	case loadFollowUp:
		return "follow-ups"
	case loadVoice:
		return "voice steps"
	}
	return "mix"
}

// text signs one SMS from from saying body.
func (w *walker) text(from, body string) step {
	s := w.sign("sms", pathSMS,
		param{"MessageSid", w.sid("SM")}, param{"AccountSid", sim.DefaultAccountSID}, param{"From", from},
		param{"To", "+441632960000"}, param{"Body", body}, param{"NumMedia", "0"}, param{"NumSegments", "1"})
	s.expect = expectReply
	return s
}

// firstText is a postcode from the next number.
func (w *walker) firstText() step {
	return w.text(w.from(), w.places.postcodes[w.rng.IntN(len(w.places.postcodes))])
}

// followUp is MORE or a number from 1 to 5, from the next number: a
// resident who searched in the first-text load or the priming before this
// one.
func (w *walker) followUp() step {
	body := "MORE"
	if w.rng.IntN(2) == 0 {
		body = strconv.Itoa(1 + w.rng.IntN(5))
	}
	return w.text(w.from(), body)
}

// steps appends the next n requests of load l to dst. Voice and mix come in
// whole walks, so n is rounded up to a multiple of three.
func (w *walker) steps(dst []step, l load, n int) []step {
	for k := 0; k < n; {
		switch l {
		case loadFirst:
			dst = append(dst, w.firstText())
			k++
		case loadFollowUp:
			dst = append(dst, w.followUp())
			k++
		case loadVoice:
			for {
				wk := w.walk()
				if wk[0].kind == "voice" {
					dst = append(dst, wk[:]...)
					break
				}
			}
			k += len(walk{})
		default:
			wk := w.walk()
			dst = append(dst, wk[:]...)
			k += len(walk{})
		}
	}
	return dst
}
