package followup

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Due is one follow-up waiting to be sent, as `heritageline followups`
// lists it: never with a number.
type Due struct {
	At       time.Time // when it is due; for one being sent, when its claim lapses
	Kind     string    // "went" (did you go?) or "again" (the wellbeing questions again)
	Person   string    // the first eight characters of the keyed hash
	Activity string    // the activity's title
	State    string    // "due", "claimed" or "sending"
	Tries    int       // failed tries so far
}

// What says what the item is in words.
func (d Due) What() string {
	if d.Kind == kindAgain {
		return "wellbeing questions again"
	}
	return "did you go?"
}

// Due lists the follow-ups waiting or being sent, soonest first. Errors are
// wrapped Redis errors.
func (d *Diary) Due(ctx context.Context) ([]Due, error) {
	var due, claimed *redis.ZSliceCmd
	_, err := d.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		due = p.ZRangeWithScores(ctx, dueKey, 0, -1)
		claimed = p.ZRangeWithScores(ctx, claimedKey, 0, -1)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("followup: list: %w", err)
	}
	all := append(due.Val(), claimed.Val()...)
	cmds := make([]*redis.SliceCmd, len(all))
	_, err = d.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, z := range all {
			m, _ := z.Member.(string)
			hash, kind, _ := cutLast(m, ":")
			cmds[i] = p.HMGet(ctx, personKey(hash), "title", kind+"_state", kind+"_tries")
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("followup: list: %w", err)
	}
	out := make([]Due, 0, len(all))
	for i, z := range all {
		m, _ := z.Member.(string)
		hash, kind, _ := cutLast(m, ":")
		vals := cmds[i].Val()
		s := func(j int) string {
			if j < len(vals) {
				v, _ := vals[j].(string)
				return v
			}
			return ""
		}
		state, _, _ := strings.Cut(s(1), ":")
		var tries int
		fmt.Sscan(s(2), &tries)
		out = append(out, Due{
			At: time.UnixMilli(int64(z.Score)), Kind: kind, Person: hash[:min(8, len(hash))],
			Activity: s(0), State: state, Tries: tries,
		})
	}
	slices.SortStableFunc(out, func(a, b Due) int { return a.At.Compare(b.At) })
	return out, nil
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
