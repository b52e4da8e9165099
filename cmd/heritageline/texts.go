package main

import (
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/heritage-line/heritageline/config"
)

// lineTakesTexts says whether the line's own number can receive texts, so
// that callers are told they can text it (the goodbye, the answer to a
// caller whose number is hidden). LINE_TAKES_TEXTS=yes or no says so. With
// auto (the default) the demo's number does (the simulator texts it), and a
// real number does when libphonenumber calls it a mobile, or a number that
// may be one where the numbering plan does not tell them apart: a UK
// geographic (landline) or non-geographic number cannot receive texts.
// Ofcom's drama mobiles (07700 900xxx), which libphonenumber calls invalid,
// count as mobiles.
func lineTakesTexts(cfg config.Config) bool {
	switch cfg.LineTakesTexts {
	case "yes":
		return true
	case "no":
		return false
	}
	if cfg.DemoToken && cfg.PhoneNumber == config.DemoPhoneNumber {
		return true
	}
	return mobileNumber(cfg.PhoneNumber)
}

// mobileNumber reports whether number (E.164) is a mobile, or may be one.
func mobileNumber(number string) bool {
	if strings.HasPrefix(number, "+447700900") && len(number) == 13 {
		return true // Ofcom's drama mobiles
	}
	n, err := phonenumbers.Parse(number, "GB")
	if err != nil {
		return false
	}
	switch phonenumbers.GetNumberType(n) {
	case phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE:
		return true
	}
	return false
}
