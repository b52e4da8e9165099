package metrics

import (
	"context"

	"github.com/heritage-line/heritageline/figures"
)

var _ figures.Recorder = (*Metrics)(nil)

// Record counts a figures event: a contact by channel, a search (and a
// search that found nothing) by channel, details given or texted, and
// handoffs and callbacks by outcome. Channels other than voice and sms, and
// outcomes other than the ones the figures know, count as "other". It never
// looks at the event's Person, Area or activity ids, so metrics hold nothing
// about who asked or where.
func (m *Metrics) Record(_ context.Context, e figures.Event) {
	ch := channel(e.Channel)
	switch e.Kind {
	case figures.Contact:
		m.contacts.WithLabelValues(ch).Inc()
	case figures.Search:
		m.searches.WithLabelValues(ch).Inc()
		if e.Zero {
			m.zeroSearches.WithLabelValues(ch).Inc()
		}
	case figures.Details:
		m.details.WithLabelValues(ch, "details").Inc()
	case figures.Texted:
		m.details.WithLabelValues(ch, "texted").Inc()
	case figures.Handoff:
		m.handoffs.WithLabelValues(known(e.Outcome, "asked", "answered", "missed")).Inc()
	case figures.Callback:
		m.callbacks.WithLabelValues(known(e.Outcome, "requested", "taken", "done")).Inc()
	}
}

func channel(c figures.Channel) string {
	switch c {
	case figures.Voice, figures.SMS:
		return string(c)
	}
	return "other"
}

// known returns s when it is one of want, otherwise "other".
func known(s string, want ...string) string {
	for _, w := range want {
		if s == w {
			return s
		}
	}
	return "other"
}
