package catalogue

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// FindingKind says what became of a record a check has something to say about.
type FindingKind string

const (
	// FindingSkipped: the record could not be loaded (Load.Skipped).
	FindingSkipped FindingKind = "skipped"
	// FindingEnded: the record is fine but its schedule has ended, so it is
	// never offered (Load.Ended).
	FindingEnded FindingKind = "ended"
	// FindingWarning: the record loaded and may be offered, but something in
	// it is probably a mistake (Load.Warnings).
	FindingWarning FindingKind = "warning"
)

// Finding is one thing the coordinator should look at in a source: which
// record (file, line or spreadsheet row, id), which field, why, and what
// became of it.
type Finding struct {
	Kind FindingKind
	RecordError
}

// String is the finding as one line: `skipped: activities.csv line 7 record
// "lace-craft": field schedule: ...`.
func (f Finding) String() string { return string(f.Kind) + ": " + f.RecordError.Error() }

// Summary sums up a Load for the coordinator, as `heritageline catalogue
// check` prints it and the console shows it before publishing.
type Summary struct {
	Source string
	// Active activities can be offered; Inactive were loaded with status
	// inactive; Ended were fit to load but their schedules have ended;
	// Skipped could not be loaded; Warned loaded with a warning (they are
	// counted in Active or Inactive too).
	Active, Inactive, Ended, Skipped, Warned int
	// Findings lists every record skipped, ended or loaded with a warning,
	// in the order of the source: by line where the source has lines (files
	// and spreadsheets), skipped before ended before warnings where lines are
	// equal or unknown (feeds), each kind in the order it was read.
	Findings []Finding
}

// Summarise counts the activities of l and gathers its findings.
func Summarise(l Load) Summary {
	s := Summary{Source: l.Source, Ended: len(l.Ended), Skipped: len(l.Skipped), Warned: len(l.Warnings)}
	for i := range l.Activities {
		if l.Activities[i].Active {
			s.Active++
		} else {
			s.Inactive++
		}
	}
	add := func(kind FindingKind, errs []*RecordError) {
		for _, e := range errs {
			if e != nil {
				s.Findings = append(s.Findings, Finding{Kind: kind, RecordError: *e})
			}
		}
	}
	add(FindingSkipped, l.Skipped)
	add(FindingEnded, l.Ended)
	add(FindingWarning, l.Warnings)
	rank := map[FindingKind]int{FindingSkipped: 0, FindingEnded: 1, FindingWarning: 2}
	slices.SortStableFunc(s.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(rank[a.Kind], rank[b.Kind]))
	})
	return s
}

// Complete reports whether every record of the source loaded and none has
// ended (warnings aside).
func (s Summary) Complete() bool { return s.Skipped == 0 && s.Ended == 0 }

// Offerable reports whether the source has at least one activity that can be
// offered, so that it could be put in service.
func (s Summary) Offerable() bool { return s.Active > 0 }

// Review judges an activity that has passed Check, at the moment now. An
// active activity whose schedule has ended comes back as ended (Field
// "schedule", with the date it ended): it must not be offered. Otherwise
// warnings lists what loads but is probably a mistake: a phone that is not a
// phone number, an "every n weeks" rule with no date to count the weeks from.
// Each RecordError has Record, Field and Reason set; the caller adds Source
// and Line.
func Review(a *Activity, now time.Time) (ended *RecordError, warnings []*RecordError) {
	if a.Active && a.Schedule.Ended(now) {
		return &RecordError{Record: a.ID, Field: "schedule", Reason: fmt.Sprintf("ended on %s, so it is never offered (remove it, or give it a later end date)", a.Schedule.ValidTo)}, nil
	}
	warn := func(field, reason string) {
		warnings = append(warnings, &RecordError{Record: a.ID, Field: field, Reason: reason})
	}
	if a.Phone != "" && !PhoneLike(a.Phone) {
		warn("phone", fmt.Sprintf("%q is not a phone number (want one such as 01632 960101); residents are told it as written", clipText(a.Phone, 40)))
	}
	if !a.Schedule.Anchored() {
		warn("schedule", "an \"every other\" or \"every n weeks\" rule has no start date, so residents get no next date (add the date of one session: \"every other Friday from 2026-01-09\")")
	}
	return nil, warnings
}

// PhoneLike reports whether s reads as a telephone number: a UK number of 10
// or 11 digits starting 0 ("01632 960101", "(0115) 496 0210"), the same with
// +44 or 0044 for the 0, or another country's number in international form
// (+ and 8 to 15 digits). Spaces, hyphens, dots and brackets may group the
// digits; any other character (a name, "ext", "or") is not a number.
func PhoneLike(s string) bool {
	s = strings.TrimSpace(s)
	intl := strings.HasPrefix(s, "+")
	if intl {
		s = s[1:]
	}
	var digits []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
		default:
			return false
		}
	}
	d := string(digits)
	if !intl && strings.HasPrefix(d, "0044") {
		d, intl = d[2:], true
	}
	if intl {
		if strings.HasPrefix(d, "44") {
			d = "0" + strings.TrimPrefix(strings.TrimPrefix(d, "44"), "0")
		} else {
			return len(d) >= 8 && len(d) <= 15 && d[0] != '0'
		}
	}
	return (len(d) == 10 || len(d) == 11) && d[0] == '0' && d[1] != '0'
}

// clipText shortens outside text quoted in a reason to n runes.
func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
