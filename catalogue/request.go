package catalogue

import (
	"context"
	"time"
)

// Intent is what a resident wants from a message or a spoken answer.
type Intent string

const (
	IntentFind     Intent = "find"     // activities near a place, maybe filtered
	IntentDetails  Intent = "details"  // details of item N of the last list
	IntentMore     Intent = "more"     // the next page
	IntentCallback Intent = "callback" // a volunteer to ring back
	IntentHelp     Intent = "help"     // how the line works
	IntentStop     Intent = "stop"     // opt out of texts
	IntentStart    Intent = "start"    // opt back in
	IntentUnknown  Intent = "unknown"
)

// When is the time a resident asked about.
type When struct {
	Today    bool
	ThisWeek bool
	Weekday  *time.Weekday // "on Saturday"
	Date     Date          // a specific date, zero if none
}

// Request is what a resident asked for, in structured form. The place is text,
// to be resolved by the places package; nothing here is ever read back to the
// resident except through catalogue facts.
type Request struct {
	Intent     Intent
	Place      string     // as found in the text: "gorleston", "BA11 1AT"
	Categories []Category // valid categories only
	Tags       []string   // dementia-friendly, step-free, carers-welcome, women-only
	FreeOnly   bool
	Languages  []string // e.g. "Polish"
	When       When
	Item       int // IntentDetails: the number the resident gave
}

// Understander turns free text (an SMS body or a speech result) into a Request.
// It never fails outright: when it cannot tell, it returns IntentUnknown.
type Understander interface {
	Understand(ctx context.Context, text string) Request
}

// languageKey is the context key of the language a resident uses.
type languageKey struct{}

// WithLanguage returns a copy of ctx saying the resident writes or speaks in
// the language with code (the book of words' codes: "cy", "pl", "yue"), for
// an Understander, which reads it with LanguageOf.
func WithLanguage(ctx context.Context, code string) context.Context {
	return context.WithValue(ctx, languageKey{}, code)
}

// LanguageOf returns the language code WithLanguage put on ctx, or "" when
// none was: then the text is taken to be English.
func LanguageOf(ctx context.Context) string {
	code, _ := ctx.Value(languageKey{}).(string)
	return code
}
