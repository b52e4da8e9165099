package figures

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// TopN is how many activities, areas and categories a report lists.
const TopN = 10

// MaxWeeks is the longest report: ten years of weeks.
const MaxWeeks = 522

// ErrRange means a report's dates end before they start or span more than
// MaxWeeks weeks.
var ErrRange = errors.New("figures: report range")

// Count is how many times something was counted: an activity (Key is its id,
// Title its name when known), an area or a category.
type Count struct {
	Key   string
	Title string
	N     int
}

// Week holds one week's figures, or the totals of a report.
type Week struct {
	Start  time.Time // Monday 00:00 in the recorder's location
	Calls  int       // calls answered
	Texts  int       // texts received
	People int       // different people (by keyed hash) in touch by call or text

	Searches     int // searches made
	ZeroSearches int // searches that found nothing
	Details      int // an activity's details asked for
	Texted       int // an activity's details sent by text

	HandoffsAsked    int // callers who asked for a volunteer
	HandoffsAnswered int // ... and a volunteer answered
	HandoffsMissed   int // ... and nobody answered

	CallbacksRequested int
	CallbacksTaken     int
	CallbacksDone      int
	// MedianCallback is the median time from a callback's request to its
	// being done, over the callbacks done in the week; zero when none.
	MedianCallback time.Duration

	Signposted []Count // activities offered in searches, most first (top ten)
	Asked      []Count // activities whose details were asked for or texted (top ten)
	Areas      []Count // areas searched (top ten)
	Categories []Count // categories asked for (top ten)
	// Languages counts calls and texts by the language they were in
	// (its code: "cy"), most first, every language.
	Languages []Count

	FollowUps FollowUps // the follow-up and buddies (issue 19)
}

// Report is a run of weeks and their totals.
type Report struct {
	From  time.Time // Monday of the first week
	To    time.Time // Monday of the last week
	Weeks []Week    // one per week, oldest first, including quiet weeks
	// Total sums the weeks. Its People counts each person once however many
	// weeks they were in touch; its lists are the period's top ten; its
	// MedianCallback is over every callback done in the period.
	Total Week
	// Wellbeing is the paired change in each wellbeing question over the
	// period, filled in by the caller from the follow-up's answers (which
	// figures never holds); none when the follow-up is off.
	Wellbeing []WellbeingChange
}

// weekReads are one week's pending replies in the report pipeline.
type weekReads struct {
	totals                            *redis.MapStringStringCmd
	people                            *redis.IntCmd
	offered, asked, areas, categories *redis.ZSliceCmd
	languages                         *redis.ZSliceCmd
	seconds                           *redis.StringSliceCmd
}

// Report reads the weekly totals of every week from the one holding from to
// the one holding to (inclusive), in one pipelined round trip plus one for
// the period's distinct people. Weekly totals are never expired, so a report
// can go back further than the raw events. Events this recorder holds
// waiting are written first (Flush), so the report includes them. It
// returns an error wrapping
// ErrRange when to is before from or the range is longer than MaxWeeks, and
// the Redis error, wrapped, when Redis cannot be read.
func (r *Redis) Report(ctx context.Context, from, to time.Time) (Report, error) {
	first, last := WeekStart(from, r.opts.Location), WeekStart(to, r.opts.Location)
	if last.Before(first) {
		return Report{}, fmt.Errorf("%w: %s is before %s", ErrRange, to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	var starts []time.Time
	for w := first; !w.After(last); w = time.Date(w.Year(), w.Month(), w.Day()+7, 0, 0, 0, 0, r.opts.Location) {
		if len(starts) == MaxWeeks {
			return Report{}, fmt.Errorf("%w: more than %d weeks", ErrRange, MaxWeeks)
		}
		starts = append(starts, w)
	}
	if err := r.Flush(ctx); err != nil {
		return Report{}, err
	}

	pipe := r.rdb.Pipeline()
	reads := make([]weekReads, len(starts))
	peopleKeys := make([]string, len(starts))
	for i, w := range starts {
		peopleKeys[i] = r.weekKey(w, "people")
		reads[i] = weekReads{
			totals:     pipe.HGetAll(ctx, r.weekKey(w, "")),
			people:     pipe.PFCount(ctx, peopleKeys[i]),
			offered:    pipe.ZRangeWithScores(ctx, r.weekKey(w, "offered"), 0, -1),
			asked:      pipe.ZRangeWithScores(ctx, r.weekKey(w, "asked"), 0, -1),
			areas:      pipe.ZRangeWithScores(ctx, r.weekKey(w, "areas"), 0, -1),
			categories: pipe.ZRangeWithScores(ctx, r.weekKey(w, "categories"), 0, -1),
			languages:  pipe.ZRangeWithScores(ctx, r.weekKey(w, "languages"), 0, -1),
			seconds:    pipe.LRange(ctx, r.weekKey(w, "callback_seconds"), 0, -1),
		}
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return Report{}, fmt.Errorf("figures: report %s to %s: %w", first.Format(time.DateOnly), last.Format(time.DateOnly), err)
	}
	people, err := r.distinct(ctx, peopleKeys)
	if err != nil {
		return Report{}, fmt.Errorf("figures: report %s to %s: count people: %w", first.Format(time.DateOnly), last.Format(time.DateOnly), err)
	}

	rep := Report{From: first, To: last, Total: Week{Start: first, People: int(people)}}
	sums := map[string]map[string]int{"offered": {}, "asked": {}, "areas": {}, "categories": {}, "languages": {}}
	var allSeconds []int
	for i, w := range starts {
		rd := reads[i]
		t := rd.totals.Val()
		n := func(f string) int { v, _ := strconv.Atoi(t[f]); return v }
		wk := Week{
			Start: w, Calls: n(fCalls), Texts: n(fTexts), People: int(rd.people.Val()),
			Searches: n(fSearches), ZeroSearches: n(fZero), Details: n(fDetails), Texted: n(fTexted),
			HandoffsAsked: n(fHandoffsAsked), HandoffsAnswered: n(fHandoffsAnswered), HandoffsMissed: n(fHandoffsMissed),
			CallbacksRequested: n(fCallbacksRequested), CallbacksTaken: n(fCallbacksTaken), CallbacksDone: n(fCallbacksDone),
			FollowUps: FollowUps{
				Offered: n(fFollowUpsOffered), Agreed: n(fFollowUpsAgreed), WellbeingAgreed: n(fWellbeingAgreed),
				Sent: n(fFollowUpsSent), Went: n(fFollowUpsWent), NotYet: n(fFollowUpsNotYet), No: n(fFollowUpsNo),
				BuddiesRequested: n(fBuddiesRequested), BuddiesTaken: n(fBuddiesTaken), BuddiesDone: n(fBuddiesDone),
			},
		}
		var secs []int
		for _, s := range rd.seconds.Val() {
			if v, err := strconv.Atoi(s); err == nil {
				secs = append(secs, v)
			}
		}
		wk.MedianCallback = median(secs)
		allSeconds = append(allSeconds, secs...)
		wk.Signposted = r.top(counts(rd.offered.Val(), sums["offered"]), true)
		wk.Asked = r.top(counts(rd.asked.Val(), sums["asked"]), true)
		wk.Areas = r.top(counts(rd.areas.Val(), sums["areas"]), false)
		wk.Categories = r.top(counts(rd.categories.Val(), sums["categories"]), false)
		wk.Languages = sorted(counts(rd.languages.Val(), sums["languages"]))
		rep.Weeks = append(rep.Weeks, wk)
		rep.Total.add(wk)
	}
	rep.Total.MedianCallback = median(allSeconds)
	rep.Total.Signposted = r.top(sums["offered"], true)
	rep.Total.Asked = r.top(sums["asked"], true)
	rep.Total.Areas = r.top(sums["areas"], false)
	rep.Total.Categories = r.top(sums["categories"], false)
	rep.Total.Languages = sorted(sums["languages"])
	return rep, nil
}

// distinct counts the people in any of keys. It merges them into a
// short-lived key rather than asking PFCOUNT for several keys at once, which
// some Redis look-alikes (miniredis) answer with a sum, counting a person
// once per week.
func (r *Redis) distinct(ctx context.Context, keys []string) (int64, error) {
	var b [8]byte
	rand.Read(b[:])
	tmp := r.opts.Prefix + "tmp:people:" + hex.EncodeToString(b[:])
	pipe := r.rdb.Pipeline()
	pipe.PFMerge(ctx, tmp, keys...)
	pipe.Expire(ctx, tmp, time.Minute) // in case the DEL is lost
	n := pipe.PFCount(ctx, tmp)
	pipe.Del(ctx, tmp)
	if _, err := pipe.Exec(ctx); err != nil {
		return 0, err
	}
	return n.Val(), nil
}

// add sums w's counters into t (not People, lists or the median).
func (t *Week) add(w Week) {
	t.Calls += w.Calls
	t.Texts += w.Texts
	t.Searches += w.Searches
	t.ZeroSearches += w.ZeroSearches
	t.Details += w.Details
	t.Texted += w.Texted
	t.HandoffsAsked += w.HandoffsAsked
	t.HandoffsAnswered += w.HandoffsAnswered
	t.HandoffsMissed += w.HandoffsMissed
	t.CallbacksRequested += w.CallbacksRequested
	t.CallbacksTaken += w.CallbacksTaken
	t.CallbacksDone += w.CallbacksDone
	t.FollowUps.add(w.FollowUps)
}

// counts turns a sorted set's members into a map, adding them to sum too.
func counts(zs []redis.Z, sum map[string]int) map[string]int {
	m := make(map[string]int, len(zs))
	for _, z := range zs {
		k, _ := z.Member.(string)
		m[k] += int(z.Score)
		sum[k] += int(z.Score)
	}
	return m
}

// sorted returns every count of m, most first, ties in key order.
func sorted(m map[string]int) []Count {
	if len(m) == 0 {
		return nil
	}
	cs := make([]Count, 0, len(m))
	for k, n := range m {
		cs = append(cs, Count{Key: k, N: n})
	}
	slices.SortFunc(cs, func(a, b Count) int {
		return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Key, b.Key))
	})
	return cs
}

// SmallCell is the least count a report shows as it is: a count of one to
// four contacts in one language could point to a person, so it is shown
// as "<5" (CSV) or "fewer than 5" (markdown).
const SmallCell = 5

// top returns the TopN largest counts, most first, ties in key order, with
// activity titles when titled and Options.Title is set.
func (r *Redis) top(m map[string]int, titled bool) []Count {
	if len(m) == 0 {
		return nil
	}
	cs := make([]Count, 0, len(m))
	for k, n := range m {
		cs = append(cs, Count{Key: k, N: n})
	}
	slices.SortFunc(cs, func(a, b Count) int {
		return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Key, b.Key))
	})
	cs = cs[:min(len(cs), TopN)]
	if titled && r.opts.Title != nil {
		for i := range cs {
			cs[i].Title = r.opts.Title(cs[i].Key)
		}
	}
	return cs
}

// median returns the median of seconds as a duration, zero for none.
func median(seconds []int) time.Duration {
	if len(seconds) == 0 {
		return 0
	}
	s := slices.Clone(seconds)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return time.Duration(s[m]) * time.Second
	}
	return time.Duration(s[m-1]+s[m]) * time.Second / 2
}
