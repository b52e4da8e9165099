package smstext

import "unicode/utf16"

// Segment sizes, in septets for GSM-7 and UTF-16 code units for UCS-2.
const (
	gsmSingle  = 160
	gsmPart    = 153
	ucs2Single = 70
	ucs2Part   = 67
)

// Segments returns how many SMS segments body needs, exactly as a handset or
// Twilio counts them. GSM-7 takes 160 septets in one segment, or 153 per
// segment when split; the extension table (^ { } \ [ ~ ] | € and form feed)
// counts two and the pair never straddles two segments. One character outside
// GSM-7 makes the whole body UCS-2: 70 UTF-16 code units in one segment, or
// 67 per segment, a surrogate pair (most emoji) never split. An empty body
// needs no segments.
func Segments(body string) int {
	if body == "" {
		return 0
	}
	if IsGSM(body) {
		return count(body, septets, gsmSingle, gsmPart)
	}
	return count(body, utf16Units, ucs2Single, ucs2Part)
}

// utf16Units is how many UTF-16 code units r takes: 2 for a surrogate pair.
func utf16Units(r rune) int {
	if utf16.RuneLen(r) == 2 {
		return 2
	}
	return 1
}

// count packs the characters of body, each width(r) wide, into segments:
// all in one if they fit in single, else greedily into parts of part, never
// splitting a character.
func count(body string, width func(rune) int, single, part int) int {
	total := 0
	for _, r := range body {
		total += width(r)
	}
	if total <= single {
		return 1
	}
	segs, used := 1, 0
	for _, r := range body {
		w := width(r)
		if used+w > part {
			segs++
			used = 0
		}
		used += w
	}
	return segs
}
