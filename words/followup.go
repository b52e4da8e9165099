package words

import (
	"crypto/sha256"
	"encoding/hex"
)

// The follow-up (issue 19): asking a resident, with consent, whether they
// went to an activity, offering a buddy for the first visit, and the
// wellbeing questions. Each language's words are in followup_tables.go,
// merged into its table when the package starts.

const (
	// What a texter reads.
	kFUOfferText     key = "followup.offer_text"
	kFUAgreed        key = "followup.agreed"
	kFUDeclined      key = "followup.declined"
	kFUDidYouGo      key = "followup.did_you_go"
	kFUWent          key = "followup.went"
	kFUNotYet        key = "followup.not_yet"
	kFUNotYetAlone   key = "followup.not_yet_alone"
	kFUNotGoing      key = "followup.not_going"
	kFUNotGoingAlone key = "followup.not_going_alone"
	kFUWhich         key = "followup.which"
	kBuddyBooked     key = "followup.buddy_booked"
	kBuddyFailed     key = "followup.buddy_failed"
	kWBAskText       key = "wellbeing.ask_text"
	kWBDeclined      key = "wellbeing.declined"
	kWBQuestionOf    key = "wellbeing.question_of"
	kWBRange         key = "wellbeing.range"
	kWBThanks        key = "wellbeing.thanks"
	kWBAgain         key = "wellbeing.again"

	// The ONS personal wellbeing questions (ONS4), © Crown copyright, Open
	// Government Licence v3, and how each is answered.
	kONS4Life        key = "wellbeing.ons4_life"
	kONS4Worthwhile  key = "wellbeing.ons4_worthwhile"
	kONS4Happy       key = "wellbeing.ons4_happy"
	kONS4Anxious     key = "wellbeing.ons4_anxious"
	kONS4ScaleText   key = "wellbeing.ons4_scale_text"
	kONS4ScaleVoice  key = "wellbeing.ons4_scale_voice"
	kFUOfferVoice    key = "voice.followup_offer"
	kFUAgreedVoice   key = "voice.followup_agreed"
	kWBAskVoice      key = "voice.wellbeing_ask"
	kBuddyRequested  key = "volunteer.buddy_requested"
	kKindBuddy       key = "volunteer.kind_buddy"
	kRingBuddy       key = "volunteer.ring_buddy"
	kFollowUpReprise key = "voice.followup_reprise"
)

// ---- What a texter reads ----

// FollowUpOffer offers, after an activity's details by text, a text around
// date (ShortDate's form) asking how it went: "Reply YES."
func (b *Book) FollowUpOffer(date string) string { return b.say(kFUOfferText, "date", date) }

// FollowUpAgreed thanks a texter who said yes: a text asking how it went
// will come around date, and STOP stops every text.
func (b *Book) FollowUpAgreed(date string) string { return b.say(kFUAgreed, "date", date) }

// FollowUpDeclined answers a texter who said no to the follow-up.
func (b *Book) FollowUpDeclined() string { return b.say(kFUDeclined) }

// DidYouGo is the follow-up itself, a text the line starts: did you go to
// activity? 1 went, 2 not yet, 3 not going; and how to stop.
func (b *Book) DidYouGo(line, activity string) string {
	return b.say(kFUDidYouGo, "line", line, "activity", activity)
}

// FollowUpWent answers "I went".
func (b *Book) FollowUpWent() string { return b.say(kFUWent) }

// FollowUpNotYet answers "not yet": text town for other activities nearby,
// CALL for a volunteer to ring, or BUDDY for one to go along the first
// time. The unstaffed book offers only the search.
func (b *Book) FollowUpNotYet(town string) string {
	return b.say(b.pick(kFUNotYet, kFUNotYetAlone), "town", town)
}

// FollowUpNotGoing answers "I won't be going", with the same choices.
func (b *Book) FollowUpNotGoing(town string) string {
	return b.say(b.pick(kFUNotGoing, kFUNotGoingAlone), "town", town)
}

// FollowUpWhich asks again for 1, 2 or 3.
func (b *Book) FollowUpWhich() string { return b.say(kFUWhich) }

// BuddyBooked thanks a texter who asked for a buddy: a volunteer will ring
// from number to arrange going with them to activity; ref is the request's
// reference.
func (b *Book) BuddyBooked(number, activity, ref string) string {
	return b.say(kBuddyBooked, "number", number, "activity", activity, "ref", ref)
}

// BuddyFailed apologises that a buddy could not be asked for; number is the
// line's number to ring.
func (b *Book) BuddyFailed(number string) string { return b.say(kBuddyFailed, "number", number) }

// WellbeingAsk asks, by text, for separate consent to count questions about
// how the resident feels: YES or NO.
func (b *Book) WellbeingAsk(count int) string { return b.count(kWBAskText, count) }

// WellbeingDeclined answers a no to the wellbeing questions (or to the
// follow-up, by voice).
func (b *Book) WellbeingDeclined() string { return b.say(kWBDeclined) }

// QuestionOf numbers a question: "Question 2 of 4."
func (b *Book) QuestionOf(number, total int) string {
	return b.say(kWBQuestionOf, "number", itoa(number), "total", itoa(total))
}

// AnswerRange asks again for a number from min to max.
func (b *Book) AnswerRange(min, max int) string {
	return b.say(kWBRange, "min", itoa(min), "max", itoa(max))
}

// WellbeingThanks ends the questions.
func (b *Book) WellbeingThanks() string { return b.say(kWBThanks) }

// WellbeingAgain, a text the line starts, asks a resident who answered
// count questions before to answer them again: YES, or STOP.
func (b *Book) WellbeingAgain(line string, count int) string {
	return b.count(kWBAgain, count, "line", line)
}

// The ONS4 questions, as the Office for National Statistics words them
// ("Personal well-being user guidance"; Open Government Licence v3).

// ONS4Life: overall, how satisfied are you with your life nowadays?
func (b *Book) ONS4Life() string { return b.say(kONS4Life) }

// ONS4Worthwhile: overall, to what extent do you feel that the things you
// do in your life are worthwhile?
func (b *Book) ONS4Worthwhile() string { return b.say(kONS4Worthwhile) }

// ONS4Happy: overall, how happy did you feel yesterday?
func (b *Book) ONS4Happy() string { return b.say(kONS4Happy) }

// ONS4Anxious: overall, how anxious did you feel yesterday?
func (b *Book) ONS4Anxious() string { return b.say(kONS4Anxious) }

// ONS4Scale says how an ONS4 question is answered: by text, "Reply a number
// from 0 (not at all) to 10 (completely)."; by keypad (voice), press the
// number then hash.
func (b *Book) ONS4Scale(voice bool) string {
	if voice {
		return b.say(kONS4ScaleVoice)
	}
	return b.say(kONS4ScaleText)
}

// ---- What a caller hears ----

// FollowUpOfferVoice offers, after an activity's details went by text, a
// text around date (Date's spoken form): 1 for yes, 2 to carry on.
func (b *Book) FollowUpOfferVoice(date string) string {
	return b.say(kFUOfferVoice, "date", date)
}

// FollowUpAgreedVoice thanks a caller who pressed 1.
func (b *Book) FollowUpAgreedVoice(date string) string {
	return b.say(kFUAgreedVoice, "date", date)
}

// WellbeingAskVoice asks a caller for separate consent to count questions
// about how they feel, on the keypad: 1 to answer now, 2 to carry on.
func (b *Book) WellbeingAskVoice(count int) string { return b.count(kWBAskVoice, count) }

// FollowUpReprise brings a caller back from the follow-up questions to the
// activity they were hearing about.
func (b *Book) FollowUpReprise() string { return b.say(kFollowUpReprise) }

// ---- What a volunteer reads or hears ----

// BuddyRequested texts the volunteers on duty about a buddy request: ref,
// at ("14:05"), and the activity to go to.
func (b *Book) BuddyRequested(ref, at, activity string) string {
	return b.say(kBuddyRequested, "ref", ref, "time", at, "activity", activity)
}

// BuddyKind names a buddy request in a volunteer's list.
func (b *Book) BuddyKind() string { return b.say(kKindBuddy) }

// RingBuddy is what a volunteer hears when the line rings them for a buddy
// request they took, before "press 1" (RingPress).
func (b *Book) RingBuddy(line, ref, at, activity string) string {
	return b.say(kRingBuddy, "line", line, "ref", ref, "time", at, "activity", activity)
}

// RingPress is "Press 1 to be connected to them."
func (b *Book) RingPress() string { return b.say(kRingPress) }

// ---- Consent ----

// ConsentWording names the exact words a resident agreed to, for the
// consent record: the sentence's key, the language and a digest of its
// words in this book ("followup.offer_text/en/3f2a9c1b"). It changes
// whenever the words change. what is "followup" (the follow-up text) or
// "wellbeing" (the questions); voice chooses the spoken offer.
func (b *Book) ConsentWording(what string, voice bool) string {
	k := kFUOfferText
	switch {
	case what == "wellbeing" && voice:
		k = kWBAskVoice
	case what == "wellbeing":
		k = kWBAskText
	case voice:
		k = kFUOfferVoice
	}
	v, ok := b.t[k]
	if !ok {
		v = en[k]
	}
	var text string
	switch v := v.(type) {
	case string:
		text = v
	case forms:
		for _, s := range v.all() {
			text += s + "\n"
		}
	}
	sum := sha256.Sum256([]byte(text))
	return string(k) + "/" + string(b.lang.Code) + "/" + hex.EncodeToString(sum[:4])
}

// FollowUpWords are the words a resident may answer a follow-up with, in
// one language, as Normalise leaves them; English's always count too.
type FollowUpWords struct {
	Yes, No           []string // to an offer or a question
	Went, NotYet, Not []string // did you go?
	Buddy             []string // a volunteer to go along the first time
}

// FollowUpAnswers returns the words b's language answers a follow-up with:
// its own and English's.
func (b *Book) FollowUpAnswers() FollowUpWords {
	own := followUpWords[b.lang.Code]
	enw := followUpWords[English]
	lex := b.Lexicon()
	w := FollowUpWords{
		Yes:    append(append([]string{}, enw.Yes...), lex.Spoken[SayYes]...),
		No:     append([]string{}, enw.No...),
		Went:   append(append([]string{}, enw.Went...), own.Went...),
		NotYet: append(append([]string{}, enw.NotYet...), own.NotYet...),
		Not:    append(append([]string{}, enw.Not...), own.Not...),
		Buddy:  append(append([]string{}, enw.Buddy...), own.Buddy...),
	}
	if b.lang.Code != English {
		w.Yes = append(w.Yes, own.Yes...)
		w.No = append(w.No, own.No...)
	}
	for _, n := range lex.Spoken[SayNo] {
		if n != "again" && n != "eto" { // "try again" at a voice menu, not a no
			w.No = append(w.No, n)
		}
	}
	return w
}

// followUpWords are each language's answers, normalised (no accents, lower
// case).
var followUpWords = map[Lang]FollowUpWords{
	English: {
		Yes:    []string{"yes", "y", "yeah", "yep", "ok", "okay", "yes please", "please"},
		No:     []string{"no", "n", "nope", "no thanks", "no thank you"},
		Went:   []string{"went", "i went", "yes i went", "been", "i have been", "did", "i did", "yes i did"},
		NotYet: []string{"not yet", "notyet", "no not yet", "soon", "later"},
		Not:    []string{"wont", "i wont", "not going", "no i wont", "no wont", "not", "never"},
		Buddy:  []string{"buddy", "a buddy", "buddy please"},
	},
	Welsh: {
		Yes: []string{"ie", "do", "ydw", "iawn"}, No: []string{"na", "naddo", "dim diolch"},
		Went: []string{"es i", "mi es i", "do es i"}, NotYet: []string{"ddim eto", "dim eto"},
		Not: []string{"fydda i ddim", "dim yn mynd"}, Buddy: []string{"cyfaill"},
	},
	Polish: {
		Yes: []string{"tak", "dobrze"}, No: []string{"nie", "nie dziekuje"},
		Went: []string{"bylem", "bylam", "poszedlem", "poszlam"}, NotYet: []string{"jeszcze nie"},
		Not: []string{"nie pojde", "nie ide"}, Buddy: []string{"towarzysz"},
	},
	Romanian: {
		Yes: []string{"da"}, No: []string{"nu", "nu multumesc"},
		Went: []string{"am fost", "am mers"}, NotYet: []string{"inca nu", "nu inca"},
		Not: []string{"nu merg", "nu voi merge"}, Buddy: []string{"insotitor"},
	},
	Arabic: {
		Yes: []string{"نعم"}, No: []string{"لا"},
		Went: []string{"ذهبت"}, NotYet: []string{"ليس بعد"},
		Not: []string{"لن اذهب"}, Buddy: []string{"مرافق"},
	},
	Cantonese: {
		Yes: []string{"係", "好"}, No: []string{"唔係", "唔要"},
		Went: []string{"去咗"}, NotYet: []string{"未去"},
		Not: []string{"唔去"}, Buddy: []string{"陪同"},
	},
}
