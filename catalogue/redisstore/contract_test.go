package redisstore

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/cataloguetest"
)

// TestFinder runs the Finder contract on a real redis-server and on
// miniredis. Each catalogue is loaded by one instance and searched by another,
// which has to read it from Redis.
func TestFinder(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		n := 0
		cataloguetest.TestFinder(t, func(t *testing.T, acts []catalogue.Activity) catalogue.Finder {
			n++
			opts := Options{Prefix: "{hl:cat" + string(rune('a'+n)) + "}"}
			if _, err := newStore(t, rdb, opts).Replace(context.Background(), acts); err != nil {
				t.Fatalf("Replace: %v", err)
			}
			return newStore(t, rdb, opts)
		})
	})
}
