package words

import "testing"

func TestDetect(t *testing.T) {
	all := []Lang{English, Welsh, Polish, Romanian, Arabic, Cantonese}
	tests := []struct {
		text  string
		among []Lang
		want  Lang // "" when it cannot tell
	}{
		{"museum in Frome", all, English},
		{"walks near Great Yarmouth this week please", all, English},
		{"Frome", all, ""},
		{"BA11 1AT", all, ""},
		{"3", all, ""},
		{"I want a walk in Frome", all, English},
		{"muzeum w Frome", all, Polish},
		{"Szukam zajęć dla seniorów", all, Polish},
		{"spacer w sobote", all, Polish},
		{"amgueddfa yn Frome", all, Welsh},
		{"teithiau cerdded dydd Sadwrn", all, Welsh},
		{"plimbări în Bath", all, Romanian},
		{"muzee gratuite sambata", all, Romanian},
		{"متحف في Frome", all, Arabic},
		{"Frome 有冇博物館", all, Cantonese},
		{"POMOC", all, Polish},
		{"AJUTOR", all, Romanian},
		{"muzeum w Frome", []Lang{English, Welsh}, ""},
		{"STOP", all, ""},
		{"HELP", all, ""},
		{"info", all, ""},
		{"Szukam zajęć", []Lang{Polish}, Polish},
	}
	for _, tt := range tests {
		got, ok := Detect(tt.text, tt.among)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Detect(%q, %v) = %q, %v; want %q", tt.text, tt.among, got, ok, tt.want)
		}
	}
}

// FuzzDetect: whatever a texter sends, Detect answers without panicking,
// and only ever with a language it was given.
func FuzzDetect(f *testing.F) {
	for _, s := range []string{"muzeum w Frome", "متحف", "週六有冇博物館", "ŵŷ", "STOP", "", "\xff\xfe", "ąęł ășț"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		among := []Lang{English, Polish, Arabic}
		got, ok := Detect(text, among)
		if ok && got != English && got != Polish && got != Arabic {
			t.Errorf("Detect(%q) = %q; want one of %v", text, got, among)
		}
		if !ok && got != "" {
			t.Errorf("Detect(%q) = %q, false; want \"\" when it cannot tell", text, got)
		}
	})
}
