package words

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/heritage-line/heritageline/catalogue"
)

// tables are every language's sentences, by code.
func tables() map[Lang]table {
	return map[Lang]table{English: en, Welsh: cy, Polish: pl, Romanian: ro, Arabic: ar, Cantonese: yue}
}

// texts are the written forms of a table entry: one string, or each
// plural form.
func texts(t *testing.T, lang Lang, k key, v any) []string {
	t.Helper()
	switch v := v.(type) {
	case string:
		return []string{v}
	case forms:
		if v.Other == "" {
			t.Errorf("%s %s: plural forms have no Other", lang, k)
		}
		return v.all()
	}
	t.Errorf("%s %s: got a %T; want a string or forms", lang, k, v)
	return nil
}

// names are the parameters a list of texts uses, sorted.
func names(ts []string) []string {
	set := map[string]bool{}
	for _, s := range ts {
		for _, p := range params(s) {
			set[p] = true
		}
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func TestEveryLanguageHasEverySentence(t *testing.T) {
	if len(tables()) != len(All()) {
		t.Fatalf("got %d tables; want one for each of the %d languages", len(tables()), len(All()))
	}
	for lang, tb := range tables() {
		for k := range en {
			if _, ok := tb[k]; !ok {
				t.Errorf("%s lacks %s", lang, k)
			}
		}
		for k := range tb {
			if _, ok := en[k]; !ok {
				t.Errorf("%s has %s, which English does not", lang, k)
			}
		}
	}
}

func TestParametersMatchEnglish(t *testing.T) {
	for lang, tb := range tables() {
		for k, v := range tb {
			want := names(texts(t, English, k, en[k]))
			got := names(texts(t, lang, k, v))
			if !slices.Equal(got, want) {
				t.Errorf("%s %s: got parameters %v; want %v, as English", lang, k, got, want)
			}
		}
	}
}

// TestPluralChoices checks every inline plural: CLDR categories only, an
// other always, and a # or the language's own words in each.
func TestPluralChoices(t *testing.T) {
	valid := map[string]bool{"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true}
	for lang, tb := range tables() {
		for k, v := range tb {
			for _, s := range texts(t, lang, k, v) {
				for rest := s; ; {
					i := strings.IndexByte(rest, '{')
					if i < 0 {
						break
					}
					j := closing(rest, i)
					if j < 0 {
						t.Errorf("%s %s: unclosed brace in %q", lang, k, s)
						break
					}
					name, choices, isPlural := splitPlural(rest[i : j+1])
					if strings.ContainsAny(name, " {}") {
						t.Errorf("%s %s: bad placeholder %q", lang, k, rest[i:j+1])
					}
					if isPlural {
						if _, ok := choices["other"]; !ok {
							t.Errorf("%s %s: plural of %s has no other", lang, k, name)
						}
						for c := range choices {
							if !valid[c] {
								t.Errorf("%s %s: plural of %s has choice %q; want a CLDR category", lang, k, name, c)
							}
						}
					}
					rest = rest[j+1:]
				}
			}
		}
	}
}

func TestFill(t *testing.T) {
	tests := []struct {
		lang Lang
		tmpl string
		kv   []string
		want string
	}{
		{English, "Welcome to {line}.", []string{"line", "Heritage Line"}, "Welcome to Heritage Line."},
		{English, "No {missing} here.", nil, "No {missing} here."},
		{English, "{a}{b}{a}", []string{"a", "1", "b", "2"}, "121"},
		{Romanian, "{n, plural, one {o milă} few {# mile} other {# de mile}}", []string{"n", "1"}, "o milă"},
		{Romanian, "{n, plural, one {o milă} few {# mile} other {# de mile}}", []string{"n", "10"}, "10 mile"},
		{Romanian, "{n, plural, one {o milă} few {# mile} other {# de mile}}", []string{"n", "25"}, "25 de mile"},
		{Arabic, arMiles, []string{"miles", "2"}, "ميلين"},
		{Arabic, arMiles, []string{"miles", "10"}, "10 أميال"},
		{Arabic, arMiles, []string{"miles", "25"}, "25 ميلاً"},
		{Arabic, arMiles, []string{"miles", "100"}, "100 ميل"},
		{Polish, "{n, plural, one {jedna} few {# mile} other {# mil}}", []string{"n", "22"}, "22 mile"},
		{Polish, "{n, plural, one {jedna} few {# mile} other {# mil}}", []string{"n", "x"}, "x mil"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+" "+tt.tmpl, func(t *testing.T) {
			if got := fill(tt.tmpl, tt.kv, tt.lang); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestPluralForms(t *testing.T) {
	tests := []struct {
		lang Lang
		n    int
		want string
	}{
		{English, 1, "I found 1 within 10 miles."},
		{English, 8, "I found 8 within 10 miles."},
		{Welsh, 1, "Mae un gweithgaredd o fewn 10 milltir."},
		{Welsh, 2, "Mae dau weithgaredd o fewn 10 milltir."},
		{Welsh, 8, "Mae 8 gweithgaredd o fewn 10 milltir."},
		{Polish, 1, "Znalazłam jedną propozycję w promieniu 10 mil."},
		{Polish, 3, "Znalazłam 3 propozycje w promieniu 10 mil."},
		{Polish, 5, "Znalazłam 5 propozycji w promieniu 10 mil."},
		{Polish, 22, "Znalazłam 22 propozycje w promieniu 10 mil."},
		{Romanian, 1, "Am găsit o activitate pe o rază de 10 mile."},
		{Romanian, 8, "Am găsit 8 activități pe o rază de 10 mile."},
		{Romanian, 21, "Am găsit 21 de activități pe o rază de 10 mile."},
		{Arabic, 1, "وجدت نشاطاً واحداً ضمن 10 أميال."},
		{Arabic, 2, "وجدت نشاطين ضمن 10 أميال."},
		{Arabic, 8, "وجدت 8 أنشطة ضمن 10 أميال."},
		{Arabic, 12, "وجدت 12 نشاطاً ضمن 10 أميال."},
		{Cantonese, 8, "10英里內搵到8個活動。"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.lang, tt.n), func(t *testing.T) {
			if got := For(tt.lang).Found(tt.n, 10); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

// sample values for the walk, by parameter type.
var (
	walkNow = time.Date(2026, 11, 30, 9, 0, 0, 0, catalogue.London)
	walkRes = catalogue.Result{
		Activity: catalogue.Activity{
			ID: "a1", Title: "Heritage Café", Organisation: "Frome Heritage Museum", Venue: "Frome Heritage Museum",
			Address: "North Parade", Town: "Frome", Postcode: "BA11 1AT", Free: true, Access: "Step-free",
			Phone: "01632 960107", BookingNeeded: true, Referral: catalogue.LinkWorker,
			Schedule: catalogue.Schedule{Rules: []catalogue.Rule{{Freq: catalogue.Monthly, Weeks: []int{1}, Days: []time.Weekday{time.Thursday}, Opens: 630, Closes: 720}}},
		},
		Miles: 2.4,
		Next:  catalogue.Session{Start: time.Date(2026, 12, 3, 10, 30, 0, 0, catalogue.London)},
	}
)

// walkArgs makes the arguments of a method, the variant-th way: strings
// alternate between a sample and "", numbers run through the plural
// categories, bools alternate.
func walkArgs(m reflect.Method, variant int) []reflect.Value {
	counts := []int{1, 2, 3, 5, 11, 22, 25, 100, 0}
	strs := []string{"Frome", "", "voicemail", "sms", "voice", "", "Frome", "", "C7"}
	ft := m.Type
	args := []reflect.Value{}
	for i := 1; i < ft.NumIn(); i++ { // 0 is the receiver
		switch in := ft.In(i); in {
		case reflect.TypeFor[string]():
			args = append(args, reflect.ValueOf(strs[(variant%9+i-1)%len(strs)]))
		case reflect.TypeFor[int]():
			args = append(args, reflect.ValueOf(counts[(variant/9+i)%len(counts)]))
		case reflect.TypeFor[bool]():
			args = append(args, reflect.ValueOf(variant%2 == 1))
		case reflect.TypeFor[float64]():
			args = append(args, reflect.ValueOf([]float64{0.02, 0.3, 1.2, 2.6, 12}[variant%5]))
		case reflect.TypeFor[time.Duration]():
			args = append(args, reflect.ValueOf([]time.Duration{4 * time.Minute, 125 * time.Minute, 76 * time.Hour}[variant%3]))
		case reflect.TypeFor[time.Time]():
			args = append(args, reflect.ValueOf(walkNow.AddDate(0, 0, variant)))
		case reflect.TypeFor[catalogue.Result]():
			r := walkRes
			switch variant % 3 {
			case 1:
				r.Activity.BookingNeeded, r.Activity.Referral, r.Activity.Venue, r.Activity.Town = false, "", "", ""
				r.Next = catalogue.Session{}
			case 2:
				r.Activity.Phone, r.Activity.Free, r.Activity.Cost = "", false, "Adults £5 and concessions £3 at the door"
			}
			args = append(args, reflect.ValueOf(r))
		case reflect.TypeFor[catalogue.Schedule]():
			args = append(args, reflect.ValueOf(walkRes.Activity.Schedule))
		case reflect.TypeFor[catalogue.Session]():
			args = append(args, reflect.ValueOf(walkRes.Next))
		case reflect.TypeFor[catalogue.Clock]():
			args = append(args, reflect.ValueOf(catalogue.Clock(600+variant*15)))
		case reflect.TypeFor[Filters]():
			f := Filters{}
			if variant%2 == 1 {
				f = Filters{Categories: []catalogue.Category{catalogue.Walk}, Free: true, Tags: []string{catalogue.TagStepFree}, WithinDays: 7}
			}
			args = append(args, reflect.ValueOf(f))
		case reflect.TypeFor[Lang]():
			args = append(args, reflect.ValueOf(All()[variant%len(All())].Code))
		default:
			return nil
		}
	}
	return args
}

// TestWalkEveryEntry calls every method of every language's book, several
// ways, and checks that each answer is whole (no parameter left unfilled,
// valid UTF-8), that every sentence of every table is reached, and that
// each sentence is given exactly the parameters its English uses.
func TestWalkEveryEntry(t *testing.T) {
	type use struct {
		lang Lang
		k    key
	}
	var mu sync.Mutex
	reached := map[use]bool{}
	filled = func(lang Lang, k key, params []string) {
		mu.Lock()
		defer mu.Unlock()
		reached[use{lang, k}] = true
		sort.Strings(params)
		if want := names(texts(t, English, k, en[k])); !slices.Equal(params, want) {
			t.Errorf("%s %s: given parameters %v; its English uses %v", lang, k, params, want)
		}
	}
	defer func() { filled = nil }()

	bt := reflect.TypeFor[*Book]()
	for _, l := range All() {
		for _, b := range []*Book{For(l.Code), For(l.Code).Unstaffed()} {
			for i := range bt.NumMethod() {
				m := bt.Method(i)
				if m.Type.NumOut() != 1 || m.Type.Out(0) != reflect.TypeFor[string]() || m.Type.IsVariadic() {
					continue
				}
				for variant := range 81 {
					args := walkArgs(m, variant)
					if args == nil {
						t.Errorf("%s: no sample for a parameter type", m.Name)
						break
					}
					got := m.Func.Call(append([]reflect.Value{reflect.ValueOf(b)}, args...))[0].String()
					switch {
					case !utf8.ValidString(got):
						t.Errorf("%s %s: not UTF-8: %q", l.Code, m.Name, got)
					case strings.ContainsAny(got, "{}"):
						t.Errorf("%s %s%v: a parameter is left unfilled: %q", l.Code, m.Name, args, got)
					case strings.Contains(got, "%!"):
						t.Errorf("%s %s: a formatting mistake: %q", l.Code, m.Name, got)
					case got == "" && m.Name != "Join" && m.Name != "SpokenPhone" && m.Name != "CallbackKind":
						t.Errorf("%s %s%v: said nothing", l.Code, m.Name, args)
					}
				}
			}
		}
		for k := range en {
			if !reached[use{l.Code, k}] {
				t.Errorf("%s %s: no method says it", l.Code, k)
			}
		}
	}
}

func TestUnknownLanguageIsEnglish(t *testing.T) {
	if got := For("xx"); got != For(English) {
		t.Errorf("For(xx): got %s; want English", got.Language().Code)
	}
}

func TestSayFallsBackToEnglish(t *testing.T) {
	b := &Book{lang: languages[1], t: table{}, g: cyGrammar{}}
	if got, want := b.Greeting("Heritage Line"), "Welcome to Heritage Line."; got != want {
		t.Errorf("got %q; want %q", got, want)
	}
}

func TestJoin(t *testing.T) {
	if got, want := For(English).Join("One.", "", "Two."), "One. Two."; got != want {
		t.Errorf("English: got %q; want %q", got, want)
	}
	if got, want := For(Cantonese).Join("一。", "", "二。"), "一。二。"; got != want {
		t.Errorf("Cantonese: got %q; want %q", got, want)
	}
}

// TestUnstaffedOffersNobody checks, in every language, that the book of a
// line with nobody (Unstaffed) offers no volunteer, no 0 key and no CALL
// in its menus, choices, footers, help and apologies, while the staffed
// book still does (so the test would notice the two swapped).
func TestUnstaffedOffersNobody(t *testing.T) {
	volunteer := map[Lang]string{English: "volunteer", Welsh: "wirfoddolwr", Polish: "wolontariusz", Romanian: "voluntar", Arabic: "متطوع", Cantonese: "義工"}
	for _, l := range All() {
		staffed, alone := For(l.Code), For(l.Code).Unstaffed()
		if alone.Unstaffed() != alone || alone.Language() != staffed.Language() {
			t.Errorf("%s: Unstaffed's book is not itself unstaffed in the same language", l.Code)
		}
		sayings := func(b *Book) map[string]string {
			return map[string]string{
				"MainMenu": b.MainMenu(), "NoneOptions": b.NoneOptions(), "EndOptions": b.EndOptions(),
				"ResultOptions": b.ResultOptions(false), "ResultOptionsKind": b.ResultOptions(true),
				"ResultOptionsNoText": b.ResultOptionsNoText(false), "ResultOptionsKindNoText": b.ResultOptionsNoText(true),
				"Help": b.Help("Heritage Line", "01632 960000", "Frome", "BA11 1AT"), "NotUnderstood": b.NotUnderstood("Frome", "BA11 1AT"),
				"NothingNear": b.NothingNear("Frome", 25), "OutsideGBText": b.OutsideGBText(), "ListFootMore": b.ListFoot(true),
				"ListFootLast": b.ListFoot(false), "AllShown": b.AllShown("Frome", 10), "SMSFallback": b.SMSFallback("01632 960000"),
				"FollowUpNotYet": b.FollowUpNotYet("Frome"), "FollowUpNotGoing": b.FollowUpNotGoing("Frome"),
			}
		}
		was := sayings(staffed)
		for name, got := range sayings(alone) {
			if strings.Contains(got, volunteer[l.Code]) || strings.Contains(got, "0.") || strings.Contains(got, "0،") || strings.Contains(got, "0。") || strings.Contains(got, "01632") {
				t.Errorf("%s %s unstaffed: %q; want no volunteer, no 0 and no number to ring", l.Code, name, got)
			}
			if got == was[name] {
				t.Errorf("%s %s: the same staffed and unstaffed: %q", l.Code, name, got)
			}
		}
	}
}
