package volunteers

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/heritage-line/heritageline/phonepolicy"
	"github.com/heritage-line/heritageline/privacy"
)

// Volunteer is one rostered person. Phone is E.164 and is never shown to a caller.
type Volunteer struct {
	Name   string
	Phone  string
	OnDuty bool
}

// Roster is the volunteers file.
type Roster struct {
	Sequential  bool // ring one after another rather than all at once
	RingSeconds int
	Volunteers  []Volunteer
	Hours       Hours // when calls are forwarded
}

// DefaultRingSeconds is how long a forwarded call rings when the file does not say.
const DefaultRingSeconds = 20

// MaxRinging is the most volunteers one <Dial> may ring (Twilio's limit on
// <Number> nouns).
const MaxRinging = 10

// Problem is one thing wrong in a volunteers file.
type Problem struct {
	Line   int    // 1-based line in the file, 0 if unknown
	Entry  int    // 1-based volunteer entry, 0 for the file's top level
	Name   string // the volunteer's name, if the entry has one
	Field  string // "hours", "phone", ...
	Value  string // the offending value, as written
	Reason string
}

// InvalidError lists every problem found in a volunteers file.
type InvalidError struct {
	File     string
	Problems []Problem
}

func (e *InvalidError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "volunteers: %s: %d problem(s)", e.File, len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(e.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, " line %d", p.Line)
		}
		if p.Entry > 0 {
			fmt.Fprintf(&b, ": volunteer %d", p.Entry)
			if p.Name != "" {
				fmt.Fprintf(&b, " (%s)", p.Name)
			}
		}
		if p.Field != "" {
			fmt.Fprintf(&b, ": %s", p.Field)
		}
		if p.Value != "" {
			fmt.Fprintf(&b, " %q", p.Value)
		}
		fmt.Fprintf(&b, ": %s", p.Reason)
	}
	return b.String()
}

// Load reads and parses the volunteers file at path, checking every phone
// against phonepolicy.UK. Errors: reading the file (wrapped), or
// *InvalidError listing every problem in it.
func Load(path string) (Roster, error) { return LoadWith(path, phonepolicy.UK) }

// LoadWith is Load with the number policy every volunteer's phone must pass.
func LoadWith(path string, numbers *phonepolicy.Policy) (Roster, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Roster{}, fmt.Errorf("volunteers: load: %w", err)
	}
	return ParseWith(path, data, numbers)
}

// Parse reads a volunteers file's contents; name is used in problems. It
// returns *InvalidError listing every problem at once: YAML syntax, unknown
// or missing fields, hours that do not parse, a ring that is neither
// simultaneous nor sequential, ring_seconds outside 5 to 120, a volunteer
// without a name, a phone that is not E.164 or that phonepolicy.UK refuses
// (the line would never ring it), a phone listed twice.
func Parse(name string, data []byte) (Roster, error) { return ParseWith(name, data, phonepolicy.UK) }

// ParseWith is Parse with the number policy every volunteer's phone must pass.
func ParseWith(name string, data []byte, numbers *phonepolicy.Policy) (Roster, error) {
	inv := &InvalidError{File: name}
	add := func(p Problem) { inv.Problems = append(inv.Problems, p) }
	r := Roster{RingSeconds: DefaultRingSeconds}

	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		add(Problem{Reason: err.Error()})
		return Roster{}, inv
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		add(Problem{Line: 1, Reason: "want a mapping with hours, ring, ring_seconds and volunteers"})
		return Roster{}, inv
	}
	top := doc.Content[0]
	seen := map[string]bool{}
	var list *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		seen[k.Value] = true
		switch k.Value {
		case "hours":
			h, err := ParseHours(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil {
				reason := "want text such as \"Mon-Fri 09:00-17:00\" or \"always\""
				if err != nil {
					// A one-part value need not be quoted twice.
					reason = strings.TrimPrefix(err.Error(), strconv.Quote(strings.TrimSpace(v.Value))+": ")
				}
				add(Problem{Line: v.Line, Field: "hours", Value: v.Value, Reason: reason})
				continue
			}
			r.Hours = h
		case "ring":
			switch strings.ToLower(v.Value) {
			case "simultaneous":
				r.Sequential = false
			case "sequential":
				r.Sequential = true
			default:
				add(Problem{Line: v.Line, Field: "ring", Value: v.Value, Reason: "want simultaneous or sequential"})
			}
		case "ring_seconds":
			n, err := strconv.Atoi(v.Value)
			if err != nil || n < 5 || n > 120 {
				add(Problem{Line: v.Line, Field: "ring_seconds", Value: v.Value, Reason: "want a whole number of seconds from 5 to 120"})
				continue
			}
			r.RingSeconds = n
		case "volunteers":
			list = v
		default:
			add(Problem{Line: k.Line, Field: k.Value, Reason: "unknown field: want hours, ring, ring_seconds or volunteers"})
		}
	}
	if !seen["hours"] {
		add(Problem{Line: top.Line, Field: "hours", Reason: "missing: say when calls are forwarded, like \"Mon-Fri 09:00-17:00\" or \"always\""})
	}
	switch {
	case list == nil:
		add(Problem{Line: top.Line, Field: "volunteers", Reason: "missing: list at least one volunteer with a name and phone"})
	case list.Kind != yaml.SequenceNode || len(list.Content) == 0:
		add(Problem{Line: list.Line, Field: "volunteers", Reason: "want a list of volunteers, each with a name and phone"})
	default:
		r.Volunteers = parseVolunteers(list, numbers, add)
	}
	if len(inv.Problems) > 0 {
		return Roster{}, inv
	}
	return r, nil
}

func parseVolunteers(list *yaml.Node, numbers *phonepolicy.Policy, add func(Problem)) []Volunteer {
	var out []Volunteer
	phones := map[string]int{}
	for i, e := range list.Content {
		entry := i + 1
		if e.Kind != yaml.MappingNode {
			add(Problem{Line: e.Line, Entry: entry, Reason: "want name and phone"})
			continue
		}
		v := Volunteer{OnDuty: true}
		var phoneLine int
		var bad bool
		// The name first, so every problem with the entry can name it.
		for j := 0; j+1 < len(e.Content); j += 2 {
			if e.Content[j].Value == "name" {
				v.Name = strings.TrimSpace(e.Content[j+1].Value)
			}
		}
		problem := func(line int, field, value, reason string) {
			bad = true
			add(Problem{Line: line, Entry: entry, Name: v.Name, Field: field, Value: value, Reason: reason})
		}
		for j := 0; j+1 < len(e.Content); j += 2 {
			k, val := e.Content[j], e.Content[j+1]
			switch k.Value {
			case "name":
				if v.Name == "" {
					problem(val.Line, "name", "", "is empty: give the volunteer's first name")
				}
			case "phone":
				phoneLine = val.Line
				p := strings.ReplaceAll(val.Value, " ", "")
				if !privacy.IsE164(p) {
					problem(val.Line, "phone", val.Value, "want E.164, a plus and country code, like +447700900111")
					continue
				}
				if _, err := numbers.Check(p); err != nil {
					problem(val.Line, "phone", val.Value, refusedPhone(err))
					continue
				}
				if first, dup := phones[p]; dup {
					problem(val.Line, "phone", val.Value, fmt.Sprintf("same number as volunteer %d", first))
					continue
				}
				phones[p] = entry
				v.Phone = p
			case "on_duty":
				switch strings.ToLower(val.Value) {
				case "true", "yes", "on":
					v.OnDuty = true
				case "false", "no", "off":
					v.OnDuty = false
				default:
					problem(val.Line, "on_duty", val.Value, "want true or false")
				}
			default:
				problem(k.Line, k.Value, "", "unknown field: want name, phone or on_duty")
			}
		}
		if !hasKey(e, "name") {
			problem(e.Line, "name", "", "missing: give the volunteer's first name")
		}
		if !hasKey(e, "phone") && phoneLine == 0 {
			problem(e.Line, "phone", "", "missing: give the volunteer's number in E.164, like +447700900111")
		}
		if !bad {
			out = append(out, v)
		}
	}
	return out
}

// refusedPhone says in a coordinator's words why the number policy refuses
// a volunteer's phone.
func refusedPhone(err error) string {
	switch r := phonepolicy.ReasonOf(err); r {
	case phonepolicy.OtherCountry:
		return "the line may not ring this country: SMS_ALLOWED_PREFIXES lists the country codes it rings"
	case phonepolicy.NotANumber, phonepolicy.ShortCode, phonepolicy.Alphanumeric:
		return "not a valid phone number"
	default:
		return kindWords[r] + ": the line rings only mobiles and landlines"
	}
}

// kindWords name the kinds of number the policy refuses.
var kindWords = map[phonepolicy.Reason]string{
	"premium_rate":    "a premium-rate number",
	"shared_cost":     "a shared-cost number",
	"personal_number": "a personal number (070 in the UK)",
	"uan":             "a non-geographic number for organisations (03 in the UK)",
	"pager":           "a pager number",
	"voip":            "an internet (VoIP) number",
	"voicemail":       "a voicemail-only number",
	"toll_free":       "a freephone number",
	"unknown":         "a number of unknown kind",
}

func hasKey(m *yaml.Node, key string) bool {
	for j := 0; j+1 < len(m.Content); j += 2 {
		if m.Content[j].Value == key {
			return true
		}
	}
	return false
}

// find returns the rostered volunteer with phone (in any form privacy.Normalise
// understands).
func (r Roster) find(phone string) (Volunteer, bool) {
	n := privacy.Normalise(phone)
	if n == "" {
		return Volunteer{}, false
	}
	for _, v := range r.Volunteers {
		if v.Phone == n {
			return v, true
		}
	}
	return Volunteer{}, false
}
