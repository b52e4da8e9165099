package places

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of the text being looked at: its normalised form, where it
// sits in the original text, and whether it was written with a capital.
type token struct {
	norm       string
	start, end int // byte offsets in the original text
	capital    bool
}

// folds maps accented letters found in British place names (mostly Welsh and
// Scottish Gaelic) to plain ones, so "Ynys Môn" and "ynys mon" meet.
var folds = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
	'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u',
	'ŵ': 'w', 'ŷ': 'y', 'ý': 'y', 'ÿ': 'y', 'ñ': 'n', 'ç': 'c',
}

// tokenise splits text into lower-case ASCII words. Apostrophes join ("it's"
// is "its", "King's" is "kings"), "&" is "and", "saint" is "st", "gt" is
// "great", and every other non-letter, non-digit character separates words.
func tokenise(text string) []token {
	var toks []token
	var b strings.Builder
	start := -1
	capital := false
	flush := func(end int) {
		if start >= 0 && b.Len() > 0 {
			w := b.String()
			switch w {
			case "saint":
				w = "st"
			case "gt":
				w = "great" // "Gt Yarmouth"
			}
			toks = append(toks, token{norm: w, start: start, end: end, capital: capital})
		}
		b.Reset()
		start = -1
		capital = false
	}
	for i, r := range text {
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '`':
			// joins the word it is in; ends nothing
		case r == '&':
			flush(i)
			toks = append(toks, token{norm: "and", start: i, end: i + 1})
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
				capital = unicode.IsUpper(r)
			}
			lr := unicode.ToLower(r)
			if f, ok := folds[lr]; ok {
				lr = f
			}
			if lr < utf8.RuneSelf {
				b.WriteRune(lr)
			} else if unicode.IsLetter(lr) || unicode.IsDigit(lr) {
				b.WriteRune(lr)
			}
		default:
			flush(i)
		}
	}
	flush(len(text))
	return toks
}

// normalise is the key a name is stored and looked up under: the words of
// tokenise, single-spaced. It is written for speed, as building the index
// calls it some thirty thousand times.
func normalise(text string) string {
	buf := make([]byte, 0, len(text)+4)
	space := false // a separator is pending
	for _, r := range text {
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '`':
			continue
		case r == '&':
			buf = appendWord(buf, "and")
			space = true
			continue
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			r = unicode.ToLower(r)
			if f, ok := folds[r]; ok {
				r = f
			}
		default:
			space = true
			continue
		}
		if space && len(buf) > 0 {
			buf = append(buf, ' ')
		}
		space = false
		buf = utf8.AppendRune(buf, r)
	}
	out := string(buf)
	if strings.Contains(out, "saint") || strings.Contains(out, "gt") {
		words := strings.Fields(out)
		for i, w := range words {
			switch w {
			case "saint":
				words[i] = "st"
			case "gt":
				words[i] = "great"
			}
		}
		out = strings.Join(words, " ")
	}
	return out
}

func appendWord(buf []byte, w string) []byte {
	if len(buf) > 0 {
		buf = append(buf, ' ')
	}
	return append(buf, w...)
}

func joinNorm(toks []token) string {
	switch len(toks) {
	case 0:
		return ""
	case 1:
		return toks[0].norm
	}
	n := len(toks) - 1
	for _, t := range toks {
		n += len(t.norm)
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.norm)
	}
	return b.String()
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// fillers are words people wrap a place in when they say or text it: "it's
// Frome", "I live in Gorleston", "Great Yarmouth please". Resolve strips them
// from either end of the text (trying the longest span first, so a place whose
// name ends in one of them still matches).
var fillers = set(
	"a", "about", "ah", "am", "an", "and", "anywhere", "area", "around", "at", "be", "by",
	"called", "city", "close", "er", "erm", "from", "hello", "hi", "hmm", "i", "id", "im",
	"in", "is", "it", "its", "just", "like", "live", "lives", "living", "me", "mm", "my",
	"near", "nr", "of", "oh", "ok", "okay", "outside", "please", "postcode", "right", "round",
	"so", "somewhere", "ta", "thank", "thanks", "that", "thats", "the", "there", "to", "town",
	"uh", "um", "village", "we", "well", "were", "yeah", "yes", "you", "your",
	// Welsh "in" before a place, which mutates it: "yng Nghaerdydd", "ym Mangor".
	"yn", "yng", "ym",
)

// prepositions are the words that, right before a place name inside free text,
// say that a place follows ("anything near gorleston").
var prepositions = set("in", "near", "around", "round", "at", "from", "nr", "yng", "ym")

// commonWords are villages (and one country) whose names are everyday English
// words. They never match on their own: only straight after a preposition ("I
// live in Street"). Found by reading the single-word names of gb-places.csv.
var commonWords = set(
	"ash", "bank", "banks", "beer", "bow", "box", "bray", "bridge", "brill", "bugle",
	"church", "cliffe", "comber", "cove", "croft", "crook", "dale", "dollar", "eye",
	"fleet", "flint", "ford", "forth", "grain", "grays", "grove", "hale", "hay", "hill", "hook",
	"hope", "law", "lea", "lee", "march", "mere", "moss", "over", "pant", "par", "plains",
	"pool", "rake", "rock", "send", "settle", "stock", "stone", "street", "sway", "tumble",
	"valley", "wales", "wall", "ware", "wells", "wick", "wing", "wool", "roche", "hurst",
	"humber", "nash",
	// and from the areas column of gb-outcodes.csv:
	"airport", "beech", "bonds", "bush", "castle", "chapel", "combs", "crank", "deans", "dyke",
	"eaves", "elm", "fence", "glass", "grange", "guide", "ham", "hatch", "heap", "heath", "idle",
	"ings", "intake", "jump", "loans", "lode", "loose", "manor", "marsh", "nasty", "park",
	"pill", "pitt", "read", "ripe", "sands", "sheet", "shelf", "shore", "signet", "soar",
	"spital", "stand", "star", "steep", "stow", "summit", "temple", "thorn", "thorns", "toft",
	"tongue", "twenty", "upend",
	// and shortened forms ("Little Mill", "Little Venice", "Layer de la Haye"):
	"mill", "germany", "venice", "layer", "lever", "limber", "whittle",
)

// generic are words that name no place on their own ("Town Centre", "North",
// "Park Estate"); a name made only of these and fillers is not indexed.
var generic = set(
	"centre", "center", "central", "north", "south", "east", "west", "upper", "lower", "docks",
	"estate", "common", "green", "end", "hill", "road", "new", "old", "rural", "outer", "inner",
)

// cueWords are towns whose names are also first names ("my friend Sandy") or
// words a resident might well use ("a reading group", "a bath"): inside free
// text they need a preposition even when written with a capital, but a message
// that is only the name matches.
var cueWords = set(
	"reading", "bury", "bath", "deal", "battle", "sale", "diss", "mold", "wye", "marr",
	"barry", "keith", "clive", "leslie", "nelson", "logan", "connor", "arnold", "ashley",
	"sandy", "clare", "denny", "leigh", "elgin", "hayes", "morley", "hilton", "eaton",
	"irvine", "neston", "kelso", "hutton", "wilton", "milton", "norton", "sutton", "sidney",
	"martin", "trevor", "gordon", "perry", "evelyn", "moore", "drury", "walker", "albany",
	"carmel", "saron", "tabor", "bethel", "hermon", "glen", "ross",
)

// strongCues are the words that, before an everyday word, make it a place
// inside free text ("near Street", "around Wells"). "in" and "at" count only
// after "live", "based" and the like ("I live in Street"): "in March" is a month.
var strongCues = set("near", "nr", "around", "round")

var livesIn = set("live", "lives", "living", "lived", "based", "stay", "staying", "im", "am", "were", "moved")

// vocabulary are words a resident uses about activities, never fuzzily matched
// to a place ("walks" is one letter from "Wales").
var vocabulary = set(
	"walk", "walks", "walking", "museum", "museums", "history", "historic", "group", "groups",
	"cafe", "cafes", "coffee", "craft", "crafts", "crafting", "archaeology", "heritage",
	"garden", "gardens", "gardening", "club", "clubs", "church", "churches", "art", "arts",
	"music", "singing", "choir", "library", "talk", "talks", "tour", "tours", "visit",
	"volunteer", "volunteers", "help", "hello", "morning", "afternoon", "evening", "today",
	"tomorrow", "week", "weekend", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "free", "dementia", "friendly", "carers", "women", "men", "stop",
	"start", "more", "next", "again", "call", "ring", "text", "info", "menu", "thanks",
	"street", "house", "home", "there", "where", "what", "when", "which", "anything", "nothing",
	"something", "please", "yes", "no", "maybe", "sorry", "local", "nearby", "town", "village",
)
