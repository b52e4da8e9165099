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
