package words

import (
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// plLexicon is what the line understands in Polish, written without
// diacritics as Normalise leaves them ("wiecej", "srode"), with the case
// forms a message is likely to use ("muzeum", "muzea", "muzeow").
var plLexicon = &Lexicon{
	OptOut:       []string{"stop", "koniec", "wypisz"},
	OptIn:        []string{"start", "wznow"},
	Help:         []string{"pomoc", "info"},
	More:         []string{"wiecej", "dalej", "nastepne"},
	Callback:     []string{"zadzwon", "oddzwon", "telefon"},
	LanguageList: []string{"jezyk", "jezyki"},

	MorePhrases: []string{"wiecej", "wiecej prosze", "prosze wiecej", "dalej", "nastepne", "kolejne", "pokaz wiecej"},
	CallbackPhrases: []string{
		"zadzwon do mnie", "zadzwoncie do mnie", "prosze zadzwonic", "prosze o telefon", "oddzwon",
		"prosze oddzwonic", "chce porozmawiac", "porozmawiac z kims", "z kims porozmawiac",
		"rozmowa z wolontariuszem", "wolontariusz", "wolontariusza", "z czlowiekiem",
	},
	HelpMePhrases: []string{"pomocy", "potrzebuje pomocy", "prosze o pomoc", "pomoz mi", "pomozcie"},

	Categories: map[string]catalogue.Category{
		"spacer": catalogue.Walk, "spacery": catalogue.Walk, "spacerow": catalogue.Walk, "spacerem": catalogue.Walk,
		"wycieczka": catalogue.Walk, "wycieczki": catalogue.Walk, "wycieczke": catalogue.Walk, "wycieczek": catalogue.Walk,
		"zwiedzanie": catalogue.Walk, "wedrowka": catalogue.Walk,

		"muzeum": catalogue.Museum, "muzea": catalogue.Museum, "muzeow": catalogue.Museum, "galeria": catalogue.Museum,
		"galerie": catalogue.Museum, "zamek": catalogue.Museum, "zamki": catalogue.Museum, "zabytki": catalogue.Museum,
		"zabytek": catalogue.Museum, "wystawa": catalogue.Museum, "wystawy": catalogue.Museum, "opactwo": catalogue.Museum,
		"katedra": catalogue.Museum,

		"archeologia": catalogue.Archaeology, "archeologii": catalogue.Archaeology, "wykopaliska": catalogue.Archaeology,
		"wykopalisk": catalogue.Archaeology, "kopanie": catalogue.Archaeology,

		"rekodzielo": catalogue.Crafts, "rekodziela": catalogue.Crafts, "robotki": catalogue.Crafts,
		"dzierganie": catalogue.Crafts, "na drutach": catalogue.Crafts, "szydelkowanie": catalogue.Crafts,
		"szycie": catalogue.Crafts, "haft": catalogue.Crafts, "hafciarstwo": catalogue.Crafts, "tkanie": catalogue.Crafts,
		"ceramika": catalogue.Crafts, "malowanie": catalogue.Crafts, "warsztaty": catalogue.Crafts,

		"kawiarnia": catalogue.Cafe, "kawiarenka": catalogue.Cafe, "kawiarenki": catalogue.Cafe, "kawa": catalogue.Cafe,
		"kawe": catalogue.Cafe, "herbata": catalogue.Cafe, "herbatke": catalogue.Cafe,

		"historia": catalogue.HistoryGroup, "historii": catalogue.HistoryGroup, "historia lokalna": catalogue.HistoryGroup,
		"grupa historyczna": catalogue.HistoryGroup, "grupy historyczne": catalogue.HistoryGroup,
		"wyklad": catalogue.HistoryGroup, "wyklady": catalogue.HistoryGroup, "prelekcja": catalogue.HistoryGroup,
		"spotkanie": catalogue.HistoryGroup, "spotkania": catalogue.HistoryGroup, "genealogia": catalogue.HistoryGroup,
		"towarzystwo": catalogue.HistoryGroup, "wspomnienia": catalogue.HistoryGroup,
	},
	Tags: map[string]string{
		"demencja": catalogue.TagDementiaFriendly, "demencji": catalogue.TagDementiaFriendly,
		"demencja przyjazne": catalogue.TagDementiaFriendly, "alzheimer": catalogue.TagDementiaFriendly,
		"pamiec": catalogue.TagDementiaFriendly, "problemy z pamiecia": catalogue.TagDementiaFriendly,
		"wozek": catalogue.TagStepFree, "wozek inwalidzki": catalogue.TagStepFree, "wozku": catalogue.TagStepFree,
		"bez schodow": catalogue.TagStepFree, "winda": catalogue.TagStepFree, "podjazd": catalogue.TagStepFree,
		"balkonik": catalogue.TagStepFree,
		"opiekun":  catalogue.TagCarersWelcome, "opiekunka": catalogue.TagCarersWelcome, "opiekunowie": catalogue.TagCarersWelcome,
		"kobiety": catalogue.TagWomenOnly, "dla kobiet": catalogue.TagWomenOnly, "dla pan": catalogue.TagWomenOnly,
	},
	Free: []string{"bezplatne", "bezplatnie", "bezplatny", "za darmo", "darmowe", "nic nie kosztuje"},
	Languages: map[string]string{
		"po polsku": "Polish", "polski": "Polish", "polsku": "Polish", "polskim": "Polish",
		"po walijsku": "Welsh", "po rumunsku": "Romanian", "po arabsku": "Arabic", "po kantonsku": "Cantonese",
		"jezyk migowy": "BSL", "migowy": "BSL",
	},

	Today:    []string{"dzis", "dzisiaj", "dzis wieczorem", "dzis rano"},
	Tomorrow: []string{"jutro"},
	Week:     []string{"tydzien", "w tym tygodniu", "ten tydzien", "weekend", "w weekend", "wkrotce"},
	Days: map[string]time.Weekday{
		"poniedzialek": time.Monday, "pon": time.Monday, "w poniedzialek": time.Monday,
		"wtorek": time.Tuesday, "wt": time.Tuesday, "we wtorek": time.Tuesday,
		"sroda": time.Wednesday, "srode": time.Wednesday, "sr": time.Wednesday, "srody": time.Wednesday,
		"czwartek": time.Thursday, "czw": time.Thursday,
		"piatek": time.Friday, "pt": time.Friday,
		"sobota": time.Saturday, "sobote": time.Saturday, "sob": time.Saturday, "soboty": time.Saturday,
		"niedziela": time.Sunday, "niedziele": time.Sunday, "niedz": time.Sunday, "ndz": time.Sunday,
	},
	Months: map[string]time.Month{
		"styczen": time.January, "stycznia": time.January, "luty": time.February, "lutego": time.February,
		"marzec": time.March, "marca": time.March, "kwiecien": time.April, "kwietnia": time.April,
		"maj": time.May, "maja": time.May, "czerwiec": time.June, "czerwca": time.June,
		"lipiec": time.July, "lipca": time.July, "sierpien": time.August, "sierpnia": time.August,
		"wrzesien": time.September, "wrzesnia": time.September, "pazdziernik": time.October, "pazdziernika": time.October,
		"listopad": time.November, "listopada": time.November, "grudzien": time.December, "grudnia": time.December,
	},

	Numbers: map[string]int{
		"zero": 0, "jeden": 1, "jedna": 1, "jedno": 1, "dwa": 2, "dwie": 2, "trzy": 3, "cztery": 4, "piec": 5,
		"szesc": 6, "siedem": 7, "osiem": 8, "dziewiec": 9, "dziesiec": 10, "jedenascie": 11, "dwanascie": 12,
	},
	Ordinals: map[string]int{
		"pierwszy": 1, "pierwsza": 1, "pierwsze": 1, "drugi": 2, "druga": 2, "drugie": 2, "trzeci": 3,
		"trzecia": 3, "trzecie": 3, "czwarty": 4, "czwarta": 4, "czwarte": 4, "piaty": 5, "piata": 5, "piate": 5,
	},
	DetailWords: map[string]bool{
		"numer": true, "nr": true, "prosze": true, "szczegoly": true, "o": true, "informacje": true,
		"dziekuje": true, "wiecej": true, "chce": true, "poprosze": true, "jeden": false,
	},
	Filler: []string{"w", "we", "na", "prosze", "dziekuje", "i", "lub", "albo", "jakies", "cos", "mnie", "mi", "blisko", "poblizu", "okolicy", "sa", "czy"},

	Spoken: map[Meaning][]string{
		SayVolunteer: {"wolontariusz", "wolontariusza", "wolontariuszem", "osoba", "czlowiek", "konsultant", "porozmawiac", "rozmowa"},
		SayMenu:      {"menu", "poczatek"},
		SayNear:      {"blisko", "poblizu", "okolica", "niedaleko"},
		SayWeek:      {"tydzien", "tygodnia", "dni"},
		SayRepeat:    {"powtorz", "powtorzenie", "ponownie", "jeszcze"},
		SayNext:      {"nastepne", "nastepna", "dalej", "kolejne"},
		SayText:      {"sms", "wiadomosc", "wyslij", "esemes"},
		SayPhone:     {"numer", "telefon", "rezerwacja"},
		SayKind:      {"rodzaj", "typ", "wybierz"},
		SayGoodbye:   {"widzenia", "koniec", "zakoncz"},
		SayElsewhere: {"indziej", "gdzies", "inne", "inna"},
		SayTryAgain:  {"ponownie", "jeszcze"},
		SayYes:       {"tak", "dobrze", "zgadza"},
		SayNo:        {"nie", "zle"},
		SayWalks:     {"spacery", "spacer", "wycieczki"},
		SayMuseums:   {"muzea", "muzeum", "zabytki", "zamek"},
		SayGroups:    {"grupy", "wyklady", "kawiarenki", "kawa"},
		SayHandsOn:   {"rekodzielo", "archeologia", "wykopaliska"},
		SayAnything:  {"wszystko", "cokolwiek"},
		SayRingBack:  {"oddzwon", "zadzwon", "oddzwonienie", "tak"},
		SayMessage:   {"wiadomosc"},
	},
	Hints: map[Prompt][]string{
		PromptMenu:     {"blisko", "tydzień", "wolontariusz", "powtórz"},
		PromptConfirm:  {"tak", "nie"},
		PromptNone:     {"gdzie indziej", "wolontariusz"},
		PromptResult:   {"następne", "powtórz", "SMS", "numer", "rodzaj", "menu", "wolontariusz"},
		PromptKind:     {"spacery", "muzea", "grupy", "wykłady", "kawiarenki", "rękodzieło", "archeologia", "wszystko"},
		PromptEnd:      {"powtórz", "gdzie indziej", "wolontariusz", "do widzenia"},
		PromptCallback: {"proszę oddzwonić", "wiadomość"},
	},
}
