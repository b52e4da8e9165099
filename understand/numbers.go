package understand

import "strconv"

// cardinals and ordinals are numbers as speech recognition and residents
// write them in words ("number three", "the second one").
var (
	cardinals = map[string]int{
		"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
		"nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	}
	ordinals = map[string]int{
		"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
		"eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
		"6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
	}
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
