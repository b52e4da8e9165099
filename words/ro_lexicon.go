package words

import (
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// roLexicon is what the line understands in Romanian, without diacritics
// as Normalise leaves them ("plimbari", "sambata").
var roLexicon = &Lexicon{
	OptOut:       []string{"stop", "dezabonare", "renunt"},
	OptIn:        []string{"start", "reincepe"},
	Help:         []string{"ajutor", "info"},
	More:         []string{"altele", "mai mult", "mai multe", "inca"},
	Callback:     []string{"sunati", "suna", "sunati ma", "apel"},
	LanguageList: []string{"limba", "limbi"},

	MorePhrases: []string{"altele", "mai multe", "mai mult", "inca", "urmatoarele", "arata mai multe", "va rog altele"},
	CallbackPhrases: []string{
		"sunati ma", "suna ma", "va rog sa ma sunati", "ma puteti suna", "vreau sa vorbesc",
		"vorbesc cu cineva", "sa vorbesc cu cineva", "un voluntar", "cu un voluntar", "o persoana", "un om",
	},
	HelpMePhrases: []string{"ajutati ma", "ajuta ma", "am nevoie de ajutor", "va rog ajutor"},

	Categories: map[string]catalogue.Category{
		"plimbare": catalogue.Walk, "plimbari": catalogue.Walk, "tur": catalogue.Walk, "tururi": catalogue.Walk,
		"drumetie": catalogue.Walk, "drumetii": catalogue.Walk, "tur ghidat": catalogue.Walk, "excursie": catalogue.Walk,

		"muzeu": catalogue.Museum, "muzee": catalogue.Museum, "muzeul": catalogue.Museum, "galerie": catalogue.Museum,
		"castel": catalogue.Museum, "castele": catalogue.Museum, "expozitie": catalogue.Museum, "expozitii": catalogue.Museum,
		"manastire": catalogue.Museum, "catedrala": catalogue.Museum, "monumente": catalogue.Museum,

		"arheologie": catalogue.Archaeology, "sapaturi": catalogue.Archaeology, "sapatura": catalogue.Archaeology,

		"mestesug": catalogue.Crafts, "mestesuguri": catalogue.Crafts, "lucru manual": catalogue.Crafts,
		"tricotat": catalogue.Crafts, "crosetat": catalogue.Crafts, "cusut": catalogue.Crafts, "broderie": catalogue.Crafts,
		"tesut": catalogue.Crafts, "olarit": catalogue.Crafts, "pictura": catalogue.Crafts, "atelier": catalogue.Crafts,

		"cafenea": catalogue.Cafe, "cafenele": catalogue.Cafe, "cafea": catalogue.Cafe, "ceai": catalogue.Cafe,

		"istorie": catalogue.HistoryGroup, "istorie locala": catalogue.HistoryGroup, "grup de istorie": catalogue.HistoryGroup,
		"prezentare": catalogue.HistoryGroup, "prezentari": catalogue.HistoryGroup, "conferinta": catalogue.HistoryGroup,
		"prelegere": catalogue.HistoryGroup, "genealogie": catalogue.HistoryGroup, "societate": catalogue.HistoryGroup,
	},
	Tags: map[string]string{
		"dementa": catalogue.TagDementiaFriendly, "alzheimer": catalogue.TagDementiaFriendly,
		"memorie": catalogue.TagDementiaFriendly, "probleme de memorie": catalogue.TagDementiaFriendly,
		"scaun cu rotile": catalogue.TagStepFree, "fara trepte": catalogue.TagStepFree, "fara scari": catalogue.TagStepFree,
		"rampa": catalogue.TagStepFree, "lift": catalogue.TagStepFree, "cadru": catalogue.TagStepFree,
		"insotitor": catalogue.TagCarersWelcome, "insotitori": catalogue.TagCarersWelcome, "ingrijitor": catalogue.TagCarersWelcome,
		"femei": catalogue.TagWomenOnly, "pentru femei": catalogue.TagWomenOnly, "doamne": catalogue.TagWomenOnly,
	},
	Free: []string{"gratuit", "gratuite", "gratis", "fara plata", "nu costa"},
	Languages: map[string]string{
		"romana": "Romanian", "in romana": "Romanian", "romaneste": "Romanian", "limba romana": "Romanian",
		"poloneza": "Polish", "galeza": "Welsh", "araba": "Arabic", "cantoneza": "Cantonese",
		"limbajul semnelor": "BSL",
	},

	Today:    []string{"azi", "astazi", "diseara", "in seara asta", "in dimineata asta"},
	Tomorrow: []string{"maine"},
	Week:     []string{"saptamana", "saptamana asta", "saptamana aceasta", "weekend", "in weekend", "curand"},
	Days: map[string]time.Weekday{
		"luni": time.Monday, "lunea": time.Monday, "marti": time.Tuesday, "martea": time.Tuesday,
		"miercuri": time.Wednesday, "miercurea": time.Wednesday, "joi": time.Thursday, "joia": time.Thursday,
		"vineri": time.Friday, "vinerea": time.Friday, "sambata": time.Saturday, "duminica": time.Sunday,
	},
	Months: map[string]time.Month{
		"ianuarie": time.January, "ian": time.January, "februarie": time.February, "feb": time.February,
		"martie": time.March, "aprilie": time.April, "apr": time.April, "mai": time.May, "iunie": time.June,
		"iulie": time.July, "august": time.August, "aug": time.August, "septembrie": time.September,
		"octombrie": time.October, "noiembrie": time.November, "decembrie": time.December, "dec": time.December,
	},

	Numbers: map[string]int{
		"zero": 0, "unu": 1, "una": 1, "doi": 2, "doua": 2, "trei": 3, "patru": 4, "cinci": 5, "sase": 6,
		"sapte": 7, "opt": 8, "noua": 9, "zece": 10, "unsprezece": 11, "doisprezece": 12, "douasprezece": 12,
	},
	Ordinals: map[string]int{
		"primul": 1, "prima": 1, "al doilea": 2, "a doua": 2, "al treilea": 3, "a treia": 3,
		"al patrulea": 4, "a patra": 4, "al cincilea": 5, "a cincea": 5,
	},
	DetailWords: map[string]bool{
		"numarul": true, "nr": true, "va": true, "rog": true, "detalii": true, "despre": true, "multumesc": true,
		"vreau": true, "unu": false,
	},
	Filler: []string{"in", "la", "langa", "aproape", "de", "va", "rog", "si", "sau", "ceva", "pentru", "mi", "imi", "multumesc", "ce", "este"},

	Spoken: map[Meaning][]string{
		SayVolunteer: {"voluntar", "voluntarul", "persoana", "cineva", "operator", "vorbesc"},
		SayMenu:      {"meniu", "meniul", "inceput"},
		SayNear:      {"aproape", "apropiere", "langa", "aici"},
		SayWeek:      {"saptamana", "zile", "curand"},
		SayRepeat:    {"repeta", "repetati", "iar", "inca"},
		SayNext:      {"urmatoarea", "urmatorul", "alta", "altul"},
		SayText:      {"sms", "mesaj", "trimite", "trimiteti"},
		SayPhone:     {"numar", "numarul", "telefon", "rezervare"},
		SayKind:      {"tip", "fel", "aleg"},
		SayGoodbye:   {"revedere", "gata", "terminat"},
		SayElsewhere: {"altundeva", "alta", "alt", "loc"},
		SayTryAgain:  {"iar", "inca", "incerc"},
		SayYes:       {"da", "corect", "exact"},
		SayNo:        {"nu", "gresit"},
		SayWalks:     {"plimbari", "plimbare", "tururi", "tur"},
		SayMuseums:   {"muzee", "muzeu", "castel", "istorice"},
		SayGroups:    {"grupuri", "grup", "prezentari", "cafenele", "cafea"},
		SayHandsOn:   {"mestesuguri", "arheologie", "sapaturi"},
		SayAnything:  {"toate", "orice", "tot"},
		SayRingBack:  {"sunati", "suna", "apel", "da"},
		SayMessage:   {"mesaj"},
	},
	Hints: map[Prompt][]string{
		PromptMenu:     {"aproape", "săptămâna", "voluntar", "repetați"},
		PromptConfirm:  {"da", "nu"},
		PromptNone:     {"altundeva", "voluntar"},
		PromptResult:   {"următoarea", "repetați", "SMS", "număr", "tip", "meniu", "voluntar"},
		PromptKind:     {"plimbări", "muzee", "grupuri", "prezentări", "cafenele", "meșteșuguri", "arheologie", "toate"},
		PromptEnd:      {"repetați", "altundeva", "voluntar", "la revedere"},
		PromptCallback: {"sunați-mă", "mesaj"},
	},
}
