package csvfile

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
)

// TestTranslationColumns: title_cy, summary_pl, access_ro (or
// accessibility_ro) carry an activity's words in other languages; an empty
// cell translates nothing; Write writes them back so Read gives the same;
// a column for no field or no code is still unknown.
func TestTranslationColumns(t *testing.T) {
	const file = "id,title,summary,category,schedule,town,postcode,accessibility,languages,title_cy,summary_pl,access_ro,Accessibility_CY\n" +
		"cafe-1,Heritage Café,Tea and memories,cafe,first Thursday 10:30-12:00,Frome,BA11 1AT,Step-free,Polish,Caffi Treftadaeth,Herbata i wspomnienia,Fără trepte,Heb risiau\n" +
		"walk-1,Town walk,,walk,every Saturday 10:00-11:30,Frome,BA11 1AT,,,,,,\n"
	load, err := Read("t.csv", strings.NewReader(file))
	if err != nil || len(load.Activities) != 2 {
		t.Fatalf("Read = %d activities, %v; want 2", len(load.Activities), err)
	}
	cafe, walk := load.Activities[0], load.Activities[1]
	want := map[string]catalogue.Translation{
		"cy": {Title: "Caffi Treftadaeth", Access: "Heb risiau"},
		"pl": {Summary: "Herbata i wspomnienia"},
		"ro": {Access: "Fără trepte"},
	}
	if !reflect.DeepEqual(cafe.Translations, want) {
		t.Errorf("cafe translations = %#v; want %#v", cafe.Translations, want)
	}
	if walk.Translations != nil {
		t.Errorf("walk translations = %#v; want none", walk.Translations)
	}
	if got := cafe.In("cy"); got.Title != "Caffi Treftadaeth" || got.Summary != "Tea and memories" || got.Access != "Heb risiau" {
		t.Errorf("In(cy) = %q, %q, %q; want the Welsh title and access, the English summary", got.Title, got.Summary, got.Access)
	}
	if got := cafe.In("ar"); got.Title != cafe.Title {
		t.Errorf("In(ar) title = %q; want the catalogue's %q", got.Title, cafe.Title)
	}

	var buf bytes.Buffer
	if err := Write(&buf, load.Activities); err != nil {
		t.Fatal(err)
	}
	if head, _, _ := strings.Cut(buf.String(), "\n"); !strings.HasSuffix(head, ",title_cy,summary_cy,accessibility_cy,title_pl,summary_pl,accessibility_pl,title_ro,summary_ro,accessibility_ro") {
		t.Errorf("Write header = %q; want the translation columns of cy, pl, ro at the end", head)
	}
	again, err := Read("again.csv", &buf)
	if err != nil || !reflect.DeepEqual(again.Activities[0].Translations, want) {
		t.Errorf("Read(Write) translations = %#v, %v; want %#v", again.Activities[0].Translations, err, want)
	}

	for _, col := range []string{"colour_cy", "title_welsh", "title_", "notes_pl"} {
		_, err := Read("bad.csv", strings.NewReader("id,title,category,schedule,town,postcode,"+col+"\n"))
		if err == nil || !strings.Contains(err.Error(), col) {
			t.Errorf("column %q: got %v; want it named as unknown", col, err)
		}
	}
}
