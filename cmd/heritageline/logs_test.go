package main

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/internal/redistest"
	"github.com/heritage-line/heritageline/sim"
)

// TestLogsHoldNoNumberOrWords drives calls and texts with distinctive numbers,
// bodies and speech through the real server at debug level, including a spell
// with Redis down, and checks that no log line holds a phone number in any
// common form, an SMS body or a speech result (issue 8).
func TestLogsHoldNoNumberOrWords(t *testing.T) {
	rs := redistest.StartServer(t)
	// Short Redis timeouts keep the spell with Redis down quick.
	tl := startLine(t, lineOptions{redisURL: "redis://" + rs.Addr, env: map[string]string{
		"REDIS_DIAL_TIMEOUT": "100ms", "REDIS_READ_TIMEOUT": "100ms",
	}})

	// Residents, and the words they say or text. Each phrase has a word that
	// cannot appear in a log by chance.
	residents := []string{"+447700900731", "+447700900742", "+447700900753", "+447700900764", "+447700900775"}
	said := []string{"frome quixotic", "erm Great Yarmouth please marmalade", "platypus nonsense"}
	texted := []string{
		"BA11 1AT",
		"walks in Frome zeppelin",
		"please ring me on 07700 900786 aardvark",
		"what is on near Nottingham for my mum xylophone",
		"CALL me back kumquat",
	}
	secrets := append(append([]string{}, said...), texted[1:]...)
	secrets = append(secrets, "quixotic", "marmalade", "platypus", "zeppelin", "aardvark", "xylophone", "kumquat", "900786")

	call := func(from string, answer sim.Answer, moves ...string) {
		l := tl.sim(from)
		l.Volunteer = answer
		tl.call(l, script(moves...))
	}
	call(residents[0], sim.PressOne, said[0], "text me this", "next", "0")
	call(residents[1], sim.NoAnswer, "1", said[1], "0", "ring me back about walks marmalade")
	call(residents[2], sim.NoPress, said[2], said[2], "", "0", "")

	for i, body := range texted {
		l := tl.sim(residents[3+i%2])
		tl.text(l, body)
		tl.text(l, "MORE")
		tl.text(l, "2")
	}
	stopper := tl.sim(residents[4])
	tl.text(stopper, "STOP")
	tl.text(stopper, "START")

	ada := tl.sim(volunteerAda)
	ref := "C1"
	if m := regexp.MustCompile(`\bC\d+`).FindString(tl.text1(ada, "LIST")); m != "" {
		ref = m
	}
	tl.text(ada, "TAKE "+ref)
	tl.text(ada, "NOTE "+ref+" rang, no answer")
	tl.text(ada, "NOTES "+ref)
	tl.text(ada, "DONE "+ref)
	tl.text(ada, "OFF")
	tl.text(ada, "ON")

	// Redis fails every command: the errors logged now must be just as
	// careful. (An ACL that allows only PING fails each command at once,
	// where a stopped server would take a second or two a webhook while
	// go-redis retries.)
	rdb := redis.NewClient(&redis.Options{Addr: rs.Addr})
	defer rdb.Close()
	if err := rdb.Do(context.Background(), "ACL", "SETUSER", "default", "-@all", "+ping", "+hello", "+auth", "+client").Err(); err != nil {
		t.Fatalf("break redis: %v", err)
	}
	call(residents[0], sim.PressOne, said[0], "", "please ring me kumquat")
	call(residents[1], sim.PressOne, "0")
	tl.text(tl.sim(residents[3]), texted[3])
	tl.text(tl.sim(residents[4]), texted[4])
	tl.text(ada, "LIST")

	logs := tl.logs.String()
	lines := strings.Split(strings.TrimSpace(logs), "\n")
	if len(lines) < 20 {
		t.Fatalf("got %d log lines; want at least 20 (was the traffic logged at debug level?)", len(lines))
	}
	for i, line := range lines {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Errorf("log line %d is not JSON: %v", i+1, err)
		}
	}
	lower := strings.ToLower(logs)
	numbers := append(append([]string{}, residents...), volunteerAda, volunteerBen, "+447700900786")
	for _, n := range numbers {
		for _, form := range numberForms(n) {
			if strings.Contains(logs, form) {
				t.Errorf("the log holds the number %s as %q: %s", n, form, lineWith(lines, form))
			}
		}
	}
	for _, s := range secrets {
		if strings.Contains(lower, strings.ToLower(s)) {
			t.Errorf("the log holds what a resident said or texted, %q: %s", s, lineWith(lines, s))
		}
	}
}

// numberForms are the ways a UK number +447700900123 may be written:
// +447700900123, 447700900123, %2B447700900123, 07700900123, 07700 900123,
// 07700 900 123, +44 7700 900123 and 7700900123.
func numberForms(e164 string) []string {
	national := strings.TrimPrefix(e164, "+44") // 7700900123
	return []string{
		e164,
		"%2B" + e164[1:],
		e164[1:],
		"0" + national,
		"0" + national[:4] + " " + national[4:],
		"0" + national[:4] + " " + national[4:7] + " " + national[7:],
		"+44 " + national[:4] + " " + national[4:],
		national,
	}
}

// lineWith returns the first line containing s (ignoring case), for a
// failure message.
func lineWith(lines []string, s string) string {
	for _, l := range lines {
		if strings.Contains(strings.ToLower(l), strings.ToLower(s)) {
			return l
		}
	}
	return ""
}

func TestNumberForms(t *testing.T) {
	got := numberForms("+447700900123")
	want := []string{"+447700900123", "%2B447700900123", "447700900123", "07700900123", "07700 900123", "07700 900 123", "+44 7700 900123", "7700900123"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q; want %q", got, want)
	}
}
