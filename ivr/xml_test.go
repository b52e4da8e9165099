package ivr

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden TwiML files under testdata/")

// node is a parsed XML element: attribute order does not matter (twilio-go
// writes attributes in random order), so TwiML is compared as nodes.
type node struct {
	Name  string
	Attrs map[string]string
	Text  string
	Kids  []*node
}

func parseXML(t testing.TB, body []byte) *node {
	t.Helper()
	n, err := parseNode(body)
	if err != nil {
		t.Fatalf("parse TwiML: %v\n%s", err, body)
	}
	return n
}

func parseNode(body []byte) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	var stack []*node
	var root *node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{Name: tok.Name.Local, Attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.Attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Kids = append(p.Kids, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += strings.TrimSpace(string(tok))
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no root element")
	}
	return root, nil
}

// canonical writes n with sorted attributes, one element a line, for golden
// files that diff well.
func (n *node) canonical() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	n.write(&b, 0)
	return b.String()
}

func (n *node) write(b *strings.Builder, depth int) {
	ind := strings.Repeat("  ", depth)
	b.WriteString(ind + "<" + n.Name)
	keys := make([]string, 0, len(n.Attrs))
	for k := range n.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var v bytes.Buffer
		xml.EscapeText(&v, []byte(n.Attrs[k]))
		fmt.Fprintf(b, ` %s="%s"`, k, v.String())
	}
	if n.Text == "" && len(n.Kids) == 0 {
		b.WriteString("/>\n")
		return
	}
	b.WriteString(">")
	if n.Text != "" {
		var v bytes.Buffer
		xml.EscapeText(&v, []byte(n.Text))
		b.WriteString(v.String())
	}
	if len(n.Kids) > 0 {
		b.WriteString("\n")
		for _, k := range n.Kids {
			k.write(b, depth+1)
		}
		b.WriteString(ind)
	}
	b.WriteString("</" + n.Name + ">\n")
}

// all returns every element named name, depth first.
func (n *node) all(name string) []*node {
	var out []*node
	if n.Name == name {
		out = append(out, n)
	}
	for _, k := range n.Kids {
		out = append(out, k.all(name)...)
	}
	return out
}

// spoken is every Say's text, in order, joined by spaces.
func (n *node) spoken() string {
	var ss []string
	for _, s := range n.all("Say") {
		ss = append(ss, s.Text)
	}
	return strings.Join(ss, " ")
}

// golden compares got with testdata/<name>.xml as parsed XML, or rewrites the
// file with -update.
func golden(t *testing.T, name string, got *node) {
	t.Helper()
	path := filepath.Join("testdata", name+".xml")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got.canonical()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run go test ./ivr -update)", path, err)
	}
	want := parseXML(t, b)
	if g, w := got.canonical(), want.canonical(); g != w {
		t.Errorf("TwiML differs from %s (run go test ./ivr -update if the change is intended)\ngot:\n%s\nwant:\n%s", path, g, w)
	}
}
