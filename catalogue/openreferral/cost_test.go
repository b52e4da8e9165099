package openreferral

import "testing"

func TestCost(t *testing.T) {
	amt := func(v float64) optFloat { return optFloat{V: v, Set: true} }
	tests := []struct {
		name     string
		in       service
		wantFree bool
		wantText string
	}{
		{"zero amount", service{CostOptions: []costOption{{Amount: amt(0)}}}, true, "Free"},
		{"an amount", service{CostOptions: []costOption{{Amount: amt(4.5), Currency: "GBP"}}}, false, "£4.50"},
		{"zero and an amount", service{CostOptions: []costOption{{Amount: amt(0), Option: "Carers"}, {Amount: amt(2), Option: "Others"}}}, false, "Carers: Free; Others: £2"},
		{"other currency", service{CostOptions: []costOption{{Amount: amt(5), Currency: "eur"}}}, false, "5 EUR"},
		{"free wording", service{Fees: "Free (donations welcome)"}, true, "Free (donations welcome)"},
		{"not free", service{Fees: "Not free: £5"}, false, "Not free: £5"},
		{"free parking only", service{Fees: "£3, free parking"}, false, "£3, free parking"},
		{"option words", service{CostOptions: []costOption{{Option: "Free to members"}}}, true, "Free to members"},
		{"freedom is not free", service{Fees: "Freedom pass holders £1"}, false, "Freedom pass holders £1"},
		{"nothing said", service{}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			free, text := costOf(&tt.in)
			if free != tt.wantFree || text != tt.wantText {
				t.Errorf("got %v %q; want %v %q", free, text, tt.wantFree, tt.wantText)
			}
		})
	}
}

func TestNormPostcode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ba111at", "BA11 1AT"}, {"BA11 1AT", "BA11 1AT"}, {" nr32  1xg ", "NR32 1XG"}, {"ng1", "NG1"},
		{"EC1A 1BB", "EC1A 1BB"}, {"12345", ""}, {"NOT A POSTCODE", ""}, {"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got, _ := normPostcode(tt.in); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"A walk.", "A walk."},
		{"<p>A gentle <b>walk</b>.</p><p>Tea &amp; cake after.</p>", "A gentle walk.\nTea & cake after."},
		{"Line one<br/>Line two", "Line one\nLine two"},
		{"Fish &amp; chips &pound;5", "Fish & chips £5"},
		{"1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := plainText(tt.in); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}
