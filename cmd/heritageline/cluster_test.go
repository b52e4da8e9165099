package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/redistest"
)

// TestRedisCluster runs the line on a real three-node Redis Cluster on
// loopback ports, reached through a cluster REDIS_URL, and walks a text
// conversation, a call and a callback through it (issue 8). It is skipped
// only when redis-server is missing and HL_REQUIRE_REDIS is not 1.
func TestRedisCluster(t *testing.T) {
	nodes := redistest.StartCluster(t, 3)
	u := "redis://" + nodes[0] + "?addr=" + strings.Join(nodes[1:], "&addr=")
	tl := startLine(t, lineOptions{redisURL: u})
	isActivity := activityIn(titles(t))

	t.Run("text", func(t *testing.T) {
		l := tl.sim("+447700900801")
		if r := tl.text1(l, "BA11 1AT"); !strings.Contains(r, "\n1 ") {
			t.Errorf("reply to a postcode %q: want a list", r)
		}
		if r := tl.text1(l, "MORE"); !strings.Contains(r, "6 ") && !strings.Contains(r, "That's all") {
			t.Errorf("MORE: got %q; want page two or the end", r)
		}
		if r := tl.text1(l, "1"); !isActivity(r) {
			t.Errorf("1: got %q; want an activity's details", r)
		}
	})

	t.Run("call", func(t *testing.T) {
		tr := tl.call(tl.sim("+447700900802"), script("frome", "next", "text me this", "9"))
		checkSpeech(t, tr)
		if n := tr.WordsBefore(isActivity); n < 0 || n > 60 {
			t.Errorf("heard %d words before the first activity; want 0 to 60", n)
		}
		if !tr.Heard("sent it to your phone") {
			t.Errorf("never heard the text was sent; heard %q", tr.Said())
		}
	})

	t.Run("callback", func(t *testing.T) {
		reply := tl.text1(tl.sim("+447700900803"), "CALL")
		m := regexp.MustCompile(`reference is (C\d+)`).FindStringSubmatch(reply)
		if m == nil {
			t.Fatalf("CALL: got %q; want a reference", reply)
		}
		ada := tl.sim(volunteerAda)
		if r := tl.text1(ada, "LIST"); !strings.Contains(r, m[1]) {
			t.Errorf("LIST: got %q; want %s", r, m[1])
		}
		if r := tl.text1(ada, "TAKE "+m[1]); !strings.Contains(r, "is yours") {
			t.Errorf("TAKE %s: got %q; want it to be Ada's", m[1], r)
		}
		if r := tl.text1(ada, "DONE "+m[1]); !strings.Contains(r, "closed") {
			t.Errorf("DONE %s: got %q; want it closed", m[1], r)
		}
	})

	// Every node holds some of the line's keys.
	for _, addr := range nodes {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		n, err := rdb.DBSize(context.Background()).Result()
		rdb.Close()
		if err != nil {
			t.Errorf("dbsize on %s: %v", addr, err)
		} else if n == 0 {
			t.Errorf("node %s holds no keys; want the line's data spread over the cluster", addr)
		}
	}
}
