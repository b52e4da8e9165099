package followup

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

func TestParseKey(t *testing.T) {
	raw := make([]byte, KeySize)
	for i := range raw {
		raw[i] = byte(i * 7)
	}
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"hex", hex.EncodeToString(raw), true},
		{"hex upper case", strings.ToUpper(hex.EncodeToString(raw)), true},
		{"base64", base64.StdEncoding.EncodeToString(raw), true},
		{"base64 unpadded", base64.RawStdEncoding.EncodeToString(raw), true},
		{"base64url", base64.URLEncoding.EncodeToString(raw), true},
		{"spaces around", "  " + hex.EncodeToString(raw) + "\n", true},
		{"empty", "", false},
		{"a passphrase", "correct horse battery staple", false},
		{"16 bytes", hex.EncodeToString(raw[:16]), false},
		{"33 bytes in base64", base64.StdEncoding.EncodeToString(append(raw, 1)), false},
		{"hex with a bad digit", "zz" + hex.EncodeToString(raw)[2:], false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := ParseKey(tt.in)
			if tt.ok {
				if err != nil || string(k) != string(raw) {
					t.Errorf("ParseKey: got %x, %v; want the key", k, err)
				}
				return
			}
			if !errors.Is(err, ErrKey) {
				t.Errorf("ParseKey: got %v; want ErrKey", err)
			}
			if err != nil && tt.in != "" && strings.Contains(err.Error(), tt.in) {
				t.Errorf("the error %q echoes the key", err)
			}
		})
	}
}

func TestSealOpen(t *testing.T) {
	key, _ := ParseKey(NewKey())
	s, err := NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	const number, hash = "+447700900123", "0123456789abcdef01234567"
	sealed := s.Seal(number, hash)
	if strings.Contains(sealed, "7700900123") {
		t.Fatalf("sealed %q shows the number", sealed)
	}
	if again := s.Seal(number, hash); again == sealed {
		t.Errorf("two seals of one number are the same; want a fresh nonce each time")
	}
	got, err := s.Open(sealed, hash)
	if err != nil || got != number {
		t.Fatalf("Open: got %q, %v; want %q", got, err, number)
	}

	otherKey, _ := ParseKey(NewKey())
	other, _ := NewSealer(otherKey)
	flipped := []byte(sealed)
	flipped[len(flipped)-2] ^= 1
	for name, try := range map[string]func() (string, error){
		"another person's hash": func() (string, error) { return s.Open(sealed, "ffffffffffffffffffffffff") },
		"another key":           func() (string, error) { return other.Open(sealed, hash) },
		"changed":               func() (string, error) { return s.Open(string(flipped), hash) },
		"not sealed":            func() (string, error) { return s.Open(number, hash) },
		"cut short":             func() (string, error) { return s.Open(sealed[:20], hash) },
	} {
		if got, err := try(); !errors.Is(err, ErrSealed) || got != "" {
			t.Errorf("%s: got %q, %v; want ErrSealed", name, got, err)
		}
	}
}

func FuzzParseKey(f *testing.F) {
	f.Add(NewKey())
	f.Add(base64.StdEncoding.EncodeToString(make([]byte, KeySize)))
	f.Add("")
	f.Add("not a key")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseKey(s)
		if err == nil && len(k) != KeySize {
			t.Fatalf("ParseKey(%q) gave %d bytes; want %d", s, len(k), KeySize)
		}
		if err != nil && !errors.Is(err, ErrKey) {
			t.Fatalf("ParseKey(%q): %v; want ErrKey", s, err)
		}
	})
}

// FuzzOpen feeds Open what Redis might hold: it must never panic, and
// never open anything but what was sealed.
func FuzzOpen(f *testing.F) {
	key, _ := ParseKey(NewKey())
	s, _ := NewSealer(key)
	f.Add(s.Seal("+447700900123", "h"), "h")
	f.Add("v1.abcdef.", "h")
	f.Add("v1..AAAA", "")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, sealed, hash string) {
		if got, err := s.Open(sealed, hash); err == nil && got != "+447700900123" {
			t.Fatalf("Open(%q, %q) = %q; want an error", sealed, hash, got)
		}
	})
}
