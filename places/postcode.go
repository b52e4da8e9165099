package places

import (
	"regexp"
	"strings"
)

// The UK government's published postcode pattern (the BS 7666 rules of the
// Bulk Data Transfer schema): Q, V and X never start a postcode; I, J and Z are
// never second; only some letters end a district ("W1A", "EC1A"); C, I, K, M, O
// and V never end one. It is applied to the upper-cased text with spaces
// removed. The inward code is always a digit and two letters, so the outcode is
// everything before the last three characters.
var (
	outcodePattern  = `(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])`
	postcodeRE      = regexp.MustCompile(`^(?:GIR0AA|` + outcodePattern + `[0-9][ABD-HJLNP-UW-Z]{2})$`)
	outcodeRE       = regexp.MustCompile(`^(?:GIR|` + outcodePattern + `)$`)
	maxPostcodeLen  = 7
	maxSpokenTokens = 10
)

// squash upper-cases s and removes its spaces and tabs. It returns false if s
// holds anything but ASCII letters, digits and spaces, or is too long to be a
// postcode.
func squash(s string, max int) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			continue
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		default:
			return "", false
		}
		if b.Len() == max {
			return "", false
		}
		b.WriteByte(c)
	}
	return b.String(), b.Len() > 0
}

// ParsePostcode recognises a full UK postcode in any case and spacing
// ("ba111at", "BA11 1AT", "b a 1 1 1 a t") and returns it normalised
// ("BA11 1AT") with its outcode ("BA11"). It checks the shape only (the UK
// government pattern), not that the postcode exists; anything else (other
// characters, a missing inward code) gives ok false.
func ParsePostcode(s string) (postcode, outcode string, ok bool) {
	sq, ok := squash(s, maxPostcodeLen)
	if !ok || len(sq) < 5 || !postcodeRE.MatchString(sq) {
		return "", "", false
	}
	out, in := sq[:len(sq)-3], sq[len(sq)-3:]
	return out + " " + in, out, true
}

// ParseOutcode recognises a postcode district alone ("ba11", "B A 11") and
// returns it upper-cased ("BA11"). It checks the shape only; a full postcode
// gives ok false.
func ParseOutcode(s string) (string, bool) {
	sq, ok := squash(s, 4)
	if !ok || !outcodeRE.MatchString(sq) {
		return "", false
	}
	return sq, true
}

// spokenDigits are the number words speech-to-text may give for the digits of
// a postcode: "BA eleven", "NR thirty one", "B A one one one A T".
var spokenDigits = map[string]string{
	"zero": "0", "nought": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4",
	"five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
	"eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15",
	"sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "2",
	"thirty": "3", "forty": "4", "fifty": "5", "sixty": "6", "seventy": "7", "eighty": "8",
	"ninety": "9",
}

// tens are the number words that take a following unit ("thirty one" is 31,
// "thirty" alone is 30).
var tens = set("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

// spoken turns the words of a spoken or spelled postcode into the characters
// they stand for: letters and digits as written, number words as digits,
// "double one" as "11". It returns false if a word is neither a short run of
// letters and digits nor a number word, so ordinary sentences do not become
// postcodes.
func spoken(words []token) (string, bool) {
	if len(words) == 0 || len(words) > maxSpokenTokens {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(words); i++ {
		w := words[i].norm
		if w == "double" || w == "treble" {
			if i+1 == len(words) {
				return "", false
			}
			n := 2
			if w == "treble" {
				n = 3
			}
			next := words[i+1].norm
			if d, ok := spokenDigits[next]; ok && len(d) == 1 {
				next = d
			}
			if len(next) != 1 {
				return "", false
			}
			b.WriteString(strings.Repeat(next, n))
			i++
			continue
		}
		if d, ok := spokenDigits[w]; ok {
			if tens[w] {
				if i+1 < len(words) {
					if u, ok := spokenDigits[words[i+1].norm]; ok && len(u) == 1 && !tens[words[i+1].norm] && u != "0" {
						b.WriteString(d + u)
						i++
						continue
					}
				}
				d += "0"
			}
			b.WriteString(d)
			continue
		}
		if len(w) > 7 {
			return "", false
		}
		b.WriteString(w)
		if b.Len() > maxPostcodeLen {
			return "", false
		}
	}
	return b.String(), true
}
