package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/smstext"
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

var updateTranscripts = flag.Bool("update", false, "rewrite the transcripts in docs/languages.md")

// transcriptNow is when the language transcripts are made: a Wednesday
// morning, so their dates never change.
var transcriptNow = time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London)

// callMoves are the caller's moves in every language (the simulator presses
// 1 for the language first): activities near me, Frome, the next one,
// goodbye.
const callMoves = "1\nfrome\n1\n9\n"

// transcriptTexts are what a texter of lang sends: museums in Frome in
// their own words, a postcode, the next page, and the guide in their own
// words.
func transcriptTexts(lang words.Lang) []string {
	museums := map[words.Lang]string{
		words.English: "museums in Frome", words.Welsh: "amgueddfa yn Frome", words.Polish: "muzeum w Frome",
		words.Romanian: "muzee în Frome", words.Arabic: "متحف في Frome", words.Cantonese: "Frome有冇博物館",
	}
	lx := words.For(lang).Lexicon()
	more, help := lx.More[0], lx.Help[0]
	switch lang {
	case words.Polish:
		more = "WIĘCEJ"
	case words.Welsh:
		help = "cymorth"
	}
	return []string{museums[lang], "BA11 1AT", strings.ToUpper(more), strings.ToUpper(help)}
}

// TestLanguageTranscripts makes a call and a text conversation in every
// language with the simulator (heritageline call --lang, text --lang) on
// the embedded default, at a fixed time, and checks them against the
// transcripts in docs/languages.md (go test -run TestLanguageTranscripts
// -update rewrites them).
func TestLanguageTranscripts(t *testing.T) {
	lineNow = func() time.Time { return transcriptNow }
	t.Cleanup(func() { lineNow = time.Now })
	env := map[string]string{"LOG_LEVEL": "error"}
	getenv := func(k string) string { return env[k] }

	var doc strings.Builder
	doc.WriteString("Made by the simulator against the embedded default, as on Wednesday 25 November 2026 at 09:00,\n")
	doc.WriteString("and checked by `TestLanguageTranscripts` (`go test ./cmd/heritageline -run TestLanguageTranscripts -update`\n")
	doc.WriteString("rewrites them: read them before committing).\n")
	for _, l := range words.All() {
		code := string(l.Code)
		var call strings.Builder
		if err := run(t.Context(), []string{"call", "--lang", code}, getenv, strings.NewReader(callMoves), &call, logWriter{t}); err != nil {
			t.Fatalf("call --lang %s: %v\n%s", code, err, call.String())
		}
		texts := transcriptTexts(l.Code)
		var sms strings.Builder
		if err := run(t.Context(), []string{"text", "--lang", code}, getenv, strings.NewReader(strings.Join(texts, "\n")+"\n"), &sms, logWriter{t}); err != nil {
			t.Fatalf("text --lang %s: %v\n%s", code, err, sms.String())
		}
		for _, out := range []string{call.String(), sms.String()} {
			if strings.Contains(out, words.For(l.Code).VoiceFallback()) || strings.Contains(out, smsFallbackStart(l.Code)) {
				t.Errorf("%s: the line apologised:\n%s", code, out)
			}
		}
		fmt.Fprintf(&doc, "\n### %s (%s)\n\n```text\n$ printf '%s' | heritageline call --lang %s\n%s```\n\n```text\n$ printf '%s' | heritageline text --lang %s\n%s```\n",
			l.EnglishName, l.Name, strings.ReplaceAll(strings.TrimSuffix(callMoves, "\n"), "\n", `\n`), code, indentDemo(call.String()),
			strings.Join(texts, `\n`), code, withTexts(t, texts, sms.String()))
	}

	const file = "../../docs/languages.md"
	const start, end = "<!-- transcripts -->\n", "<!-- /transcripts -->\n"
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, found := strings.Cut(string(b), start)
	_, after, found2 := strings.Cut(rest, end)
	if *updateTranscripts {
		if !found || !found2 {
			before, after = string(b)+"\n## A call and a text in every language\n\n", ""
		}
		if err := os.WriteFile(file, []byte(before+start+doc.String()+end+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !found || !found2 {
		t.Fatalf("%s has no %q ... %q section; run with -update", file, strings.TrimSpace(start), strings.TrimSpace(end))
	}
	if got, want := strings.TrimSuffix(rest, end+after), doc.String(); got != want {
		t.Errorf("docs/languages.md transcripts differ from what the line says now (run with -update and read the diff):\n%s", lineDiff(got, want))
	}
}

// smsFallbackStart is the first words of the SMS line's apology in lang.
func smsFallbackStart(lang words.Lang) string {
	s := smstext.Normalise(words.For(lang).SMSFallback("01632 960000"))
	return s[:min(len(s), 20)]
}

// indentDemo indents the lines a demo text runs over like the line's own
// replies, as scripts/transcripts.sh does.
func indentDemo(out string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(out, "\n") {
		if line != "" && !strings.HasPrefix(line, "LINE: ") && !strings.HasPrefix(line, "  ") {
			b.WriteString("      ")
		}
		b.WriteString(line)
	}
	return b.String()
}

// withTexts puts "  [texts: ...]" before the reply to each text, as
// scripts/transcripts.sh does.
func withTexts(t *testing.T, texts []string, out string) string {
	var b strings.Builder
	i, waiting := 0, true
	for _, line := range strings.SplitAfter(out, "\n") {
		reply := strings.HasPrefix(line, "LINE: ") || strings.HasPrefix(line, "  [no reply]") || strings.HasPrefix(line, "  [demo: ")
		if waiting && reply {
			if i == len(texts) {
				t.Fatalf("more replies than texts:\n%s", out)
			}
			fmt.Fprintf(&b, "  [texts: %s]\n", texts[i])
			i++
			waiting = false
		}
		b.WriteString(line)
		if strings.HasPrefix(line, "LINE: ") || strings.HasPrefix(line, "  [no reply]") {
			waiting = true
		}
	}
	if i != len(texts) {
		t.Fatalf("%d texts but %d replies:\n%s", len(texts), i, out)
	}
	return b.String()
}

// lineDiff lists the first lines that differ.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(g), len(w)) && shown < 10; i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			fmt.Fprintf(&b, "line %d:\n  docs: %s\n  line: %s\n", i+1, gl, wl)
			shown++
		}
	}
	return b.String()
}
