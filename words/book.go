package words

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/feature/plural"
)

// key names one sentence of the book. Every language's table has the same
// keys; the tests fail when one lacks a key or when a sentence's named
// parameters differ from English's.
type key string

// forms is a sentence whose wording depends on a number, one form per CLDR
// plural category of the language (English has one and other; Welsh and
// Arabic all six; Polish one, few, many and other; Cantonese other only).
// The number is the parameter {count}. A form left empty falls back to
// Other.
type forms struct {
	Zero, One, Two, Few, Many, Other string
}

func (f forms) pick(form plural.Form) string {
	var s string
	switch form {
	case plural.Zero:
		s = f.Zero
	case plural.One:
		s = f.One
	case plural.Two:
		s = f.Two
	case plural.Few:
		s = f.Few
	case plural.Many:
		s = f.Many
	}
	if s == "" {
		return f.Other
	}
	return s
}

// all lists the forms that are written, Other first.
func (f forms) all() []string {
	var out []string
	for _, s := range []string{f.Other, f.Zero, f.One, f.Two, f.Few, f.Many} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// table is one language's sentences: each value is a string or forms, with
// named parameters written {name}.
type table map[key]any

// Book is the words of one language: every sentence the line speaks or
// texts (its methods), the renderers of schedules, dates, times, distances
// and phone numbers, and the words the line understands (Lexicon). A Book
// is safe for concurrent use.
type Book struct {
	lang *Language
	t    table
	g    grammar
	lex  *Lexicon
	// alone marks the book of a line with nobody to take calls or ring
	// back (Unstaffed): its menus, list footers and help offer no
	// volunteer, no 0 and no CALL.
	alone     bool
	unstaffed *Book
}

// books holds one Book per language, made once.
var books = func() map[Lang]*Book {
	m := map[Lang]*Book{}
	for _, l := range languages {
		b := &Book{lang: l}
		switch l.Code {
		case English:
			b.t, b.g, b.lex = en, enGrammar{}, enLexicon
		case Welsh:
			b.t, b.g, b.lex = cy, cyGrammar{}, cyLexicon
		case Polish:
			b.t, b.g, b.lex = pl, plGrammar{}, plLexicon
		case Romanian:
			b.t, b.g, b.lex = ro, roGrammar{}, roLexicon
		case Arabic:
			b.t, b.g, b.lex = ar, arGrammar{}, arLexicon
		case Cantonese:
			b.t, b.g, b.lex = yue, yueGrammar{}, yueLexicon
		}
		b.lex, _ = b.lex.normalised()
		u := *b
		u.alone = true
		u.unstaffed = &u
		b.unstaffed = &u
		m[l.Code] = b
	}
	return m
}()

// For returns the book of lang; an unknown language gets English.
func For(lang Lang) *Book {
	if b, ok := books[lang]; ok {
		return b
	}
	return books[English]
}

// Unstaffed is b's language for a line with nobody to take calls or ring
// back (a real line whose roster is empty): the same sentences, but its
// menus, result and end choices, list footers, help and apologies leave out
// the volunteer, the 0 key, CALL and "ring us to talk to someone". Key 0
// still works: the line answers it with NoPeopleVoice.
func (b *Book) Unstaffed() *Book { return b.unstaffed }

// pick is staffed on a staffed line's book and alone on Unstaffed's.
func (b *Book) pick(staffed, alone key) key {
	if b.alone {
		return alone
	}
	return staffed
}

// Language says which language b is, with its voice and speech settings.
func (b *Book) Language() *Language { return b.lang }

// Lexicon returns the words b's language is understood by.
func (b *Book) Lexicon() *Lexicon { return b.lex }

// filled, when set (by tests), is told every sentence made: its language,
// key and the names of the parameters given.
var filled func(lang Lang, k key, params []string)

// say makes sentence k with the named parameters kv (name, value, name,
// value...). A sentence the language lacks is taken from English, so the
// line never says nothing; the tests make sure none is lacking.
func (b *Book) say(k key, kv ...string) string {
	return b.sayN(k, -1, kv...)
}

// count makes sentence k, choosing its plural form for n, which is also the
// parameter {count}.
func (b *Book) count(k key, n int, kv ...string) string {
	return b.sayN(k, n, append([]string{"count", strconv.Itoa(n)}, kv...)...)
}

func (b *Book) sayN(k key, n int, kv ...string) string {
	if filled != nil {
		names := make([]string, 0, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			names = append(names, kv[i])
		}
		filled(b.lang.Code, k, names)
	}
	v, ok := b.t[k]
	if !ok {
		v = en[k]
	}
	var tmpl string
	switch v := v.(type) {
	case string:
		tmpl = v
	case forms:
		form := plural.Other
		if n >= 0 {
			form = plural.Cardinal.MatchPlural(b.lang.Tag, n, 0, 0, 0, 0)
		}
		tmpl = v.pick(form)
	}
	return fill(tmpl, kv, b.lang.Code)
}

// fill replaces each {name} in tmpl by its value in kv. A placeholder may
// also choose words by the number its value holds, as ICU message format
// does: "{far, plural, few {# mile} other {# de mile}}", with a CLDR plural
// category (zero, one, two, few, many, other) before each choice and # for
// the number. A name not in kv is left as written (the tests catch it).
func fill(tmpl string, kv []string, lang Lang) string {
	if !strings.Contains(tmpl, "{") {
		return tmpl
	}
	var out strings.Builder
	out.Grow(len(tmpl) + 16)
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			out.WriteString(tmpl)
			return out.String()
		}
		j := closing(tmpl, i)
		if j < 0 {
			out.WriteString(tmpl)
			return out.String()
		}
		out.WriteString(tmpl[:i])
		out.WriteString(placeholder(tmpl[i:j+1], kv, lang))
		tmpl = tmpl[j+1:]
	}
}

// closing returns the index of the brace that closes the one at i, or -1.
func closing(s string, i int) int {
	depth := 0
	for k := i; k < len(s); k++ {
		switch s[k] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

// placeholder fills one placeholder, braces included.
func placeholder(ph string, kv []string, lang Lang) string {
	name, choices, isPlural := splitPlural(ph)
	value, found := "", false
	for p := 0; p+1 < len(kv); p += 2 {
		if kv[p] == name {
			value, found = kv[p+1], true
			break
		}
	}
	if !found {
		return ph
	}
	if !isPlural {
		return value
	}
	n, err := strconv.Atoi(value)
	form := plural.Other
	if err == nil && n >= 0 {
		if l, ok := Lookup(lang); ok {
			form = plural.Cardinal.MatchPlural(l.Tag, n, 0, 0, 0, 0)
		}
	}
	text, ok := choices[formName[form]]
	if !ok {
		text = choices["other"]
	}
	return strings.ReplaceAll(text, "#", value)
}

var formName = map[plural.Form]string{
	plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many", plural.Other: "other",
}

// splitPlural reads a placeholder: "{name}" gives name; "{name, plural, one
// {...} other {...}}" gives name and the text of each choice.
func splitPlural(ph string) (name string, choices map[string]string, isPlural bool) {
	inner := ph[1 : len(ph)-1]
	name, rest, ok := strings.Cut(inner, ",")
	name = strings.TrimSpace(name)
	if !ok {
		return name, nil, false
	}
	kind, rest, ok := strings.Cut(rest, ",")
	if !ok || strings.TrimSpace(kind) != "plural" {
		return name, nil, false
	}
	choices = map[string]string{}
	for {
		rest = strings.TrimLeft(rest, " ")
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			return name, choices, true
		}
		j := closing(rest, i)
		if j < 0 {
			return name, choices, true
		}
		choices[strings.TrimSpace(rest[:i])] = rest[i+1 : j]
		rest = rest[j+1:]
	}
}

// params returns the names of the parameters tmpl uses, in order, each once.
func params(tmpl string) []string {
	var out []string
	seen := map[string]bool{}
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			return out
		}
		j := closing(tmpl, i)
		if j < 0 {
			return out
		}
		name, _, _ := splitPlural(tmpl[i : j+1])
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
		tmpl = tmpl[j+1:]
	}
}

// join puts whole sentences one after another: with a space between them,
// or nothing in a language written without spaces. Empty ones are left out.
func (b *Book) join(sentences ...string) string {
	sep := " "
	if !b.lang.Spaced {
		sep = ""
	}
	var out strings.Builder
	for _, s := range sentences {
		if s == "" {
			continue
		}
		if out.Len() > 0 {
			out.WriteString(sep)
		}
		out.WriteString(s)
	}
	return out.String()
}

// Join puts whole sentences one after another as the language writes them
// (with a space between, or none in Cantonese), leaving out empty ones.
func (b *Book) Join(sentences ...string) string { return b.join(sentences...) }

// upperFirst capitalises the first letter of s, if it has case.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// lowerFirst makes the first letter of s lower case, if it has case.
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || !unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// joinList joins items with sep, and the last two with last.
func joinList(items []string, sep, last string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], sep) + last + items[len(items)-1]
}

func itoa(n int) string { return strconv.Itoa(n) }
