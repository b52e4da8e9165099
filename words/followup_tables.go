package words

// Each language's words for the follow-up, the buddy and the wellbeing
// questions, merged into its table (en, cy, pl, ro, ar, yue) when the
// package starts, so the tests walk them with every other sentence.
//
// The ONS4 questions are the Office for National Statistics' (Open
// Government Licence v3): English as the ONS words them, Welsh as the
// ONS's Welsh questionnaires do; the other languages are this project's
// translations, not official ones. Every text the line starts says how to
// stop (STOP, which carriers act on in English in every language).

func init() {
	for lang, extra := range map[*table]table{
		&en: enFollowUp, &cy: cyFollowUp, &pl: plFollowUp, &ro: roFollowUp, &ar: arFollowUp, &yue: yueFollowUp,
	} {
		for k, v := range extra {
			(*lang)[k] = v
		}
	}
}

var enFollowUp = table{
	kFUOfferText: "Would you like a text around {date} asking how it went? Reply YES.",
	kFUAgreed:    "Thank you. We'll text you around {date} to ask how it went. Reply STOP at any time to stop our texts.",
	kFUDeclined:  "That's fine, we won't text you about it. Thank you.",
	kFUDidYouGo:  "{line} here. Did you go to {activity}? Reply 1 if you went, 2 if not yet, or 3 if you won't be going. Reply STOP to stop these texts.",
	kFUWent:      "That's good to hear. Thank you for letting us know!",
	kFUNotYet:    "Thank you. Text {town} for other activities nearby, CALL for a volunteer to ring you, or BUDDY for a volunteer to go with you the first time.",
	kFUNotGoing:  "Thank you for letting us know. Text {town} for other activities nearby, CALL for a volunteer to ring you, or BUDDY for a volunteer to go with you to one.",
	kFUWhich:     "Please reply 1 if you went, 2 if not yet, or 3 if you won't be going.",
	kBuddyBooked: "Thank you. A volunteer will ring you from {number} to arrange going with you to {activity}. Your reference is {ref}.",
	kBuddyFailed: "Sorry, we couldn't arrange that just now. Please try again later, or ring {number}.",
	kWBAskText: forms{
		One:   "Would you also answer {count} short question about how you feel? It helps us learn whether activities help. Your answer is kept apart from your number. Reply YES or NO.",
		Other: "Would you also answer {count} short questions about how you feel? It helps us learn whether activities help. Your answers are kept apart from your number. Reply YES or NO.",
	},
	kWBDeclined:   "That's fine. Thank you.",
	kWBQuestionOf: "Question {number} of {total}.",
	kWBRange:      "Please reply with a number from {min} to {max}.",
	kWBThanks:     "Thank you, that's all the questions.",
	kWBAgain: forms{
		One:   "{line} here. A while ago you answered {count} question about how you feel. Would you answer it again? Reply YES, or STOP to stop these texts.",
		Other: "{line} here. A while ago you answered {count} questions about how you feel. Would you answer them again? Reply YES, or STOP to stop these texts.",
	},
	kONS4Life:       "Overall, how satisfied are you with your life nowadays?",
	kONS4Worthwhile: "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
	kONS4Happy:      "Overall, how happy did you feel yesterday?",
	kONS4Anxious:    "Overall, how anxious did you feel yesterday?",
	kONS4ScaleText:  "Reply a number from 0 (not at all) to 10 (completely).",
	kONS4ScaleVoice: "Press a number from 0, for not at all, to 10, for completely, then the hash key.",
	kFUOfferVoice:   "Would you like a text around {date} to ask how it went? To say yes, press 1. To carry on, press 2.",
	kFUAgreedVoice:  "Thank you. We'll text you around {date}. You can text STOP at any time to stop our texts.",
	kWBAskVoice: forms{
		One:   "Would you also answer {count} short question about how you feel, on your keypad? It helps us learn whether activities help, and your answer is kept apart from your number. To answer now, press 1. To carry on, press 2.",
		Other: "Would you also answer {count} short questions about how you feel, on your keypad? It helps us learn whether activities help, and your answers are kept apart from your number. To answer now, press 1. To carry on, press 2.",
	},
	kFollowUpReprise: "Now, back to the activity.",
	kBuddyRequested:  "Buddy request {ref} ({time}): someone would like a volunteer to go with them to {activity}. Text TAKE {ref} to ring them.",
	kKindBuddy:       "buddy",
	kRingBuddy:       "{line} buddy request {ref}. At {time} the resident asked for someone to go with them to {activity}.",
}

var cyFollowUp = table{
	kFUOfferText:     "Hoffech chi neges tua {date} yn holi sut aeth hi? Atebwch IE.",
	kFUAgreed:        "Diolch. Byddwn ni'n anfon neges tua {date} i holi sut aeth hi. Atebwch STOP unrhyw bryd i atal ein negeseuon.",
	kFUDeclined:      "Dim problem, wnawn ni ddim anfon neges amdano. Diolch.",
	kFUDidYouGo:      "{line} yma. Aethoch chi i {activity}? Atebwch 1 os aethoch chi, 2 os ddim eto, neu 3 os na fyddwch chi'n mynd. Atebwch STOP i atal y negeseuon hyn.",
	kFUWent:          "Mae'n dda clywed hynny. Diolch am roi gwybod i ni!",
	kFUNotYet:        "Diolch. Anfonwch {town} am weithgareddau eraill gerllaw, FFONIO i wirfoddolwr eich ffonio, neu CYFAILL i wirfoddolwr ddod gyda chi y tro cyntaf.",
	kFUNotGoing:      "Diolch am roi gwybod i ni. Anfonwch {town} am weithgareddau eraill gerllaw, FFONIO i wirfoddolwr eich ffonio, neu CYFAILL i wirfoddolwr ddod gyda chi i un.",
	kFUWhich:         "Atebwch 1 os aethoch chi, 2 os ddim eto, neu 3 os na fyddwch chi'n mynd.",
	kBuddyBooked:     "Diolch. Bydd gwirfoddolwr yn eich ffonio o {number} i drefnu dod gyda chi i {activity}. Eich cyfeirnod yw {ref}.",
	kBuddyFailed:     "Mae'n ddrwg gennym, doedd dim modd trefnu hynny nawr. Triwch eto nes ymlaen, neu ffoniwch {number}.",
	kWBAskText:       "Fyddech chi hefyd yn ateb {count} cwestiwn byr am sut rydych chi'n teimlo? Mae'n ein helpu i ddysgu a yw gweithgareddau'n helpu. Cedwir eich atebion ar wahân i'ch rhif. Atebwch IE neu NA.",
	kWBDeclined:      "Dim problem. Diolch.",
	kWBQuestionOf:    "Cwestiwn {number} o {total}.",
	kWBRange:         "Atebwch gyda rhif o {min} i {max}.",
	kWBThanks:        "Diolch, dyna'r cwestiynau i gyd.",
	kWBAgain:         "{line} yma. Beth amser yn ôl fe atebon chi {count} cwestiwn am sut rydych chi'n teimlo. Fyddech chi'n eu hateb eto? Atebwch IE, neu STOP i atal y negeseuon hyn.",
	kONS4Life:        "Yn gyffredinol, pa mor fodlon ydych chi â'ch bywyd y dyddiau hyn?",
	kONS4Worthwhile:  "Yn gyffredinol, i ba raddau ydych chi'n teimlo bod y pethau rydych chi'n eu gwneud yn eich bywyd yn werth chweil?",
	kONS4Happy:       "Yn gyffredinol, pa mor hapus oeddech chi'n teimlo ddoe?",
	kONS4Anxious:     "Yn gyffredinol, pa mor bryderus oeddech chi'n teimlo ddoe?",
	kONS4ScaleText:   "Atebwch gyda rhif o 0 (ddim o gwbl) i 10 (yn llwyr).",
	kONS4ScaleVoice:  "Pwyswch rif o 0, ddim o gwbl, i 10, yn llwyr, ac yna'r allwedd hash.",
	kFUOfferVoice:    "Hoffech chi neges destun tua {date} i holi sut aeth hi? I ddweud ie, pwyswch 1. I barhau, pwyswch 2.",
	kFUAgreedVoice:   "Diolch. Byddwn ni'n anfon neges atoch chi tua {date}. Gallwch chi anfon STOP unrhyw bryd i atal ein negeseuon.",
	kWBAskVoice:      "Fyddech chi hefyd yn ateb {count} cwestiwn byr am sut rydych chi'n teimlo, ar fysellbad eich ffôn? Mae'n ein helpu i ddysgu a yw gweithgareddau'n helpu, a chedwir eich atebion ar wahân i'ch rhif. I ateb nawr, pwyswch 1. I barhau, pwyswch 2.",
	kFollowUpReprise: "Nawr, yn ôl at y gweithgaredd.",
	kBuddyRequested:  "Cais am gyfaill {ref} ({time}): hoffai rhywun i wirfoddolwr fynd gyda nhw i {activity}. Anfonwch TAKE {ref} i'w ffonio.",
	kKindBuddy:       "cyfaill",
	kRingBuddy:       "Cais am gyfaill {line} {ref}. Am {time} gofynnodd y preswylydd am rywun i fynd gyda nhw i {activity}.",
}

var plFollowUp = table{
	kFUOfferText: "Czy wysłać SMS-a około {date} z pytaniem, jak było? Proszę odpisać TAK.",
	kFUAgreed:    "Dziękujemy. Około {date} zapytamy SMS-em, jak było. W każdej chwili można odpisać STOP, by nie dostawać SMS-ów.",
	kFUDeclined:  "Dobrze, nie wyślemy SMS-a w tej sprawie. Dziękujemy.",
	kFUDidYouGo:  "Tu {line}. Czy udało się pójść na {activity}? Proszę odpisać 1, jeśli tak, 2, jeśli jeszcze nie, 3, jeśli nie ma takich planów. STOP, by nie dostawać tych SMS-ów.",
	kFUWent:      "Miło to słyszeć. Dziękujemy za informację!",
	kFUNotYet:    "Dziękujemy. Proszę wysłać {town}, by znaleźć inne zajęcia w pobliżu, ZADZWOŃ, a wolontariusz oddzwoni, lub TOWARZYSZ, a wolontariusz pójdzie razem za pierwszym razem.",
	kFUNotGoing:  "Dziękujemy za informację. Proszę wysłać {town}, by znaleźć inne zajęcia w pobliżu, ZADZWOŃ, a wolontariusz oddzwoni, lub TOWARZYSZ, a wolontariusz pójdzie razem na wybrane zajęcia.",
	kFUWhich:     "Proszę odpisać 1, jeśli udało się pójść, 2, jeśli jeszcze nie, 3, jeśli nie ma takich planów.",
	kBuddyBooked: "Dziękujemy. Wolontariusz zadzwoni z numeru {number}, by umówić wspólne wyjście na {activity}. Numer zgłoszenia: {ref}.",
	kBuddyFailed: "Przepraszamy, nie udało się tego teraz załatwić. Proszę spróbować później lub zadzwonić pod {number}.",
	kWBAskText: forms{
		One:   "Czy można zadać jeszcze {count} krótkie pytanie o samopoczucie? To pomaga sprawdzić, czy zajęcia pomagają. Odpowiedź jest przechowywana osobno od numeru telefonu. Proszę odpisać TAK lub NIE.",
		Few:   "Czy można zadać jeszcze {count} krótkie pytania o samopoczucie? To pomaga sprawdzić, czy zajęcia pomagają. Odpowiedzi są przechowywane osobno od numeru telefonu. Proszę odpisać TAK lub NIE.",
		Many:  "Czy można zadać jeszcze {count} krótkich pytań o samopoczucie? To pomaga sprawdzić, czy zajęcia pomagają. Odpowiedzi są przechowywane osobno od numeru telefonu. Proszę odpisać TAK lub NIE.",
		Other: "Czy można zadać jeszcze {count} krótkiego pytania o samopoczucie? To pomaga sprawdzić, czy zajęcia pomagają. Odpowiedzi są przechowywane osobno od numeru telefonu. Proszę odpisać TAK lub NIE.",
	},
	kWBDeclined:   "Dobrze. Dziękujemy.",
	kWBQuestionOf: "Pytanie {number} z {total}.",
	kWBRange:      "Proszę odpisać liczbą od {min} do {max}.",
	kWBThanks:     "Dziękujemy, to już wszystkie pytania.",
	kWBAgain: forms{
		One:   "Tu {line}. Jakiś czas temu padła odpowiedź na {count} pytanie o samopoczucie. Czy można zadać je ponownie? Proszę odpisać TAK lub STOP, by nie dostawać tych SMS-ów.",
		Few:   "Tu {line}. Jakiś czas temu padły odpowiedzi na {count} pytania o samopoczucie. Czy można zadać je ponownie? Proszę odpisać TAK lub STOP, by nie dostawać tych SMS-ów.",
		Many:  "Tu {line}. Jakiś czas temu padły odpowiedzi na {count} pytań o samopoczucie. Czy można zadać je ponownie? Proszę odpisać TAK lub STOP, by nie dostawać tych SMS-ów.",
		Other: "Tu {line}. Jakiś czas temu padły odpowiedzi na {count} pytania o samopoczucie. Czy można zadać je ponownie? Proszę odpisać TAK lub STOP, by nie dostawać tych SMS-ów.",
	},
	kONS4Life:       "Ogólnie rzecz biorąc, w jakim stopniu obecne życie daje zadowolenie?",
	kONS4Worthwhile: "Ogólnie rzecz biorąc, w jakim stopniu to, co się robi w życiu, wydaje się warte zachodu?",
	kONS4Happy:      "Ogólnie rzecz biorąc, ile szczęścia było we wczorajszym dniu?",
	kONS4Anxious:    "Ogólnie rzecz biorąc, ile niepokoju było we wczorajszym dniu?",
	kONS4ScaleText:  "Proszę odpisać liczbą od 0 (wcale) do 10 (całkowicie).",
	kONS4ScaleVoice: "Proszę nacisnąć liczbę od 0, wcale, do 10, całkowicie, a potem krzyżyk.",
	kFUOfferVoice:   "Czy wysłać SMS-a około {date} z pytaniem, jak było? Aby się zgodzić, proszę nacisnąć 1. Aby kontynuować, 2.",
	kFUAgreedVoice:  "Dziękujemy. Wyślemy SMS-a około {date}. W każdej chwili można odpisać STOP, by nie dostawać SMS-ów.",
	kWBAskVoice: forms{
		One:   "Czy można zadać jeszcze {count} krótkie pytanie o samopoczucie, z odpowiedzią na klawiaturze telefonu? To pomaga sprawdzić, czy zajęcia pomagają, a odpowiedź jest przechowywana osobno od numeru. Aby odpowiedzieć teraz, proszę nacisnąć 1. Aby kontynuować, 2.",
		Few:   "Czy można zadać jeszcze {count} krótkie pytania o samopoczucie, z odpowiedzią na klawiaturze telefonu? To pomaga sprawdzić, czy zajęcia pomagają, a odpowiedzi są przechowywane osobno od numeru. Aby odpowiedzieć teraz, proszę nacisnąć 1. Aby kontynuować, 2.",
		Many:  "Czy można zadać jeszcze {count} krótkich pytań o samopoczucie, z odpowiedzią na klawiaturze telefonu? To pomaga sprawdzić, czy zajęcia pomagają, a odpowiedzi są przechowywane osobno od numeru. Aby odpowiedzieć teraz, proszę nacisnąć 1. Aby kontynuować, 2.",
		Other: "Czy można zadać jeszcze {count} krótkiego pytania o samopoczucie, z odpowiedzią na klawiaturze telefonu? To pomaga sprawdzić, czy zajęcia pomagają, a odpowiedzi są przechowywane osobno od numeru. Aby odpowiedzieć teraz, proszę nacisnąć 1. Aby kontynuować, 2.",
	},
	kFollowUpReprise: "Wracamy do zajęć.",
	kBuddyRequested:  "Prośba o towarzysza {ref} ({time}): ktoś chce, by wolontariusz poszedł z nim na {activity}. TAKE {ref}, by zadzwonić.",
	kKindBuddy:       "towarzysz",
	kRingBuddy:       "Prośba o towarzysza {line} {ref}. O {time} osoba poprosiła, by ktoś poszedł z nią na {activity}.",
}

var roFollowUp = table{
	kFUOfferText: "Doriți un SMS în jurul datei de {date} ca să vă întrebăm cum a fost? Răspundeți DA.",
	kFUAgreed:    "Vă mulțumim. Vă scriem în jurul datei de {date} ca să vă întrebăm cum a fost. Răspundeți STOP oricând ca să nu mai primiți SMS-uri.",
	kFUDeclined:  "Nicio problemă, nu vă vom scrie despre asta. Vă mulțumim.",
	kFUDidYouGo:  "Aici {line}. Ați fost la {activity}? Răspundeți 1 dacă ați fost, 2 dacă nu încă, sau 3 dacă nu veți merge. Răspundeți STOP ca să nu mai primiți aceste SMS-uri.",
	kFUWent:      "Ne bucurăm să auzim asta. Vă mulțumim că ne-ați spus!",
	kFUNotYet:    "Vă mulțumim. Trimiteți {town} pentru alte activități din apropiere, SUNATI ca să vă sune un voluntar, sau INSOTITOR ca un voluntar să meargă cu dumneavoastră prima dată.",
	kFUNotGoing:  "Vă mulțumim că ne-ați spus. Trimiteți {town} pentru alte activități din apropiere, SUNATI ca să vă sune un voluntar, sau INSOTITOR ca un voluntar să meargă cu dumneavoastră la una.",
	kFUWhich:     "Răspundeți 1 dacă ați fost, 2 dacă nu încă, sau 3 dacă nu veți merge.",
	kBuddyBooked: "Vă mulțumim. Un voluntar vă va suna de la {number} ca să stabiliți să meargă cu dumneavoastră la {activity}. Referința este {ref}.",
	kBuddyFailed: "Ne pare rău, nu am putut aranja asta acum. Încercați mai târziu sau sunați la {number}.",
	kWBAskText: forms{
		One:   "Ați răspunde și la {count} întrebare scurtă despre cum vă simțiți? Ne ajută să aflăm dacă activitățile ajută. Răspunsul se păstrează separat de numărul dumneavoastră. Răspundeți DA sau NU.",
		Few:   "Ați răspunde și la {count} întrebări scurte despre cum vă simțiți? Ne ajută să aflăm dacă activitățile ajută. Răspunsurile se păstrează separat de numărul dumneavoastră. Răspundeți DA sau NU.",
		Other: "Ați răspunde și la {count} de întrebări scurte despre cum vă simțiți? Ne ajută să aflăm dacă activitățile ajută. Răspunsurile se păstrează separat de numărul dumneavoastră. Răspundeți DA sau NU.",
	},
	kWBDeclined:   "Nicio problemă. Vă mulțumim.",
	kWBQuestionOf: "Întrebarea {number} din {total}.",
	kWBRange:      "Răspundeți cu un număr de la {min} la {max}.",
	kWBThanks:     "Vă mulțumim, acestea au fost toate întrebările.",
	kWBAgain: forms{
		One:   "Aici {line}. Acum ceva timp ați răspuns la {count} întrebare despre cum vă simțiți. Ați răspunde din nou? Răspundeți DA, sau STOP ca să nu mai primiți aceste SMS-uri.",
		Few:   "Aici {line}. Acum ceva timp ați răspuns la {count} întrebări despre cum vă simțiți. Ați răspunde din nou? Răspundeți DA, sau STOP ca să nu mai primiți aceste SMS-uri.",
		Other: "Aici {line}. Acum ceva timp ați răspuns la {count} de întrebări despre cum vă simțiți. Ați răspunde din nou? Răspundeți DA, sau STOP ca să nu mai primiți aceste SMS-uri.",
	},
	kONS4Life:       "În general, cât de mulțumitoare vi se pare viața în prezent?",
	kONS4Worthwhile: "În general, în ce măsură simțiți că lucrurile pe care le faceți în viață merită?",
	kONS4Happy:      "În general, câtă fericire ați simțit ieri?",
	kONS4Anxious:    "În general, câtă neliniște ați simțit ieri?",
	kONS4ScaleText:  "Răspundeți cu un număr de la 0 (deloc) la 10 (complet).",
	kONS4ScaleVoice: "Apăsați un număr de la 0, deloc, la 10, complet, apoi tasta diez.",
	kFUOfferVoice:   "Doriți un SMS în jurul acestei date: {date}, ca să vă întrebăm cum a fost? Pentru da, apăsați 1. Pentru a continua, apăsați 2.",
	kFUAgreedVoice:  "Vă mulțumim. Vă trimitem un SMS în jurul acestei date: {date}. Puteți trimite STOP oricând ca să nu mai primiți SMS-uri.",
	kWBAskVoice: forms{
		One:   "Ați răspunde și la {count} întrebare scurtă despre cum vă simțiți, de la tastatura telefonului? Ne ajută să aflăm dacă activitățile ajută, iar răspunsul se păstrează separat de numărul dumneavoastră. Pentru a răspunde acum, apăsați 1. Pentru a continua, apăsați 2.",
		Few:   "Ați răspunde și la {count} întrebări scurte despre cum vă simțiți, de la tastatura telefonului? Ne ajută să aflăm dacă activitățile ajută, iar răspunsurile se păstrează separat de numărul dumneavoastră. Pentru a răspunde acum, apăsați 1. Pentru a continua, apăsați 2.",
		Other: "Ați răspunde și la {count} de întrebări scurte despre cum vă simțiți, de la tastatura telefonului? Ne ajută să aflăm dacă activitățile ajută, iar răspunsurile se păstrează separat de numărul dumneavoastră. Pentru a răspunde acum, apăsați 1. Pentru a continua, apăsați 2.",
	},
	kFollowUpReprise: "Acum, înapoi la activitate.",
	kBuddyRequested:  "Cerere de însoțitor {ref} ({time}): cineva ar vrea ca un voluntar să meargă cu el la {activity}. Trimiteți TAKE {ref} ca să-l sunați.",
	kKindBuddy:       "însoțitor",
	kRingBuddy:       "Cerere de însoțitor {line} {ref}. La {time} persoana a cerut pe cineva care să meargă cu ea la {activity}.",
}

// arQuestions counts questions: "سؤال واحد", "سؤالين", "4 أسئلة".
const arQuestions = "{count, plural, one {سؤال واحد} two {سؤالين} few {# أسئلة} many {# سؤالاً} other {# سؤال}}"

var arFollowUp = table{
	kFUOfferText:     "هل تريد رسالة نحو {date} نسألك فيها كيف كان النشاط؟ أرسل نعم.",
	kFUAgreed:        "شكراً. سنراسلك نحو {date} لنسأل كيف كان. أرسل STOP في أي وقت لإيقاف رسائلنا.",
	kFUDeclined:      "لا بأس، لن نراسلك بشأنه. شكراً.",
	kFUDidYouGo:      "معك {line}. هل ذهبت إلى {activity}؟ أرسل 1 إن ذهبت، 2 إن لم تذهب بعد، 3 إن لن تذهب. STOP لإيقاف هذه الرسائل.",
	kFUWent:          "يسعدنا ذلك. شكراً لإخبارنا!",
	kFUNotYet:        "شكراً. أرسل {town} لأنشطة قريبة أخرى، اتصل ليتصل بك متطوع، أو مرافق ليذهب معك متطوع أول مرة.",
	kFUNotGoing:      "شكراً لإخبارنا. أرسل {town} لأنشطة قريبة أخرى، اتصل ليتصل بك متطوع، أو مرافق ليذهب معك متطوع إلى أحدها.",
	kFUWhich:         "أرسل 1 إن ذهبت، 2 إن لم تذهب بعد، 3 إن لن تذهب.",
	kBuddyBooked:     "شكراً. سيتصل بك متطوع من {number} ليرتب الذهاب معك إلى {activity}. رقم طلبك {ref}.",
	kBuddyFailed:     "عذراً، لم نستطع ترتيب ذلك الآن. حاول لاحقاً أو اتصل على {number}.",
	kWBAskText:       "هل تجيب أيضاً عن " + arQuestions + " عن شعورك؟ تساعدنا لنعرف إن كانت الأنشطة تفيد، وتُحفظ بعيداً عن رقمك. أرسل نعم أو لا.",
	kWBDeclined:      "لا بأس. شكراً.",
	kWBQuestionOf:    "السؤال {number} من {total}.",
	kWBRange:         "أرسل رقماً من {min} إلى {max}.",
	kWBThanks:        "شكراً، هذه كل الأسئلة.",
	kWBAgain:         "معك {line}. أجبت قبل مدة عن " + arQuestions + " عن شعورك. هل تجيب مرة أخرى؟ أرسل نعم، أو STOP لإيقاف هذه الرسائل.",
	kONS4Life:        "بشكل عام، ما مدى رضاك عن حياتك هذه الأيام؟",
	kONS4Worthwhile:  "بشكل عام، إلى أي حد تشعر أن ما تفعله في حياتك له قيمة؟",
	kONS4Happy:       "بشكل عام، ما مدى شعورك بالسعادة أمس؟",
	kONS4Anxious:     "بشكل عام، ما مدى شعورك بالقلق أمس؟",
	kONS4ScaleText:   "أرسل رقماً من 0 (إطلاقاً) إلى 10 (تماماً).",
	kONS4ScaleVoice:  "اضغط رقماً من 0، إطلاقاً، إلى 10، تماماً، ثم مفتاح المربع.",
	kFUOfferVoice:    "هل تريد رسالة نحو {date} نسألك فيها كيف كان النشاط؟ للموافقة اضغط 1. للمتابعة اضغط 2.",
	kFUAgreedVoice:   "شكراً. سنراسلك نحو {date}. يمكنك إرسال STOP في أي وقت لإيقاف رسائلنا.",
	kWBAskVoice:      "هل تجيب أيضاً عن " + arQuestions + " عن شعورك باستخدام لوحة المفاتيح؟ يساعدنا ذلك لنعرف إن كانت الأنشطة تفيد، ونحفظ إجاباتك بعيداً عن رقمك. للإجابة الآن اضغط 1. للمتابعة اضغط 2.",
	kFollowUpReprise: "والآن، نعود إلى النشاط.",
	kBuddyRequested:  "طلب مرافق {ref} ({time}): شخص يريد متطوعاً يذهب معه إلى {activity}. أرسل TAKE {ref} للاتصال.",
	kKindBuddy:       "مرافق",
	kRingBuddy:       "طلب مرافق من {line} {ref}. الساعة {time} طلب الشخص من يذهب معه إلى {activity}.",
}

var yueFollowUp = table{
	kFUOfferText:     "想唔想我哋喺{date}左右傳短訊問吓你去得點？請回覆「係」。",
	kFUAgreed:        "多謝。我哋會喺{date}左右傳短訊問你去得點。隨時回覆STOP停止短訊。",
	kFUDeclined:      "冇問題，我哋唔會傳短訊問你。多謝。",
	kFUDidYouGo:      "{line}你好。你有冇去{activity}？去咗請回覆1，未去回覆2，唔會去回覆3。回覆STOP停止短訊。",
	kFUWent:          "好開心聽到。多謝你話畀我哋知！",
	kFUNotYet:        "多謝。傳「{town}」搵附近其他活動，傳「致電」請義工打畀你，或者傳「陪同」請義工第一次陪你去。",
	kFUNotGoing:      "多謝你話畀我哋知。傳「{town}」搵附近其他活動，傳「致電」請義工打畀你，或者傳「陪同」請義工陪你去。",
	kFUWhich:         "去咗請回覆1，未去回覆2，唔會去回覆3。",
	kBuddyBooked:     "多謝。義工會由{number}打畀你，安排陪你去{activity}。你嘅編號係{ref}。",
	kBuddyFailed:     "唔好意思，暫時安排唔到。請遲啲再試，或者打{number}。",
	kWBAskText:       "你可唔可以再答{count}條關於你感受嘅簡短問題？可以幫我哋了解活動有冇幫助。你嘅答案會同你嘅號碼分開保存。請回覆「係」或者「唔係」。",
	kWBDeclined:      "冇問題。多謝。",
	kWBQuestionOf:    "第{number}題，共{total}題。",
	kWBRange:         "請回覆{min}至{max}嘅數字。",
	kWBThanks:        "多謝，問題已經答完。",
	kWBAgain:         "{line}你好。早前你答咗{count}條關於你感受嘅問題。可唔可以再答一次？請回覆「係」，或者回覆STOP停止短訊。",
	kONS4Life:        "整體嚟講，你而家對自己嘅生活有幾滿意？",
	kONS4Worthwhile:  "整體嚟講，你覺得自己生活入面做嘅事有幾值得？",
	kONS4Happy:       "整體嚟講，你琴日覺得有幾開心？",
	kONS4Anxious:     "整體嚟講，你琴日覺得有幾焦慮？",
	kONS4ScaleText:   "請回覆0（完全唔係）至10（完全係）嘅數字。",
	kONS4ScaleVoice:  "請按0（完全唔係）至10（完全係）嘅數字，然後按井字鍵。",
	kFUOfferVoice:    "想唔想我哋喺{date}左右傳短訊問吓你去得點？想嘅話請按1。繼續請按2。",
	kFUAgreedVoice:   "多謝。我哋會喺{date}左右傳短訊畀你。你隨時可以傳STOP停止短訊。",
	kWBAskVoice:      "你可唔可以用電話按鍵再答{count}條關於你感受嘅簡短問題？可以幫我哋了解活動有冇幫助，你嘅答案會同你嘅號碼分開保存。而家答請按1。繼續請按2。",
	kFollowUpReprise: "而家返去個活動。",
	kBuddyRequested:  "陪同要求{ref}（{time}）：有人想義工陪佢去{activity}。傳TAKE {ref}打畀佢。",
	kKindBuddy:       "陪同",
	kRingBuddy:       "{line}陪同要求{ref}。{time}有人想搵人陪佢去{activity}。",
}
