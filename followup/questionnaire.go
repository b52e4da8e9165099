package followup

import "github.com/heritage-line/heritageline/words"

// Questionnaire is a short wellbeing measure asked by text or keypad: its
// questions in order, each answered with a whole number on its own scale.
// ONS4 is the line's; a line that holds a licence for another measure
// (SWEMWBS: seven items, 1 to 5, "none of the time" to "all of the time",
// licensed by Warwick Medical School) adds it by implementing this
// interface, with its words in the book (words), and setting it in Config.
type Questionnaire interface {
	// Name identifies the measure in stored answers and the report
	// ("ons4"); it never changes once answers are kept under it.
	Name() string
	// Items are the questions, in the order they are asked.
	Items() []Item
}

// Item is one question of a Questionnaire.
type Item struct {
	// ID names the question in stored answers and the report: short,
	// stable, snake_case ("life").
	ID string
	// Label names it in the coordinator's report ("Life satisfaction").
	Label string
	// Min and Max are the answers allowed, inclusive.
	Min, Max int
	// HigherIsBetter is false for a measure where a lower score is the
	// better one (ONS4's anxiety), so the report can say which way is good.
	HigherIsBetter bool
	// Ask is the question in a resident's language; Scale says how to
	// answer it, by text or, when voice, on the keypad.
	Ask   func(b *words.Book) string
	Scale func(b *words.Book, voice bool) string
}

// ONS4 is the Office for National Statistics' four personal wellbeing
// questions (life satisfaction, worthwhile, happiness and anxiety, each 0
// to 10), free to use under the Open Government Licence v3.
type ONS4 struct{}

var _ Questionnaire = ONS4{}

// Name is "ons4".
func (ONS4) Name() string { return "ons4" }

var ons4Items = []Item{
	{ID: "life", Label: "Life satisfaction", Min: 0, Max: 10, HigherIsBetter: true, Ask: (*words.Book).ONS4Life, Scale: (*words.Book).ONS4Scale},
	{ID: "worthwhile", Label: "Worthwhile", Min: 0, Max: 10, HigherIsBetter: true, Ask: (*words.Book).ONS4Worthwhile, Scale: (*words.Book).ONS4Scale},
	{ID: "happy", Label: "Happiness", Min: 0, Max: 10, HigherIsBetter: true, Ask: (*words.Book).ONS4Happy, Scale: (*words.Book).ONS4Scale},
	{ID: "anxious", Label: "Anxiety", Min: 0, Max: 10, HigherIsBetter: false, Ask: (*words.Book).ONS4Anxious, Scale: (*words.Book).ONS4Scale},
}

// Items are the four questions in the ONS's order.
func (ONS4) Items() []Item { return ons4Items }
