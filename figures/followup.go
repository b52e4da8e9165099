package figures

import (
	"bufio"
	"fmt"
	"math"
	"strconv"
)

// FollowUps are the follow-up's figures (issue 19) for a week or a period.
// Each counts people: a follow-up is one person's.
type FollowUps struct {
	Offered         int // follow-ups offered with an activity's details
	Agreed          int // ... and agreed to
	WellbeingAgreed int // agreed to the wellbeing questions too
	Sent            int // "did you go?" texts sent
	Went            int // answered: went
	NotYet          int // answered: not yet
	No              int // answered: won't be going

	BuddiesRequested int // a volunteer to go along the first time, asked for
	BuddiesTaken     int // ... and taken by a volunteer
	BuddiesDone      int // ... and marked done
}

// Answered is how many answered "did you go?".
func (f FollowUps) Answered() int { return f.Went + f.NotYet + f.No }

// answeredHidden reports whether Answered must not be shown: with it, a
// suppressed count of went, not yet or won't go could be worked out from
// the others.
func (f FollowUps) answeredHidden() bool {
	return Suppressed(f.Went) || Suppressed(f.NotYet) || Suppressed(f.No)
}

// Any reports whether anything was counted.
func (f FollowUps) Any() bool { return f != FollowUps{} }

func (f *FollowUps) add(g FollowUps) {
	f.Offered += g.Offered
	f.Agreed += g.Agreed
	f.WellbeingAgreed += g.WellbeingAgreed
	f.Sent += g.Sent
	f.Went += g.Went
	f.NotYet += g.NotYet
	f.No += g.No
	f.BuddiesRequested += g.BuddiesRequested
	f.BuddiesTaken += g.BuddiesTaken
	f.BuddiesDone += g.BuddiesDone
}

// WellbeingChange is one wellbeing question's change between people's
// first and second answers, over the people who answered it both times
// (paired): the follow-up package works it out from the answers it keeps
// under the keyed hash, and the report only shows it.
type WellbeingChange struct {
	ID, Label      string // "life", "Life satisfaction"
	HigherIsBetter bool   // false for anxiety: a fall is the better way
	Pairs          int    // people with both answers
	First, Second  float64
}

// Change is the mean change from the first answer to the second.
func (c WellbeingChange) Change() float64 { return c.Second - c.First }

// Better reports whether the change went the good way (false for none).
func (c WellbeingChange) Better() bool {
	if c.HigherIsBetter {
		return c.Change() > 0
	}
	return c.Change() < 0
}

// MinCell is the fewest people a report shows a figure for: a count from 1
// to MinCell-1 is shown as "fewer than 5", and a wellbeing change over
// fewer pairs is not shown at all, so that no one can be recognised.
const MinCell = 5

// Suppressed reports whether a count of n people is too small to show.
func Suppressed(n int) bool { return n > 0 && n < MinCell }

// peopleCell is n as a report shows a count of people.
func peopleCell(n int) string {
	if Suppressed(n) {
		return "fewer than " + strconv.Itoa(MinCell)
	}
	return strconv.Itoa(n)
}

// FollowUpRow is one line of the follow-up table: what was counted, and
// the people as shown (a small count as "fewer than 5").
type FollowUpRow struct{ Name, People string }

// SmallCountNote says how small counts of people are shown.
var SmallCountNote = fmt.Sprintf("Counts of 1 to %d people are shown as \"fewer than %d\" so that no one can be recognised.", MinCell-1, MinCell)

// WellbeingNote says where the wellbeing figures come from.
const WellbeingNote = "Each person's first answers (when they agreed) are paired with their second (some weeks later); answers are kept under a keyed pseudonym, never with a phone number. For anxiety a fall is better."

// Rows are the follow-up table's lines, as the report and the console show
// them. Answered is "not shown" when showing it would give away a
// suppressed count.
func (f FollowUps) Rows() []FollowUpRow {
	answered := peopleCell(f.Answered())
	if f.answeredHidden() {
		answered = "not shown"
	}
	return []FollowUpRow{
		{"Offered a follow-up text", peopleCell(f.Offered)},
		{"Agreed to it", peopleCell(f.Agreed)},
		{"Agreed to the wellbeing questions too", peopleCell(f.WellbeingAgreed)},
		{"Follow-up texts sent", peopleCell(f.Sent)},
		{"Answered", answered},
		{"Went", peopleCell(f.Went)},
		{"Not yet", peopleCell(f.NotYet)},
		{"Won't be going", peopleCell(f.No)},
		{"Asked for a buddy (a volunteer to go along the first time)", peopleCell(f.BuddiesRequested)},
		{"Buddy requests taken by a volunteer", peopleCell(f.BuddiesTaken)},
	}
}

// WellbeingRow is one question's line of the wellbeing table, as shown: a
// question answered twice by fewer than MinCell people shows no means.
type WellbeingRow struct {
	Question, Pairs, First, Second, Change string
}

// WellbeingRows are the wellbeing table's lines, or none and the reason
// when fewer than MinCell people have answered twice.
func WellbeingRows(cs []WellbeingChange) (rows []WellbeingRow, withheld string) {
	pairs := 0
	for _, c := range cs {
		pairs = max(pairs, c.Pairs)
	}
	if pairs < MinCell {
		return nil, fmt.Sprintf("Fewer than %d people have answered the questions twice, so the change is not shown.", MinCell)
	}
	for _, c := range cs {
		if c.Pairs < MinCell {
			rows = append(rows, WellbeingRow{c.Label, "fewer than " + strconv.Itoa(MinCell), "–", "–", "not shown"})
			continue
		}
		way := "no change"
		switch {
		case round1(c.Change()) == 0:
		case c.Better():
			way = "better"
		default:
			way = "worse"
		}
		rows = append(rows, WellbeingRow{c.Label, strconv.Itoa(c.Pairs), fmt.Sprintf("%.1f", c.First), fmt.Sprintf("%.1f", c.Second),
			fmt.Sprintf("%+.1f (%s)", c.Change(), way)})
	}
	return rows, ""
}

// writeFollowUps writes the follow-up section of the markdown report, when
// there is anything to say.
func writeFollowUps(b *bufio.Writer, rep Report) {
	f := rep.Total.FollowUps
	if !f.Any() && len(rep.Wellbeing) == 0 {
		return
	}
	fmt.Fprintln(b, "\n### Follow-up: did they go, and did it help?")
	fmt.Fprintln(b)
	fmt.Fprintln(b, "| | People |")
	fmt.Fprintln(b, "|---|--:|")
	for _, r := range f.Rows() {
		fmt.Fprintf(b, "| %s | %s |\n", r.Name, r.People)
	}
	fmt.Fprintln(b)
	fmt.Fprintln(b, SmallCountNote)

	if len(rep.Wellbeing) == 0 {
		return
	}
	fmt.Fprintln(b, "\n#### Wellbeing (ONS personal wellbeing, 0 to 10), first and second answers")
	fmt.Fprintln(b)
	rows, withheld := WellbeingRows(rep.Wellbeing)
	if withheld != "" {
		fmt.Fprintln(b, withheld)
		return
	}
	fmt.Fprintln(b, "| Question | People with both answers | First (mean) | Second (mean) | Change |")
	fmt.Fprintln(b, "|---|--:|--:|--:|---|")
	for _, r := range rows {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", cell(r.Question), r.Pairs, r.First, r.Second, r.Change)
	}
	fmt.Fprintln(b)
	fmt.Fprintln(b, WellbeingNote)
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
