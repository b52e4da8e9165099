package understand

import (
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// The tables below are the rules. Each phrase is written normalised (lower
// case, no accents, words separated by single spaces); a phrase matches whole
// words only, longest phrases first, and each word of a message is used by at
// most one phrase. Extend the rules by adding rows.

// exactCommands are whole-message commands: they count only when the message
// is exactly the word, in any case, as carriers treat opt-out words.
var exactCommands = map[string]catalogue.Intent{
	"stop": catalogue.IntentStop, "stopall": catalogue.IntentStop, "unsubscribe": catalogue.IntentStop,
	"cancel": catalogue.IntentStop, "end": catalogue.IntentStop, "quit": catalogue.IntentStop,
	"revoke": catalogue.IntentStop, "optout": catalogue.IntentStop,
	"start": catalogue.IntentStart, "yes": catalogue.IntentStart, "unstop": catalogue.IntentStart,
	"help": catalogue.IntentHelp, "info": catalogue.IntentHelp,
	"more": catalogue.IntentMore, "next": catalogue.IntentMore,
	"call": catalogue.IntentCallback, "callback": catalogue.IntentCallback,
}

// morePhrases ask for the next page when they are all a message says (with
// filler words around them).
var morePhrases = []string{"more", "more please", "next", "next page", "show more", "send more", "any more", "anymore", "some more"}

// callbackPhrases ask for a person to ring back wherever they appear.
var callbackPhrases = []string{
	"call me", "ring me", "phone me", "call me back", "ring me back", "phone me back",
	"call back", "ring back", "callback", "speak to someone", "talk to someone",
	"speak to a person", "talk to a person", "speak to a volunteer", "talk to a volunteer",
	"a volunteer", "someone to ring", "someone to call",
	"real person", "a human", "talk to a human", "speak to a human", "talk to a real person", "speak to somebody", "talk to somebody", "someone to talk to",
	"somebody to talk to", "someone to speak to", "chat with someone", "chat to someone", "ring my", "call my",
}

// helpMePhrases ask for a callback unless the message also names a place or a
// kind of activity ("help me find a walk in Frome" is a search).
var helpMePhrases = []string{"help me", "help please", "please help", "i need help", "need help"}

// categoryWords map synonyms to categories.
var categoryWords = []struct {
	Phrase   string
	Category catalogue.Category
}{
	{"walk", catalogue.Walk}, {"walks", catalogue.Walk}, {"walking", catalogue.Walk}, {"tour", catalogue.Walk},
	{"tours", catalogue.Walk}, {"stroll", catalogue.Walk}, {"strolls", catalogue.Walk}, {"ramble", catalogue.Walk},
	{"rambles", catalogue.Walk}, {"guided walk", catalogue.Walk}, {"heritage walk", catalogue.Walk},
	{"history walk", catalogue.Walk}, {"history walks", catalogue.Walk}, {"history tour", catalogue.Walk},
	{"hike", catalogue.Walk}, {"hikes", catalogue.Walk},

	{"museum", catalogue.Museum}, {"museums", catalogue.Museum}, {"gallery", catalogue.Museum},
	{"galleries", catalogue.Museum}, {"castle", catalogue.Museum}, {"castles", catalogue.Museum},
	{"abbey", catalogue.Museum}, {"abbeys", catalogue.Museum}, {"exhibition", catalogue.Museum},
	{"exhibitions", catalogue.Museum}, {"stately home", catalogue.Museum}, {"historic house", catalogue.Museum},
	{"stately homes", catalogue.Museum}, {"historic houses", catalogue.Museum}, {"art", catalogue.Museum},
	{"heritage centre", catalogue.Museum}, {"priory", catalogue.Museum}, {"cathedral", catalogue.Museum},

	{"dig", catalogue.Archaeology}, {"digs", catalogue.Archaeology}, {"digging", catalogue.Archaeology},
	{"excavation", catalogue.Archaeology}, {"excavations", catalogue.Archaeology},
	{"archaeology", catalogue.Archaeology}, {"archeology", catalogue.Archaeology},
	{"archaeological", catalogue.Archaeology}, {"finds", catalogue.Archaeology},
	{"arkeology", catalogue.Archaeology}, {"archaeologist", catalogue.Archaeology}, {"metal detecting", catalogue.Archaeology},
	{"detectorists", catalogue.Archaeology}, {"detectorist", catalogue.Archaeology},

	{"craft", catalogue.Crafts}, {"crafts", catalogue.Crafts}, {"crafting", catalogue.Crafts},
	{"knitting", catalogue.Crafts}, {"knit", catalogue.Crafts}, {"weaving", catalogue.Crafts},
	{"lace", catalogue.Crafts}, {"lacemaking", catalogue.Crafts}, {"lace making", catalogue.Crafts},
	{"sewing", catalogue.Crafts}, {"embroidery", catalogue.Crafts}, {"quilting", catalogue.Crafts},
	{"pottery", catalogue.Crafts}, {"crochet", catalogue.Crafts}, {"woodwork", catalogue.Crafts},
	{"woodworking", catalogue.Crafts}, {"needlework", catalogue.Crafts}, {"patchwork", catalogue.Crafts},
	{"cross stitch", catalogue.Crafts}, {"painting", catalogue.Crafts}, {"art class", catalogue.Crafts},
	{"art classes", catalogue.Crafts}, {"art group", catalogue.Crafts}, {"knit and natter", catalogue.Crafts},

	{"cafe", catalogue.Cafe}, {"cafes", catalogue.Cafe}, {"coffee", catalogue.Cafe}, {"tea", catalogue.Cafe},
	{"cuppa", catalogue.Cafe}, {"coffee morning", catalogue.Cafe}, {"memory cafe", catalogue.Cafe},

	{"history group", catalogue.HistoryGroup}, {"history groups", catalogue.HistoryGroup},
	{"local history", catalogue.HistoryGroup}, {"history society", catalogue.HistoryGroup},
	{"history club", catalogue.HistoryGroup}, {"talk", catalogue.HistoryGroup}, {"talks", catalogue.HistoryGroup},
	{"lecture", catalogue.HistoryGroup}, {"lectures", catalogue.HistoryGroup}, {"society", catalogue.HistoryGroup},
	{"reminiscence", catalogue.HistoryGroup}, {"family history", catalogue.HistoryGroup},
	{"history", catalogue.HistoryGroup}, {"heritage group", catalogue.HistoryGroup}, {"genealogy", catalogue.HistoryGroup},
}

// tagWords map synonyms to the tags residents can ask for. "free" alone is
// FreeOnly (see freeWords), but "step free" is a tag.
var tagWords = []struct {
	Phrase string
	Tag    string
}{
	{"dementia", catalogue.TagDementiaFriendly}, {"dementia friendly", catalogue.TagDementiaFriendly},
	{"memory", catalogue.TagDementiaFriendly}, {"memory loss", catalogue.TagDementiaFriendly},
	{"alzheimers", catalogue.TagDementiaFriendly}, {"alzheimer", catalogue.TagDementiaFriendly},
	{"forgetful", catalogue.TagDementiaFriendly}, {"memory cafe", catalogue.TagDementiaFriendly},
	{"confused", catalogue.TagDementiaFriendly}, {"muddled", catalogue.TagDementiaFriendly},
	{"forgets things", catalogue.TagDementiaFriendly}, {"forgetting things", catalogue.TagDementiaFriendly},

	{"wheelchair", catalogue.TagStepFree}, {"wheelchairs", catalogue.TagStepFree}, {"step free", catalogue.TagStepFree},
	{"stepfree", catalogue.TagStepFree}, {"no steps", catalogue.TagStepFree}, {"no stairs", catalogue.TagStepFree},
	{"level access", catalogue.TagStepFree}, {"mobility scooter", catalogue.TagStepFree}, {"walking frame", catalogue.TagStepFree},
	{"zimmer", catalogue.TagStepFree}, {"wheel chair", catalogue.TagStepFree}, {"have a lift", catalogue.TagStepFree},
	{"has a lift", catalogue.TagStepFree}, {"is there a lift", catalogue.TagStepFree}, {"ramp", catalogue.TagStepFree},
	{"disabled access", catalogue.TagStepFree}, {"rollator", catalogue.TagStepFree},

	{"carer", catalogue.TagCarersWelcome}, {"carers", catalogue.TagCarersWelcome}, {"my carer", catalogue.TagCarersWelcome},
	{"caring for", catalogue.TagCarersWelcome},

	{"women", catalogue.TagWomenOnly}, {"woman", catalogue.TagWomenOnly}, {"ladies", catalogue.TagWomenOnly},
	{"women only", catalogue.TagWomenOnly}, {"womens", catalogue.TagWomenOnly},
}

// freeWords ask for free activities only.
var freeWords = []string{"free", "no cost", "costs nothing", "free of charge", "not cost", "without paying", "cant afford", "cannot afford"}

// languageWords name languages spoken at an activity besides English.
var languageWords = map[string]string{
	"polish": "Polish", "urdu": "Urdu", "punjabi": "Punjabi", "bengali": "Bengali", "gujarati": "Gujarati",
	"welsh": "Welsh", "portuguese": "Portuguese", "romanian": "Romanian", "lithuanian": "Lithuanian",
	"cantonese": "Cantonese", "arabic": "Arabic", "bsl": "BSL", "sign language": "BSL",
}

// todayWords and weekWords say when.
var (
	todayWords    = []string{"today", "tonight", "this afternoon", "this morning"}
	tomorrowWords = []string{"tomorrow", "tomorow", "tommorow", "tommorrow"}
	weekWords     = []string{"week", "this week", "weekend", "this weekend", "next few days", "coming days", "soon"}
)

// dayWords name weekdays, with common abbreviations and misspellings.
var dayWords = map[string]time.Weekday{
	"monday": time.Monday, "mon": time.Monday, "mondays": time.Monday,
	"tuesday": time.Tuesday, "tues": time.Tuesday, "tue": time.Tuesday, "tuesdays": time.Tuesday, "tusday": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday, "weds": time.Wednesday, "wednesdays": time.Wednesday, "wensday": time.Wednesday, "wednsday": time.Wednesday,
	"thursday": time.Thursday, "thurs": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thursdays": time.Thursday, "thirsday": time.Thursday,
	"friday": time.Friday, "fri": time.Friday, "fridays": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday, "saturdays": time.Saturday,
	"sunday": time.Sunday, "sun": time.Sunday, "sundays": time.Sunday,
}

// detailWords may surround a bare number asking for details ("number 3
// please", "tell me about 2").
var detailWords = map[string]bool{
	"number": true, "no": true, "num": true, "please": true, "pls": true, "details": true, "detail": true,
	"of": true, "about": true, "tell": true, "me": true, "info": true, "on": true, "for": true, "the": true,
	"one": false, "item": true, "option": true, "more": true, "can": true, "i": true, "have": true, "thanks": true,
	"thank": true, "you": true, "ok": true, "send": true, "want": true, "like": true, "id": true, "would": true,
}

// fillerWords carry no meaning of their own; a message of only these and
// known phrases names no place.
var fillerWords = map[string]bool{
	"please": true, "pls": true, "in": true, "near": true, "at": true, "around": true, "the": true, "a": true,
	"any": true, "anything": true, "on": true, "for": true, "me": true, "i": true, "and": true, "or": true,
	"thanks": true, "thank": true, "you": true, "some": true, "what": true, "whats": true, "is": true, "there": true,
}
