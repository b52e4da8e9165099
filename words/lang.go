package words

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/language"
)

// Lang is a language the line can speak and text, by its code: "en", "cy",
// "pl", "ro", "ar", "yue".
type Lang string

// The languages the book has words for.
const (
	English   Lang = "en"
	Welsh     Lang = "cy"
	Polish    Lang = "pl"
	Romanian  Lang = "ro"
	Arabic    Lang = "ar"
	Cantonese Lang = "yue"
)

// Language is everything the line needs to know about one language besides
// its words: what it is called, how Twilio speaks and hears it, and the names
// a texter may send to choose it.
type Language struct {
	Code        Lang
	Name        string // in the language itself: "Cymraeg"
	EnglishName string // "Welsh"
	// Tag chooses the CLDR plural rules.
	Tag language.Tag
	// Voice and SayLanguage go on every <Say>: an Amazon Polly voice through
	// Twilio ("Polly.Gwyneth") and its language ("cy-GB").
	Voice       string
	SayLanguage string
	// Speech is the <Gather> language for speech recognition ("pl-PL"), or
	// "" when Twilio's recogniser does not offer the language: then a
	// Gather takes keys only.
	Speech string
	// Choose are the words that, texted on their own, choose the language
	// (compared after Normalise: any case, accents optional).
	Choose []string
	// Spaced is false for a language written without spaces between words
	// or sentences (Cantonese): sentences are joined with nothing, and a
	// prompt's length is counted in characters, not words.
	Spaced bool
}

// languages lists every language the book has, in the order LANGUAGE lists
// them to a texter.
var languages = []*Language{
	{
		Code: English, Name: "English", EnglishName: "English", Tag: language.BritishEnglish,
		Voice: "Polly.Amy", SayLanguage: "en-GB", Speech: "en-GB",
		Choose: []string{"english", "saesneg"}, Spaced: true,
	},
	{
		// Twilio's speech recognition lists no Welsh: keys only.
		Code: Welsh, Name: "Cymraeg", EnglishName: "Welsh", Tag: language.MustParse("cy"),
		Voice: "Polly.Gwyneth", SayLanguage: "cy-GB", Speech: "",
		Choose: []string{"cymraeg", "gymraeg", "welsh"}, Spaced: true,
	},
	{
		Code: Polish, Name: "Polski", EnglishName: "Polish", Tag: language.Polish,
		Voice: "Polly.Ewa", SayLanguage: "pl-PL", Speech: "pl-PL",
		Choose: []string{"polski", "po polsku", "polish"}, Spaced: true,
	},
	{
		Code: Romanian, Name: "Română", EnglishName: "Romanian", Tag: language.Romanian,
		Voice: "Polly.Carmen", SayLanguage: "ro-RO", Speech: "ro-RO",
		Choose: []string{"romana", "limba romana", "romaneste", "romanian"}, Spaced: true,
	},
	{
		// Polly's Arabic voice speaks Modern Standard Arabic ("arb"); the
		// recogniser is told Levantine Arabic (Jordan), the nearest it
		// offers to the Syrian and Iraqi Arabic of most who would ring.
		Code: Arabic, Name: "العربية", EnglishName: "Arabic", Tag: language.Arabic,
		Voice: "Polly.Zeina", SayLanguage: "arb", Speech: "ar-JO",
		Choose: []string{"العربية", "عربي", "عربى", "arabic"}, Spaced: true,
	},
	{
		// Hiujin is a Neural voice only, hence "-Neural".
		Code: Cantonese, Name: "廣東話", EnglishName: "Cantonese", Tag: language.MustParse("yue"),
		Voice: "Polly.Hiujin-Neural", SayLanguage: "yue-CN", Speech: "yue-Hant-HK",
		Choose: []string{"廣東話", "广东话", "中文", "粵語", "粤语", "cantonese", "chinese"}, Spaced: false,
	},
}

// All returns every language the book has, English first.
func All() []*Language { return languages }

// Lookup returns the language with code, or false when the book has none.
func Lookup(code Lang) (*Language, bool) {
	for _, l := range languages {
		if l.Code == code {
			return l, true
		}
	}
	return nil, false
}

// ParseLanguages reads LANGUAGES: language codes separated by commas, the
// first the line's default ("cy,en"). Empty means English alone. Errors name
// an unknown or repeated code and list the known ones.
func ParseLanguages(s string) ([]Lang, error) {
	if strings.TrimSpace(s) == "" {
		return []Lang{English}, nil
	}
	var out []Lang
	seen := map[Lang]bool{}
	for part := range strings.SplitSeq(s, ",") {
		code := Lang(strings.ToLower(strings.TrimSpace(part)))
		if code == "" {
			continue
		}
		if _, ok := Lookup(code); !ok {
			return nil, fmt.Errorf("words: unknown language %q: use %s", code, knownCodes())
		}
		if seen[code] {
			return nil, fmt.Errorf("words: language %q is listed twice", code)
		}
		seen[code] = true
		out = append(out, code)
	}
	if len(out) == 0 {
		return []Lang{English}, nil
	}
	return out, nil
}

func knownCodes() string {
	codes := make([]string, len(languages))
	for i, l := range languages {
		codes[i] = string(l.Code)
	}
	return strings.Join(codes, ", ")
}

// SpeechBudget is the most a caller may hear, by Length, before the first
// activity: 60 words, or 120 characters in a language written without
// spaces.
func (l *Language) SpeechBudget() int {
	if l.Spaced {
		return 60
	}
	return 120
}

// Length is how long spoken text is, against SpeechBudget: its words, or in
// a language written without spaces its characters (letters and digits,
// not punctuation).
func (l *Language) Length(text string) int {
	if l.Spaced {
		return len(strings.Fields(text))
	}
	n := 0
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
