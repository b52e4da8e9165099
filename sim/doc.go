// Package sim is a small TwiML client that behaves like Twilio towards the
// line: it signs and posts the voice and SMS webhooks Twilio would send,
// interprets the TwiML it gets back (Say, Play, Pause, Gather, Redirect, Dial
// with screened Number legs, Record, Hangup), and plays the caller's part from
// a script or a terminal.
//
// The `heritageline call` and `heritageline text` commands and every
// end-to-end test drive the line through a [Line]. Nothing here reaches
// Twilio: the simulator is Twilio, as far as the line can tell.
package sim
