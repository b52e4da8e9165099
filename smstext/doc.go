// Package smstext fits text to SMS: GSM-7 normalisation, exact segment counts,
// and fitting a list or a long text into a few segments. What a text says is
// the book of words' (package words).
//
// Every reply the line texts is at most MaxSegments segments. Text is kept in
// GSM-7 wherever a plain equivalent exists, because one character outside it
// (a curly apostrophe, say) turns the whole message to UCS-2 and more than
// halves the room.
package smstext

// MaxSegments is the most segments any reply may take.
const MaxSegments = 3
