package phonepolicy_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/phonepolicy"
)

// TestCheck reads a number of every kind and form: what the policy allows,
// what it refuses and why. UK examples are Ofcom's drama numbers where a
// drama range of that kind exists, and libphonenumber's own example numbers
// otherwise. Germany is allowed too, for the kinds the UK plan lacks
// (shared cost, voicemail).
func TestCheck(t *testing.T) {
	p := phonepolicy.MustNew([]string{"+44", "+49"})
	tests := []struct {
		name   string
		in     string
		e164   string // "" when nothing could be read
		kind   phonepolicy.Kind
		drama  bool
		reason phonepolicy.Reason // "" when allowed
	}{
		// Allowed: the kinds a resident has.
		{"drama mobile", "+447700900123", "+447700900123", phonepolicy.Mobile, true, ""},
		{"drama mobile, national", "07700 900123", "+447700900123", phonepolicy.Mobile, true, ""},
		{"drama mobile, 0044", "0044 7700 900123", "+447700900123", phonepolicy.Mobile, true, ""},
		{"drama mobile, (0)", "+44 (0) 7700 900123", "+447700900123", phonepolicy.Mobile, true, ""},
		{"drama mobile, dashes and dots", "07700-900.123", "+447700900123", phonepolicy.Mobile, true, ""},
		{"drama mobile, first", "+447700900000", "+447700900000", phonepolicy.Mobile, true, ""},
		{"drama mobile, last", "+447700900999", "+447700900999", phonepolicy.Mobile, true, ""},
		{"mobile", "+447400123456", "+447400123456", phonepolicy.Mobile, false, ""},
		{"Guernsey mobile shares +44", "+447781123456", "+447781123456", phonepolicy.Mobile, false, ""},
		{"drama no-area landline", "01632 960000", "+441632960000", phonepolicy.FixedLine, true, ""},
		{"drama Leeds", "0113 496 0123", "+441134960123", phonepolicy.FixedLine, true, ""},
		{"drama Sheffield", "0114 496 0999", "+441144960999", phonepolicy.FixedLine, true, ""},
		{"drama Nottingham", "0115 496 0000", "+441154960000", phonepolicy.FixedLine, true, ""},
		{"drama Leicester", "0116 496 0500", "+441164960500", phonepolicy.FixedLine, true, ""},
		{"drama Bristol", "0117 496 0303", "+441174960303", phonepolicy.FixedLine, true, ""},
		{"drama Reading", "0118 496 0123", "+441184960123", phonepolicy.FixedLine, true, ""},
		{"drama Birmingham", "0121 496 0123", "+441214960123", phonepolicy.FixedLine, true, ""},
		{"drama Edinburgh", "0131 496 0123", "+441314960123", phonepolicy.FixedLine, true, ""},
		{"drama Glasgow", "0141 496 0123", "+441414960123", phonepolicy.FixedLine, true, ""},
		{"drama Liverpool", "0151 496 0123", "+441514960123", phonepolicy.FixedLine, true, ""},
		{"drama Manchester", "0161 496 0123", "+441614960123", phonepolicy.FixedLine, true, ""},
		{"drama Tyneside", "0191 498 0123", "+441914980123", phonepolicy.FixedLine, true, ""},
		{"drama London", "020 7946 0123", "+442079460123", phonepolicy.FixedLine, true, ""},
		{"drama Northern Ireland", "028 9649 6123", "+442896496123", phonepolicy.FixedLine, true, ""},
		{"drama Cardiff", "029 2018 0123", "+442920180123", phonepolicy.FixedLine, true, ""},
		{"landline", "+441212345678", "+441212345678", phonepolicy.FixedLine, false, ""},
		{"German landline", "+4930123456", "+4930123456", phonepolicy.FixedLine, false, ""},
		{"German mobile", "+4915123456789", "+4915123456789", phonepolicy.Mobile, false, ""},

		// Refused for their kind, drama or not.
		{"premium rate", "+449091234567", "+449091234567", phonepolicy.PremiumRate, false, "premium_rate"},
		{"premium rate written with (0)", "+44 (0) 909 123 4567", "+449091234567", phonepolicy.PremiumRate, false, "premium_rate"},
		{"premium rate with (0) and no spaces", "+44(0)9091234567", "+449091234567", phonepolicy.PremiumRate, false, "premium_rate"},
		{"premium rate, national", "09091234567", "+449091234567", phonepolicy.PremiumRate, false, "premium_rate"},
		{"drama premium rate", "0909 879 0123", "+449098790123", phonepolicy.PremiumRate, true, "premium_rate"},
		{"087 revenue sharing", "+448712345678", "+448712345678", phonepolicy.PremiumRate, false, "premium_rate"},
		{"personal number", "+447012345678", "+447012345678", phonepolicy.Personal, false, "personal_number"},
		{"UAN", "+445512345678", "+445512345678", phonepolicy.UAN, false, "uan"},
		{"drama UK-wide 03", "03069 990000", "+443069990000", phonepolicy.UAN, true, "uan"},
		{"pager", "+447640123456", "+447640123456", phonepolicy.Pager, false, "pager"},
		{"VoIP 056", "+445612345678", "+445612345678", phonepolicy.VoIP, false, "voip"},
		{"freephone 0800", "0800 123 4567", "+448001234567", phonepolicy.TollFree, false, "toll_free"},
		{"drama freephone", "0808 157 0123", "+448081570123", phonepolicy.TollFree, true, "toll_free"},
		{"shared cost", "+4918012345", "+4918012345", phonepolicy.SharedCost, false, "shared_cost"},
		{"voicemail only", "+49177991234567", "+49177991234567", phonepolicy.Voicemail, false, "voicemail"},

		// Other countries, whatever the kind.
		{"Nigeria", "+2348031234567", "+2348031234567", phonepolicy.Mobile, false, "country"},
		{"Taiwan", "+886912345678", "+886912345678", phonepolicy.Mobile, false, "country"},
		{"Taiwan, 00 form", "00886912345678", "+886912345678", phonepolicy.Mobile, false, "country"},
		{"USA", "+12025550123", "+12025550123", phonepolicy.FixedLineOrMobile, false, "country"},
		{"Twilio's withheld number (Lesotho)", "+266696687", "+266696687", phonepolicy.Unknown, false, "country"},
		{"international networks", "+882160000001", "+882160000001", phonepolicy.VoIP, false, "country"},

		// Not numbers at all.
		{"short code", "60000", "", phonepolicy.Unknown, false, "short_code"},
		{"short code with a plus", "+12345", "", phonepolicy.Unknown, false, "short_code"},
		{"eight-digit short code", "12345678", "", phonepolicy.Unknown, false, "short_code"},
		{"alphanumeric sender", "HeritageLn", "", phonepolicy.Unknown, false, "alphanumeric"},
		{"withheld", "anonymous", "", phonepolicy.Unknown, false, "alphanumeric"},
		{"vanity letters", "1-800-FLOWERS", "", phonepolicy.Unknown, false, "alphanumeric"},
		{"letter O for zero", "+44 7700 9OO123", "", phonepolicy.Unknown, false, "alphanumeric"},
		{"extension", "+447700900123 ext 5", "", phonepolicy.Unknown, false, "alphanumeric"},
		{"extension after ;", "+447700900123;ext=5", "", phonepolicy.Unknown, false, "not_a_number"},
		{"hash", "+44 7700 900123 #", "", phonepolicy.Unknown, false, "not_a_number"},
		{"star", "*#06#", "", phonepolicy.Unknown, false, "not_a_number"},
		{"empty", "", "", phonepolicy.Unknown, false, "not_a_number"},
		{"spaces", "   ", "", phonepolicy.Unknown, false, "not_a_number"},
		{"plus alone", "+", "", phonepolicy.Unknown, false, "short_code"},
		{"plus in the middle", "44+7700900123", "", phonepolicy.Unknown, false, "not_a_number"},
		{"two pluses", "++447700900123", "", phonepolicy.Unknown, false, "not_a_number"},
		{"no trunk prefix", "7700900123", "", phonepolicy.Unknown, false, "not_a_number"},
		{"full-width digits", "＋４４７７００９００１２３", "", phonepolicy.Unknown, false, "not_a_number"},
		{"NUL", "+447700900123\x00", "", phonepolicy.Unknown, false, "not_a_number"},
		{"too long", "+44 7700 900123" + strings.Repeat(" ", 40), "+447700900123", phonepolicy.Mobile, true, ""},
		{"too many digits", "+44770090012345678", "+44770090012345678", phonepolicy.Unknown, false, "not_a_number"},
		{"way too long", strings.Repeat("1", 41), "", phonepolicy.Unknown, false, "not_a_number"},
		{"invalid UK mobile range", "+447612345678", "+447612345678", phonepolicy.Unknown, false, "not_a_number"},
		{"next to the drama mobiles", "+447700901000", "+447700901000", phonepolicy.Unknown, false, "not_a_number"},
		{"01632 outside the drama block", "+441632961000", "+441632961000", phonepolicy.Unknown, false, "not_a_number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := p.Check(tt.in)
			if got := phonepolicy.ReasonOf(err); got != tt.reason {
				t.Fatalf("Check(%q): got reason %q (err %v); want %q", tt.in, got, err, tt.reason)
			}
			if (err == nil) != (tt.reason == "") {
				t.Fatalf("Check(%q): got err %v; want reason %q", tt.in, err, tt.reason)
			}
			if err != nil && !errors.Is(err, phonepolicy.ErrRefused) {
				t.Errorf("Check(%q): got %v; want it to match ErrRefused", tt.in, err)
			}
			if n.E164 != tt.e164 || n.Kind != tt.kind || n.Drama != tt.drama {
				t.Errorf("Check(%q): got %q %s drama=%v; want %q %s drama=%v", tt.in, n.E164, n.Kind, n.Drama, tt.e164, tt.kind, tt.drama)
			}
			if got := p.Allowed(tt.in); got != (tt.reason == "") {
				t.Errorf("Allowed(%q): got %v; want %v", tt.in, got, tt.reason == "")
			}
			if err != nil && strings.Contains(err.Error(), strings.TrimPrefix(tt.e164, "+")) && tt.e164 != "" {
				t.Errorf("error %q contains the number", err)
			}
		})
	}
}

// TestErrorsMatchTheirReason: each refusal matches ErrRefused and exactly
// the one error for its reason.
func TestErrorsMatchTheirReason(t *testing.T) {
	p := phonepolicy.UK
	tests := []struct {
		in   string
		want error
	}{
		{"+449091234567", phonepolicy.ErrKind},
		{"+447012345678", phonepolicy.ErrKind},
		{"+2348031234567", phonepolicy.ErrCountry},
		{"HeritageLn", phonepolicy.ErrNotANumber},
		{"60000", phonepolicy.ErrNotANumber},
		{"+447612345678", phonepolicy.ErrNotANumber},
	}
	all := []error{phonepolicy.ErrKind, phonepolicy.ErrCountry, phonepolicy.ErrNotANumber}
	for _, tt := range tests {
		_, err := p.Check(tt.in)
		for _, e := range all {
			if got := errors.Is(err, e); got != (e == tt.want) {
				t.Errorf("Check(%q): errors.Is(%v, %v) = %v; want %v", tt.in, err, e, got, e == tt.want)
			}
		}
		if !errors.Is(err, phonepolicy.ErrRefused) {
			t.Errorf("Check(%q): got %v; want it to match ErrRefused", tt.in, err)
		}
	}
}

// TestCountries: the allow-list is of country calling codes, in any of the
// forms SMS_ALLOWED_PREFIXES may hold; a country left out is refused.
func TestCountries(t *testing.T) {
	if _, err := phonepolicy.New([]string{"+44", "33", "0049"}); err != nil {
		t.Fatalf("New: got %v; want nil", err)
	}
	for _, bad := range []string{"+999", "+0", "", "UK", "+44x", "+1234"} {
		if _, err := phonepolicy.New([]string{bad}); err == nil {
			t.Errorf("New(%q): got nil; want an error", bad)
		}
	}
	fr := phonepolicy.MustNew([]string{"+33"})
	if _, err := fr.Check("+447700900123"); !errors.Is(err, phonepolicy.ErrCountry) {
		t.Errorf("France only, UK drama mobile: got %v; want ErrCountry", err)
	}
	if n, err := fr.Check("+33612345678"); err != nil || n.Kind != phonepolicy.Mobile {
		t.Errorf("France only, French mobile: got %v, %v; want mobile, nil", n.Kind, err)
	}
	// A national number is read as a UK one, whatever is allowed.
	if _, err := fr.Check("07700 900123"); !errors.Is(err, phonepolicy.ErrCountry) {
		t.Errorf("France only, UK national form: got %v; want ErrCountry", err)
	}
	us := phonepolicy.MustNew([]string{"+1"})
	if n, err := us.Check("+12025550123"); err != nil || n.Kind != phonepolicy.FixedLineOrMobile {
		t.Errorf("+1 allowed, US number: got %v, %v; want fixed_line_or_mobile, nil", n.Kind, err)
	}
	var none phonepolicy.Policy
	if none.Allowed("+447700900123") {
		t.Errorf("the zero Policy allowed a number; want none allowed")
	}
}

// TestEveryDramaRangeIsItsKind walks the first, middle and last number of
// every drama range: each reads as a drama number of its kind, and the
// numbers either side of the 1,000 do not.
func TestEveryDramaRangeIsItsKind(t *testing.T) {
	ranges := []struct {
		national string // the range's first number, national form
		kind     phonepolicy.Kind
	}{
		{"01134960000", phonepolicy.FixedLine}, {"01144960000", phonepolicy.FixedLine},
		{"01154960000", phonepolicy.FixedLine}, {"01164960000", phonepolicy.FixedLine},
		{"01174960000", phonepolicy.FixedLine}, {"01184960000", phonepolicy.FixedLine},
		{"01214960000", phonepolicy.FixedLine}, {"01314960000", phonepolicy.FixedLine},
		{"01414960000", phonepolicy.FixedLine}, {"01514960000", phonepolicy.FixedLine},
		{"01614960000", phonepolicy.FixedLine}, {"01914980000", phonepolicy.FixedLine},
		{"02079460000", phonepolicy.FixedLine}, {"02896496000", phonepolicy.FixedLine},
		{"02920180000", phonepolicy.FixedLine}, {"01632960000", phonepolicy.FixedLine},
		{"07700900000", phonepolicy.Mobile}, {"08081570000", phonepolicy.TollFree},
		{"09098790000", phonepolicy.PremiumRate}, {"03069990000", phonepolicy.UAN},
	}
	for _, r := range ranges {
		base := r.national[:len(r.national)-3]
		for _, last := range []string{"000", "500", "999"} {
			n, _ := phonepolicy.UK.Check(base + last)
			if !n.Drama || n.Kind != r.kind {
				t.Errorf("%s: got drama=%v kind %s; want drama %s", base+last, n.Drama, n.Kind, r.kind)
			}
			if !phonepolicy.IsDrama(n.E164) {
				t.Errorf("IsDrama(%q) = false; want true", n.E164)
			}
		}
	}
	for _, e := range []string{"+447700899999", "+447700901000", "+441632959999", "+441632961000", "+449098791000", "+4477009001234"} {
		if phonepolicy.IsDrama(e) {
			t.Errorf("IsDrama(%q) = true; want false", e)
		}
	}
}

func TestKindNames(t *testing.T) {
	seen := map[string]bool{}
	for k := phonepolicy.Unknown; k <= phonepolicy.Voicemail; k++ {
		s := k.String()
		if s == "" || seen[s] || strings.ContainsAny(s, " -") {
			t.Errorf("Kind(%d).String() = %q: want a unique snake_case name", k, s)
		}
		seen[s] = true
	}
	if got := phonepolicy.Kind(200).String(); got != "unknown" {
		t.Errorf("Kind(200).String() = %q; want unknown", got)
	}
}

// FuzzCheck: whatever a sender puts in From, Check never panics, and what it
// allows is E.164 of a resident's kind, read the same a second time.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"+447700900123", "07700 900123", "+44 (0) 909 123 4567", "0044 7700 900123", "60000",
		"HeritageLn", "anonymous", "+266696687", "+2348031234567", "", "+", "+447700900123;ext=5",
		"0909 879 0123", "+4477009001234567", "((((0))))", "00", "0", "+0", "+44 0",
	} {
		f.Add(s)
	}
	p := phonepolicy.MustNew([]string{"+44", "+1", "+49"})
	f.Fuzz(func(t *testing.T, s string) {
		n, err := p.Check(s)
		if err != nil {
			if !errors.Is(err, phonepolicy.ErrRefused) || phonepolicy.ReasonOf(err) == "" {
				t.Fatalf("Check(%q): got %v; want a *Refusal", s, err)
			}
			return
		}
		if !n.Kind.Allowed() || len(n.E164) < 8 || n.E164[0] != '+' {
			t.Fatalf("Check(%q) allowed %q of kind %s", s, n.E164, n.Kind)
		}
		again, err := p.Check(n.E164)
		if err != nil || again != n {
			t.Fatalf("Check(%q) = %+v, but Check(%q) = %+v, %v", s, n, n.E164, again, err)
		}
	})
}

// BenchmarkCheckNew: a number seen for the first time (a resident's first
// text), which the memo cannot answer.
func BenchmarkCheckNew(b *testing.B) {
	for _, base := range []int{447400000000, 441632000000} {
		b.Run(strconv.Itoa(base), func(b *testing.B) {
			p := phonepolicy.MustNew([]string{"+44"})
			i := 0
			for b.Loop() {
				i++
				p.Check("+" + strconv.Itoa(base+i%1000000))
			}
		})
	}
}

// BenchmarkCheck: the cost of the policy on every text and callback.
func BenchmarkCheck(b *testing.B) {
	for _, in := range []string{"+447700900123", "+447400123456", "+2348031234567", "HeritageLn"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				phonepolicy.UK.Check(in)
			}
		})
	}
}

// TestDramaNumbers: every number given is allowed, a drama number, and
// there are 17,000 of them, none twice.
func TestDramaNumbers(t *testing.T) {
	ns := phonepolicy.DramaNumbers()
	if len(ns) != 17000 {
		t.Fatalf("%d drama numbers; want 17000 (16 geographic ranges and one mobile)", len(ns))
	}
	seen := map[string]bool{}
	for _, n := range ns {
		if seen[n] {
			t.Fatalf("%s given twice", n)
		}
		seen[n] = true
		if got, err := phonepolicy.UK.Check(n); err != nil || !got.Drama || got.E164 != n {
			t.Fatalf("Check(%s) = %+v, %v; want it allowed as a drama number", n, got, err)
		}
	}
}
