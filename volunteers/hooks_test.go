package volunteers

// ConnectAnswer lets the external tests see the Answer that follows a
// volunteer's 1 (connectAnswer) without a callback in Redis.
func (d *Desk) ConnectAnswer(ref, recording, resident string) Answer {
	return d.connectAnswer(ref, recording, resident)
}
