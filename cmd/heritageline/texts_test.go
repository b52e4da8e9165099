package main

import (
	"testing"

	"github.com/heritage-line/heritageline/config"
)

// The goodbye offers texting the line only when its number can receive
// texts: a mobile can, a UK landline cannot.
func TestLineTakesTexts(t *testing.T) {
	tests := []struct {
		number, setting string
		demo            bool
		want            bool
	}{
		{"+447700900123", "auto", false, true},  // a drama mobile
		{"+447911123456", "auto", false, true},  // a mobile
		{"+441632960000", "auto", false, false}, // a drama landline
		{"+442079460000", "auto", false, false}, // a London landline
		{"+448081570000", "auto", false, false}, // freephone
		{"+441632960000", "auto", true, true},   // the demo: the simulator texts it
		{"+441632960000", "yes", false, true},
		{"+447700900123", "no", false, false},
	}
	for _, tt := range tests {
		cfg := config.Config{PhoneNumber: tt.number, LineTakesTexts: tt.setting, DemoToken: tt.demo}
		if got := lineTakesTexts(cfg); got != tt.want {
			t.Errorf("lineTakesTexts(%s, LINE_TAKES_TEXTS=%s, demo %v) = %v; want %v", tt.number, tt.setting, tt.demo, got, tt.want)
		}
	}
}
