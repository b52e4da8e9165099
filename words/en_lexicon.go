package words

import (
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// enLexicon is what the line understands in English: the rules tuned on the
// line's test set of messages and speech results (understand's tests).
var enLexicon = &Lexicon{
	// Twilio's and the carriers' own words (TWILIO.md).
	OptOut:       []string{"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout"},
	OptIn:        []string{"start", "yes", "unstop"},
	Help:         []string{"help", "info"},
	More:         []string{"more", "next"},
	Callback:     []string{"call", "callback"},
	LanguageList: []string{"language", "languages"},

	MorePhrases: []string{"more", "more please", "next", "next page", "show more", "send more", "any more", "anymore", "some more"},
	CallbackPhrases: []string{
		"call me", "ring me", "phone me", "call me back", "ring me back", "phone me back",
		"call back", "ring back", "callback", "speak to someone", "talk to someone",
		"speak to a person", "talk to a person", "speak to a volunteer", "talk to a volunteer",
		"a volunteer", "someone to ring", "someone to call",
		"real person", "a human", "talk to a human", "speak to a human", "talk to a real person", "speak to somebody", "talk to somebody", "someone to talk to",
		"somebody to talk to", "someone to speak to", "chat with someone", "chat to someone", "ring my", "call my",
	},
	HelpMePhrases: []string{"help me", "help please", "please help", "i need help", "need help"},

	Categories: map[string]catalogue.Category{
		"walk": catalogue.Walk, "walks": catalogue.Walk, "walking": catalogue.Walk, "tour": catalogue.Walk,
		"tours": catalogue.Walk, "stroll": catalogue.Walk, "strolls": catalogue.Walk, "ramble": catalogue.Walk,
		"rambles": catalogue.Walk, "guided walk": catalogue.Walk, "heritage walk": catalogue.Walk,
		"history walk": catalogue.Walk, "history walks": catalogue.Walk, "history tour": catalogue.Walk,
		"hike": catalogue.Walk, "hikes": catalogue.Walk,

		"museum": catalogue.Museum, "museums": catalogue.Museum, "gallery": catalogue.Museum,
		"galleries": catalogue.Museum, "castle": catalogue.Museum, "castles": catalogue.Museum,
		"abbey": catalogue.Museum, "abbeys": catalogue.Museum, "exhibition": catalogue.Museum,
		"exhibitions": catalogue.Museum, "stately home": catalogue.Museum, "historic house": catalogue.Museum,
		"stately homes": catalogue.Museum, "historic houses": catalogue.Museum, "art": catalogue.Museum,
		"heritage centre": catalogue.Museum, "priory": catalogue.Museum, "cathedral": catalogue.Museum,

		"dig": catalogue.Archaeology, "digs": catalogue.Archaeology, "digging": catalogue.Archaeology,
		"excavation": catalogue.Archaeology, "excavations": catalogue.Archaeology,
		"archaeology": catalogue.Archaeology, "archeology": catalogue.Archaeology,
		"archaeological": catalogue.Archaeology, "finds": catalogue.Archaeology,
		"arkeology": catalogue.Archaeology, "archaeologist": catalogue.Archaeology, "metal detecting": catalogue.Archaeology,
		"detectorists": catalogue.Archaeology, "detectorist": catalogue.Archaeology,

		"craft": catalogue.Crafts, "crafts": catalogue.Crafts, "crafting": catalogue.Crafts,
		"knitting": catalogue.Crafts, "knit": catalogue.Crafts, "weaving": catalogue.Crafts,
		"lace": catalogue.Crafts, "lacemaking": catalogue.Crafts, "lace making": catalogue.Crafts,
		"sewing": catalogue.Crafts, "embroidery": catalogue.Crafts, "quilting": catalogue.Crafts,
		"pottery": catalogue.Crafts, "crochet": catalogue.Crafts, "woodwork": catalogue.Crafts,
		"woodworking": catalogue.Crafts, "needlework": catalogue.Crafts, "patchwork": catalogue.Crafts,
		"cross stitch": catalogue.Crafts, "painting": catalogue.Crafts, "art class": catalogue.Crafts,
		"art classes": catalogue.Crafts, "art group": catalogue.Crafts, "knit and natter": catalogue.Crafts,

		"cafe": catalogue.Cafe, "cafes": catalogue.Cafe, "coffee": catalogue.Cafe, "tea": catalogue.Cafe,
		"cuppa": catalogue.Cafe, "coffee morning": catalogue.Cafe, "memory cafe": catalogue.Cafe,

		"history group": catalogue.HistoryGroup, "history groups": catalogue.HistoryGroup,
		"local history": catalogue.HistoryGroup, "history society": catalogue.HistoryGroup,
		"history club": catalogue.HistoryGroup, "talk": catalogue.HistoryGroup, "talks": catalogue.HistoryGroup,
		"lecture": catalogue.HistoryGroup, "lectures": catalogue.HistoryGroup, "society": catalogue.HistoryGroup,
		"reminiscence": catalogue.HistoryGroup, "family history": catalogue.HistoryGroup,
		"history": catalogue.HistoryGroup, "heritage group": catalogue.HistoryGroup, "genealogy": catalogue.HistoryGroup,
	},
	Tags: map[string]string{
		"dementia": catalogue.TagDementiaFriendly, "dementia friendly": catalogue.TagDementiaFriendly,
		"memory": catalogue.TagDementiaFriendly, "memory loss": catalogue.TagDementiaFriendly,
		"alzheimers": catalogue.TagDementiaFriendly, "alzheimer": catalogue.TagDementiaFriendly,
		"forgetful": catalogue.TagDementiaFriendly, "memory cafe": catalogue.TagDementiaFriendly,
		"confused": catalogue.TagDementiaFriendly, "muddled": catalogue.TagDementiaFriendly,
		"forgets things": catalogue.TagDementiaFriendly, "forgetting things": catalogue.TagDementiaFriendly,

		"wheelchair": catalogue.TagStepFree, "wheelchairs": catalogue.TagStepFree, "step free": catalogue.TagStepFree,
		"stepfree": catalogue.TagStepFree, "no steps": catalogue.TagStepFree, "no stairs": catalogue.TagStepFree,
		"level access": catalogue.TagStepFree, "mobility scooter": catalogue.TagStepFree, "walking frame": catalogue.TagStepFree,
		"zimmer": catalogue.TagStepFree, "wheel chair": catalogue.TagStepFree, "have a lift": catalogue.TagStepFree,
		"has a lift": catalogue.TagStepFree, "is there a lift": catalogue.TagStepFree, "ramp": catalogue.TagStepFree,
		"disabled access": catalogue.TagStepFree, "rollator": catalogue.TagStepFree,

		"carer": catalogue.TagCarersWelcome, "carers": catalogue.TagCarersWelcome, "my carer": catalogue.TagCarersWelcome,
		"caring for": catalogue.TagCarersWelcome,

		"women": catalogue.TagWomenOnly, "woman": catalogue.TagWomenOnly, "ladies": catalogue.TagWomenOnly,
		"women only": catalogue.TagWomenOnly, "womens": catalogue.TagWomenOnly,
	},
	Free: []string{"free", "no cost", "costs nothing", "free of charge", "not cost", "without paying", "cant afford", "cannot afford"},
	Languages: map[string]string{
		"polish": "Polish", "urdu": "Urdu", "punjabi": "Punjabi", "bengali": "Bengali", "gujarati": "Gujarati",
		"welsh": "Welsh", "portuguese": "Portuguese", "romanian": "Romanian", "lithuanian": "Lithuanian",
		"cantonese": "Cantonese", "arabic": "Arabic", "bsl": "BSL", "sign language": "BSL",
	},

	Today:    []string{"today", "tonight", "this afternoon", "this morning"},
	Tomorrow: []string{"tomorrow", "tomorow", "tommorow", "tommorrow"},
	Week:     []string{"week", "this week", "weekend", "this weekend", "next few days", "coming days", "soon"},
	Days: map[string]time.Weekday{
		"monday": time.Monday, "mon": time.Monday, "mondays": time.Monday,
		"tuesday": time.Tuesday, "tues": time.Tuesday, "tue": time.Tuesday, "tuesdays": time.Tuesday, "tusday": time.Tuesday,
		"wednesday": time.Wednesday, "wed": time.Wednesday, "weds": time.Wednesday, "wednesdays": time.Wednesday, "wensday": time.Wednesday, "wednsday": time.Wednesday,
		"thursday": time.Thursday, "thurs": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thursdays": time.Thursday, "thirsday": time.Thursday,
		"friday": time.Friday, "fri": time.Friday, "fridays": time.Friday,
		"saturday": time.Saturday, "sat": time.Saturday, "saturdays": time.Saturday,
		"sunday": time.Sunday, "sun": time.Sunday, "sundays": time.Sunday,
	},
	// "mar" and "may" count only next to a day number, as every month does.
	Months: map[string]time.Month{
		"january": time.January, "jan": time.January, "february": time.February, "feb": time.February,
		"march": time.March, "mar": time.March, "april": time.April, "apr": time.April, "may": time.May,
		"june": time.June, "jun": time.June, "july": time.July, "jul": time.July,
		"august": time.August, "aug": time.August, "september": time.September, "sept": time.September,
		"sep": time.September, "october": time.October, "oct": time.October, "november": time.November,
		"nov": time.November, "december": time.December, "dec": time.December,
	},

	Numbers: map[string]int{
		"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
		"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
		"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
		"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	},
	Ordinals: map[string]int{
		"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
		"eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
		"6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
	},
	DetailWords: map[string]bool{
		"number": true, "no": true, "num": true, "please": true, "pls": true, "details": true, "detail": true,
		"of": true, "about": true, "tell": true, "me": true, "info": true, "on": true, "for": true, "the": true,
		"one": false, "item": true, "option": true, "more": true, "can": true, "i": true, "have": true, "thanks": true,
		"thank": true, "you": true, "ok": true, "send": true, "want": true, "like": true, "id": true, "would": true,
	},
	Filler: []string{
		"please", "pls", "in", "near", "at", "around", "the", "a", "any", "anything", "on", "for", "me", "i", "and", "or",
		"thanks", "thank", "you", "some", "what", "whats", "is", "there",
	},

	Spoken: map[Meaning][]string{
		SayVolunteer: {"volunteer", "person", "someone", "somebody", "human", "operator", "people", "talk", "speak"},
		SayMenu:      {"menu", "start", "beginning"},
		SayNear:      {"near", "nearby", "find", "activities", "local"},
		SayWeek:      {"week", "days", "soon"},
		SayRepeat:    {"again", "repeat", "pardon"},
		SayNext:      {"next", "another", "more"},
		SayText:      {"text", "send", "message"},
		SayPhone:     {"number", "phone", "booking", "book"},
		SayKind:      {"kind", "type", "sort", "choose"},
		SayGoodbye:   {"bye", "goodbye", "end", "finish", "finished"},
		SayElsewhere: {"somewhere", "else", "elsewhere", "different"},
		SayTryAgain:  {"try", "again"},
		SayYes:       {"yes", "yeah", "yep", "right", "correct", "please"},
		SayNo:        {"no", "nope", "wrong", "again"},
		SayWalks:     {"walk", "walks", "walking", "tour", "tours"},
		SayMuseums:   {"museum", "museums", "historic", "castle", "castles", "places"},
		SayGroups:    {"group", "groups", "talk", "talks", "cafe", "cafes", "coffee", "society"},
		SayHandsOn:   {"hands", "craft", "crafts", "crafting", "archaeology", "dig", "digging"},
		SayAnything:  {"everything", "all", "anything", "any"},
		SayRingBack:  {"back", "ring", "call", "yes"},
		SayMessage:   {"message"},
	},
	Hints: map[Prompt][]string{
		PromptMenu:     {"near", "week", "volunteer", "again"},
		PromptConfirm:  {"yes", "no"},
		PromptNone:     {"somewhere else", "volunteer"},
		PromptResult:   {"next", "again", "text", "number", "kind", "menu", "volunteer"},
		PromptKind:     {"walks", "museums", "groups", "talks", "cafés", "crafts", "archaeology", "everything"},
		PromptEnd:      {"again", "somewhere else", "volunteer", "goodbye"},
		PromptCallback: {"ring me back", "message"},
	},
}
