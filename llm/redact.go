package llm

import (
	"regexp"
	"strings"
)

// phoneRE finds runs that could be phone numbers: digits with the spaces,
// dashes, dots and brackets people write them with, optionally after "+".
// Dates with slashes and postcodes (letters) are not runs of this shape.
var phoneRE = regexp.MustCompile(`\+?\(?[0-9][0-9 ().\-]{5,}[0-9]`)

// emailRE finds e-mail addresses, which are identifiers too.
var emailRE = regexp.MustCompile(`[^\s@]+@[^\s@]+\.[^\s@]+`)

// minPhoneDigits is the fewest digits a run needs to count as a phone number:
// UK numbers have ten or eleven, short local numbers six or seven.
const minPhoneDigits = 7

// Redact removes anything shaped like a phone number or an e-mail address
// from text, so that no identifier leaves the line. Each is replaced by
// "[number]" or "[email]"; the rest of the text is unchanged.
func Redact(text string) string {
	text = emailRE.ReplaceAllString(text, "[email]")
	return phoneRE.ReplaceAllStringFunc(text, func(run string) string {
		digits := 0
		for _, c := range run {
			if c >= '0' && c <= '9' {
				digits++
			}
		}
		if digits < minPhoneDigits {
			return run
		}
		return "[number]"
	})
}

// normalise is the form of text the cache is keyed on: lower case, single
// spaces, trimmed.
func normalise(text string) string {
	return strings.Join(strings.Fields(strings.ToLower(text)), " ")
}
