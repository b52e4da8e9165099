package privacy

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"testing"
)

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+447700900123", "+447700900123"},
		{"07700 900123", "+447700900123"},
		{"0044 7700 900123", "+447700900123"},
		{" (01632) 960-101 ", "+441632960101"},
		{"+1 202 555 0100", "+12025550100"},
		{"", ""},
		{"anonymous", ""},
	}
	for _, tt := range tests {
		if got := Normalise(tt.in); got != tt.want {
			t.Errorf("Normalise(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestHashIsKeyedAndStable(t *testing.T) {
	a, b := NewHasher([]byte("salt-a")), NewHasher([]byte("salt-b"))
	if a.Hash("07700 900123") != a.Hash("+447700900123") {
		t.Errorf("the same number in two forms hashed differently")
	}
	if a.Hash("+447700900123") == b.Hash("+447700900123") {
		t.Errorf("two keys gave the same pseudonym; rotating the salt must start a new count")
	}
	if h := a.Hash("+447700900123"); len(h) != 24 {
		t.Errorf("Hash length = %d; want 24", len(h))
	}
}

// Hash is HMAC-SHA256 of the normalised number, cut to 12 bytes, however
// often its pooled HMACs are reused and from however many goroutines.
func TestHashIsHMAC(t *testing.T) {
	h := NewHasher([]byte("salt-a"))
	want := func(number string) string {
		m := hmac.New(sha256.New, []byte("salt-a"))
		m.Write([]byte(Normalise(number)))
		return hex.EncodeToString(m.Sum(nil)[:12])
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 200 {
				n := fmt.Sprintf("+4477009%05d", g*1000+i)
				if got := h.Hash(n); got != want(n) {
					t.Errorf("Hash(%s) = %s; want %s", n, got, want(n))
					return
				}
			}
		})
	}
	wg.Wait()
	if got, w := (Hasher{key: []byte("salt-a")}).Hash("+447700900123"), want("+447700900123"); got != w {
		t.Errorf("a Hasher without a pool: Hash = %s; want %s", got, w)
	}
}

func BenchmarkHash(b *testing.B) {
	h := NewHasher([]byte("salt-a"))
	b.ReportAllocs()
	for b.Loop() {
		h.Hash("+447700900123")
	}
}

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+447700900111", "ending 111"},
		{"07700 900222", "ending 222"},
		{"123", "unknown number"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestInCountries(t *testing.T) {
	uk := []string{"+44"}
	tests := []struct {
		n    string
		want bool
	}{
		{"+447700900123", true},
		{"07700 900123", true},
		{"+3315550100", false},
		{"+44", false},
		{"+4412345678901234", false},
		{"447700900123", false},
		{"+0447700900123", false},
	}
	for _, tt := range tests {
		if got := InCountries(tt.n, uk); got != tt.want {
			t.Errorf("InCountries(%q, +44) = %v; want %v", tt.n, got, tt.want)
		}
	}
}

func TestDisplay(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+441632960000", "01632 960000"},
		{"+447700900123", "07700 900123"},
		{"+442079460000", "020 7946 0000"},
		{"+441154960000", "0115 496 0000"},
		{"+441614960000", "0161 496 0000"},
		{"+12025550100", "+12025550100"},
	}
	for _, tt := range tests {
		if got := Display(tt.in); got != tt.want {
			t.Errorf("Display(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
