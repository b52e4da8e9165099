package ivr

import (
	"strings"
	"testing"
)

// unstaffedLine is a real line whose roster is empty: nobody takes calls
// or rings back.
func unstaffedLine(c *Config) { c.Unstaffed = func() bool { return true } }

// promisesNobody fails when n offers or promises a person: a volunteer, the
// 0 key, a message, a call back, a Dial or a Record.
func promisesNobody(t *testing.T, what string, n *node) {
	t.Helper()
	heard := strings.ToLower(n.spoken())
	for _, p := range []string{"volunteer", "press 0", "will ring you", "after the beep", "putting you through", "leave a short message", "text call"} {
		if strings.Contains(heard, p) {
			t.Errorf("%s: heard %q; want no offer of a person (%q)", what, heard, p)
		}
	}
	if len(n.all("Dial")) > 0 || len(n.all("Record")) > 0 {
		t.Errorf("%s: got a Dial or a Record; want neither", what)
	}
}

// TestUnstaffedLine walks a line with nobody to take calls (issue 15 item
// 8): the menus, the choices after an activity, the end of the results,
// no results, the towns menu, missed answers and the steps a message or a
// callback would take never offer a volunteer or the 0 key; 0 pressed
// anyway is told nobody can take calls, then the menu. The desk is never
// asked for a callback.
func TestUnstaffedLine(t *testing.T) {
	tests := []struct {
		name string
		walk func(t *testing.T, h *harness)
	}{
		{"menu, a search to the end", func(t *testing.T, h *harness) {
			n := h.incoming()
			promisesNobody(t, "greeting", n)
			says(t, n, "To find activities, say your town or press 1. For the next seven days, press 2. To hear this again, press 3.")
			n = h.step("menu", "Digits", "0")
			promisesNobody(t, "0 at the menu", n)
			says(t, n, "nobody on this line can take calls", "by text", "To find activities")
			n = h.step("menu", "SpeechResult", "Frome")
			promisesNobody(t, "a search", n)
			says(t, n, "I found 4 within 10 miles.", "For the menu, press star.")
			for range 4 {
				promisesNobody(t, "next", h.step("result", "Digits", "1"))
			}
			n = h.last
			says(t, n, "That's all of them.", "To end the call, press 9.")
			n = h.step("end", "Digits", "0")
			promisesNobody(t, "0 at the end", n)
			says(t, n, "nobody on this line can take calls")
		}},
		{"a volunteer asked for by voice", func(t *testing.T, h *harness) {
			// The menu's speech hints keep "volunteer" on an unstaffed line,
			// so that asking for one is heard and answered plainly rather
			// than "I didn't catch that".
			h.incoming()
			n := h.step("menu", "SpeechResult", "volunteer please")
			promisesNobody(t, "a volunteer asked for", n)
			says(t, n, "nobody on this line can take calls", "To find activities")
		}},
		{"results when no more texts may go", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "SpeechResult", "Frome")
			for range 4 {
				promisesNobody(t, "text me this", h.step("result", "Digits", "3"))
			}
		}},
		{"nothing nearby and Northern Ireland", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "Digits", "1")
			n := h.step("place", "SpeechResult", "Lerwick")
			promisesNobody(t, "no activities", n)
			says(t, n, "To try somewhere else, press 1. For the menu, press star.")
			n = h.silence(n)
			promisesNobody(t, "silence after no activities", n)
			says(t, n, "nobody on this line can take calls", "To find activities")
			h.step("menu", "Digits", "1")
			n = h.step("place", "SpeechResult", "Belfast")
			promisesNobody(t, "Northern Ireland", n)
			says(t, n, "not Northern Ireland", "For the menu, press star.")
		}},
		{"towns menu and misses", func(t *testing.T, h *harness) {
			h.incoming()
			h.step("menu", "Digits", "1")
			h.step("place", "SpeechResult", "the old place by the river")
			n := h.step("place", "SpeechResult", "mumble")
			promisesNobody(t, "towns", n)
			says(t, n, "For Frome, press 1.")
			n = h.incoming()
			for range 3 {
				n = h.silence(n)
				promisesNobody(t, "silence at the menu", n)
			}
			says(t, n, "nobody on this line can take calls")
		}},
		{"steps of a message or callback replayed", func(t *testing.T, h *harness) {
			for _, s := range [][]string{
				{"dialed", "DialCallStatus", "no-answer"},
				{"recorded", "RecordingUrl", "https://api.twilio.com/rec/RE1", "RecordingDuration", "0"},
				{"callback"},
				{"hidden", "Digits", "1"},
			} {
				n := h.post("/twilio/voice/"+s[0], s[1:]...)
				promisesNobody(t, s[0], n)
				says(t, n, "nobody on this line can take calls")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, unstaffedLine)
			tt.walk(t, h)
			if len(h.desk.callbacks) != 0 {
				t.Errorf("the desk was asked for %d callbacks; want none", len(h.desk.callbacks))
			}
		})
	}
}
