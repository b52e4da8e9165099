package csvfile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding is a character encoding a catalogue file may be written in.
type Encoding string

// The encodings Excel and other spreadsheets write text files in.
const (
	UTF8        Encoding = "UTF-8"        // "CSV UTF-8", and most other programs
	UTF16LE     Encoding = "UTF-16LE"     // Excel's "Unicode text" (tab-separated)
	UTF16BE     Encoding = "UTF-16BE"     // the same, big-endian
	Windows1252 Encoding = "Windows-1252" // Excel's plain "CSV" on a UK or US Windows
)

// Text says how a catalogue text file is written, as sniffed from its bytes:
// its encoding, whether it starts with a byte-order mark, and the character
// between its fields.
type Text struct {
	Encoding Encoding
	BOM      bool
	Comma    rune // ',', ';' or '\t'
}

// String is the form as a coordinator would name it: "UTF-16LE with a
// byte-order mark, tab-separated".
func (t Text) String() string {
	s := string(t.Encoding)
	if t.BOM {
		s += " with a byte-order mark"
	}
	switch t.Comma {
	case ';':
		s += ", semicolon-separated"
	case '\t':
		s += ", tab-separated"
	default:
		s += ", comma-separated"
	}
	return s
}

// headBytes is how much of a file the sniffer looks at for byte-order marks,
// UTF-16 without one and the header row.
const headBytes = 64 << 10

// textStats is what one pass over a file's bytes tells: its line ends (a
// hint for sizing), whether all of it is valid UTF-8, and its first bytes.
type textStats struct {
	lines     int
	validUTF8 bool
	head      []byte
}

// scanText reads r to its end for textStats.
func scanText(r io.Reader) (textStats, error) {
	var st textStats
	var v utf8Check
	buf := make([]byte, 64<<10)
	for {
		k, err := r.Read(buf)
		if k > 0 {
			st.lines += bytes.Count(buf[:k], []byte{'\n'})
			if len(st.head) < headBytes {
				st.head = append(st.head, buf[:min(k, headBytes-len(st.head))]...)
			}
			v.write(buf[:k])
		}
		if err == io.EOF {
			st.validUTF8 = v.valid()
			return st, nil
		}
		if err != nil {
			return st, err
		}
	}
}

// utf8Check tells whether a stream of chunks is valid UTF-8, a character
// split between two chunks included.
type utf8Check struct {
	carry []byte // the start of a character cut by the end of a chunk
	bad   bool
}

func (c *utf8Check) write(p []byte) {
	if c.bad {
		return
	}
	if len(c.carry) > 0 {
		p = append(c.carry, p...)
		c.carry = nil
	}
	cut := len(p)
	for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(p[i]) {
			if !utf8.FullRune(p[i:]) {
				cut = i
			}
			break
		}
	}
	if !utf8.Valid(p[:cut]) {
		c.bad = true
		return
	}
	c.carry = append([]byte(nil), p[cut:]...)
}

func (c *utf8Check) valid() bool { return !c.bad && len(c.carry) == 0 }

// sniffEncoding tells a file's encoding from its first bytes and whether the
// whole is valid UTF-8: a byte-order mark decides; without one, UTF-16 shows
// as a zero byte beside most ASCII characters; text that is not valid UTF-8
// is taken as Windows-1252, which Excel writes on UK Windows machines.
func sniffEncoding(head []byte, validUTF8 bool) (Encoding, bool) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return UTF8, true
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return UTF16LE, true
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return UTF16BE, true
	}
	if e, ok := sniffUTF16(head); ok {
		return e, false
	}
	if validUTF8 {
		return UTF8, false
	}
	return Windows1252, false
}

// sniffUTF16 recognises UTF-16 without a byte-order mark: in the text of a
// catalogue (mostly ASCII) nearly every other byte is zero, on the odd side
// for little-endian and the even side for big-endian. Text in an 8-bit
// encoding or UTF-8 has no zero bytes at all.
func sniffUTF16(head []byte) (Encoding, bool) {
	n := len(head) &^ 1
	if n < 4 {
		return "", false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*2 > pairs && even*10 < pairs:
		return UTF16LE, true
	case even*2 > pairs && odd*10 < pairs:
		return UTF16BE, true
	}
	return "", false
}

// decode returns r's text as UTF-8, without a byte-order mark. UTF-8 text
// is passed through as it is; the others go through golang.org/x/text's
// decoders.
func decode(r io.Reader, enc Encoding, bom bool) io.Reader {
	switch {
	case enc == UTF8 && bom:
		return transform.NewReader(r, unicode.UTF8BOM.NewDecoder())
	case enc == UTF8:
		return r
	case enc == UTF16LE:
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder())
	case enc == UTF16BE:
		return transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder())
	}
	return transform.NewReader(r, charmap.Windows1252.NewDecoder())
}

// separators are the characters a catalogue's fields may be separated by,
// in the order preferred when the header cannot tell them apart.
var separators = []rune{',', ';', '\t'}

// sniffComma tells the character between fields from the header row at the
// start of text (UTF-8): the separator that splits it into the most names of
// known columns, then into the most fields. Excel writes semicolons where
// the decimal mark is a comma, and tabs in "Unicode text".
func sniffComma(text []byte) rune {
	header := headerLine(text)
	best, bestKnown, bestFields := ',', -1, 0
	for _, sep := range separators {
		cr := csv.NewReader(strings.NewReader(header))
		cr.Comma, cr.LazyQuotes, cr.FieldsPerRecord = sep, true, -1
		fields, err := cr.Read()
		if err != nil {
			continue
		}
		known := 0
		for _, f := range fields {
			if slices.Contains(Columns, normaliseColumn(f)) {
				known++
			}
		}
		if known > bestKnown || known == bestKnown && len(fields) > bestFields {
			best, bestKnown, bestFields = sep, known, len(fields)
		}
	}
	return best
}

// headerLine is the first line of text that is neither blank nor a comment.
func headerLine(text []byte) string {
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		line = bytes.TrimPrefix(line, []byte("\ufeff"))
		if s := strings.TrimSpace(string(line)); s != "" && !strings.HasPrefix(string(line), "#") {
			return s
		}
	}
	return ""
}

// openText makes a CSV reader of a catalogue text file whose bytes st
// describes (see scanText), reading r from its start. It returns what it
// found, for messages.
func openText(r io.Reader, st textStats) (*bufio.Reader, Text) {
	enc, bom := sniffEncoding(st.head, st.validUTF8)
	br := bufio.NewReaderSize(decode(r, enc, bom), headBytes)
	head, _ := br.Peek(headBytes) // as much as there is; a short file is no error here
	return br, Text{Encoding: enc, BOM: bom, Comma: sniffComma(head)}
}

// normaliseColumn is a header cell as the column name it means.
func normaliseColumn(h string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
}

// errText wraps err with the form of the file, when it was not plain UTF-8
// with commas, so a coordinator can see how it was read.
func errText(err error, t Text) error {
	if t.Encoding == UTF8 && t.Comma == ',' {
		return err
	}
	return fmt.Errorf("%w (read as %s)", err, t)
}
