package words

import (
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/smstext"
)

// TestFollowUpTextsFit checks every follow-up text, in every language, with
// a long activity title and town: at most three segments as the line sends
// them, and every text the line starts says how to stop.
func TestFollowUpTextsFit(t *testing.T) {
	const (
		line     = "Heritage Line"
		number   = "01632 960000"
		activity = "Catherine Hill and Cheap Street heritage walk"
		town     = "Great Yarmouth"
	)
	for _, l := range All() {
		b := For(l.Code)
		date := b.ShortDate(walkNow.AddDate(0, 0, 14), walkNow)
		started := map[string]string{
			"did you go":      b.DidYouGo(line, activity),
			"wellbeing again": b.WellbeingAgain(line, 4),
		}
		texts := map[string]string{
			"offer":           b.FollowUpOffer(date),
			"agreed":          b.Join(b.FollowUpAgreed(date), b.WellbeingAsk(4)),
			"not yet":         b.FollowUpNotYet(town),
			"not going":       b.FollowUpNotGoing(town),
			"buddy booked":    b.BuddyBooked(number, activity, "C1234"),
			"question":        b.Join(b.QuestionOf(2, 4), b.ONS4Worthwhile(), b.ONS4Scale(false)),
			"last answer":     b.Join(b.WellbeingThanks()),
			"buddy requested": b.BuddyRequested("C1234", "14:05", activity),
		}
		for what, text := range started {
			texts[what] = text
			if !strings.Contains(text, "STOP") {
				t.Errorf("%s %s: a text the line starts must say how to stop (STOP): %q", l.Code, what, text)
			}
		}
		for what, text := range texts {
			sent := smstext.Normalise(text)
			if n := smstext.Segments(sent); n > smstext.MaxSegments {
				t.Errorf("%s %s: %d segments (%d characters); want at most %d:\n%s", l.Code, what, n, len([]rune(sent)), smstext.MaxSegments, sent)
			}
		}
	}
}

// TestConsentWording checks that the wording recorded with a consent names
// the sentence and language, and differs between the texts agreed to.
func TestConsentWording(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range All() {
		b := For(l.Code)
		for _, what := range []string{"followup", "wellbeing"} {
			for _, voice := range []bool{false, true} {
				w := b.ConsentWording(what, voice)
				if !strings.Contains(w, "/"+string(l.Code)+"/") || seen[w] {
					t.Errorf("%s %s voice=%v: got %q; want a wording of its own naming the language", l.Code, what, voice, w)
				}
				seen[w] = true
			}
		}
	}
	if got, want := For(English).ConsentWording("followup", false), "followup.offer_text/en/"; !strings.HasPrefix(got, want) {
		t.Errorf("got %q; want it to start %q", got, want)
	}
}

// TestFollowUpAnswers checks that each language understands its own yes
// and English's, and the buddy word its texts name.
func TestFollowUpAnswers(t *testing.T) {
	for _, l := range All() {
		w := For(l.Code).FollowUpAnswers()
		for _, want := range []string{"yes", "no", "buddy"} {
			found := false
			for _, list := range [][]string{w.Yes, w.No, w.Buddy} {
				for _, s := range list {
					found = found || s == want
				}
			}
			if !found {
				t.Errorf("%s: does not understand %q", l.Code, want)
			}
		}
		for _, s := range append(append(append([]string{}, w.Yes...), w.No...), w.Buddy...) {
			if s != Normalise(s) {
				t.Errorf("%s: %q is not as Normalise leaves it (%q)", l.Code, s, Normalise(s))
			}
		}
	}
}
