package words

import (
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// cyLexicon is what the line understands in Welsh. Welsh changes the first
// letter of a word after certain words (mutation: "cerdded", "gerdded";
// "caffi", "gaffi", "chaffi"), so the common mutated forms are listed too.
var cyLexicon = &Lexicon{
	OptOut:       []string{"stop", "stopio", "diddymu"},
	OptIn:        []string{"dechrau", "ailddechrau"},
	Help:         []string{"help", "cymorth", "gwybodaeth"},
	More:         []string{"mwy", "rhagor", "nesaf"},
	Callback:     []string{"ffonio", "ffoniwch", "galwad", "galw"},
	LanguageList: []string{"iaith", "ieithoedd"},

	MorePhrases: []string{"mwy", "mwy plis", "rhagor", "rhagor plis", "nesaf", "y nesaf", "dangos mwy", "anfon mwy"},
	CallbackPhrases: []string{
		"ffoniwch fi", "ffonio fi", "ffoniwch fi yn ol", "galwch fi", "galw fi", "galwad yn ol",
		"siarad a rhywun", "siarad gyda rhywun", "siarad a gwirfoddolwr", "siarad gyda gwirfoddolwr",
		"gwirfoddolwr", "person go iawn", "rhywun i siarad",
	},
	HelpMePhrases: []string{"helpwch fi", "help plis", "angen help", "dwi angen help", "rydw i angen help"},

	Categories: map[string]catalogue.Category{
		"cerdded": catalogue.Walk, "gerdded": catalogue.Walk, "taith": catalogue.Walk, "daith": catalogue.Walk,
		"teithiau": catalogue.Walk, "deithiau": catalogue.Walk, "taith gerdded": catalogue.Walk,
		"teithiau cerdded": catalogue.Walk, "deithiau cerdded": catalogue.Walk, "crwydro": catalogue.Walk,

		"amgueddfa": catalogue.Museum, "amgueddfeydd": catalogue.Museum, "oriel": catalogue.Museum,
		"orielau": catalogue.Museum, "castell": catalogue.Museum, "gastell": catalogue.Museum,
		"cestyll": catalogue.Museum, "abaty": catalogue.Museum, "arddangosfa": catalogue.Museum,
		"plasty": catalogue.Museum, "eglwys gadeiriol": catalogue.Museum,

		"cloddio": catalogue.Archaeology, "gloddio": catalogue.Archaeology, "archaeoleg": catalogue.Archaeology,
		"cloddfa": catalogue.Archaeology, "gloddfa": catalogue.Archaeology,

		"crefft": catalogue.Crafts, "grefft": catalogue.Crafts, "chrefft": catalogue.Crafts,
		"crefftau": catalogue.Crafts, "grefftau": catalogue.Crafts, "chrefftau": catalogue.Crafts,
		"gwau": catalogue.Crafts, "wau": catalogue.Crafts, "gwnio": catalogue.Crafts, "wnio": catalogue.Crafts,
		"gwehyddu": catalogue.Crafts, "crochenwaith": catalogue.Crafts, "paentio": catalogue.Crafts,

		"caffi": catalogue.Cafe, "gaffi": catalogue.Cafe, "chaffi": catalogue.Cafe, "caffis": catalogue.Cafe,
		"coffi": catalogue.Cafe, "goffi": catalogue.Cafe, "paned": catalogue.Cafe, "baned": catalogue.Cafe,
		"bore coffi": catalogue.Cafe, "caffi cof": catalogue.Cafe,

		"hanes": catalogue.HistoryGroup, "hanes lleol": catalogue.HistoryGroup, "grwp hanes": catalogue.HistoryGroup,
		"cymdeithas hanes": catalogue.HistoryGroup, "sgwrs": catalogue.HistoryGroup, "sgyrsiau": catalogue.HistoryGroup,
		"darlith": catalogue.HistoryGroup, "darlithoedd": catalogue.HistoryGroup, "hel achau": catalogue.HistoryGroup,
		"cymdeithas": catalogue.HistoryGroup, "gymdeithas": catalogue.HistoryGroup,
	},
	Tags: map[string]string{
		"dementia": catalogue.TagDementiaFriendly, "ddementia": catalogue.TagDementiaFriendly,
		"cof": catalogue.TagDementiaFriendly, "colli cof": catalogue.TagDementiaFriendly,
		"cadair olwyn": catalogue.TagStepFree, "gadair olwyn": catalogue.TagStepFree, "heb risiau": catalogue.TagStepFree,
		"heb grisiau": catalogue.TagStepFree, "mynediad gwastad": catalogue.TagStepFree, "lifft": catalogue.TagStepFree,
		"gofalwr": catalogue.TagCarersWelcome, "gofalwyr": catalogue.TagCarersWelcome, "ofalwyr": catalogue.TagCarersWelcome,
		"menywod": catalogue.TagWomenOnly, "fenywod": catalogue.TagWomenOnly, "merched": catalogue.TagWomenOnly,
	},
	Free: []string{"am ddim", "rhad ac am ddim", "dim cost", "heb dalu"},
	Languages: map[string]string{
		"cymraeg": "Welsh", "gymraeg": "Welsh", "pwyleg": "Polish", "rwmaneg": "Romanian",
		"arabeg": "Arabic", "cantoneg": "Cantonese", "iaith arwyddion": "BSL",
	},

	Today:    []string{"heddiw", "heno", "y bore yma", "y prynhawn yma"},
	Tomorrow: []string{"yfory", "fory"},
	Week:     []string{"wythnos", "yr wythnos hon", "penwythnos", "y penwythnos", "cyn bo hir"},
	Days: map[string]time.Weekday{
		"dydd llun": time.Monday, "ddydd llun": time.Monday, "llun": time.Monday,
		"dydd mawrth": time.Tuesday, "ddydd mawrth": time.Tuesday,
		"dydd mercher": time.Wednesday, "ddydd mercher": time.Wednesday, "mercher": time.Wednesday,
		"dydd iau": time.Thursday, "ddydd iau": time.Thursday, "iau": time.Thursday,
		"dydd gwener": time.Friday, "ddydd gwener": time.Friday, "gwener": time.Friday,
		"dydd sadwrn": time.Saturday, "ddydd sadwrn": time.Saturday, "sadwrn": time.Saturday,
		"dydd sul": time.Sunday, "ddydd sul": time.Sunday,
	},
	Months: map[string]time.Month{
		"ionawr": time.January, "chwefror": time.February, "mawrth": time.March, "fawrth": time.March,
		"ebrill": time.April, "mai": time.May, "fai": time.May, "mehefin": time.June, "fehefin": time.June,
		"gorffennaf": time.July, "orffennaf": time.July, "awst": time.August, "medi": time.September,
		"fedi": time.September, "hydref": time.October, "tachwedd": time.November, "dachwedd": time.November,
		"rhagfyr": time.December, "ragfyr": time.December,
	},

	Numbers: map[string]int{
		"dim": 0, "un": 1, "dau": 2, "ddau": 2, "dwy": 2, "ddwy": 2, "tri": 3, "dri": 3, "tair": 3, "dair": 3,
		"pedwar": 4, "bedwar": 4, "pedair": 4, "pump": 5, "bump": 5, "pum": 5, "chwech": 6, "chwe": 6,
		"saith": 7, "wyth": 8, "naw": 9, "deg": 10, "ddeg": 10, "un ar ddeg": 11, "deuddeg": 12, "ddeuddeg": 12,
	},
	Ordinals: map[string]int{
		"cyntaf": 1, "gyntaf": 1, "ail": 2, "trydydd": 3, "drydydd": 3, "trydedd": 3, "pedwerydd": 4,
		"bedwerydd": 4, "pumed": 5, "bumed": 5, "1af": 1, "2il": 2, "3ydd": 3, "4ydd": 4, "5ed": 5,
	},
	DetailWords: map[string]bool{
		"rhif": true, "manylion": true, "plis": true, "diolch": true, "am": true, "y": true, "yr": true,
		"mwy": true, "o": true, "gwybodaeth": true, "un": false,
	},
	Filler: []string{"yn", "yng", "ger", "plis", "diolch", "os", "gwelwch", "dda", "a", "y", "yr", "am", "i", "fi", "mi", "ym", "o", "unrhyw", "beth"},

	Spoken: map[Meaning][]string{
		SayVolunteer: {"gwirfoddolwr", "wirfoddolwr", "person", "rhywun", "siarad"},
		SayMenu:      {"dewislen", "ddewislen", "dechrau"},
		SayNear:      {"agos", "gerllaw", "lleol"},
		SayWeek:      {"wythnos", "dyddiau"},
		SayRepeat:    {"eto", "ailadrodd", "pardwn"},
		SayNext:      {"nesaf", "arall", "mwy"},
		SayText:      {"neges", "tecst", "anfon"},
		SayPhone:     {"rhif", "ffon", "archebu"},
		SayKind:      {"math", "dewis"},
		SayGoodbye:   {"hwyl", "diwedd", "gorffen", "ffarwel"},
		SayElsewhere: {"rhywle", "arall", "gwahanol"},
		SayTryAgain:  {"trio", "eto"},
		SayYes:       {"ie", "ydw", "do", "yndw", "cywir"},
		SayNo:        {"na", "nage", "naddo", "anghywir", "eto"},
		SayWalks:     {"cerdded", "teithiau", "taith"},
		SayMuseums:   {"amgueddfa", "amgueddfeydd", "castell", "hanesyddol"},
		SayGroups:    {"grwpiau", "grwp", "sgwrs", "sgyrsiau", "caffi", "caffis", "coffi"},
		SayHandsOn:   {"crefft", "crefftau", "archaeoleg", "cloddio"},
		SayAnything:  {"popeth", "unrhyw", "cyfan"},
		SayRingBack:  {"ffonio", "ffoniwch", "galwad", "ie"},
		SayMessage:   {"neges"},
	},
	Hints: map[Prompt][]string{
		PromptMenu:     {"agos", "wythnos", "gwirfoddolwr", "eto"},
		PromptConfirm:  {"ie", "na"},
		PromptNone:     {"rhywle arall", "gwirfoddolwr"},
		PromptResult:   {"nesaf", "eto", "neges", "rhif", "math", "dewislen", "gwirfoddolwr"},
		PromptKind:     {"cerdded", "amgueddfeydd", "grwpiau", "sgyrsiau", "caffis", "crefftau", "archaeoleg", "popeth"},
		PromptEnd:      {"eto", "rhywle arall", "gwirfoddolwr", "hwyl fawr"},
		PromptCallback: {"ffoniwch fi", "neges"},
	},
}
