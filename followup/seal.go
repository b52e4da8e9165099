package followup

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the length of FOLLOWUP_KEY: 32 random bytes (AES-256).
const KeySize = 32

// ErrKey means FOLLOWUP_KEY is not 32 bytes written in hex or base64.
var ErrKey = errors.New("followup: the key must be 32 random bytes, written as 64 hexadecimal characters or in base64")

// ErrSealed means a sealed number could not be opened: it was sealed with
// another key, for another person, or has been tampered with.
var ErrSealed = errors.New("followup: sealed number cannot be opened with this key")

// ParseKey reads a key written as 64 hexadecimal characters or as base64
// (standard or URL alphabet, padded or not) of exactly KeySize bytes. It
// returns ErrKey for anything else, without echoing the key.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if len(s) == 2*KeySize {
		if b, err := hex.DecodeString(s); err == nil {
			return b, nil
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) == KeySize {
			return b, nil
		}
	}
	return nil, ErrKey
}

// NewKey makes a random key, written in hex (as a deployer would set
// FOLLOWUP_KEY; the demo keeps one in its DATA_DIR).
func NewKey() string {
	var b [KeySize]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Sealer keeps the one thing the follow-up must be able to read back, the
// number to text, encrypted at rest with AES-256-GCM. Each sealed number is
// bound to the person's keyed hash, so a sealed value moved to another
// record does not open. Safe for concurrent use.
type Sealer struct {
	aead cipher.AEAD
	id   string // a short fingerprint of the key, never the key
}

// NewSealer returns a Sealer for key (KeySize bytes, from ParseKey). It
// returns ErrKey for a key of the wrong length.
func NewSealer(key []byte) (*Sealer, error) {
	if len(key) != KeySize {
		return nil, ErrKey
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("followup: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("followup: %w", err)
	}
	sum := sha256.Sum256(append([]byte("heritageline followup key id "), key...))
	return &Sealer{aead: aead, id: hex.EncodeToString(sum[:3])}, nil
}

// sealPrefix marks the format: "v1." then the key's fingerprint, ".", then
// base64 of the nonce and the ciphertext.
const sealPrefix = "v1."

// Seal encrypts number for the person with pseudonym hash. Every call uses
// a fresh random nonce.
func (s *Sealer) Seal(number, hash string) string {
	nonce := make([]byte, s.aead.NonceSize(), s.aead.NonceSize()+len(number)+s.aead.Overhead())
	rand.Read(nonce)
	out := s.aead.Seal(nonce, nonce, []byte(number), []byte(hash))
	return sealPrefix + s.id + "." + base64.RawURLEncoding.EncodeToString(out)
}

// Open decrypts a value Seal made for hash. It returns ErrSealed, wrapped,
// when the value is malformed, was sealed with another key or for another
// hash, or has been changed.
func (s *Sealer) Open(sealed, hash string) (string, error) {
	rest, ok := strings.CutPrefix(sealed, sealPrefix)
	if !ok {
		return "", fmt.Errorf("%w: unknown format", ErrSealed)
	}
	id, body, ok := strings.Cut(rest, ".")
	if !ok {
		return "", fmt.Errorf("%w: malformed", ErrSealed)
	}
	if id != s.id {
		return "", fmt.Errorf("%w: sealed with another key", ErrSealed)
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil || len(raw) < s.aead.NonceSize()+s.aead.Overhead() {
		return "", fmt.Errorf("%w: malformed", ErrSealed)
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, raw[:n], raw[n:], []byte(hash))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrSealed, err)
	}
	return string(plain), nil
}
