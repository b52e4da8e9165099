package main

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/words"
)

// TestLanguagesKnown keeps the codes LANGUAGES accepts (config, which
// imports nothing of the line's) the book of words' own.
func TestLanguagesKnown(t *testing.T) {
	var codes []string
	for _, l := range words.All() {
		codes = append(codes, string(l.Code))
	}
	if !slices.Equal(codes, config.KnownLanguages) {
		t.Errorf("config.KnownLanguages = %v; want the book of words' %v", config.KnownLanguages, codes)
	}
}

// TestUnknownLanguageStopsStartUp: a language the line has no words for
// stops start-up, naming LANGUAGES and its value.
func TestUnknownLanguageStopsStartUp(t *testing.T) {
	env := map[string]string{"LISTEN_ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir(), "LANGUAGES": "cy,fr"}
	var out strings.Builder
	err := run(context.Background(), []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, logWriter{t})
	var ce *config.Error
	if !errors.As(err, &ce) || ce.Problems[0].Name != "LANGUAGES" || ce.Problems[0].Value != "cy,fr" {
		t.Fatalf("got %v; want a config error naming LANGUAGES=\"cy,fr\"", err)
	}
	if !strings.Contains(err.Error(), `"fr"`) {
		t.Errorf("got %q; want it to name the unknown code", err)
	}
}
