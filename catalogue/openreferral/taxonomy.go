package openreferral

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/heritage-line/heritageline/catalogue"
)

//go:embed taxonomy.csv
var defaultTaxonomy string

// Taxonomy maps Open Referral taxonomy terms to the line's categories and tags.
// It is read from a CSV table with the header vocabulary,term,category,tag; lines
// starting with # are comments. A vocabulary of * matches every vocabulary. Terms
// and vocabularies match case-insensitively, ignoring common accents, with
// hyphens, underscores and runs of spaces treated alike. docs/openreferral.md describes the default table.
type Taxonomy struct {
	rows []taxonomyRow
}

type taxonomyRow struct {
	vocabulary string // normalised; "*" for any
	term       string // normalised
	category   catalogue.Category
	tag        string
}

// ErrTaxonomy is wrapped by every error about a malformed mapping table.
var ErrTaxonomy = errors.New("openreferral: bad taxonomy table")

// DefaultTaxonomy returns the embedded mapping table.
func DefaultTaxonomy() *Taxonomy {
	t, err := ParseTaxonomy("taxonomy.csv", strings.NewReader(defaultTaxonomy))
	if err != nil {
		// The embedded table is tested; an error here is a build mistake.
		return &Taxonomy{}
	}
	return t
}

// LoadTaxonomy reads a mapping table from a file. Errors wrap ErrTaxonomy (with
// the file, line and field at fault) or the file system's error.
func LoadTaxonomy(path string) (*Taxonomy, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("openreferral: taxonomy table: %w", err)
	}
	defer f.Close()
	return ParseTaxonomy(path, f)
}

// ParseTaxonomy reads a mapping table (see Taxonomy) from r; name is used in
// errors. Errors wrap ErrTaxonomy and name the line and field at fault: a missing
// column, an unknown category, a row with neither category nor tag, or a tag
// that is not lower-case kebab form.
func ParseTaxonomy(name string, r io.Reader) (*Taxonomy, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var t Taxonomy
	header := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrTaxonomy, name, err)
		}
		if header {
			header = false
			want := []string{"vocabulary", "term", "category", "tag"}
			if len(rec) != len(want) {
				return nil, fmt.Errorf("%w: %s line %d: header must be %s", ErrTaxonomy, name, line, strings.Join(want, ","))
			}
			for i, w := range want {
				if strings.ToLower(strings.TrimSpace(rec[i])) != w {
					return nil, fmt.Errorf("%w: %s line %d: header must be %s", ErrTaxonomy, name, line, strings.Join(want, ","))
				}
			}
			continue
		}
		if len(rec) != 4 {
			return nil, fmt.Errorf("%w: %s line %d: want 4 fields, got %d", ErrTaxonomy, name, line, len(rec))
		}
		row := taxonomyRow{
			vocabulary: normTerm(rec[0]),
			term:       normTerm(rec[1]),
			category:   catalogue.Category(strings.TrimSpace(rec[2])),
			tag:        strings.TrimSpace(rec[3]),
		}
		switch {
		case row.vocabulary == "":
			return nil, fmt.Errorf("%w: %s line %d: field vocabulary: missing (use * for any)", ErrTaxonomy, name, line)
		case row.term == "":
			return nil, fmt.Errorf("%w: %s line %d: field term: missing", ErrTaxonomy, name, line)
		case row.category != "" && !row.category.Valid():
			return nil, fmt.Errorf("%w: %s line %d: field category: unknown category %q", ErrTaxonomy, name, line, rec[2])
		case row.category == "" && row.tag == "":
			return nil, fmt.Errorf("%w: %s line %d: neither category nor tag given", ErrTaxonomy, name, line)
		case row.tag != "" && !isKebab(row.tag):
			return nil, fmt.Errorf("%w: %s line %d: field tag: %q is not lower-case kebab form", ErrTaxonomy, name, line, row.tag)
		}
		t.rows = append(t.rows, row)
	}
	if header {
		return nil, fmt.Errorf("%w: %s: empty table", ErrTaxonomy, name)
	}
	return &t, nil
}

// Term is one taxonomy term of a record, as the feed gives it.
type Term struct {
	Vocabulary string // vocabulary or taxonomy name; may be empty
	Values     []string
}

// Map returns the category of the first term that maps to one (terms in the
// record's order, rows in the table's order) and every tag any term maps to, in
// first-seen order. ok is false when no term maps to a category.
func (t *Taxonomy) Map(terms []Term) (cat catalogue.Category, tags []string, ok bool) {
	for _, term := range terms {
		voc := normTerm(term.Vocabulary)
		for _, v := range term.Values {
			v = normTerm(v)
			if v == "" {
				continue
			}
			for _, row := range t.rows {
				if row.term != v || (row.vocabulary != "*" && row.vocabulary != voc) {
					continue
				}
				if row.category != "" && !ok {
					cat, ok = row.category, true
				}
				if row.tag != "" && !containsString(tags, row.tag) {
					tags = append(tags, row.tag)
				}
			}
		}
	}
	return cat, tags, ok
}

var termFolder = strings.NewReplacer("-", " ", "_", " ", "é", "e", "è", "e", "ê", "e", "à", "a", "â", "a", "ç", "c", "ï", "i", "ô", "o")

// normTerm lower-cases s, folds common accents ("café" is "cafe"), and treats
// hyphens, underscores and runs of spaces alike.
func normTerm(s string) string {
	s = strings.ToLower(s)
	s = termFolder.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func isKebab(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
