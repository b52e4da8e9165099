package llm

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/heritage-line/heritageline/catalogue"
	book "github.com/heritage-line/heritageline/words"
	"github.com/sashabaranov/go-openai"
)

// toolName is the one function the model must call with its answer.
const toolName = "record_request"

// modelIntents are the intents the model may answer with. Opt-out and opt-in
// are left to the rules: only the exact words count, as carriers treat them.
var modelIntents = []catalogue.Intent{
	catalogue.IntentFind, catalogue.IntentDetails, catalogue.IntentMore,
	catalogue.IntentCallback, catalogue.IntentHelp, catalogue.IntentUnknown,
}

var weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// systemPrompt tells the model its one job. It names the valid categories
// and tags; the message itself goes in the user turn, redacted.
func systemPrompt() string {
	cats := make([]string, len(catalogue.Categories))
	for i, c := range catalogue.Categories {
		cats[i] = string(c)
	}
	return fmt.Sprintf(`You classify messages sent to a telephone and SMS line that signposts older residents in England to heritage wellbeing activities (walks, museums, history groups, cafes, crafts, archaeology).
Read the resident's message and call %s exactly once with what they asked for. Do not reply with text.
- intent: find (looking for activities), details (asking about item number N of a list they were sent), more (the next page of results), callback (wants a person to ring them), help (how the line works), unknown.
- place: the town, village, area or postcode exactly as written in the message, or "" if none. Never invent a place.
- categories: only from [%s]. Synonyms count: "dig" is archaeology, "coffee morning" is cafe, "knitting" is crafts, "talk" is history-group.
- tags: only from [%s]: memory problems or dementia mean dementia-friendly; wheelchairs or no steps mean step-free; coming with or being a carer means carers-welcome; women or ladies only means women-only.
- free_only: true only if they ask for free or cannot pay.
- languages: languages other than English they want the activity in, e.g. "Polish".
- when: today, this_week, weekday (lower case), or date (YYYY-MM-DD) if they said one.
- item: the number N for intent details, else 0.`,
		toolName, strings.Join(cats, ", "), strings.Join(catalogue.KnownTags, ", "))
}

// toolSchema is the JSON schema of the tool's arguments: the Request fields.
func toolSchema() json.RawMessage {
	cats := make([]string, len(catalogue.Categories))
	for i, c := range catalogue.Categories {
		cats[i] = string(c)
	}
	intents := make([]string, len(modelIntents))
	for i, in := range modelIntents {
		intents[i] = string(in)
	}
	schema := map[string]any{
		"type": "object",
		"properties": map[string]any{
			"intent":     map[string]any{"type": "string", "enum": intents},
			"place":      map[string]any{"type": "string"},
			"categories": map[string]any{"type": "array", "items": map[string]any{"type": "string", "enum": cats}},
			"tags":       map[string]any{"type": "array", "items": map[string]any{"type": "string", "enum": catalogue.KnownTags}},
			"free_only":  map[string]any{"type": "boolean"},
			"languages":  map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
			"when": map[string]any{
				"type": "object",
				"properties": map[string]any{
					"today":     map[string]any{"type": "boolean"},
					"this_week": map[string]any{"type": "boolean"},
					"weekday":   map[string]any{"type": "string", "enum": append([]string{""}, weekdays...)},
					"date":      map[string]any{"type": "string", "description": "YYYY-MM-DD or empty"},
				},
			},
			"item": map[string]any{"type": "integer", "minimum": 0},
		},
		"required": []string{"intent"},
	}
	b, _ := json.Marshal(schema) // maps of strings, slices and bools: cannot fail
	return b
}

var schemaJSON = toolSchema()

// languageNote tells the model the language the resident writes or speaks
// in (the book of words' code, from catalogue.LanguageOf), or is "" for
// English or none.
func languageNote(code string) string {
	l, ok := book.Lookup(book.Lang(code))
	if !ok || l.Code == book.English {
		return ""
	}
	return fmt.Sprintf(`
The resident writes in %s (%s). Read the message in that language; English words in it count too. Give the place exactly as written in the message, and every other field in the English values above (categories, tags, weekdays in English; languages by their English names).`,
		l.EnglishName, l.Name)
}

// chatRequest builds the one request sent for text, which must already be
// redacted, written in the language lang (a book of words' code; "" is
// English).
func chatRequest(model, lang, text string) openai.ChatCompletionRequest {
	return openai.ChatCompletionRequest{
		Model: model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: systemPrompt() + languageNote(lang)},
			{Role: openai.ChatMessageRoleUser, Content: text},
		},
		Tools: []openai.Tool{{
			Type: openai.ToolTypeFunction,
			Function: &openai.FunctionDefinition{
				Name:        toolName,
				Description: "Record what the resident asked for.",
				Parameters:  schemaJSON,
			},
		}},
		ToolChoice: openai.ToolChoice{Type: openai.ToolTypeFunction, Function: openai.ToolFunction{Name: toolName}},
		MaxTokens:  300,
	}
}
