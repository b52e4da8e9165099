package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// demoSaltFile keeps, in DATA_DIR, the key of the demo line's pseudonyms.
// The demo's auth token is new at every start, and a salt derived from it
// would make every opt-out, conversation and person counted unreachable
// after a restart: the data kept in DATA_DIR would be kept for nothing.
const demoSaltFile = "demo-salt"

// demoSalt returns the demo line's salt from dir, making one the first time.
func demoSalt(dir string) (string, error) {
	path := filepath.Join(dir, demoSaltFile)
	b, err := os.ReadFile(path)
	if err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		return strings.TrimSpace(string(b)), nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("DATA_DIR: %w", err)
	}
	var key [32]byte
	rand.Read(key[:])
	salt := hex.EncodeToString(key[:])
	if err := os.WriteFile(path, []byte(salt+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("DATA_DIR: %w", err)
	}
	return salt, nil
}
