package phonepolicy

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// sameAsParse fails t when ukInternational reads "+"+digits differently from
// phonenumbers.Parse. It reports whether the fast path took the number.
func sameAsParse(t *testing.T, digits string) bool {
	t.Helper()
	fast := ukInternational([]byte(digits), true)
	if fast == nil {
		return false
	}
	slow, err := phonenumbers.Parse("+"+digits, "GB")
	if err != nil {
		t.Fatalf("+%s: ukInternational read %v, Parse refused it: %v", digits, fast, err)
	}
	if fast.GetCountryCode() != slow.GetCountryCode() || fast.GetNationalNumber() != slow.GetNationalNumber() ||
		fast.GetItalianLeadingZero() != slow.GetItalianLeadingZero() ||
		fast.GetNumberOfLeadingZeros() != slow.GetNumberOfLeadingZeros() || slow.GetExtension() != "" {
		t.Fatalf("+%s: ukInternational read %v; Parse read %v", digits, fast, slow)
	}
	if f, s := phonenumbers.Format(fast, phonenumbers.E164), phonenumbers.Format(slow, phonenumbers.E164); f != s {
		t.Fatalf("+%s: E.164 %s; Parse's %s", digits, f, s)
	}
	if f, s := phonenumbers.GetNumberType(fast), phonenumbers.GetNumberType(slow); f != s {
		t.Fatalf("+%s: type %v; Parse's %v", digits, f, s)
	}
	return true
}

// TestUKInternationalIsParse: every leading three digits after +44, at every
// length, several times over, read as Parse reads them; and what it declines
// (a 0 after 44, other countries, lengths no UK number has) goes to Parse.
func TestUKInternationalIsParse(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	took := 0
	for lead := range 1000 {
		for n := 4; n <= 13; n++ {
			for range 3 {
				d := "44" + strconv.Itoa(1000 + lead)[1:]
				for len(d) < 2+n {
					d += strconv.Itoa(rng.IntN(10))
				}
				d = d[:2+n]
				if sameAsParse(t, d) {
					took++
				}
			}
		}
	}
	if took != 10800 { // 900 leads not 0, at 4 lengths, 3 times
		t.Errorf("ukInternational read %d numbers; want 10800", took)
	}
	for _, d := range []string{"4407700900123", "447700", "44770090012345", "4915112345678", "17205550123"} {
		if ukInternational([]byte(d), true) != nil {
			t.Errorf("ukInternational read +%s; it is Parse's to read", d)
		}
	}
	if ukInternational([]byte("447700900123"), false) != nil {
		t.Error("ukInternational read a number without its +")
	}
}

// FuzzUKInternational: any digits after +44 are read as Parse reads them.
func FuzzUKInternational(f *testing.F) {
	for _, s := range []string{"7700900123", "1632960000", "9098790123", "800123456", "0123"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return
			}
		}
		sameAsParse(t, "44"+s)
	})
}
