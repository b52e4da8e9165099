// Package privacy keeps residents' phone numbers out of logs, figures and keys:
// a keyed hash stands in for a number wherever one must be recognised again, and
// a mask ("ending 111") wherever a person needs a hint of it.
package privacy

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strings"
	"sync"
)

// Hasher turns a phone number into a stable pseudonym. Without the key the
// pseudonym cannot be reversed by trying every UK number.
type Hasher struct {
	key  []byte
	macs *sync.Pool // of keyed HMACs: Reset is cheaper than keying a new one
}

// NewHasher returns a Hasher keyed with key (for example ANALYTICS_SALT).
func NewHasher(key []byte) Hasher {
	key = append([]byte(nil), key...)
	return Hasher{key: key, macs: &sync.Pool{New: func() any { return hmac.New(sha256.New, key) }}}
}

// Hash returns 24 hex characters identifying number. Spacing and a leading
// "00" or national "0" (UK) do not change the result.
func (h Hasher) Hash(number string) string {
	var m hash.Hash
	if h.macs != nil {
		m = h.macs.Get().(hash.Hash)
		defer h.macs.Put(m)
		m.Reset()
	} else {
		m = hmac.New(sha256.New, h.key) // the zero Hasher
	}
	m.Write([]byte(Normalise(number)))
	var sum [sha256.Size]byte
	return hex.EncodeToString(m.Sum(sum[:0])[:12])
}

// Normalise returns number in E.164 form where it can tell ("07700 900111"
// becomes "+447700900111"), or stripped of spaces and punctuation otherwise.
func Normalise(number string) string {
	var b strings.Builder
	for i, r := range strings.TrimSpace(number) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		}
	}
	s := b.String()
	switch {
	case strings.HasPrefix(s, "00"):
		return "+" + s[2:]
	case strings.HasPrefix(s, "0") && len(s) == 11:
		return "+44" + s[1:]
	}
	return s
}

// Mask shows only the last three digits: "ending 111". Short or empty input
// gives "unknown number".
func Mask(number string) string {
	n := Normalise(number)
	if len(n) < 6 {
		return "unknown number"
	}
	return "ending " + n[len(n)-3:]
}

// IsE164 reports whether n is "+" and 8 to 15 digits, not starting with 0.
func IsE164(n string) bool {
	if len(n) < 9 || len(n) > 16 || n[0] != '+' || n[1] == '0' {
		return false
	}
	for _, r := range n[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// InCountries reports whether number, once normalised, is a valid E.164
// number that starts with one of the country codes (for example "+44").
func InCountries(number string, countryCodes []string) bool {
	n := Normalise(number)
	if !IsE164(n) {
		return false
	}
	for _, p := range countryCodes {
		if strings.HasPrefix(n, Normalise(p)) {
			return true
		}
	}
	return false
}

// Display writes a UK number the way people in the UK write it ("+441632960000"
// becomes "01632 960000", "+442079460000" becomes "020 7946 0000"), for a
// resident to read or dial. Other numbers are returned in E.164 form.
func Display(number string) string {
	n := Normalise(number)
	if !strings.HasPrefix(n, "+44") || len(n) != 13 {
		return n
	}
	d := "0" + n[3:] // eleven digits
	switch {
	case strings.HasPrefix(d, "02"): // 020 7946 0000
		return d[:3] + " " + d[3:7] + " " + d[7:]
	case strings.HasPrefix(d, "011") || (strings.HasPrefix(d, "01") && d[3] == '1'): // 0115 496 0000, 0161 ...
		return d[:4] + " " + d[4:7] + " " + d[7:]
	}
	return d[:5] + " " + d[5:] // 01632 960000, 07700 900123, 0800...
}
