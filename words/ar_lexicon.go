package words

import (
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// arLexicon is what the line understands in Arabic: Modern Standard words
// with the everyday Levantine and Egyptian ones residents write ("بكرا",
// "ببلاش"), and the Levantine month names (شباط، آذار...) beside the
// Gregorian ones. Phrases are written as people write them; the book
// normalises them (no vowel marks, hamza on alif dropped) when it loads.
var arLexicon = &Lexicon{
	OptOut:       []string{"توقف", "إيقاف", "إلغاء"},
	OptIn:        []string{"ابدأ", "بدء", "تشغيل"},
	Help:         []string{"مساعدة", "مساعده", "معلومات"},
	More:         []string{"المزيد", "مزيد", "التالي", "غيرها"},
	Callback:     []string{"اتصل", "اتصلوا", "اتصال"},
	LanguageList: []string{"لغة", "اللغة", "اللغات"},

	MorePhrases: []string{"المزيد", "المزيد من فضلك", "التالي", "غيرها", "أرسل المزيد"},
	CallbackPhrases: []string{
		"اتصل بي", "اتصلوا بي", "كلموني", "أريد التحدث مع شخص", "أريد أن أتحدث مع أحد",
		"التحدث مع متطوع", "متطوع", "مع شخص",
	},
	HelpMePhrases: []string{"ساعدني", "ساعدوني", "أحتاج مساعدة", "أحتاج إلى مساعدة"},

	Categories: map[string]catalogue.Category{
		"مشي": catalogue.Walk, "المشي": catalogue.Walk, "جولة": catalogue.Walk, "جولات": catalogue.Walk,
		"جولة مشي": catalogue.Walk, "نزهة": catalogue.Walk, "نزهات": catalogue.Walk,

		"متحف": catalogue.Museum, "متاحف": catalogue.Museum, "المتحف": catalogue.Museum, "معرض": catalogue.Museum,
		"قلعة": catalogue.Museum, "قلاع": catalogue.Museum, "قصر": catalogue.Museum, "كاتدرائية": catalogue.Museum,

		"آثار": catalogue.Archaeology, "علم الآثار": catalogue.Archaeology, "تنقيب": catalogue.Archaeology,
		"حفريات": catalogue.Archaeology,

		"حرف": catalogue.Crafts, "حرفة": catalogue.Crafts, "حرف يدوية": catalogue.Crafts, "أشغال يدوية": catalogue.Crafts,
		"خياطة": catalogue.Crafts, "تطريز": catalogue.Crafts, "حياكة": catalogue.Crafts, "رسم": catalogue.Crafts,
		"فخار": catalogue.Crafts,

		"مقهى": catalogue.Cafe, "مقاهي": catalogue.Cafe, "قهوة": catalogue.Cafe, "شاي": catalogue.Cafe,

		"تاريخ": catalogue.HistoryGroup, "التاريخ": catalogue.HistoryGroup, "تاريخ محلي": catalogue.HistoryGroup,
		"محاضرة": catalogue.HistoryGroup, "محاضرات": catalogue.HistoryGroup, "مجموعة تاريخ": catalogue.HistoryGroup,
		"جمعية": catalogue.HistoryGroup, "ذكريات": catalogue.HistoryGroup,
	},
	Tags: map[string]string{
		"خرف": catalogue.TagDementiaFriendly, "الخرف": catalogue.TagDementiaFriendly,
		"الزهايمر": catalogue.TagDementiaFriendly, "ذاكرة": catalogue.TagDementiaFriendly,
		"كرسي متحرك": catalogue.TagStepFree, "بدون درج": catalogue.TagStepFree, "بلا درج": catalogue.TagStepFree,
		"مصعد":       catalogue.TagStepFree,
		"مقدم رعاية": catalogue.TagCarersWelcome, "مقدمي الرعاية": catalogue.TagCarersWelcome, "مرافق": catalogue.TagCarersWelcome,
		"نساء": catalogue.TagWomenOnly, "للنساء": catalogue.TagWomenOnly, "سيدات": catalogue.TagWomenOnly,
	},
	Free: []string{"مجاني", "مجانا", "مجانية", "بدون مقابل", "ببلاش"},
	Languages: map[string]string{
		"بالعربية": "Arabic", "العربية": "Arabic", "عربي": "Arabic", "بالعربي": "Arabic",
		"البولندية": "Polish", "الويلزية": "Welsh", "الرومانية": "Romanian", "الكانتونية": "Cantonese",
		"لغة الإشارة": "BSL",
	},

	Today:    []string{"اليوم", "الليلة", "هذا المساء"},
	Tomorrow: []string{"غدا", "بكرة", "بكرا", "بكره"},
	Week:     []string{"الأسبوع", "هذا الأسبوع", "نهاية الأسبوع", "قريبا"},
	Days: map[string]time.Weekday{
		"الاثنين": time.Monday, "الإثنين": time.Monday, "اثنين": time.Monday,
		"الثلاثاء": time.Tuesday, "ثلاثاء": time.Tuesday,
		"الأربعاء": time.Wednesday, "أربعاء": time.Wednesday,
		"الخميس": time.Thursday, "خميس": time.Thursday,
		"الجمعة": time.Friday, "جمعة": time.Friday,
		"السبت": time.Saturday, "سبت": time.Saturday,
		"الأحد": time.Sunday, "أحد": time.Sunday,
	},
	Months: map[string]time.Month{
		"يناير": time.January, "فبراير": time.February, "شباط": time.February, "مارس": time.March,
		"آذار": time.March, "أبريل": time.April, "ابريل": time.April, "نيسان": time.April, "مايو": time.May,
		"أيار": time.May, "يونيو": time.June, "حزيران": time.June, "يوليو": time.July, "تموز": time.July,
		"أغسطس": time.August, "آب": time.August, "سبتمبر": time.September, "أيلول": time.September,
		"أكتوبر": time.October, "نوفمبر": time.November, "ديسمبر": time.December,
	},

	Numbers: map[string]int{
		"صفر": 0, "واحد": 1, "اثنان": 2, "اثنين": 2, "ثلاثة": 3, "أربعة": 4, "خمسة": 5, "ستة": 6,
		"سبعة": 7, "ثمانية": 8, "تسعة": 9, "عشرة": 10,
	},
	Ordinals: map[string]int{
		"الأول": 1, "أول": 1, "الثاني": 2, "ثاني": 2, "الثالث": 3, "ثالث": 3, "الرابع": 4, "رابع": 4,
		"الخامس": 5, "خامس": 5,
	},
	DetailWords: map[string]bool{
		"رقم": true, "الرقم": true, "من": true, "فضلك": true, "تفاصيل": true, "عن": true, "شكرا": true,
		"أريد": true, "واحد": false,
	},
	Filler: []string{"في", "قرب", "عند", "من", "فضلك", "لو", "سمحت", "و", "أو", "أي", "شي", "شيء", "هل", "يوجد"},

	Spoken: map[Meaning][]string{
		SayVolunteer: {"متطوع", "شخص", "موظف", "أحد"},
		SayMenu:      {"القائمة", "قائمة", "البداية"},
		SayNear:      {"قريب", "القريبة", "قربي"},
		SayWeek:      {"الأسبوع", "أسبوع", "الأيام"},
		SayRepeat:    {"أعد", "كرر", "مرة"},
		SayNext:      {"التالي", "بعده", "غيره"},
		SayText:      {"رسالة", "أرسل", "نصية"},
		SayPhone:     {"رقم", "الهاتف", "هاتف", "حجز"},
		SayKind:      {"نوع", "اختيار"},
		SayGoodbye:   {"السلامة", "وداعا", "إنهاء"},
		SayElsewhere: {"مكان", "آخر"},
		SayTryAgain:  {"مرة", "أخرى"},
		SayYes:       {"نعم", "أيوه", "صحيح", "أجل"},
		SayNo:        {"لا", "خطأ"},
		SayWalks:     {"مشي", "جولات", "جولة"},
		SayMuseums:   {"متاحف", "متحف", "تاريخية"},
		SayGroups:    {"مجموعات", "محاضرات", "مقاهي", "قهوة"},
		SayHandsOn:   {"حرف", "آثار", "يدوية"},
		SayAnything:  {"الكل", "كل", "جميع"},
		SayRingBack:  {"اتصل", "اتصال", "نعم"},
		SayMessage:   {"رسالة"},
	},
	Hints: map[Prompt][]string{
		PromptMenu:     {"قريب", "الأسبوع", "متطوع", "أعد"},
		PromptConfirm:  {"نعم", "لا"},
		PromptNone:     {"مكان آخر", "متطوع"},
		PromptResult:   {"التالي", "أعد", "رسالة", "رقم", "نوع", "القائمة", "متطوع"},
		PromptKind:     {"مشي", "متاحف", "مجموعات", "محاضرات", "مقاهي", "حرف", "آثار", "الكل"},
		PromptEnd:      {"أعد", "مكان آخر", "متطوع", "مع السلامة"},
		PromptCallback: {"اتصل بي", "رسالة"},
	},
}
