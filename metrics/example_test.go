package metrics_test

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/metrics"
	"github.com/redis/go-redis/v9"
)

// Wiring the figures and the metrics together: every event goes to both, a
// figures write that fails counts as a Redis error, and the webhooks are
// instrumented by route.
func Example() {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{"127.0.0.1:6379"}})
	m := metrics.New()

	rec := figures.Multi(
		figures.NewRedis(rdb, figures.Options{
			Retention: 396 * 24 * time.Hour, // RETENTION_DAYS
			OnError:   m.RedisErrorFunc("figures"),
		}, log),
		m,
	)
	rec.Record(context.Background(), figures.Event{Channel: figures.SMS, Kind: figures.Contact})

	var voice, sms http.Handler // the ivr and sms lines
	mux := http.NewServeMux()
	mux.Handle("POST /twilio/voice", m.Instrument("voice", voice))
	mux.Handle("POST /twilio/sms", m.Instrument("sms", sms))
	mux.Handle("GET /metrics", m.Handler())
}
