package llm

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/internal/redistest"
)

// TestToldTheLanguage: the model is told the language the resident writes
// in (from the context, as the SMS line sets it), English adds nothing, and
// the cache keeps the same letters in two languages apart.
func TestToldTheLanguage(t *testing.T) {
	const text = "szukam czegoś dla mamy blisko Gorleston, ona ma problemy z pamięcią"
	f := newFakeModel(t, toolCall(`{"intent":"find","place":"Gorleston","tags":["dementia-friendly"]}`))
	rdb, _ := redistest.Mini(t)
	u, reasons := newTest(t, f, Config{}, rdb)
	ctx := catalogue.WithLanguage(context.Background(), "pl")
	got := u.Understand(ctx, text)
	if got.Intent != catalogue.IntentFind || !strings.EqualFold(got.Place, "Gorleston") || len(got.Tags) != 1 {
		t.Errorf("Understand = %+v; want the model's find in Gorleston, dementia-friendly", got)
	}
	if r := reasons(); len(r) != 0 {
		t.Errorf("fallback reasons = %q; want none", r)
	}
	system := func(i int) string {
		t.Helper()
		var req struct {
			Messages []struct{ Role, Content string } `json:"messages"`
		}
		if err := json.Unmarshal(f.bodies[i], &req); err != nil || len(req.Messages) == 0 {
			t.Fatalf("request %d: %v", i, err)
		}
		return req.Messages[0].Content
	}
	if s := system(0); !strings.Contains(s, "writes in Polish (Polski)") || !strings.Contains(s, "English values") {
		t.Errorf("system prompt for Polish = %q; want it to name Polish and ask for English values", s)
	}
	u.Understand(context.Background(), "is there anything for my mum near Gorleston, her memory is going")
	if s := system(1); strings.Contains(s, "writes in") {
		t.Errorf("system prompt for English = %q; want no language note", s)
	}
	if keys := u.cacheKey("pl", "abc"); keys == u.cacheKey("", "abc") || u.cacheKey("en", "abc") != u.cacheKey("", "abc") {
		t.Errorf("cache keys: pl %q, en %q, none %q; want Polish apart, English as none", keys, u.cacheKey("en", "abc"), u.cacheKey("", "abc"))
	}
}
