package ivr

import (
	"fmt"
	"strings"

	"github.com/heritage-line/heritageline/words"
)

// stepWords are the words a caller may say at each step, from the book of
// words' lexicon (words.Lexicon.Spoken), as the keys they stand for.
type stepWords struct {
	// everywhere are the words that mean star (the main menu) or 0 (a
	// volunteer) at every step; numbers are digits said on their own.
	everywhere, numbers                            map[string]string
	menu, result, end, yesNo, kind, none, callback map[string]string
}

// keysFor maps the words of each meaning to its key. A word with two
// meanings at one step keeps the first in pairs' order.
func keysFor(lx *words.Lexicon, pairs ...any) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		meaning, key := pairs[i].(words.Meaning), pairs[i+1].(string)
		for _, w := range lx.Spoken[meaning] {
			if _, ok := m[w]; !ok {
				m[w] = key
			}
		}
	}
	return m
}

func newStepWords(lx *words.Lexicon) *stepWords {
	sw := &stepWords{
		everywhere: keysFor(lx, words.SayVolunteer, "0", words.SayMenu, "*"),
		numbers:    map[string]string{},
		menu:       keysFor(lx, words.SayNear, "1", words.SayWeek, "2", words.SayRepeat, "3"),
		result: keysFor(lx, words.SayNext, "1", words.SayRepeat, "2", words.SayText, "3", words.SayPhone, "4",
			words.SayKind, "5", words.SayGoodbye, "9"),
		end:   keysFor(lx, words.SayRepeat, "1", words.SayElsewhere, "2", words.SayGoodbye, "9"),
		yesNo: keysFor(lx, words.SayYes, "1", words.SayNo, "2"),
		kind: keysFor(lx, words.SayWalks, "1", words.SayMuseums, "2", words.SayGroups, "3", words.SayHandsOn, "4",
			words.SayAnything, "5"),
		none:     keysFor(lx, words.SayElsewhere, "1", words.SayTryAgain, "1"),
		callback: keysFor(lx, words.SayRingBack, "2", words.SayMessage, "1"),
	}
	for w, n := range lx.Numbers {
		if n >= 0 && n <= 9 {
			sw.numbers[w] = string(rune('0' + n))
		}
	}
	for d := '0'; d <= '9'; d++ {
		sw.numbers[string(d)] = string(d)
	}
	return sw
}

// words splits speech into the lexicon's words: lower case, no accents,
// letters and digits (words.Normalise).
func wordsOf(speech string) []string {
	return strings.Fields(words.Normalise(speech))
}

// choice turns a key press or a short spoken answer into a key: the digit
// pressed; a number said on its own ("two"); the key of the first word found
// in keys; or star or 0 for the words of everywhere. It returns "" when it
// cannot tell.
func (sw *stepWords) choice(in input, keys map[string]string) string {
	if in.Digits != "" {
		return in.Digits[:1]
	}
	ws := wordsOf(in.Speech)
	if len(ws) == 1 {
		if d, ok := sw.numbers[ws[0]]; ok {
			return d
		}
	}
	for _, w := range ws {
		if k, ok := keys[w]; ok {
			return k
		}
	}
	for _, w := range ws {
		if k, ok := sw.everywhere[w]; ok {
			return k
		}
	}
	return ""
}

// hintList joins speech hints for a Gather: no commas inside a hint, at most
// 500 of them.
func hintList(hs ...string) string {
	out := make([]string, 0, len(hs))
	seen := map[string]bool{}
	for _, h := range hs {
		h = strings.TrimSpace(strings.ReplaceAll(h, ",", " "))
		if h == "" || seen[strings.ToLower(h)] {
			continue
		}
		seen[strings.ToLower(h)] = true
		out = append(out, h)
		if len(out) == 500 {
			break
		}
	}
	return strings.Join(out, ", ")
}

// Sentences a caller hears that the book of words does not have yet, each
// whole, with its parameters; English only until the book takes them in
// every language (issue 18).
const (
	// sayHiddenNoCallback is said at once to a caller whose number is hidden
	// when no volunteer can take the call: nobody can ring them back, so no
	// message is offered.
	sayHiddenNoCallback = "Your number is hidden, so a volunteer can't ring you back."
	// sayHiddenStayOn is the choice when volunteers are on duty but none
	// answered.
	sayHiddenStayOn = "Stay on the line and I'll try the volunteers again, or press star for the menu."
	// sayHiddenCallAgain is the choice when nobody is on duty.
	sayHiddenCallAgain = "Please call again later to talk to a volunteer, or call with your number showing to leave a message."
	// sayHiddenMenu ends the offer when nobody is on duty.
	sayHiddenMenu = "For the menu, press star. To hear this again, press 1."
	// sayHiddenTryAgainLater ends the call after the volunteers were tried
	// again and again.
	sayHiddenTryAgainLater = "I'm sorry, the volunteers are all busy. Please call again a little later. Goodbye."
)

// sayHiddenText offers a call back by text, to a caller whose number is
// hidden, when the line's number takes texts: a text shows their number.
func sayHiddenText(lineNumber string) string {
	return fmt.Sprintf("You can also text CALL to %s, and a volunteer will ring you back.", lineNumber)
}
