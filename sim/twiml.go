package sim

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is one element of a TwiML document: its name, attributes, child
// elements in order, and all the text inside it (SSML tags inside a Say
// included): Text with runs of white space collapsed, Raw exactly as sent.
type node struct {
	Name     string
	Attrs    map[string]string
	Children []*node
	Text     string
	Raw      string
}

// attr returns the attribute name, or def when it is absent or empty.
func (n *node) attr(name, def string) string {
	if v := n.Attrs[name]; v != "" {
		return v
	}
	return def
}

// errNotTwiML is wrapped by parseTwiML when the body is not a TwiML
// <Response> document.
var errNotTwiML = errors.New("not a TwiML <Response> document")

// parseTwiML parses a TwiML document and returns its <Response> element.
// It returns an error wrapping errNotTwiML when the body is empty, is not
// well-formed XML, or has a root other than <Response>.
func parseTwiML(body []byte) (*node, error) {
	d := xml.NewDecoder(strings.NewReader(string(body)))
	var root *node
	var stack []*node
	var text, raw []*strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errNotTwiML, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{Name: t.Name.Local, Attrs: make(map[string]string, len(t.Attr))}
			for _, a := range t.Attr {
				n.Attrs[a.Name.Local] = a.Value
			}
			if t.Name.Local == "break" { // an SSML pause parts the words either side
				for _, b := range text {
					b.WriteByte(' ')
				}
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("%w: more than one root element", errNotTwiML)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			}
			stack = append(stack, n)
			text = append(text, &strings.Builder{})
			raw = append(raw, &strings.Builder{})
		case xml.EndElement:
			n := stack[len(stack)-1]
			n.Text = strings.Join(strings.Fields(text[len(text)-1].String()), " ")
			n.Raw = raw[len(raw)-1].String()
			stack, text, raw = stack[:len(stack)-1], text[:len(text)-1], raw[:len(raw)-1]
		case xml.CharData:
			for _, b := range raw {
				b.Write(t)
			}
			for _, b := range text {
				b.Write(t)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("%w: no root element", errNotTwiML)
	}
	if root.Name != "Response" {
		return nil, fmt.Errorf("%w: root element is <%s>", errNotTwiML, root.Name)
	}
	return root, nil
}
