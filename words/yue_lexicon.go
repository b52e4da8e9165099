package words

import (
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// yueLexicon is what the line understands in Cantonese, in traditional
// characters and the simplified ones many also type. Cantonese is written
// without spaces, so its phrases are found inside a message rather than
// word by word.
var yueLexicon = &Lexicon{
	OptOut:       []string{"停止", "取消", "唔要"},
	OptIn:        []string{"開始", "开始", "重新開始"},
	Help:         []string{"幫助", "帮助", "幫手", "說明"},
	More:         []string{"更多", "下一頁", "仲有", "下一页"},
	Callback:     []string{"致電", "致电", "回電", "回电", "打畀我", "打俾我"},
	LanguageList: []string{"語言", "语言"},

	MorePhrases:     []string{"更多", "下一頁", "仲有冇", "再多啲"},
	CallbackPhrases: []string{"打畀我", "打俾我", "打電話畀我", "回電", "同人傾", "搵義工", "義工", "真人", "搵人傾"},
	HelpMePhrases:   []string{"幫我", "救命", "我需要幫助"},

	Categories: map[string]catalogue.Category{
		"導賞": catalogue.Walk, "导赏": catalogue.Walk, "散步": catalogue.Walk, "步行": catalogue.Walk,
		"行山": catalogue.Walk, "遊覽": catalogue.Walk, "行街": catalogue.Walk,

		"博物館": catalogue.Museum, "博物馆": catalogue.Museum, "展覽": catalogue.Museum, "展览": catalogue.Museum,
		"古蹟": catalogue.Museum, "古迹": catalogue.Museum, "城堡": catalogue.Museum, "美術館": catalogue.Museum,

		"考古": catalogue.Archaeology, "發掘": catalogue.Archaeology,

		"手工": catalogue.Crafts, "手工藝": catalogue.Crafts, "手工艺": catalogue.Crafts, "編織": catalogue.Crafts,
		"織冷衫": catalogue.Crafts, "刺繡": catalogue.Crafts, "繪畫": catalogue.Crafts, "畫畫": catalogue.Crafts,
		"陶藝": catalogue.Crafts,

		"咖啡": catalogue.Cafe, "茶聚": catalogue.Cafe, "飲茶": catalogue.Cafe, "咖啡室": catalogue.Cafe,

		"歷史": catalogue.HistoryGroup, "历史": catalogue.HistoryGroup, "講座": catalogue.HistoryGroup,
		"讲座": catalogue.HistoryGroup, "小組": catalogue.HistoryGroup, "聚會": catalogue.HistoryGroup,
		"家族史": catalogue.HistoryGroup,
	},
	Tags: map[string]string{
		"認知障礙": catalogue.TagDementiaFriendly, "腦退化": catalogue.TagDementiaFriendly,
		"老人痴呆": catalogue.TagDementiaFriendly, "失智": catalogue.TagDementiaFriendly,
		"輪椅": catalogue.TagStepFree, "轮椅": catalogue.TagStepFree, "無障礙": catalogue.TagStepFree,
		"冇樓梯": catalogue.TagStepFree, "升降機": catalogue.TagStepFree,
		"照顧者": catalogue.TagCarersWelcome, "陪伴": catalogue.TagCarersWelcome,
		"女士": catalogue.TagWomenOnly, "婦女": catalogue.TagWomenOnly,
	},
	Free: []string{"免費", "免费", "唔使錢", "唔使俾錢"},
	Languages: map[string]string{
		"廣東話": "Cantonese", "广东话": "Cantonese", "粵語": "Cantonese", "粤语": "Cantonese", "中文": "Cantonese",
		"波蘭文": "Polish", "威爾斯文": "Welsh", "羅馬尼亞文": "Romanian", "阿拉伯文": "Arabic", "手語": "BSL",
	},

	Today:    []string{"今日", "今晚", "今天"},
	Tomorrow: []string{"聽日", "听日", "明天", "明日"},
	Week:     []string{"今個星期", "呢個星期", "週末", "周末", "本週", "這週"},
	Days: map[string]time.Weekday{
		"星期一": time.Monday, "禮拜一": time.Monday, "週一": time.Monday,
		"星期二": time.Tuesday, "禮拜二": time.Tuesday, "週二": time.Tuesday,
		"星期三": time.Wednesday, "禮拜三": time.Wednesday, "週三": time.Wednesday,
		"星期四": time.Thursday, "禮拜四": time.Thursday, "週四": time.Thursday,
		"星期五": time.Friday, "禮拜五": time.Friday, "週五": time.Friday,
		"星期六": time.Saturday, "禮拜六": time.Saturday, "週六": time.Saturday,
		"星期日": time.Sunday, "星期天": time.Sunday, "禮拜日": time.Sunday, "週日": time.Sunday,
	},
	Months: map[string]time.Month{
		"一月": time.January, "二月": time.February, "三月": time.March, "四月": time.April,
		"五月": time.May, "六月": time.June, "七月": time.July, "八月": time.August,
		"九月": time.September, "十月": time.October, "十一月": time.November, "十二月": time.December,
	},

	Numbers: map[string]int{
		"零": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
		"八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12,
	},
	Ordinals: map[string]int{"第一": 1, "第二": 2, "第三": 3, "第四": 4, "第五": 5},
	DetailWords: map[string]bool{
		"號": true, "号": true, "第": true, "詳情": true, "唔該": true, "請": true, "多謝": true, "個": true,
	},
	Filler: []string{"喺", "附近", "唔該", "請", "我", "想", "有冇", "嘅", "呀", "啊"},

	Spoken: map[Meaning][]string{
		SayVolunteer: {"義工", "真人", "職員", "搵人"},
		SayMenu:      {"主目錄", "目錄", "由頭"},
		SayNear:      {"附近", "就近"},
		SayWeek:      {"星期", "七日"},
		SayRepeat:    {"再講", "重複", "再聽"},
		SayNext:      {"下一個", "下個", "另一個"},
		SayText:      {"短訊", "訊息", "傳送"},
		SayPhone:     {"電話", "號碼", "預約"},
		SayKind:      {"類型", "種類", "揀"},
		SayGoodbye:   {"再見", "拜拜", "收線"},
		SayElsewhere: {"其他地方", "第二度"},
		SayTryAgain:  {"再試", "再嚟"},
		SayYes:       {"係", "好", "啱", "對"},
		SayNo:        {"唔係", "唔啱", "唔對"},
		SayWalks:     {"導賞", "散步", "行山"},
		SayMuseums:   {"博物館", "古蹟"},
		SayGroups:    {"小組", "講座", "咖啡"},
		SayHandsOn:   {"手工藝", "手工", "考古"},
		SayAnything:  {"全部", "所有"},
		SayRingBack:  {"回電", "打返", "係"},
		SayMessage:   {"留言"},
	},
	Hints: map[Prompt][]string{
		PromptMenu:     {"附近", "星期", "義工", "再講"},
		PromptConfirm:  {"係", "唔係"},
		PromptNone:     {"其他地方", "義工"},
		PromptResult:   {"下一個", "再講", "短訊", "電話", "類型", "主目錄", "義工"},
		PromptKind:     {"導賞", "博物館", "小組", "講座", "咖啡", "手工藝", "考古", "全部"},
		PromptEnd:      {"再講", "其他地方", "義工", "再見"},
		PromptCallback: {"回電", "留言"},
	},
}
