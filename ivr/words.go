package ivr

import (
	"strings"
	"unicode"
)

// everywhere are the spoken words that mean star (main menu) or 0 (a
// volunteer) at every step.
var everywhere = map[string]string{
	"volunteer": "0", "person": "0", "someone": "0", "somebody": "0", "human": "0",
	"operator": "0", "people": "0", "talk": "0", "speak": "0",
	"menu": "*", "start": "*", "beginning": "*",
}

var numberWords = map[string]string{
	"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
	"six": "6", "seven": "7", "eight": "8", "nine": "9",
	"0": "0", "1": "1", "2": "2", "3": "3", "4": "4", "5": "5", "6": "6", "7": "7", "8": "8", "9": "9",
}

// words splits speech into lower-case words of letters and digits.
func words(speech string) []string {
	return strings.FieldsFunc(strings.ToLower(speech), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

// choice turns a key press or a short spoken answer into a key: the digit
// pressed; a number said on its own ("two"); the key of the first word found
// in keys; or star or 0 for the words of everywhere. It returns "" when it
// cannot tell.
func choice(in input, keys map[string]string) string {
	if in.Digits != "" {
		return in.Digits[:1]
	}
	ws := words(in.Speech)
	if len(ws) == 1 {
		if d, ok := numberWords[ws[0]]; ok {
			return d
		}
	}
	for _, w := range ws {
		if k, ok := keys[w]; ok {
			return k
		}
	}
	for _, w := range ws {
		if k, ok := everywhere[w]; ok {
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
