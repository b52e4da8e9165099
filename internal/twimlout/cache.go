package twimlout

import (
	"encoding/binary"
	"io"
	"reflect"
	"sync"

	"github.com/twilio/twilio-go/twiml"
)

// Cache keeps the bytes of documents already written, keyed by their
// content, so the documents a line sends most (the greeting, the first
// question, each the same for every caller) are built once. It holds at
// most maxEntries documents of at most maxDocument bytes, and starts again
// empty when full. The zero Cache is ready to use and safe for concurrent
// use.
type Cache struct {
	mu   sync.RWMutex
	docs map[string][]byte
}

const (
	maxEntries  = 512
	maxDocument = 16 << 10
)

// Write writes verbs as Write does, from the cache when the same verbs were
// written before.
func (c *Cache) Write(w io.Writer, verbs []twiml.Element) error {
	key, ok := keyOf(verbs)
	if !ok {
		return Write(w, verbs)
	}
	c.mu.RLock()
	doc, hit := c.docs[key]
	c.mu.RUnlock()
	if hit {
		_, err := w.Write(doc)
		return err
	}
	r := renderers.Get().(*renderer)
	defer put(r)
	if err := r.render(verbs); err != nil {
		return err
	}
	if r.buf.Len() <= maxDocument {
		doc := append([]byte(nil), r.buf.Bytes()...)
		c.mu.Lock()
		if len(c.docs) >= maxEntries || c.docs == nil {
			c.docs = make(map[string][]byte, maxEntries)
		}
		c.docs[key] = doc
		c.mu.Unlock()
	}
	_, err := w.Write(r.buf.Bytes())
	return err
}

// keyOf encodes every field of verbs (their kind, each string field
// length-prefixed, their inner elements in turn), so two lists of verbs have
// the same key only if they make the same document. It reports false for a
// verb that is not a struct of strings and inner elements (such as one with
// OptionalAttributes set), which is then not cached.
func keyOf(verbs []twiml.Element) (string, bool) {
	b := make([]byte, 0, 1024)
	b, ok := appendKey(b, verbs)
	return string(b), ok
}

var elementsType = reflect.TypeFor[[]twiml.Element]()

func appendKey(b []byte, verbs []twiml.Element) ([]byte, bool) {
	b = binary.AppendUvarint(b, uint64(len(verbs)))
	for _, v := range verbs {
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Pointer && !rv.IsNil() {
			rv = rv.Elem()
		}
		if rv.Kind() != reflect.Struct {
			return b, false
		}
		b = appendString(b, rv.Type().String())
		for i := range rv.NumField() {
			f := rv.Field(i)
			switch {
			case f.Kind() == reflect.String:
				b = appendString(b, f.String())
			case f.Type() == elementsType:
				var ok bool
				if b, ok = appendKey(b, f.Interface().([]twiml.Element)); !ok {
					return b, false
				}
			case f.Kind() == reflect.Map && f.Len() == 0:
				// OptionalAttributes unset
			default:
				return b, false
			}
		}
	}
	return b, true
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}
