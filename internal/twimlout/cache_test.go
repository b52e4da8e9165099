package twimlout

import (
	"bytes"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/twilio/twilio-go/twiml"
)

// A document from the cache is the one Write makes, the first time and
// every time after.
func TestCacheSameAsWrite(t *testing.T) {
	var c Cache
	for round := range 3 {
		for name, verbs := range documents() {
			var want, got bytes.Buffer
			if err := Write(&want, verbs); err != nil {
				t.Fatal(err)
			}
			if err := c.Write(&got, verbs); err != nil {
				t.Fatal(err)
			}
			if canonical(t, got.String()) != canonical(t, want.String()) {
				t.Errorf("round %d, %s:\ngot  %s\nwant %s", round, name, got.String(), want.String())
			}
		}
	}
	if len(c.docs) != len(documents()) {
		t.Errorf("cache holds %d documents; want %d", len(c.docs), len(documents()))
	}
}

// Every field of every verb the line uses is part of the key: change any
// one, in a verb or in one inside it, and the key changes, so the cache can
// never answer with another document.
func TestCacheKeyHasEveryField(t *testing.T) {
	verbs := []twiml.Element{
		twiml.VoiceSay{}, twiml.VoiceGather{}, twiml.VoiceRedirect{}, twiml.VoiceDial{},
		twiml.VoiceNumber{}, twiml.VoiceHangup{}, twiml.VoicePause{}, twiml.VoiceRecord{},
		twiml.VoicePlay{}, twiml.MessagingMessage{},
	}
	for _, v := range verbs {
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			if typ.Field(i).Type.Kind() != reflect.String {
				continue
			}
			changed := reflect.New(typ).Elem()
			changed.Field(i).SetString("x")
			for _, pair := range [][2][]twiml.Element{
				{{v}, {changed.Interface().(twiml.Element)}},
				{{twiml.VoiceGather{InnerElements: []twiml.Element{v}}},
					{twiml.VoiceGather{InnerElements: []twiml.Element{changed.Interface().(twiml.Element)}}}},
			} {
				a, okA := keyOf(pair[0])
				b, okB := keyOf(pair[1])
				if !okA || !okB {
					t.Fatalf("%s: not cacheable", typ)
				}
				if a == b {
					t.Errorf("%s.%s is not part of the key", typ, typ.Field(i).Name)
				}
			}
		}
	}
	// Two verbs' fields cannot run together into one key.
	a, _ := keyOf([]twiml.Element{twiml.VoiceSay{Message: "ab"}, twiml.VoiceSay{Message: "c"}})
	b, _ := keyOf([]twiml.Element{twiml.VoiceSay{Message: "a"}, twiml.VoiceSay{Message: "bc"}})
	if a == b {
		t.Error("two different lists of Says have one key")
	}
}

// A verb with OptionalAttributes is written each time, not cached.
func TestCacheSkipsOptionalAttributes(t *testing.T) {
	var c Cache
	verbs := []twiml.Element{twiml.VoiceSay{Message: "Hello", OptionalAttributes: map[string]string{"x": "y"}}}
	var got bytes.Buffer
	if err := c.Write(&got, verbs); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(got.Bytes(), []byte(`x="y"`)) || len(c.docs) != 0 {
		t.Errorf("got %s with %d cached; want the attribute and nothing cached", got.String(), len(c.docs))
	}
}

// The cache never holds more than maxEntries documents, and many callers
// may use it at once.
func TestCacheBounded(t *testing.T) {
	var c Cache
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range maxEntries {
				verbs := []twiml.Element{twiml.VoiceSay{Message: fmt.Sprintf("document %d", i)}}
				var got bytes.Buffer
				if err := c.Write(&got, verbs); err != nil {
					t.Error(err)
					return
				}
				if want := fmt.Sprintf("document %d", i); !bytes.Contains(got.Bytes(), []byte(want)) {
					t.Errorf("goroutine %d: got %s; want %q in it", g, got.String(), want)
					return
				}
			}
		})
	}
	wg.Wait()
	var got bytes.Buffer
	c.Write(&got, []twiml.Element{twiml.VoiceSay{Message: "one more"}})
	if n := len(c.docs); n > maxEntries || n == 0 {
		t.Errorf("cache holds %d documents; want 1 to %d", n, maxEntries)
	}
}

func BenchmarkCacheWrite(b *testing.B) {
	verbs := documents()["gather"]
	var c Cache
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := c.Write(&out, verbs); err != nil {
			b.Fatal(err)
		}
	}
}
