package redisstore

import (
	"fmt"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

func TestNewClient(t *testing.T) {
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
		{"http://host", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			c, err := NewClient(tt.url)
			if tt.wantErr {
				if err == nil {
					c.Close()
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
			defer c.Close()
			if got := fmt.Sprintf("%T", c); got != tt.want {
				t.Errorf("client: got %s; want %s", got, tt.want)
			}
			var _ redis.UniversalClient = c
		})
	}
}
