package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/config"
)

func TestOpenRedisTopology(t *testing.T) {
	tests := []struct {
		url     string
		want    string // the client's type
		wantErr bool
	}{
		{"redis://localhost:6379/0", "*redis.Client", false},
		{"rediss://:secret@redis.example:6380/1?dial_timeout=2s", "*redis.Client", false},
		{"redis://:secret@s1:26379?master_name=mymaster&addr=s2:26379", "*redis.Client", false}, // a failover client is a *redis.Client
		{"redis://:secret@n1:6379?addr=n2:6379&addr=n3:6379", "*redis.ClusterClient", false},
		{"redis://:secret@host:6379?no_such_option=1", "", true},
		{"redis://:secret@host:6379?addr=n2:6379&no_such_option=1", "", true},
		{"redis://:secret@s1:26379?master_name=m&no_such_option=1", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			c, closeRedis, err := openRedis(context.Background(), config.Config{RedisURL: tt.url, RedisPoolSize: 7}, slog.Default())
			if tt.wantErr {
				if err == nil {
					closeRedis()
					t.Fatalf("got no error; want one")
				}
				if strings.Contains(err.Error(), "secret") {
					t.Errorf("error %q shows the password", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("got %v; want nil", err)
			}
			defer closeRedis()
			if got := fmt.Sprintf("%T", c); got != tt.want {
				t.Errorf("client: got %s; want %s", got, tt.want)
			}
			if cl, ok := c.(*redis.Client); ok && cl.Options().PoolSize != 7 {
				t.Errorf("pool size = %d; want REDIS_POOL_SIZE 7", cl.Options().PoolSize)
			}
		})
	}
}

func TestAutoPipeline(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	defer rdb.Close()
	log := slog.New(slog.DiscardHandler)

	shared, closeShared := autoPipeline(rdb, true, log)
	ap, ok := shared.(*redis.AutoPipeliner)
	if !ok || ap.IsBlocking() {
		t.Fatalf("REDIS_AUTOPIPELINE true: got %T (blocking %v); want the autopipeliner's deferred face", shared, ok && ap.IsBlocking())
	}
	if got := ap.Config().MaxQueuedCommands; got != maxQueuedCommands {
		t.Errorf("autopipeliner holds up to %d commands; want the bound %d", got, maxQueuedCommands)
	}
	closeShared()

	if shared, _ := autoPipeline(rdb, false, log); shared != redis.UniversalClient(rdb) {
		t.Errorf("REDIS_AUTOPIPELINE false: got %T; want the client itself", shared)
	}
}
