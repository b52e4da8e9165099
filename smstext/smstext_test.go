package smstext

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSegments(t *testing.T) {
	emoji := "😀" // one surrogate pair: two UTF-16 code units
	tests := []struct {
		name string
		body string
		want int
	}{
		{"empty", "", 0},
		{"one char", "a", 1},
		{"gsm 160", strings.Repeat("a", 160), 1},
		{"gsm 161", strings.Repeat("a", 161), 2},
		{"gsm 306", strings.Repeat("a", 306), 2},
		{"gsm 307", strings.Repeat("a", 307), 3},
		{"gsm 459", strings.Repeat("a", 459), 3},
		{"gsm 460", strings.Repeat("a", 460), 4},
		{"gsm accents in basic set", strings.Repeat("é", 160), 1},
		{"pound sign is basic", strings.Repeat("£", 160), 1},
		{"extension counts double 80", strings.Repeat("€", 80), 1},
		{"extension counts double 81", strings.Repeat("[", 81), 2},
		{"extension 159 plus one", strings.Repeat("a", 159) + "^", 2},
		{"extension 158 plus one", strings.Repeat("a", 158) + "|", 1},
		{"form feed is extension", strings.Repeat("a", 159) + "\f", 2},
		// 152 septets then an escape pair: the pair may not straddle 153/154,
		// so it moves to the second segment, which then holds 2+151=153.
		{"extension never split", strings.Repeat("a", 152) + "{" + strings.Repeat("a", 151), 2},
		{"extension never split pushes", strings.Repeat("a", 152) + "{" + strings.Repeat("a", 152), 3},
		{"ucs2 70", strings.Repeat("ê", 0) + strings.Repeat("ж", 70), 1},
		{"ucs2 71", strings.Repeat("ж", 71), 2},
		{"ucs2 134", strings.Repeat("ж", 134), 2},
		{"ucs2 135", strings.Repeat("ж", 135), 3},
		{"one curly quote turns ucs2", strings.Repeat("a", 70) + "’", 2},
		{"emoji 35 pairs", strings.Repeat(emoji, 35), 1},
		{"emoji 36 pairs", strings.Repeat(emoji, 36), 2},
		// 66 units then a pair: the pair cannot split at 67, so it starts
		// segment two.
		{"surrogate pair never split", strings.Repeat("ж", 66) + emoji + strings.Repeat("ж", 65), 2},
		{"surrogate pair never split pushes", strings.Repeat("ж", 66) + emoji + strings.Repeat("ж", 66), 3},
		{"extension chars in ucs2 count once", strings.Repeat("€", 69) + "ж", 1},
		{"backtick is ascii but not gsm", strings.Repeat("a", 70) + "`", 2},
		{"invalid utf-8 is not gsm", strings.Repeat("a", 70) + "\xff", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Segments(tt.body); got != tt.want {
				t.Errorf("Segments(%d runes) = %d; want %d", utf8.RuneCountInString(tt.body), got, tt.want)
			}
		})
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Trinity weavers’ walk", "Trinity weavers' walk"},
		{"“Free” – donations welcome…", `"Free" - donations welcome...`},
		{"10:00\u00a0–\u00a012:00", "10:00 - 12:00"},
		{"Café", "Café"},                 // é is GSM-7 basic
		{"crème brûlée", "crème brulée"}, // è and é are GSM-7 basic; û is not
		{"Façade", "Facade"},
		{"Ça va", "Ça va"},
		{"Łódź", "Lodz"},
		{"Æsop", "Æsop"},
		{"Straße", "Straße"},
		{"Œuvre", "OEuvre"},
		{"tea ☕", "tea ☕"}, // no plain equivalent: kept
		{"soft\u00adhyphen", "softhyphen"},
		{"plain text", "plain text"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Normalise(tt.in)
			if got != tt.want {
				t.Errorf("Normalise(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIsGSM(t *testing.T) {
	for _, s := range []string{"@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ", "¡ÄÖÑÜ§¿äöñüà", "^{}\\[~]|€\f", "¤"} {
		if !IsGSM(s) {
			t.Errorf("IsGSM(%q) = false; want true", s)
		}
	}
	for _, s := range []string{"ê", "’", "ç", "😀", "á", "È"} {
		if IsGSM(s) {
			t.Errorf("IsGSM(%q) = true; want false", s)
		}
	}
}

func TestFit(t *testing.T) {
	var items []string
	for i := 1; i <= 10; i++ {
		items = append(items, fmt.Sprintf("%d Catherine Hill and Cheap Street walk, 2nd & 4th Sat 10:30, Free, 0.%dmi", i, i%10))
	}
	foot := "Reply a number for details, MORE for more, CALL for a volunteer to ring back."
	body, kept := Fit("Near Frome:", items, foot)
	if Segments(body) > MaxSegments {
		t.Fatalf("Fit body has %d segments; want <= %d", Segments(body), MaxSegments)
	}
	if kept < 3 || kept >= 10 {
		t.Errorf("Fit kept %d items; want between 3 and 9", kept)
	}
	if !strings.HasSuffix(body, foot) || strings.Count(body, "\n") != kept+1 {
		t.Errorf("Fit body does not hold head, %d whole items and foot:\n%s", kept, body)
	}
	body, kept = Fit("Near Frome:", items[:2], foot)
	if kept != 2 {
		t.Errorf("Fit kept %d of 2 short items; want 2", kept)
	}
	long := strings.Repeat("x", 600)
	body, kept = Fit(long, nil, "")
	if Segments(body) > MaxSegments || kept != 0 || !strings.HasSuffix(body, "...") {
		t.Errorf("Fit(long head) = %d segments, kept %d; want <= 3, 0, ending ...", Segments(body), kept)
	}
}

func FuzzTruncate(f *testing.F) {
	for _, s := range []string{"", "a", strings.Repeat("€", 300), strings.Repeat("😀", 200), "“Free” – tea…"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Truncate(Normalise(s), MaxSegments)
		if n := Segments(got); n > MaxSegments {
			t.Errorf("Truncate gave %d segments; want <= %d", n, MaxSegments)
		}
	})
}
