package smstext

import (
	"unicode/utf16"
	"unicode/utf8"
)

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
	if n, ok := gsmSegments(body); ok {
		return n
	}
	return ucs2Segments(body)
}

// gsmSegments counts body's GSM-7 segments in one pass, or reports false at
// its first character outside GSM-7. Replies are nearly all ASCII, so a
// byte is looked up without decoding where it can be.
func gsmSegments(body string) (int, bool) {
	total, segs, used := 0, 1, 0
	for i := 0; i < len(body); {
		var w int
		if c := body[i]; c < utf8.RuneSelf {
			w = int(latin[c])
			i++
		} else {
			r, size := utf8.DecodeRuneInString(body[i:])
			w = septets(r)
			i += size
		}
		if w == 0 {
			return 0, false
		}
		total += w
		if used+w > gsmPart {
			segs++
			used = 0
		}
		used += w
	}
	if total <= gsmSingle {
		return 1, true
	}
	return segs, true
}

// ucs2Segments counts body's UCS-2 segments: 70 UTF-16 code units in one,
// or 67 per part, a surrogate pair (most emoji) never split.
func ucs2Segments(body string) int {
	total, segs, used := 0, 1, 0
	for _, r := range body {
		w := 1
		if utf16.RuneLen(r) == 2 {
			w = 2
		}
		total += w
		if used+w > ucs2Part {
			segs++
			used = 0
		}
		used += w
	}
	if total <= ucs2Single {
		return 1
	}
	return segs
}
