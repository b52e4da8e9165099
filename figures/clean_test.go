package figures

import (
	"reflect"
	"strings"
	"testing"
)

func TestIsPersonHash(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"0123456789abcdef01234567", true},
		{"aaaaaaaaaaaaaaaaaaaaaaaa", true},
		{"+447700900111", false},
		{"447700900111", false},    // digits only, too short for a hash
		{"07700900111", false},     // national form
		{"004477009001110", false}, // international prefix, 15 digits
		{"0123456789ABCDEF01234567", false},
		{"", false},
		{strings.Repeat("a", 65), false},
	} {
		t.Run(tt.in, func(t *testing.T) {
			if got := IsPersonHash(tt.in); got != tt.want {
				t.Errorf("IsPersonHash(%q) = %v; want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestClean(t *testing.T) {
	for _, tt := range []struct {
		name    string
		in      Event
		want    Event
		dropped []string
	}{
		{"clean event kept", Event{Person: p1, Area: " NR31 ", Categories: []string{"walks"}, Offered: []string{"a1"}, Outcome: "no-answer"},
			Event{Person: p1, Area: "NR31", Categories: []string{"walks"}, Offered: []string{"a1"}, Outcome: "no-answer"}, nil},
		{"number as person", Event{Person: "+447700900111", Area: "Leeds"}, Event{Area: "Leeds"}, []string{"person"}},
		{"number as area", Event{Area: "07700 900111"}, Event{}, []string{"area"}},
		{"words as area", Event{Area: strings.Repeat("please ring me back ", 5)}, Event{}, []string{"area"}},
		{"number as category", Event{Categories: []string{"walks", "+447700900111", ""}}, Event{Categories: []string{"walks"}}, []string{"category"}},
		{"text as outcome", Event{Outcome: "Call me on 07700900111"}, Event{}, []string{"outcome"}},
		{"negative seconds", Event{Seconds: -4}, Event{}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, dropped := clean(tt.in)
			if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(dropped, tt.dropped) {
				t.Errorf("clean(%+v) = %+v, dropped %v; want %+v, dropped %v", tt.in, got, dropped, tt.want, tt.dropped)
			}
		})
	}
}

// FuzzClean checks that whatever a caller passes, the cleaned event holds no
// person that is not a hash, no area, category or outcome with a phone
// number's worth of digits, and that cleaning twice changes nothing more.
func FuzzClean(f *testing.F) {
	f.Add("+447700900111", "NR31", "walks", "a1", "answered", 3)
	f.Add(p1, "07700 900111", "+44 7700 900111", "x", "Call me", -1)
	f.Fuzz(func(t *testing.T, person, area, category, id, outcome string, seconds int) {
		e, _ := clean(Event{Person: person, Area: area, Categories: []string{category}, Offered: []string{id}, Outcome: outcome, Seconds: seconds})
		if e.Person != "" && !IsPersonHash(e.Person) {
			t.Errorf("kept person %q", e.Person)
		}
		for _, s := range append([]string{e.Area, e.Outcome}, e.Categories...) {
			if digits(s) > maxDigits {
				t.Errorf("kept %q with %d digits", s, digits(s))
			}
		}
		if e.Seconds < 0 {
			t.Errorf("kept %d seconds", e.Seconds)
		}
		again, dropped := clean(e)
		if !reflect.DeepEqual(again, e) || len(dropped) > 0 {
			t.Errorf("cleaning %+v again gave %+v, dropped %v", e, again, dropped)
		}
	})
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}
