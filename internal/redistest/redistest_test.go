package redistest

import (
	"context"
	"testing"
)

func TestStart(t *testing.T) {
	rdb, _ := Start(t)
	if err := rdb.Set(context.Background(), "k", "v", 0).Err(); err != nil {
		t.Fatalf("set: %v", err)
	}
	got, err := rdb.Get(context.Background(), "k").Result()
	if err != nil || got != "v" {
		t.Fatalf("get = %q, %v; want v", got, err)
	}
}
