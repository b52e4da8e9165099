package words

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/heritage-line/heritageline/catalogue"
)

// Lexicon is the words the line understands in one language: the commands
// a texter sends alone, the phrases the keyword rules look for, numbers,
// days and months, and what a caller may say at each menu. Every phrase is
// written as Normalise leaves it (lower case, no accents, no apostrophes,
// single spaces), so a message matches whatever its accents and case.
type Lexicon struct {
	// Whole-message commands: they count only when they are all a text
	// says, as carriers treat opt-out words. Opt-out and opt-in words are
	// the carriers' own in English; every language also understands
	// English's.
	OptOut, OptIn, Help, More, Callback []string
	// LanguageList asks for the list of languages to choose from.
	LanguageList []string

	// MorePhrases ask for the next page when they are all a message says.
	MorePhrases []string
	// CallbackPhrases ask for a person to ring back wherever they appear.
	CallbackPhrases []string
	// HelpMePhrases ask for a callback unless the message also names a
	// place or a kind of activity.
	HelpMePhrases []string

	// Categories, Tags and Free: what a resident may ask for.
	Categories map[string]catalogue.Category
	Tags       map[string]string
	Free       []string
	// Languages name the languages an activity may be offered in, by the
	// English name the catalogue uses ("po polsku" gives "Polish").
	Languages map[string]string

	// When: today, tomorrow, this week, a weekday, a month.
	Today, Tomorrow, Week []string
	Days                  map[string]time.Weekday
	Months                map[string]time.Month

	// Numbers are cardinal numbers in words; Ordinals "first", "2nd".
	Numbers  map[string]int
	Ordinals map[string]int
	// DetailWords may surround a bare number asking for details ("number
	// 3 please"); a word mapped to false may not.
	DetailWords map[string]bool
	// Filler words carry no meaning of their own.
	Filler []string

	// Spoken are the words a caller may say at a menu, by what they mean.
	Spoken map[Meaning][]string
	// Hints help the speech recogniser at each prompt.
	Hints map[Prompt][]string
}

// Meaning is what a word said at a voice menu means.
type Meaning string

// The meanings the voice menus listen for.
const (
	SayVolunteer Meaning = "volunteer" // a person, now: 0 at every menu
	SayMenu      Meaning = "menu"      // back to the main menu: star at every menu
	SayNear      Meaning = "near"      // activities near me
	SayWeek      Meaning = "week"      // the next seven days
	SayRepeat    Meaning = "repeat"    // say that again
	SayNext      Meaning = "next"      // the next activity
	SayText      Meaning = "text"      // send it by text
	SayPhone     Meaning = "phone"     // the phone number
	SayKind      Meaning = "kind"      // choose a kind of activity
	SayGoodbye   Meaning = "goodbye"   // end the call
	SayElsewhere Meaning = "elsewhere" // search somewhere else
	SayTryAgain  Meaning = "try_again" // try again (somewhere else)
	SayYes       Meaning = "yes"
	SayNo        Meaning = "no"
	SayWalks     Meaning = "kind_walks"      // walks and tours
	SayMuseums   Meaning = "kind_museums"    // museums and historic places
	SayGroups    Meaning = "kind_groups"     // groups, talks and cafés
	SayHandsOn   Meaning = "kind_hands_on"   // crafts and archaeology
	SayAnything  Meaning = "kind_everything" // every kind
	SayRingBack  Meaning = "ring_back"       // a volunteer to ring back
	SayMessage   Meaning = "message"         // leave a message
)

// Prompt names a voice prompt, for its speech hints.
type Prompt string

// The prompts that take speech.
const (
	PromptMenu     Prompt = "menu"
	PromptConfirm  Prompt = "confirm"
	PromptNone     Prompt = "none"
	PromptResult   Prompt = "result"
	PromptKind     Prompt = "kind"
	PromptEnd      Prompt = "end"
	PromptCallback Prompt = "callback"
)

// Normalise prepares text for matching against a Lexicon: lower case,
// accents and vowel marks removed ("café" becomes "cafe", "Gymraeg"
// stays), Arabic-Indic digits made ASCII ("٣" becomes "3"), apostrophes
// dropped ("what's" becomes "whats"), every other run of punctuation or
// space a single space, trimmed.
func Normalise(text string) string {
	var b strings.Builder
	space := true
	// A byte that is not UTF-8 is a gap between words. It is made one
	// before decomposing: norm leaves the character after such a byte
	// whole, so "\xf0أ" would keep its hamza until a second pass.
	for _, r := range norm.NFKD.String(strings.ToValidUTF8(text, " ")) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '\'' || r == '\u2019' || r == '\u2018' || r == '`':
		case r >= '\u0660' && r <= '\u0669': // Arabic-Indic digits
			b.WriteRune('0' + r - '\u0660')
			space = false
		case r >= '\u06F0' && r <= '\u06F9': // Extended Arabic-Indic (Persian, Urdu)
			b.WriteRune('0' + r - '\u06F0')
			space = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// Chooses reports whether text, on its own, chooses language l: its name in
// itself or in English ("CYMRAEG", "po polsku", "中文").
func (l *Language) Chooses(text string) bool {
	n := Normalise(text)
	for _, c := range l.Choose {
		if n == Normalise(c) {
			return true
		}
	}
	return false
}

// Choosing returns the language text chooses on its own, if any.
func Choosing(text string) (Lang, bool) {
	for _, l := range languages {
		if l.Chooses(text) {
			return l.Code, true
		}
	}
	return "", false
}

// normalised returns a copy of lx with every phrase as Normalise leaves it,
// so that a lexicon may be written with its language's accents and still
// match whatever a resident types. collisions lists phrases that came to
// the same normalised form with different meanings.
func (lx *Lexicon) normalised() (out *Lexicon, collisions []string) {
	list := func(in []string) []string {
		if in == nil {
			return nil
		}
		o := make([]string, 0, len(in))
		seen := map[string]bool{}
		for _, p := range in {
			if n := Normalise(p); n != "" && !seen[n] {
				seen[n] = true
				o = append(o, n)
			}
		}
		return o
	}
	out = &Lexicon{
		OptOut: list(lx.OptOut), OptIn: list(lx.OptIn), Help: list(lx.Help), More: list(lx.More),
		Callback: list(lx.Callback), LanguageList: list(lx.LanguageList),
		MorePhrases: list(lx.MorePhrases), CallbackPhrases: list(lx.CallbackPhrases), HelpMePhrases: list(lx.HelpMePhrases),
		Free: list(lx.Free), Today: list(lx.Today), Tomorrow: list(lx.Tomorrow), Week: list(lx.Week),
		Filler: list(lx.Filler),
		Hints:  lx.Hints,
	}
	out.Categories = normaliseMap(lx.Categories, &collisions)
	out.Tags = normaliseMap(lx.Tags, &collisions)
	out.Languages = normaliseMap(lx.Languages, &collisions)
	out.Days = normaliseMap(lx.Days, &collisions)
	out.Months = normaliseMap(lx.Months, &collisions)
	out.Numbers = normaliseMap(lx.Numbers, &collisions)
	out.Ordinals = normaliseMap(lx.Ordinals, &collisions)
	out.DetailWords = normaliseMap(lx.DetailWords, &collisions)
	out.Spoken = make(map[Meaning][]string, len(lx.Spoken))
	for m, ws := range lx.Spoken {
		out.Spoken[m] = list(ws)
	}
	return out, collisions
}

func normaliseMap[V comparable](in map[string]V, collisions *[]string) map[string]V {
	if in == nil {
		return nil
	}
	out := make(map[string]V, len(in))
	for k, v := range in {
		n := Normalise(k)
		if n == "" {
			continue
		}
		if old, ok := out[n]; ok && old != v {
			*collisions = append(*collisions, k)
		}
		out[n] = v
	}
	return out
}
