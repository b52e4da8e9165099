package sample

import (
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

func TestLoad(t *testing.T) {
	load, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range load.Skipped {
		t.Errorf("skipped: %v", s)
	}
	var active, inactive int
	towns := map[string]int{}
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, catalogue.London)
	for _, a := range load.Activities {
		if !a.Active {
			inactive++
			continue
		}
		active++
		towns[a.Town]++
		if a.Summary == "" || a.Phone == "" || a.Source == "" || a.Venue == "" {
			t.Errorf("%s: got summary %q, phone %q, source %q, venue %q; want all four", a.ID, a.Summary, a.Phone, a.Source, a.Venue)
		}
		// Every active sample activity has a next date, "every other" ones included.
		if _, ok := a.Schedule.Next(now); !ok {
			t.Errorf("%s: got no next session for %q; want one", a.ID, a.Schedule.Text)
		}
	}
	if active != 32 || inactive != 2 {
		t.Errorf("got %d active and %d inactive; want 32 and 2", active, inactive)
	}
	for _, town := range []string{"Frome", "Nottingham", "Ravenshead", "Great Yarmouth", "Gorleston-on-Sea", "Lowestoft"} {
		if towns[town] == 0 {
			t.Errorf("got no activities in %s; want some", town)
		}
	}
}

func TestTags(t *testing.T) {
	load, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, a := range load.Activities {
		for _, tag := range a.Tags {
			count[tag]++
		}
	}
	for _, tag := range catalogue.KnownTags {
		if count[tag] == 0 {
			t.Errorf("got no activity tagged %s; want at least one, for demonstrations", tag)
		}
	}
}
