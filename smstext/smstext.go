// Package smstext fits text to SMS: GSM-7 normalisation, exact segment counts,
// and the SMS wording of activities, shared by the SMS line and the voice
// line's "send me this by text".
//
// STUB: the API below is fixed; the implementation is being written.
package smstext

import (
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// Details is the full SMS text of one activity: title, organisation, where,
// when (schedule and next date), cost, access, booking phone, booking or
// referral needed. It is GSM-7 where possible and at most three segments.
func Details(r catalogue.Result, now time.Time) string { return r.Activity.Title }

// Segments returns how many SMS segments body needs (GSM-7 160/153 with the
// extension table counting double, or UCS-2 70/67).
func Segments(body string) int { return 1 }
