package understand

import "strconv"

// cardinals and ordinals are numbers as speech recognition and residents
// write them in words ("number three", "the second one"): the book's, one
// to twelve.
var (
	cardinals = func() map[string]int {
		m := map[string]int{}
		for w, n := range lexicon.Numbers {
			if n >= 1 && n <= 12 {
				m[w] = n
			}
		}
		return m
	}()
	ordinals = lexicon.Ordinals
)

// itemNumber reads one word as a list number: digits, a number in words or
// an ordinal. ordinal is true for "second" and "2nd", after which "one"
// means the item ("the second one"), not a number.
func itemNumber(w string) (n int, ordinal, ok bool) {
	if v, err := strconv.Atoi(w); err == nil {
		return v, false, true
	}
	if v, ok := cardinals[w]; ok {
		return v, false, true
	}
	if v, ok := ordinals[w]; ok {
		return v, true, true
	}
	return 0, false, false
}
