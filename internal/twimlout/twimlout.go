// Package twimlout writes TwiML built with twilio-go's twiml package
// straight to a response. twiml.Voice and twiml.Messages build the same
// document but give it back as a string, through a 4 KB buffer allocated for
// every document and a copy; on the line's busiest path that was the largest
// single allocation of a webhook. Write builds the document with the twiml
// package's own CreateDocument and AddAllVerbs and serialises it with etree's
// writer into a pooled buffer, so the bytes are the same as theirs. A Cache
// keeps documents already written, for those sent again and again.
package twimlout

import (
	"bufio"
	"bytes"
	"io"
	"sync"

	"github.com/twilio/twilio-go/twiml"
)

type renderer struct {
	buf bytes.Buffer
	bw  *bufio.Writer
}

var renderers = sync.Pool{New: func() any {
	r := &renderer{}
	r.bw = bufio.NewWriter(&r.buf)
	return r
}}

// maxPooled is the largest buffer put back in the pool: a rare huge
// document is not kept for ever.
const maxPooled = 64 << 10

// Write writes verbs as a TwiML document (a <Response> holding them) to w
// in one Write, exactly as twiml.Voice or twiml.Messages would render it.
func Write(w io.Writer, verbs []twiml.Element) error {
	r := renderers.Get().(*renderer)
	defer put(r)
	if err := r.render(verbs); err != nil {
		return err
	}
	_, err := w.Write(r.buf.Bytes())
	return err
}

// render builds the document of verbs in r.buf.
func (r *renderer) render(verbs []twiml.Element) error {
	doc, response := twiml.CreateDocument()
	twiml.AddAllVerbs(response, verbs)
	r.buf.Reset()
	r.bw.Reset(&r.buf)
	for _, t := range doc.Child {
		t.WriteTo(r.bw, &doc.WriteSettings)
	}
	return r.bw.Flush()
}

// put returns r to the pool unless its buffer grew huge.
func put(r *renderer) {
	if r.buf.Cap() <= maxPooled {
		renderers.Put(r)
	}
}
