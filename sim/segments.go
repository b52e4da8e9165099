package sim

import "strings"

// gsm7Basic is the GSM 03.38 basic character set; gsm7Extension holds the
// characters that take an escape and so count double.
const (
	gsm7Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
		"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsm7Extension = "^{}\\[~]|€\f"
)

// segments counts the SMS segments Twilio reports as NumSegments for body:
// GSM-7 at 160 characters in one segment or 153 per segment when split, the
// extension characters counting double; UCS-2 (any other character) at 70,
// or 67 per segment. The simulator counts for itself rather than trust the
// line's own code, as Twilio would. An empty body is one segment.
func segments(body string) int {
	units, single, multi := 0, 160, 153
	gsm := true
	for _, r := range body {
		switch {
		case strings.ContainsRune(gsm7Extension, r):
			units += 2
		case strings.ContainsRune(gsm7Basic, r):
			units++
		default:
			gsm = false
		}
	}
	if !gsm {
		units, single, multi = 0, 70, 67
		for _, r := range body {
			units++
			if r > 0xFFFF { // a surrogate pair in UCS-2
				units++
			}
		}
	}
	if units <= single {
		return 1
	}
	return (units + multi - 1) / multi
}
