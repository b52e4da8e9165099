package redisstore

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
)

// switchScript puts a built version in service, if the caller still holds the
// lock: the old version goes to the versions set, scored now, to be deleted
// after the grace period.
//
//	KEYS: lock, current, versions   ARGV: token, version, now (Unix ms)
var switchScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return redis.error_reply('ERR lock lost')
end
local old = redis.call('GET', KEYS[2])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[2])
if old and old ~= ARGV[2] then
  redis.call('ZADD', KEYS[3], ARGV[3], old)
end
return old or ''
`)

// renewScript extends the lock if the caller still holds it; 1 if so, else 0.
//
//	KEYS: lock   ARGV: token, ttl (ms)
var renewScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`)

// releaseScript deletes the lock if the caller still holds it.
//
//	KEYS: lock   ARGV: token
var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`)

var errLockLost = errors.New("redisstore: reload lock lost (another instance took it after it expired)")

// Replace makes the active activities of acts the catalogue in service, for
// every instance sharing this Redis, and returns its version. Inactive
// activities are not stored; activities with coordinates the geo index cannot
// hold are left out and logged; of several with one id, the first is kept.
//
// The new version is written beside the old, in pipelined batches, and
// switched in with one script, so a search sees the old catalogue or the new,
// never a mixture. Only one instance reloads at a time: when another holds the
// lock, Replace does nothing and returns catalogue.ErrReplacedElsewhere
// (wrapped). When the same activities are already in service, it does nothing
// and returns that version. Versions out of service for longer than
// Options.Grace are deleted. On any other error (Redis failing, the lock lost)
// the catalogue in service is unchanged.
func (s *Store) Replace(ctx context.Context, acts []catalogue.Activity) (string, error) {
	active, sum, err := s.prepare(acts, false)
	if err != nil {
		return "", err
	}
	return s.replace(ctx, active, len(acts), sum)
}

// ReplaceTaking is Replace for a caller that has no further use for acts,
// as a refresh has none once its source is read: instead of copying the
// activities it keeps, it keeps them where they are, reordering acts in place
// and clearing the rest. It returns what it put in service (acts' start, in
// order of id), which the caller may read but not change. A reload of a
// national catalogue then holds one copy of it rather than two
// (docs/performance.md). On an error, kept is nil when acts was not touched.
func (s *Store) ReplaceTaking(ctx context.Context, acts []catalogue.Activity) (version string, kept []catalogue.Activity, err error) {
	active, sum, err := s.prepare(acts, true)
	if err != nil {
		return "", nil, err
	}
	version, err = s.replace(ctx, active, len(acts), sum)
	return version, active, err
}

var _ catalogue.TakingReplacer = (*Store)(nil)

// replace puts active, prepared from given activities with digest sum, in
// service.
func (s *Store) replace(ctx context.Context, active []catalogue.Activity, given int, sum string) (string, error) {
	start := s.now()

	token, err := newToken()
	if err != nil {
		return "", err
	}
	ok, err := s.rdb.SetNX(ctx, s.k.lock(), token, s.opts.LockTTL).Result()
	if err != nil {
		return "", fmt.Errorf("redisstore: replace: take lock: %w", err)
	}
	if !ok {
		return "", fmt.Errorf("redisstore: replace: %w", catalogue.ErrReplacedElsewhere)
	}
	defer func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := releaseScript.Run(rctx, s.rdb, []string{s.k.lock()}, token).Err(); err != nil {
			s.log.LogAttrs(rctx, slog.LevelWarn, "could not release the reload lock; it will expire",
				slog.Any("err", err))
		}
	}()

	cur, err := s.rdb.Get(ctx, s.k.current()).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return "", fmt.Errorf("redisstore: replace: read current version: %w", err)
	}
	if cur != "" && versionSum(cur) == sum {
		if snap := s.snap.Load(); snap == nil || snap.version != cur {
			s.install(newSnapshot(cur, active))
		}
		s.gc(ctx, cur)
		s.log.LogAttrs(ctx, slog.LevelInfo, "catalogue unchanged; nothing to reload",
			slog.String("version", cur), slog.Int("activities", len(active)))
		return cur, nil
	}

	ver := strconv.FormatInt(start.UnixMilli(), 36) + "-" + sum
	// Until it is switched in, the new version counts as out of service from
	// the moment the lock would expire: if this instance dies mid-build, the
	// half-built version is deleted like any old one.
	abandon := start.Add(s.opts.LockTTL).UnixMilli()
	if err := s.rdb.ZAdd(ctx, s.k.versions(), redis.Z{Score: float64(abandon), Member: ver}).Err(); err != nil {
		return "", fmt.Errorf("redisstore: replace: register version: %w", err)
	}
	if err := s.write(ctx, ver, token, active); err != nil {
		s.drop(ctx, ver)
		return "", err
	}
	old, err := switchScript.Run(ctx, s.rdb,
		[]string{s.k.lock(), s.k.current(), s.k.versions()},
		token, ver, s.now().UnixMilli()).Text()
	if err != nil {
		s.drop(ctx, ver)
		if strings.Contains(err.Error(), "lock lost") {
			err = errLockLost
		}
		return "", fmt.Errorf("redisstore: replace: switch to %s: %w", ver, err)
	}
	s.install(newSnapshot(ver, active))
	s.replaces.Add(1)
	s.gc(ctx, ver)
	s.log.LogAttrs(ctx, slog.LevelInfo, "catalogue reloaded",
		slog.String("version", ver), slog.String("previous", old),
		slog.Int("activities", len(active)), slog.Int("left_out", given-len(active)),
		slog.Int64("duration_ms", s.now().Sub(start).Milliseconds()))
	return ver, nil
}

// prepare keeps the active, indexable activities of acts, sorted by id, and a
// digest of their JSON (the same activities always give the same digest).
// Only the sorted activities are kept: each is encoded into the digest and
// let go, so no copy of the catalogue as JSON is ever held (write encodes
// each batch again as it sends it). Repeated strings (towns, organisations,
// categories...) are shared. With take, the activities kept are moved to the
// start of acts, in order, and the rest of acts is cleared; without, they
// are copied and acts is left as it was.
func (s *Store) prepare(acts []catalogue.Activity, take bool) ([]catalogue.Activity, string, error) {
	keep := make([]int32, 0, len(acts))
	badPoint := 0
	for i := range acts {
		a := &acts[i]
		if !a.Active {
			continue
		}
		if !geoValid(a.Lat, a.Lon) {
			badPoint++
			continue
		}
		keep = append(keep, int32(i))
	}
	slices.SortStableFunc(keep, func(i, j int32) int { return cmp.Compare(acts[i].ID, acts[j].ID) })
	dups := 0
	keep = slices.CompactFunc(keep, func(i, j int32) bool {
		if acts[i].ID == acts[j].ID {
			dups++
			return true
		}
		return false
	})
	if badPoint > 0 || dups > 0 {
		s.log.LogAttrs(context.Background(), slog.LevelWarn, "activities left out of the catalogue",
			slog.Int("unindexable_point", badPoint), slog.Int("duplicate_id", dups))
	}
	in := catalogue.NewInterner()
	var active []catalogue.Activity
	if take {
		// The structs are taken; their slices (tags, schedule rules) are
		// still copied, as they are small and may be shared with the
		// caller's other copies (a published version's, say).
		active = moveTo(acts, keep)
		for n := range active {
			active[n] = cloneActivity(active[n])
		}
	} else {
		active = make([]catalogue.Activity, len(keep))
		for n, i := range keep {
			active[n] = cloneActivity(acts[i])
		}
	}
	h := sha256.New()
	// Encoder.Encode writes what json.Marshal returns, then a newline: the
	// digest is the one versions have always carried.
	enc := json.NewEncoder(h)
	for n := range active {
		in.Activity(&active[n])
		if err := enc.Encode(&active[n]); err != nil {
			return nil, "", fmt.Errorf("redisstore: replace: encode %q: %w", active[n].ID, err)
		}
	}
	return active, hex.EncodeToString(h.Sum(nil))[:16], nil
}

// moveTo reorders acts in place so that it starts with acts[keep[0]],
// acts[keep[1]] ... (keep holds distinct indices), clears the rest, and
// returns that start. It follows the permutation's cycles, so it needs no
// second slice of activities, only one index per activity.
func moveTo(acts []catalogue.Activity, keep []int32) []catalogue.Activity {
	// from[i] is where the activity that belongs at i was at first: keep,
	// then every index keep left out, so that from is a permutation.
	from := make([]int32, 0, len(acts))
	from = append(from, keep...)
	kept := make([]bool, len(acts))
	for _, i := range keep {
		kept[i] = true
	}
	for i := range acts {
		if !kept[i] {
			from = append(from, int32(i))
		}
	}
	kept = nil
	// Each position i takes its activity from from[i]; if that position was
	// already filled (j < i), what was there moved on, to where from[j] says.
	for i := range acts {
		j := from[i]
		for int(j) < i {
			j = from[j]
		}
		acts[i], acts[j] = acts[j], acts[i]
	}
	clear(acts[len(keep):])
	return acts[:len(keep):len(keep)]
}

// geoValid reports whether Redis's geo index can hold the point.
func geoValid(lat, lon float64) bool {
	return lat >= -85.05112878 && lat <= 85.05112878 && lon >= -180 && lon <= 180
}

// write stores version ver in batches, one pipeline each, renewing the lock
// with every batch. Each batch is encoded as it is sent and let go.
func (s *Store) write(ctx context.Context, ver, token string, active []catalogue.Activity) error {
	n := s.opts.Batch
	ttl := strconv.FormatInt(s.opts.LockTTL.Milliseconds(), 10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for chunk, from := 0, 0; from < len(active); chunk, from = chunk+1, from+n {
		to := min(from+n, len(active))
		pipe := s.rdb.Pipeline()
		renew := renewScript.Eval(ctx, pipe, []string{s.k.lock()}, token, ttl)

		buf.Reset()
		buf.WriteByte('[')
		for i := from; i < to; i++ {
			if i > from {
				buf.WriteByte(',')
			}
			if err := enc.Encode(&active[i]); err != nil {
				return fmt.Errorf("redisstore: replace: encode %q: %w", active[i].ID, err)
			}
			buf.Truncate(buf.Len() - 1) // Encode's newline
		}
		buf.WriteByte(']')
		pipe.HSet(ctx, s.k.acts(ver), strconv.Itoa(chunk), buf.String())

		all := make([]*redis.GeoLocation, 0, to-from)
		byCat := map[catalogue.Category][]*redis.GeoLocation{}
		for i := from; i < to; i++ {
			a := &active[i]
			// The member is the activity's position in the version (sorted
			// by id), which a reader finds without a map lookup.
			loc := &redis.GeoLocation{Name: strconv.Itoa(i), Longitude: a.Lon, Latitude: a.Lat}
			all = append(all, loc)
			if a.Category.Valid() {
				byCat[a.Category] = append(byCat[a.Category], loc)
			}
		}
		pipe.GeoAdd(ctx, s.k.geo(ver), all...)
		for c, locs := range byCat {
			pipe.GeoAdd(ctx, s.k.geoCat(ver, c), locs...)
		}
		if _, err := pipe.Exec(ctx); err != nil {
			return fmt.Errorf("redisstore: replace: write %s batch %d: %w", ver, chunk, err)
		}
		if held, _ := renew.Int(); held != 1 {
			return fmt.Errorf("redisstore: replace: write %s batch %d: %w", ver, chunk, errLockLost)
		}
	}
	return nil
}

// readVersion reads version ver from Redis into a snapshot. It returns
// redis.Nil (wrapped) if the version does not exist.
func (s *Store) readVersion(ctx context.Context, ver string) (*snapshot, error) {
	n, err := s.rdb.HLen(ctx, s.k.acts(ver)).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: read %s: %w", ver, err)
	}
	if n == 0 {
		// Either a version with no activity or one deleted: tell them apart.
		cur, err := s.rdb.Get(ctx, s.k.current()).Result()
		if err != nil || cur != ver {
			return nil, fmt.Errorf("redisstore: read %s: %w", ver, redis.Nil)
		}
	}
	acts := make([]catalogue.Activity, 0, int(n)*s.opts.Batch)
	in := catalogue.NewInterner()
	const perTrip = 16
	for from := int64(0); from < n; from += perTrip {
		fields := make([]string, 0, perTrip)
		for i := from; i < min(from+perTrip, n); i++ {
			fields = append(fields, strconv.FormatInt(i, 10))
		}
		vals, err := s.rdb.HMGet(ctx, s.k.acts(ver), fields...).Result()
		if err != nil {
			return nil, fmt.Errorf("redisstore: read %s: %w", ver, err)
		}
		for i, v := range vals {
			str, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("redisstore: read %s chunk %s: %w", ver, fields[i], redis.Nil)
			}
			var chunk []catalogue.Activity
			if err := json.Unmarshal([]byte(str), &chunk); err != nil {
				return nil, fmt.Errorf("redisstore: read %s chunk %s: %w", ver, fields[i], err)
			}
			for j := range chunk {
				in.Activity(&chunk[j])
			}
			acts = append(acts, chunk...)
		}
	}
	return newSnapshot(ver, acts), nil
}

// gc deletes the versions that left service more than Grace ago, never keep
// (the version in service). Failures are logged: the next reload tries again.
func (s *Store) gc(ctx context.Context, keep string) {
	before := s.now().Add(-s.opts.Grace).UnixMilli()
	old, err := s.rdb.ZRangeByScore(ctx, s.k.versions(), &redis.ZRangeBy{
		Min: "-inf", Max: strconv.FormatInt(before, 10),
	}).Result()
	if err != nil {
		s.log.LogAttrs(ctx, slog.LevelWarn, "could not list old catalogue versions", slog.Any("err", err))
		return
	}
	for _, v := range old {
		if v == keep {
			continue
		}
		s.drop(ctx, v)
	}
}

// drop deletes version ver's keys and forgets it.
func (s *Store) drop(ctx context.Context, ver string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	pipe := s.rdb.Pipeline()
	pipe.Unlink(ctx, s.k.all(ver)...)
	pipe.ZRem(ctx, s.k.versions(), ver)
	if _, err := pipe.Exec(ctx); err != nil {
		s.log.LogAttrs(ctx, slog.LevelWarn, "could not delete a catalogue version",
			slog.String("version", ver), slog.Any("err", err))
		return
	}
	s.log.LogAttrs(ctx, slog.LevelDebug, "deleted catalogue version", slog.String("version", ver))
}

func newToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("redisstore: lock token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// versionSum is the digest of the activities at the end of a version.
func versionSum(ver string) string {
	_, sum, _ := strings.Cut(ver, "-")
	return sum
}

var _ catalogue.InServiceCounter = (*Store)(nil)

// InService returns the number of active activities in the version in
// service (the size of its geo set), or 0 when no version is; for
// catalogue.Refresher's limit on how much one reload may remove.
func (s *Store) InService(ctx context.Context) (int, error) {
	cur, err := s.rdb.Get(ctx, s.k.current()).Result()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("redisstore: in service: %w", err)
	}
	n, err := s.rdb.ZCard(ctx, s.k.geo(cur)).Result()
	if err != nil {
		return 0, fmt.Errorf("redisstore: in service: %w", err)
	}
	return int(n), nil
}
