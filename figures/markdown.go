package figures

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/words"
)

// WriteMarkdown writes rep as a funder-ready section: a heading naming the
// period, a paragraph of totals, a table with one row per week, and the
// period's most signposted activities, areas and categories. Everything it
// writes is in British English. It returns the writer's error, wrapped.
func WriteMarkdown(w io.Writer, rep Report) error {
	b := bufio.NewWriter(w)
	t := rep.Total
	end := rep.To.AddDate(0, 0, 6)
	fmt.Fprintf(b, "## Heritage Line figures: %s to %s\n\n", longDate(rep.From), longDate(end))
	fmt.Fprintln(b, totalsParagraph(rep))
	fmt.Fprintln(b)

	fmt.Fprintln(b, "| Week beginning | Calls | Texts | People | Searches | Found nothing | Asked for a volunteer | Volunteer answered | Missed | Callbacks requested | Callbacks done | Median time to callback |")
	fmt.Fprintln(b, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|")
	row := func(name string, wk Week) {
		med := "–"
		if wk.MedianCallback > 0 {
			med = spokenDuration(wk.MedianCallback)
		}
		n := strconv.Itoa
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			name, n(wk.Calls), n(wk.Texts), n(wk.People), n(wk.Searches), n(wk.ZeroSearches),
			n(wk.HandoffsAsked), n(wk.HandoffsAnswered), n(wk.HandoffsMissed),
			n(wk.CallbacksRequested), n(wk.CallbacksDone), med)
	}
	for _, wk := range rep.Weeks {
		row(shortDate(wk.Start), wk)
	}
	row("**Total**", t)
	fmt.Fprintln(b)
	fmt.Fprintln(b, "People are counted by a keyed pseudonym of their phone number, never the number itself; someone in touch in several weeks counts once in the total.")

	list := func(title string, cs []Count, unit, units string) {
		if len(cs) == 0 {
			return
		}
		fmt.Fprintf(b, "\n### %s\n\n", title)
		for i, c := range cs {
			fmt.Fprintf(b, "%d. %s: %s\n", i+1, cell(c.label()), plural(c.N, unit, units))
		}
	}
	list("Activities most often suggested", t.Signposted, "time", "times")
	list("Activities residents asked about", t.Asked, "time", "times")
	list("Areas searched", t.Areas, "search", "searches")
	kinds := make([]Count, len(t.Categories))
	for i, c := range t.Categories {
		kinds[i] = c
		if name, ok := categoryNames[catalogue.Category(c.Key)]; ok {
			kinds[i] = Count{Key: name, N: c.N}
		}
	}
	list("Kinds of activity asked for", kinds, "search", "searches")
	if len(t.Languages) > 1 || len(t.Languages) == 1 && t.Languages[0].Key != "en" {
		fmt.Fprintf(b, "\n### Calls and texts by language\n\n")
		for i, c := range t.Languages {
			n := plural(c.N, "contact", "contacts")
			if c.N < SmallCell {
				n = fmt.Sprintf("fewer than %d", SmallCell)
			}
			fmt.Fprintf(b, "%d. %s: %s\n", i+1, cell(languageName(c.Key)), n)
		}
	}
	writeFollowUps(b, rep)

	if err := b.Flush(); err != nil {
		return fmt.Errorf("figures: write markdown: %w", err)
	}
	return nil
}

// categoryNames are the catalogue's categories as a report names them.
var categoryNames = map[catalogue.Category]string{
	catalogue.Walk:         "Walks",
	catalogue.Museum:       "Museums",
	catalogue.HistoryGroup: "History groups",
	catalogue.Cafe:         "Cafés",
	catalogue.Crafts:       "Crafts",
	catalogue.Archaeology:  "Archaeology",
}

// languageName is a language's code as a report names it: "Welsh
// (Cymraeg)", or the code when the book of words has none.
func languageName(code string) string {
	l, ok := words.Lookup(words.Lang(code))
	switch {
	case !ok:
		return code
	case l.Name == l.EnglishName:
		return l.Name
	}
	return l.EnglishName + " (" + l.Name + ")"
}

// Summary sums up rep's period in a few plain sentences, as the report's
// first paragraph does.
func Summary(rep Report) string { return totalsParagraph(rep) }

// CategoryName is a catalogue category as a report names it ("Walks").
func CategoryName(key string) string {
	if name, ok := categoryNames[catalogue.Category(key)]; ok {
		return name
	}
	return key
}

// Label is how a report names the count: an activity's title and id, or
// the key itself.
func (c Count) Label() string { return c.label() }

// SpokenDuration says a duration as a report does ("3 hours 5 minutes").
func SpokenDuration(d time.Duration) string { return spokenDuration(d) }

// totalsParagraph sums up the period in a few plain sentences.
func totalsParagraph(rep Report) string {
	t := rep.Total
	var s []string
	s = append(s, fmt.Sprintf("Over %s the line answered %s and %s from %s.",
		plural(len(rep.Weeks), "week", "weeks"), plural(t.Calls, "call", "calls"),
		plural(t.Texts, "text", "texts"), plural(t.People, "person", "different people")))
	if t.Searches > 0 {
		s = append(s, fmt.Sprintf("Residents made %s (%s nothing nearby) and asked for the details of an activity %s.",
			plural(t.Searches, "search", "searches"), plural(t.ZeroSearches, "found", "found"),
			plural(t.Details+t.Texted, "time", "times")))
	}
	if t.HandoffsAsked > 0 {
		s = append(s, fmt.Sprintf("%s to speak to a volunteer: %d answered and %d missed.",
			capital(plural(t.HandoffsAsked, "caller asked", "callers asked")), t.HandoffsAnswered, t.HandoffsMissed))
	}
	if t.CallbacksRequested > 0 || t.CallbacksDone > 0 {
		c := fmt.Sprintf("%s requested and %d done", plural(t.CallbacksRequested, "callback was", "callbacks were"), t.CallbacksDone)
		if t.MedianCallback > 0 {
			c += ", with a median wait of " + spokenDuration(t.MedianCallback)
		}
		s = append(s, c+".")
	}
	return strings.Join(s, " ")
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// cell makes s safe inside a markdown table or list.
func cell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ", "\r", " ").Replace(s)
}
