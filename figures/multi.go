package figures

import "context"

// multi records each event with every one of its recorders in turn.
type multi []Recorder

// Multi returns a Recorder that passes each event to every one of rs, in
// order (for example the Redis figures and the Prometheus metrics). Nil
// recorders are skipped; with none left it records nothing.
func Multi(rs ...Recorder) Recorder {
	var m multi
	for _, r := range rs {
		if r != nil {
			m = append(m, r)
		}
	}
	return m
}

// Record passes e to each recorder.
func (m multi) Record(ctx context.Context, e Event) {
	for _, r := range m {
		r.Record(ctx, e)
	}
}
