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
	p := packer{part: gsmPart, parts: 1}
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
		p.add(w)
	}
	return p.segments(gsmSingle), true
}

// ucs2Segments counts body's UCS-2 segments: 70 UTF-16 code units in one,
// or 67 per part, a surrogate pair (most emoji) never split.
func ucs2Segments(body string) int {
	p := packer{part: ucs2Part, parts: 1}
	for _, r := range body {
		if utf16.RuneLen(r) == 2 {
			p.add(2)
		} else {
			p.add(1)
		}
	}
	return p.segments(ucs2Single)
}

// packer packs characters, each w units wide, greedily into parts of part
// units, never splitting one. It starts with one part.
type packer struct {
	part, total, parts, used int
}

func (p *packer) add(w int) {
	p.total += w
	if p.used+w > p.part {
		p.parts++
		p.used = 0
	}
	p.used += w
}

// segments is how many segments the characters need: one if all fit in
// single units, else the parts.
func (p *packer) segments(single int) int {
	if p.total <= single {
		return 1
	}
	return p.parts
}
