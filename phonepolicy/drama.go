package phonepolicy

import (
	"fmt"
	"strings"
)

// Ofcom keeps these ranges for TV, radio and film drama ("Telephone numbers
// for drama purposes"): they will never be given to anyone, so the line's
// tests, demos and volunteer training use them. libphonenumber calls some of
// them invalid (07700 900xxx and 01632 960xxx); the policy reads each as the
// kind of number it imitates, so a premium-rate drama number is still
// refused as premium rate.
//
// The list as Ofcom publishes it, in national form (1,000 numbers each):
//
//	0113 496 0000-0999 Leeds          0114 496 0000-0999 Sheffield
//	0115 496 0000-0999 Nottingham     0116 496 0000-0999 Leicester
//	0117 496 0000-0999 Bristol        0118 496 0000-0999 Reading
//	0121 496 0000-0999 Birmingham     0131 496 0000-0999 Edinburgh
//	0141 496 0000-0999 Glasgow        0151 496 0000-0999 Liverpool
//	0161 496 0000-0999 Manchester     0191 498 0000-0999 Tyneside
//	020 7946 0000-0999 London         028 9649 6000-6999 Northern Ireland
//	029 2018 0000-0999 Cardiff        01632 960000-960999 no area
//	07700 900000-900999 mobile        08081 570000-570999 freephone
//	0909 879 0000-0999 premium rate   03069 990000-990999 UK-wide
//
// Source: Ofcom, "Telephone numbers for drama purposes" (ofcom.org.uk),
// checked against the copies quoted by area-codes.org.uk and the BBC
// (2015); the page itself could not be reached from where this was written.
// Northern Ireland's range was once 028 9018 0xxx; Ofcom now lists
// 028 9649 6xxx, and only that is here.
var dramaRanges = []struct {
	prefix string // E.164, up to the digits that vary
	kind   Kind
}{
	{"+441134960", FixedLine},
	{"+441144960", FixedLine},
	{"+441154960", FixedLine},
	{"+441164960", FixedLine},
	{"+441174960", FixedLine},
	{"+441184960", FixedLine},
	{"+441214960", FixedLine},
	{"+441314960", FixedLine},
	{"+441414960", FixedLine},
	{"+441514960", FixedLine},
	{"+441614960", FixedLine},
	{"+441914980", FixedLine},
	{"+442079460", FixedLine},
	{"+442896496", FixedLine},
	{"+442920180", FixedLine},
	{"+441632960", FixedLine},
	{"+447700900", Mobile},
	{"+448081570", TollFree},
	{"+449098790", PremiumRate},
	{"+443069990", UAN},
}

// dramaLen is the length of every drama number in E.164: +44 and ten digits.
const dramaLen = 13

// dramaKind returns the kind a drama number imitates, if e164 is one.
func dramaKind(e164 string) (Kind, bool) {
	if len(e164) != dramaLen {
		return Unknown, false
	}
	for _, r := range dramaRanges {
		if strings.HasPrefix(e164, r.prefix) {
			return r.kind, true
		}
	}
	return Unknown, false
}

// IsDrama reports whether e164 is in one of Ofcom's drama ranges.
func IsDrama(e164 string) bool {
	_, ok := dramaKind(e164)
	return ok
}

// DramaNumbers returns every number in Ofcom's drama ranges that a line
// allowing the UK may ring and text (Kind.Allowed: the geographic and
// mobile ranges, 17,000 numbers), in E.164, range by range: the residents
// a load generator or a demo may play without ever being anyone.
func DramaNumbers() []string {
	var out []string
	for _, r := range dramaRanges {
		if !r.kind.Allowed() {
			continue
		}
		width := dramaLen - len(r.prefix)
		count := 1
		for range width {
			count *= 10
		}
		for i := range count {
			out = append(out, fmt.Sprintf("%s%0*d", r.prefix, width, i))
		}
	}
	return out
}
