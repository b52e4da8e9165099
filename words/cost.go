package words

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The catalogue's costs are the organisers' own words ("Under 18s and Over
// 60s, £35 per 1 hour session"); a list or a text short of room shows as
// much of them as fits, never losing the price.

// amountRE finds a price in a cost's wording: "£35", "£2.50", "£1,200",
// "50p", "35 EUR" (as the Open Referral reader words other currencies).
var amountRE = regexp.MustCompile(`£\s?\d[\d,]*(?:\.\d{1,2})?|\b\d+p\b|\b\d+(?:\.\d{1,2})?\s(?:GBP|EUR|USD)\b`)

// costRunes is the most of a cost a list item shows.
const costRunes = 20

// shortenCost returns cost in at most n runes, keeping its amounts: a cost
// that fits is returned whole; otherwise the clauses that give an amount
// ("Under 18s and Over 60s, £35 per 1 hour session" gives "£35 per 1 hour
// session"), else the amounts alone ("£35", or "£3 to £5" for several, in
// b's words), else the wording cut at a word with "...". A price is never
// cut through.
func (b *Book) shortenCost(cost string, n int) string {
	if utf8.RuneCountInString(cost) <= n {
		return cost
	}
	amounts := amountRE.FindAllString(cost, -1)
	if len(amounts) == 0 {
		return clipWords(cost, n)
	}
	var priced []string
	for _, c := range costClauses(cost) {
		if amountRE.MatchString(c) {
			priced = append(priced, c)
		}
	}
	if s := strings.Join(priced, "; "); utf8.RuneCountInString(s) <= n {
		return s
	}
	if s := b.amountRange(amounts); utf8.RuneCountInString(s) <= n {
		return s
	}
	return clipWords(amounts[0], n)
}

// costClauses splits a cost's wording at commas, semicolons, colons and
// brackets, trimming each part. A comma inside a number ("£1,200") does not
// split it.
func costClauses(cost string) []string {
	var out []string
	start := 0
	for i, r := range cost {
		split := strings.ContainsRune(";:()", r)
		if r == ',' {
			next := cost[i+1:]
			split = !(i > 0 && isDigit(cost[i-1]) && len(next) > 0 && isDigit(next[0]))
		}
		if split {
			if c := strings.TrimSpace(cost[start:i]); c != "" {
				out = append(out, c)
			}
			start = i + 1
		}
	}
	if c := strings.TrimSpace(cost[start:]); c != "" {
		out = append(out, c)
	}
	return out
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// amountRange words several amounts as the lowest to the highest ("£3 to
// £5"); one amount, or amounts it cannot compare, as the first.
func (b *Book) amountRange(amounts []string) string {
	type priced struct {
		text  string
		pence float64
	}
	var ps []priced
	for _, a := range amounts {
		a = strings.TrimSpace(a)
		if !strings.HasPrefix(a, "£") {
			return amounts[0]
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(strings.TrimPrefix(a, "£")), ",", ""), 64)
		if err != nil {
			return amounts[0]
		}
		ps = append(ps, priced{a, v})
	}
	lo := slices.MinFunc(ps, func(a, b priced) int { return compareFloat(a.pence, b.pence) })
	hi := slices.MaxFunc(ps, func(a, b priced) int { return compareFloat(a.pence, b.pence) })
	if lo.pence == hi.pence {
		return lo.text
	}
	return b.say(kCostRange, "low", lo.text, "high", hi.text)
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// clipWords shortens s to at most n runes at a space, ending with "...", so
// no word is cut in half; a first word longer than that is cut as clip does.
func clipWords(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n < 4 {
		return clip(s, n)
	}
	r := []rune(s)
	cut := string(r[:n-3+1]) // one more, to see whether a word ends there
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		return strings.TrimRight(cut[:i], " ,;:(-") + "..."
	}
	return clip(s, n)
}
