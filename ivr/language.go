package ivr

import (
	"context"
	"fmt"
	"net/http"
	"slices"

	"github.com/twilio/twilio-go/twiml"

	"github.com/heritage-line/heritageline/words"
)

// maxLanguageTries is how many silences or unknown answers the language
// choice takes before the call goes on in the default language.
const maxLanguageTries = 2

// languageChoice starts a call on a line with several languages: the
// greeting (in Welsh, then English, on a line whose default is Welsh, as
// the Welsh Language Standards expect; otherwise in the default language)
// and one short offer
// per language, each in its own language and voice ("Am Gymraeg, pwyswch
// 2."). It runs on the default language's Line; try counts the answers
// missed so far, and lead is said first.
func (l *Line) languageChoice(greet bool, lead string, try int) []twiml.Element {
	home := l.home()
	var verbs []twiml.Element
	if greet {
		for _, ln := range home.greeters() {
			verbs = append(verbs, ln.say(ln.book.Greeting(ln.cfg.LineName)))
		}
	}
	if lead != "" {
		verbs = append(verbs, home.say(lead))
	}
	offers := make([]twiml.Element, 0, len(home.langs.order))
	hints := make([]string, 0, 2*len(home.langs.order))
	for i, ln := range home.langs.order {
		offers = append(offers, ln.say(ln.book.LanguageOffer(i+1)))
		lang := ln.book.Language()
		hints = append(hints, lang.Name, lang.EnglishName)
	}
	step := fmt.Sprintf("lang?try=%d", try)
	return append(verbs,
		home.listen(home.url(step), hintList(hints...), offers),
		twiml.VoiceRedirect{Url: home.url(step), Method: "POST"})
}

// greeters are the Lines that greet a caller: Welsh then English on a
// Welsh line (Welsh the default) that also speaks English, otherwise the
// default language alone.
func (l *Line) greeters() []*Line {
	home, en := l.home(), l.langs.by[words.English]
	if home.cfg.Lang == words.Welsh && en != nil {
		return []*Line{home, en}
	}
	return []*Line{home}
}

// chooseLanguage answers the language choice; it reads and saves no state.
// A key (1 for the first language on) or the language's name said ("Cymraeg",
// "Polski") gives the main menu in that language; star is the main menu and
// 0 a volunteer, in the default language. Silence or anything else asks
// again, and after maxLanguageTries the call goes on in the default
// language.
func (l *Line) chooseLanguage(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), stepTimeout)
	defer cancel()
	home := l.home()
	in := readInput(r)
	if chosen := home.chosen(in); chosen != nil {
		home.log.InfoContext(ctx, "voice: language chosen", "call_sid", r.PostForm.Get("CallSid"), "lang", string(chosen.cfg.Lang))
		l.write(w, r, chosen.menuAt(ctx, &call{}, newCallMenu))
		return
	}
	switch home.keys.choice(in, nil) {
	case "*":
		l.write(w, r, home.menuAt(ctx, &call{}, newCallMenu))
		return
	case "0":
		l.write(w, r, home.handoff(ctx, r, &call{}))
		return
	}
	try := atoi(r.URL.Query().Get("try")) + 1
	if try >= maxLanguageTries {
		l.write(w, r, home.menuAt(ctx, &call{}, newCallMenu))
		return
	}
	sorry := home.book.NotCaught()
	if in.silent() {
		sorry = home.book.HeardNothing()
	}
	l.write(w, r, home.languageChoice(false, sorry, try))
}

// chosen is the Line of the language in chose: its key, or its name said.
func (l *Line) chosen(in input) *Line {
	if in.Digits != "" {
		if n := atoi(in.Digits[:1]); n >= 1 && n <= len(l.langs.order) {
			return l.langs.order[n-1]
		}
		return nil
	}
	if code, ok := words.Choosing(in.Speech); ok {
		return l.langs.by[code]
	}
	for _, ln := range l.langs.order {
		if slices.Contains(wordsOf(in.Speech), words.Normalise(ln.book.Language().EnglishName)) {
			return ln
		}
	}
	return nil
}
