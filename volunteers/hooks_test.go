package volunteers

import "time"

// ConnectAnswer lets the external tests see the Answer that follows a
// volunteer's 1 (connectAnswer) without a callback in Redis.
func (d *Desk) ConnectAnswer(ref, recording, resident string) Answer {
	return d.connectAnswer(ref, recording, resident)
}

// RingAnswer lets the external tests see what a volunteer hears when the
// line rings them for a callback (ringAnswer).
func (d *Desk) RingAnswer(ref, kind string, requested time.Time, hasMessage bool, activity string) Answer {
	return d.ringAnswer(ref, kind, requested, hasMessage, activity)
}
