package main

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/redisstore"
	"github.com/heritage-line/heritageline/outbound"
)

// watchStats exposes counters the parts keep themselves (read when
// /metrics is scraped): searches answered from memory because Redis failed,
// and what the outbound guards sent and refused.
func (l *line) watchStats(store *redisstore.Store, sender *outbound.Sender) {
	reg := l.metrics.Registry()
	reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "heritageline_catalogue_memory_answers_total",
		Help: "Searches answered from the catalogue held in memory because Redis failed or was slow.",
	}, func() float64 { return float64(store.Stats().Fallbacks) }))
	reg.MustRegister(&outboundCollector{sender: sender, desc: prometheus.NewDesc(
		"heritageline_outbound_total",
		"Texts and calls the line asked Twilio for, by result: sent, failed, or refused by a guard.",
		[]string{"kind", "result"}, nil)})
}

// watchRefresher exposes a held catalogue reload: 1 for the reason the
// catalogue in service is being kept instead of the source's, 0 otherwise.
func (l *line) watchRefresher() {
	for _, reason := range []catalogue.HoldReason{catalogue.HoldCutOff, catalogue.HoldDrop} {
		l.metrics.Registry().MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name:        "heritageline_catalogue_held",
			Help:        "1 while the last catalogue reload was held (the source cut off, or removing too much at once) and the catalogue in service kept; the log says what was held.",
			ConstLabels: prometheus.Labels{"reason": string(reason)},
		}, func() float64 {
			if l.refresher.Status().Held.Reason == reason {
				return 1
			}
			return 0
		}))
	}
}

type outboundCollector struct {
	sender *outbound.Sender
	desc   *prometheus.Desc
}

func (c *outboundCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *outboundCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.sender.Stats()
	for _, v := range []struct {
		kind, result string
		n            int64
	}{
		{"text", "sent", s.Texts},
		{"call", "sent", s.Calls},
		{"any", "failed", s.Failed},
		{"any", "refused_country", s.RefusedCountry},
		{"text", "refused_opt_out", s.RefusedOptOut},
		{"text", "refused_per_number", s.RefusedPerNumber},
		{"text", "refused_global_cap", s.RefusedGlobal},
	} {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(v.n), v.kind, v.result)
	}
}
