package llm

import (
	"context"
	"reflect"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/places"
	"github.com/heritage-line/heritageline/understand"
)

// TestPlacesIndex re-resolves the model's places with the real embedded
// places index and the rules built on it, as cmd wires them.
func TestPlacesIndex(t *testing.T) {
	ix, err := places.Load()
	if err != nil {
		t.Fatalf("places.Load: %v", err)
	}
	rules := understand.New(ix, []string{"Frome", "Gorleston-on-Sea", "Great Yarmouth"})
	tests := []struct {
		name, text, args string
		want             catalogue.Request
	}{
		{
			name: "a town outside the catalogue",
			text: "my aunt in Beccles would love a knitting group, she is very shy",
			args: `{"intent":"find","place":"Beccles","categories":["crafts"]}`,
			want: catalogue.Request{Intent: catalogue.IntentFind, Place: "beccles", Categories: []catalogue.Category{catalogue.Crafts}},
		},
		{
			name: "an alias",
			text: "we have just moved to gorleston and my husband gets muddled",
			args: `{"intent":"find","place":"gorleston","tags":["dementia-friendly"]}`,
			want: catalogue.Request{Intent: catalogue.IntentFind, Place: "gorleston", Tags: []string{catalogue.TagDementiaFriendly}},
		},
		{
			name: "a place no index knows",
			text: "anything for my nan in Qqzzxx, she used to be a seamstress",
			args: `{"intent":"find","place":"Qqzzxx","categories":["crafts"]}`,
			want: catalogue.Request{Intent: catalogue.IntentFind, Categories: []catalogue.Category{catalogue.Crafts}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeModel(t, toolCall(tt.args))
			cfg := Config{APIKey: "k", Model: "m", BaseURL: f.srv.URL + "/v1", Places: ix}
			u := New(cfg, rules, nil, nil)
			if got := u.Understand(context.Background(), tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Understand(%q) = %+v; want %+v", tt.text, got, tt.want)
			}
			if f.calls() != 1 {
				t.Errorf("server called %d times; want 1", f.calls())
			}
		})
	}
}
