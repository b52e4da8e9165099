package outbound

import "sync/atomic"

// Stats counts what this Sender has done since it started, for metrics.
type Stats struct {
	Texts            int64 // texts Twilio accepted
	Calls            int64 // calls Twilio accepted
	Failed           int64 // texts and calls Twilio refused or could not be reached for
	RefusedCountry   int64 // refused by the number policy (phonepolicy): country, kind or not a number
	RefusedOptOut    int64 // refused: the number opted out
	RefusedPerNumber int64 // refused: per-number hourly cap
	RefusedGlobal    int64 // refused: global hourly cap
}

type counters struct {
	texts, calls, failed                                           atomic.Int64
	refusedCountry, refusedOptOut, refusedPerNumber, refusedGlobal atomic.Int64
}

// Stats returns the counts so far. Safe for concurrent use.
func (s *Sender) Stats() Stats {
	c := &s.stats
	return Stats{
		Texts:            c.texts.Load(),
		Calls:            c.calls.Load(),
		Failed:           c.failed.Load(),
		RefusedCountry:   c.refusedCountry.Load(),
		RefusedOptOut:    c.refusedOptOut.Load(),
		RefusedPerNumber: c.refusedPerNumber.Load(),
		RefusedGlobal:    c.refusedGlobal.Load(),
	}
}
