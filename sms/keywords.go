package sms

import (
	"strings"
	"unicode"

	"github.com/heritage-line/heritageline/words"
)

// Opt-out and opt-in are decided here, on the exact word, whatever the
// understander says: a language model in front of the rules must never opt
// someone out (or back in) because of how it read a sentence. The words are
// the book's (words.Lexicon) in every language on, and always English's
// (carriers and Twilio act on the English words), compared as
// words.Normalise leaves them ("Wypisz", "ÎNCEPE").

// commandWords returns the opt-out and opt-in words of langs and English,
// and the words asking for the list of languages.
func commandWords(langs []words.Lang) (optOut, optIn, list map[string]bool) {
	optOut, optIn, list = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, code := range append([]words.Lang{words.English}, langs...) {
		lx := words.For(code).Lexicon()
		for _, w := range lx.OptOut {
			optOut[w] = true
		}
		for _, w := range lx.OptIn {
			optIn[w] = true
		}
		for _, w := range lx.LanguageList {
			list[w] = true
		}
	}
	return optOut, optIn, list
}

// keyword is body as a command word: upper case, without surrounding space
// or punctuation ("Stop." gives "STOP"). A body of several words gives "".
func keyword(body string) string {
	w := strings.TrimFunc(body, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	if strings.IndexFunc(w, unicode.IsSpace) >= 0 {
		return ""
	}
	return strings.ToUpper(w)
}

// optOutType is the word Twilio's OptOutType parameter stands for (STOP,
// START or HELP, sent with Advanced Opt-Out for the account's own words as
// well as the standard ones), or "" when it is absent or unknown.
func optOutType(v string) string {
	switch w := strings.ToUpper(strings.TrimSpace(v)); w {
	case "STOP", "START", "HELP":
		return w
	}
	return ""
}
