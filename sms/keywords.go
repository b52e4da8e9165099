package sms

import (
	"strings"
	"unicode"

	"github.com/heritage-line/heritageline/words"
)

// Opt-out and opt-in are decided here, on the exact word, whatever the
// understander says: a language model in front of the rules must never opt
// someone out (or back in) because of how it read a sentence. The words are
// the book's (words.Lexicon), in upper case as keyword gives them.
var (
	optOutWords = upperSet(words.For(words.English).Lexicon().OptOut)
	optInWords  = upperSet(words.For(words.English).Lexicon().OptIn)
)

func upperSet(ws []string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[strings.ToUpper(w)] = true
	}
	return m
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
