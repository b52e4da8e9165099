package understand

import "strconv"

// itemNumber reads one word as a list number: digits, a number in words
// (one to twelve) or an ordinal. ordinal is true for "second" and "2nd", after which "one"
// means the item ("the second one"), not a number.
func (v *vocab) itemNumber(w string) (n int, ordinal, ok bool) {
	if v, err := strconv.Atoi(w); err == nil {
		return v, false, true
	}
	if v, ok := v.cardinals[w]; ok {
		return v, false, true
	}
	if v, ok := v.ordinals[w]; ok {
		return v, true, true
	}
	return 0, false, false
}
