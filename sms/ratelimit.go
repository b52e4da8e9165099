package sms

// verdict is what the rate limit allows for the reply to one more text.
type verdict int

const (
	allow verdict = iota // reply as usual
	warn                 // say once that the line will be quiet for a while
	quiet                // send nothing
)

// rateKey counts the texts from the texter with this hash that may get a
// reply (all but the opt-out words), in the hour from the first.
func rateKey(hash string) string { return "sms:rate:" + hash }

// judge turns n, the texts counted this hour with this one, into a verdict:
// RepliesPerHour replies, then one "quiet for a while", then silence until
// the hour is over. n is 0 when the count failed, and the reply is allowed.
// The count is one atomic Redis increment, exact across instances, made in
// the same round trip as the texter's state is read, so a texter over the
// limit costs no search.
func (l *Line) judge(n int64) verdict {
	switch limit := int64(l.cfg.RepliesPerHour); {
	case n <= limit:
		return allow
	case n == limit+1:
		return warn
	}
	return quiet
}
