package llm

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/heritage-line/heritageline/catalogue"
)

// ErrInvalidAnswer is wrapped by parseAnswer when the model's tool-call
// arguments are not JSON of the expected shape, or say something impossible.
var ErrInvalidAnswer = errors.New("llm: invalid answer")

// answer is the JSON the model passes to the tool.
type answer struct {
	Intent     string   `json:"intent"`
	Place      string   `json:"place"`
	Categories []string `json:"categories"`
	Tags       []string `json:"tags"`
	FreeOnly   bool     `json:"free_only"`
	Languages  []string `json:"languages"`
	When       struct {
		Today    bool   `json:"today"`
		ThisWeek bool   `json:"this_week"`
		Weekday  string `json:"weekday"`
		Date     string `json:"date"`
	} `json:"when"`
	Item int `json:"item"`
}

// maxLanguages bounds the languages kept from one answer.
const maxLanguages = 3

// parseAnswer reads the model's tool-call arguments into a Request. The
// Place is the model's text, still to be checked against the message and
// resolved. Unknown categories, tags, weekdays and dates are dropped, so are
// languages that are not a plain word. It returns an error wrapping
// ErrInvalidAnswer when args is not a JSON object of the schema's shape, the
// intent is not one the model may give, or details come without an item from
// 1 to 999.
func parseAnswer(args string) (catalogue.Request, error) {
	var a answer
	if err := json.Unmarshal([]byte(args), &a); err != nil {
		return catalogue.Request{}, fmt.Errorf("%w: %w", ErrInvalidAnswer, err)
	}
	in := catalogue.Intent(strings.ToLower(strings.TrimSpace(a.Intent)))
	if !slices.Contains(modelIntents, in) {
		return catalogue.Request{}, fmt.Errorf("%w: intent %q", ErrInvalidAnswer, a.Intent)
	}
	req := catalogue.Request{Intent: in, Place: strings.TrimSpace(a.Place), FreeOnly: a.FreeOnly}
	if in == catalogue.IntentDetails {
		if a.Item < 1 || a.Item > 999 {
			return catalogue.Request{}, fmt.Errorf("%w: details of item %d", ErrInvalidAnswer, a.Item)
		}
		req.Item = a.Item
	}
	for _, c := range catalogue.Categories { // canonical order, no duplicates
		if slices.ContainsFunc(a.Categories, func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), string(c)) }) {
			req.Categories = append(req.Categories, c)
		}
	}
	for _, t := range catalogue.KnownTags {
		if slices.ContainsFunc(a.Tags, func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), t) }) {
			req.Tags = append(req.Tags, t)
		}
	}
	slices.Sort(req.Tags)
	for _, l := range a.Languages {
		if l, ok := language(l); ok && !slices.Contains(req.Languages, l) && len(req.Languages) < maxLanguages {
			req.Languages = append(req.Languages, l)
		}
	}
	req.When.Today = a.When.Today
	req.When.ThisWeek = a.When.ThisWeek
	if i := slices.Index(weekdays, strings.ToLower(strings.TrimSpace(a.When.Weekday))); i >= 0 {
		d := time.Weekday((i + 1) % 7)
		req.When.Weekday = &d
	}
	if d, err := catalogue.ParseDate(strings.TrimSpace(a.When.Date)); err == nil {
		req.When.Date = d
	}
	if req.Intent != catalogue.IntentFind && req.Intent != catalogue.IntentCallback {
		// Only a search or a callback about a search carries search fields.
		req = catalogue.Request{Intent: req.Intent, Item: req.Item}
	}
	return req, nil
}

// language returns a language name in the rules' form ("Polish", "BSL") if s
// is one plain word of letters.
func language(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 20 || strings.EqualFold(s, "english") {
		return "", false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return "", false
		}
	}
	if strings.ToUpper(s) == s {
		return s, true
	}
	r := []rune(strings.ToLower(s))
	r[0] = unicode.ToUpper(r[0])
	return string(r), true
}
