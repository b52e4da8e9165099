package smstext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// gsmBasic is the GSM 03.38 basic character set (3GPP TS 23.038), less ESC.
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsmExtension is the GSM 03.38 extension table: each costs two septets
// (ESC and the character) and a pair is never split across segments.
const gsmExtension = "\f^{}\\[~]|€"

// latin holds the septets of every rune below 256 (ASCII and Latin-1, where
// nearly every character of a reply is); wider holds the few GSM-7
// characters above (Greek capitals and €).
var latin, wider = septetTables()

func septetTables() (lo [256]uint8, hi map[rune]uint8) {
	hi = make(map[rune]uint8)
	for set, n := range map[string]uint8{gsmBasic: 1, gsmExtension: 2} {
		for _, r := range set {
			if r < 256 {
				lo[r] = n
			} else {
				hi[r] = n
			}
		}
	}
	return lo, hi
}

// septets returns how many GSM-7 septets r takes: 1 for the basic set, 2 for
// the extension table, 0 when r is not GSM-7 at all.
func septets(r rune) int {
	if r >= 0 && r < 256 {
		return int(latin[r])
	}
	return int(wider[r])
}

// IsGSM reports whether every character of s is in the GSM-7 basic set or its
// extension table, so s can be sent without UCS-2.
func IsGSM(s string) bool {
	for _, r := range s {
		if septets(r) == 0 {
			return false
		}
	}
	return true
}

// plain maps characters outside GSM-7 to plain GSM-7 equivalents. Letters
// with accents are handled by decomposition in Normalise; these are the rest.
var plain = map[rune]string{
	'\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '`': "'", '´': "'",
	'\u201C': `"`, '\u201D': `"`, '\u201E': `"`, '\u201F': `"`, '\u2033': `"`, '«': `"`, '»': `"`,
	'\u2010': "-", '\u2011': "-", '\u2012': "-", '\u2013': "-", '\u2014': "-", '\u2015': "-", '\u2212': "-",
	'\u2026': "...", '\u2022': "-", '·': ".",
	'\u00A0': " ", '\u2002': " ", '\u2003': " ", '\u2009': " ", '\u200A': " ", '\u202F': " ", '\u2007': " ", '\t': " ",
	'\u200B': "", '\u200C': "", '\u200D': "", '\uFEFF': "", '\u00AD': "",
	'\u2028': "\n", '\u2029': "\n",
	'œ': "oe", 'Œ': "OE", 'ł': "l", 'Ł': "L", 'đ': "d", 'Đ': "D", 'ð': "d", 'Ð': "D", 'þ': "th", 'Þ': "Th",
	'ı': "i", 'ŀ': "l", 'ĸ': "k",
	'½': "1/2", '¼': "1/4", '¾': "3/4", '×': "x", '÷': "/", '°': " deg",
	'©': "(c)", '®': "(R)", '™': "TM", '¢': "c", '\u20A4': "£",
	'\u2039': "<", '\u203A': ">",
}

// Normalise returns s with every character that has a plain GSM-7 equivalent
// replaced by it: curly quotes, long dashes, ellipses, non-breaking and other
// odd spaces, and accented letters outside GSM-7 ("ê" becomes "e"; "é", in
// GSM-7, stays). Characters with no plain
// equivalent (emoji, Greek small letters, CJK) are kept as they are, and then
// the message will go as UCS-2.
func Normalise(s string) string {
	if IsGSM(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if septets(r) > 0 {
			b.WriteRune(r)
			continue
		}
		if p, ok := plain[r]; ok {
			b.WriteString(p)
			continue
		}
		if base, ok := stripAccent(r); ok {
			b.WriteString(base)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// stripAccent decomposes r and keeps its base letters when they are GSM-7:
// "ê" gives "e", "Ç" is already GSM-7, "ç" gives "c".
func stripAccent(r rune) (string, bool) {
	d := norm.NFD.String(string(r))
	var b strings.Builder
	for _, c := range d {
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		if septets(c) == 0 {
			return "", false
		}
		b.WriteRune(c)
	}
	if b.Len() == 0 {
		return "", false
	}
	return b.String(), true
}
