// Package phonepolicy decides which phone numbers the line may ring or text.
// Every path that dials or texts anyone asks it first: forwarded calls (the
// volunteers' numbers, checked when the roster loads), callbacks when they
// are queued and again when they are dialled, "text me this", replies to
// texts, notices to volunteers, and outbound.Sender itself.
//
// A number is allowed when it parses as a phone number
// (github.com/nyaruka/phonenumbers, libphonenumber's metadata), its country
// calling code is one of the allowed ones (SMS_ALLOWED_PREFIXES), and it is
// of a kind a resident has: mobile, fixed line, or either (where the
// numbering plan does not tell them apart). Premium rate, shared cost,
// personal, UAN, pager, VoIP, voicemail-only and freephone numbers, short
// codes, alphanumeric senders and anything that does not parse are refused.
// Ofcom's ranges reserved for drama count as the kind they imitate
// (drama.go). docs/security.md gives the reasons for each choice.
package phonepolicy

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nyaruka/phonenumbers"
)

// Kind is what sort of number it is, as the numbering plan says.
type Kind uint8

// The kinds, as libphonenumber names them.
const (
	Unknown Kind = iota
	FixedLine
	Mobile
	FixedLineOrMobile
	TollFree
	PremiumRate
	SharedCost
	VoIP
	Personal
	Pager
	UAN
	Voicemail
)

var kindNames = [...]string{
	Unknown:           "unknown",
	FixedLine:         "fixed_line",
	Mobile:            "mobile",
	FixedLineOrMobile: "fixed_line_or_mobile",
	TollFree:          "toll_free",
	PremiumRate:       "premium_rate",
	SharedCost:        "shared_cost",
	VoIP:              "voip",
	Personal:          "personal_number",
	Pager:             "pager",
	UAN:               "uan",
	Voicemail:         "voicemail",
}

// String is the kind's name in snake_case, as metrics and logs use it.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Allowed reports whether the line may ring or text a number of kind k: a
// kind a resident has.
func (k Kind) Allowed() bool {
	return k == Mobile || k == FixedLine || k == FixedLineOrMobile
}

// Textable reports whether a number of kind k can usually receive a text:
// a mobile (or a number that may be one).
func (k Kind) Textable() bool { return k == Mobile || k == FixedLineOrMobile }

func kindOf(t phonenumbers.PhoneNumberType) Kind {
	switch t {
	case phonenumbers.FIXED_LINE:
		return FixedLine
	case phonenumbers.MOBILE:
		return Mobile
	case phonenumbers.FIXED_LINE_OR_MOBILE:
		return FixedLineOrMobile
	case phonenumbers.TOLL_FREE:
		return TollFree
	case phonenumbers.PREMIUM_RATE:
		return PremiumRate
	case phonenumbers.SHARED_COST:
		return SharedCost
	case phonenumbers.VOIP:
		return VoIP
	case phonenumbers.PERSONAL_NUMBER:
		return Personal
	case phonenumbers.PAGER:
		return Pager
	case phonenumbers.UAN:
		return UAN
	case phonenumbers.VOICEMAIL:
		return Voicemail
	}
	return Unknown
}

// Reason says why a number was refused. It is also the label the line's
// metrics count refusals by, so the set is small and fixed: the four below,
// or the name of a refused Kind ("premium_rate", "toll_free", ...).
type Reason string

// Reasons other than a refused kind.
const (
	NotANumber   Reason = "not_a_number" // empty, malformed, an extension, or invalid in its numbering plan
	ShortCode    Reason = "short_code"   // a few digits with no country code: a short code
	Alphanumeric Reason = "alphanumeric" // letters: an alphanumeric sender ID, or "anonymous"
	OtherCountry Reason = "country"      // a country calling code that is not allowed
)

// Errors. Every refusal is a *Refusal, which matches ErrRefused and exactly
// one of the other three with errors.Is.
var (
	ErrRefused    = errors.New("phonepolicy: the line may not ring or text this number")
	ErrNotANumber = errors.New("phonepolicy: not a phone number")
	ErrCountry    = errors.New("phonepolicy: number outside the allowed countries")
	ErrKind       = errors.New("phonepolicy: a kind of number the line does not ring or text")
)

// Refusal is why the policy refused a number. It never holds the number.
type Refusal struct {
	Reason Reason
	Kind   Kind // the number's kind when it parsed; Unknown otherwise
}

func (r *Refusal) Error() string {
	switch r.Reason {
	case OtherCountry:
		return ErrCountry.Error()
	case NotANumber, ShortCode, Alphanumeric:
		return ErrNotANumber.Error() + " (" + string(r.Reason) + ")"
	}
	return ErrKind.Error() + " (" + string(r.Reason) + ")"
}

// Is makes a Refusal match ErrRefused and the error for its reason.
func (r *Refusal) Is(target error) bool {
	switch target {
	case ErrRefused:
		return true
	case ErrNotANumber:
		return r.Reason == NotANumber || r.Reason == ShortCode || r.Reason == Alphanumeric
	case ErrCountry:
		return r.Reason == OtherCountry
	case ErrKind:
		return r.Reason != NotANumber && r.Reason != ShortCode && r.Reason != Alphanumeric && r.Reason != OtherCountry
	}
	return false
}

// ReasonOf returns the reason err was refused for, or "" when err is not a
// refusal.
func ReasonOf(err error) Reason {
	var r *Refusal
	if errors.As(err, &r) {
		return r.Reason
	}
	return ""
}

// Number is a number the policy has read.
type Number struct {
	E164  string // "+447700900123"
	Kind  Kind
	Drama bool // in one of Ofcom's ranges reserved for drama (never anyone's)
}

// Policy decides which numbers the line may ring or text. The zero Policy
// allows no country; use New. Safe for concurrent use.
type Policy struct {
	codes []int32 // allowed country calling codes
	memo  memo
}

// memo remembers the verdicts on numbers seen lately: reading a number
// with libphonenumber's metadata (its patterns are regular expressions) was
// a tenth of the line's work on a resident's first text, and the same
// number is checked several times in one conversation. It holds at most
// memoMax numbers and forgets them all memoFor after it began, so no number
// stays in memory long; it is never written anywhere.
type memo struct {
	mu    sync.Mutex
	m     map[string]verdict
	since time.Time
}

type verdict struct {
	n      Number
	reason Reason
}

const (
	memoMax = 4096
	memoFor = 10 * time.Minute
)

// verdict returns read(raw), remembered.
func (m *memo) verdict(raw string, read func(string) (Number, Reason)) (Number, Reason) {
	now := time.Now()
	m.mu.Lock()
	if m.m == nil || len(m.m) >= memoMax || now.Sub(m.since) > memoFor {
		m.m, m.since = make(map[string]verdict), now
	}
	v, ok := m.m[raw]
	m.mu.Unlock()
	if ok {
		return v.n, v.reason
	}
	n, reason := read(raw)
	m.mu.Lock()
	m.m[strings.Clone(raw)] = verdict{n, reason}
	m.mu.Unlock()
	return n, reason
}

// UK allows the United Kingdom's country calling code, +44 (which the Isle
// of Man and the Channel Islands share): the line's default.
var UK = MustNew([]string{"+44"})

// New returns a policy allowing the country calling codes given as "+44",
// "44" or "0044". It returns an error naming the first code that is not a
// country calling code.
func New(countryCodes []string) (*Policy, error) {
	p := &Policy{}
	for _, c := range countryCodes {
		s := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(c), "+"), "00")
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 || n > 999 || phonenumbers.GetRegionCodeForCountryCode(n) == "ZZ" {
			return nil, fmt.Errorf("phonepolicy: %q is not a country calling code such as +44", c)
		}
		if !slices.Contains(p.codes, int32(n)) {
			p.codes = append(p.codes, int32(n))
		}
	}
	return p, nil
}

// MustNew is New for codes known to be good; it panics otherwise.
func MustNew(countryCodes []string) *Policy {
	p, err := New(countryCodes)
	if err != nil {
		panic(err)
	}
	return p
}

// maxInput is far longer than any phone number written with spaces and
// brackets; anything longer is not a number.
const maxInput = 40

// Check reads raw (E.164, "0044 ...", a UK national number such as
// "07700 900123", spaces, dashes, dots and brackets allowed, "+44 (0) ..."
// too) and says whether the line may ring or text it. It returns the number
// read and nil, or a *Refusal (matching ErrRefused and ErrNotANumber,
// ErrCountry or ErrKind) with whatever of the number could be read.
func (p *Policy) Check(raw string) (Number, error) {
	n, reason := p.memo.verdict(raw, p.read)
	if reason != "" {
		return n, &Refusal{Reason: reason, Kind: n.Kind}
	}
	return n, nil
}

// Allowed reports whether Check allows raw.
func (p *Policy) Allowed(raw string) bool {
	_, err := p.Check(raw)
	return err == nil
}

func (p *Policy) read(raw string) (Number, Reason) {
	s := strings.TrimSpace(raw)
	if s == "" || len(s) > maxInput {
		return Number{}, NotANumber
	}
	// Only digits and the punctuation people write numbers with; a letter
	// anywhere makes it an alphanumeric sender (libphonenumber would read
	// vanity letters as digits, and "ext" as an extension).
	digits := make([]byte, 0, len(s))
	plus := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case c == '+' && i == 0:
			plus = true
		case c == ' ' || c == '-' || c == '(' || c == ')' || c == '.':
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			return Number{}, Alphanumeric
		default:
			return Number{}, NotANumber
		}
	}
	if !plus && len(digits) > 2 && digits[0] == '0' && digits[1] == '0' {
		digits, plus = digits[2:], true // 0044...
	}
	switch {
	case len(digits) <= 6, !plus && len(digits) <= 8 && (len(digits) == 0 || digits[0] != '0'):
		return Number{}, ShortCode
	case !plus && digits[0] != '0':
		return Number{}, NotANumber // no country code and no trunk prefix: ambiguous
	}
	text := string(digits)
	if plus {
		text = "+" + text
	}
	pn := ukInternational(digits, plus)
	if pn == nil {
		var err error
		if pn, err = phonenumbers.Parse(text, "GB"); err != nil || pn.GetExtension() != "" {
			return Number{}, NotANumber
		}
	}
	n := Number{E164: phonenumbers.Format(pn, phonenumbers.E164)}
	if !slices.Contains(p.codes, pn.GetCountryCode()) {
		n.Kind = kindOf(phonenumbers.GetNumberType(pn))
		return n, OtherCountry
	}
	if k, ok := dramaKind(n.E164); ok {
		n.Kind, n.Drama = k, true
	} else if n.Kind = kindOf(phonenumbers.GetNumberType(pn)); n.Kind == Unknown {
		// What IsValidNumber says, without matching the patterns again.
		return n, NotANumber
	}
	if !n.Kind.Allowed() {
		return n, Reason(n.Kind.String())
	}
	return n, ""
}

// ukInternational reads a UK number in international form ("+447700900123",
// Twilio's From on nearly every webhook) without phonenumbers.Parse, whose
// extension and country-code patterns were half the cost of reading a new
// resident's number. It gives what Parse gives (TestUKInternationalIsParse
// and FuzzCheck hold it to that) and returns nil for anything else, which
// Parse then reads: a national number after the 44 that begins with 0 (Parse
// strips it as a trunk prefix) or whose length no UK number has. Letters, and
// so extensions, were refused before this.
func ukInternational(digits []byte, plus bool) *phonenumbers.PhoneNumber {
	if !plus || len(digits) < 2+ukMinNSN || len(digits) > 2+ukMaxNSN ||
		digits[0] != '4' || digits[1] != '4' || digits[2] == '0' {
		return nil
	}
	var nsn uint64
	for _, c := range digits[2:] {
		nsn = nsn*10 + uint64(c-'0')
	}
	cc := int32(44)
	return &phonenumbers.PhoneNumber{CountryCode: &cc, NationalNumber: &nsn}
}

// The lengths of a UK national significant number: 7 (a few old areas'
// numbers) to 10 digits.
const (
	ukMinNSN = 7
	ukMaxNSN = 10
)
