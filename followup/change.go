package followup

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/figures"
)

// WellbeingChanges works out, for each question of the questionnaire, the
// change between people's first and second answers, over the people whose
// second answers came between from and to (paired: only those who answered
// the question both times count). It reads only the answers, kept under
// the keyed hash; the report suppresses small numbers of pairs. Errors are
// wrapped Redis errors.
func (d *Diary) WellbeingChanges(ctx context.Context, from, to time.Time) ([]figures.WellbeingChange, error) {
	hashes, err := d.rdb.ZRangeByScore(ctx, answersKey, &redis.ZRangeBy{Min: strconv.FormatInt(ms(from), 10), Max: "+inf"}).Result()
	if err != nil {
		return nil, fmt.Errorf("followup: wellbeing changes: %w", err)
	}
	cmds := make([]*redis.MapStringStringCmd, len(hashes))
	if len(hashes) > 0 {
		_, err = d.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, h := range hashes {
				cmds[i] = p.HGetAll(ctx, answerKey(h))
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("followup: wellbeing changes: %w", err)
		}
	}
	q := d.cfg.Questionnaire
	items := q.Items()
	out := make([]figures.WellbeingChange, len(items))
	sums := make([][2]float64, len(items))
	for i, it := range items {
		out[i] = figures.WellbeingChange{ID: it.ID, Label: it.Label, HigherIsBetter: it.HigherIsBetter}
	}
	for _, c := range cmds {
		a := c.Val()
		second := millis(a[answerField(q.Name(), 2, "at")])
		if second.IsZero() || second.Before(from) || second.After(to) {
			continue
		}
		for i, it := range items {
			v1, err1 := strconv.Atoi(a[answerField(q.Name(), 1, it.ID)])
			v2, err2 := strconv.Atoi(a[answerField(q.Name(), 2, it.ID)])
			if err1 != nil || err2 != nil {
				continue
			}
			out[i].Pairs++
			sums[i][0] += float64(v1)
			sums[i][1] += float64(v2)
		}
	}
	for i := range out {
		if n := float64(out[i].Pairs); n > 0 {
			out[i].First, out[i].Second = sums[i][0]/n, sums[i][1]/n
		}
	}
	return out, nil
}
