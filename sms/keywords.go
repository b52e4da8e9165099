package sms

import (
	"strings"
	"unicode"
)

// Opt-out and opt-in are decided here, on the exact word, whatever the
// understander says: a language model in front of the rules must never opt
// someone out (or back in) because of how it read a sentence.
var (
	optOutWords = map[string]bool{"STOP": true, "STOPALL": true, "UNSUBSCRIBE": true, "CANCEL": true, "END": true, "QUIT": true, "REVOKE": true, "OPTOUT": true}
	optInWords  = map[string]bool{"START": true, "YES": true, "UNSTOP": true}
)

// keyword is body as a command word: upper case, without surrounding space
// or punctuation ("Stop." gives "STOP"). A body of several words gives "".
func keyword(body string) string {
	w := strings.TrimFunc(body, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	if strings.IndexFunc(w, unicode.IsSpace) >= 0 {
		return ""
	}
	return strings.ToUpper(w)
}
