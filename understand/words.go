package understand

import (
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/words"
)

// The rules' phrases are the book of words' (words.Lexicon): each written
// normalised (lower case, no accents, words separated by single spaces); a
// phrase matches whole words only, longest phrases first, and each word of a
// message is used by at most one phrase. Extend the rules by adding words to
// the lexicon.

// lexicon is the language the rules read.
var lexicon = words.For(words.English).Lexicon()

// exactCommands are whole-message commands: they count only when the message
// is exactly the word, in any case, as carriers treat opt-out words.
var exactCommands = func() map[string]catalogue.Intent {
	m := map[string]catalogue.Intent{}
	for intent, ws := range map[catalogue.Intent][]string{
		catalogue.IntentStop: lexicon.OptOut, catalogue.IntentStart: lexicon.OptIn,
		catalogue.IntentHelp: lexicon.Help, catalogue.IntentMore: lexicon.More,
		catalogue.IntentCallback: lexicon.Callback,
	} {
		for _, w := range ws {
			m[w] = intent
		}
	}
	return m
}()

// morePhrases ask for the next page when they are all a message says (with
// filler words around them); callbackPhrases ask for a person to ring back
// wherever they appear; helpMePhrases ask for a callback unless the message
// also names a place or a kind of activity ("help me find a walk in Frome"
// is a search).
var (
	morePhrases     = lexicon.MorePhrases
	callbackPhrases = lexicon.CallbackPhrases
	helpMePhrases   = lexicon.HelpMePhrases
)

// categoryWords and tagWords map synonyms to categories and tags. "free"
// alone is FreeOnly (see freeWords), but "step free" is a tag.
var (
	categoryWords = lexicon.Categories
	tagWords      = lexicon.Tags
)

// freeWords ask for free activities only; languageWords name languages an
// activity may be offered in besides English.
var (
	freeWords     = lexicon.Free
	languageWords = lexicon.Languages
)

// todayWords, tomorrowWords and weekWords say when; dayWords name weekdays,
// with common abbreviations and misspellings.
var (
	todayWords    = lexicon.Today
	tomorrowWords = lexicon.Tomorrow
	weekWords     = lexicon.Week
	dayWords      = lexicon.Days
)

// detailWords may surround a bare number asking for details ("number 3
// please", "tell me about 2").
var detailWords = lexicon.DetailWords

// fillerWords carry no meaning of their own; a message of only these and
// known phrases names no place.
var fillerWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range lexicon.Filler {
		m[w] = true
	}
	return m
}()

// monthWords name the months, with the usual short forms. "mar" and "may"
// count only next to a day number, as every month does here.
var monthWords map[string]time.Month = lexicon.Months
