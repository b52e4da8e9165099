// Package published keeps the coordinator's catalogue drafts and published
// versions in Redis, so that every instance of the line sees the same ones:
// it is the Redis implementation of publish.Store.
//
// Keys (all with the prefix's hash tag, so that on a Cluster they share one
// slot and one script may touch them all):
//
//	{hl:pub}:draft:<id>   string: a draft, gzipped JSON; expires DraftTTL after upload
//	{hl:pub}:versions     list: the ids of the versions kept, newest first
//	{hl:pub}:info         hash: version id -> its publish.Info as JSON
//	{hl:pub}:payload      hash: version id -> the whole version, gzipped JSON
//	{hl:pub}:current      string: the id of the current version; absent for none
//	{hl:pub}:seq          string: the number of the last version published
//
// A change of the current version is also announced on the channel
// {hl:pub}:changed, so that every instance can reload at once (Watch).
package published

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue/publish"
)

var _ publish.Store = (*Store)(nil)

// DefaultDraftTTL is how long a draft is kept after its upload.
const DefaultDraftTTL = 24 * time.Hour

// Options configures a Store. The zero value gives the defaults.
type Options struct {
	Prefix   string        // default "{hl:pub}"; must hold a hash tag
	DraftTTL time.Duration // default DefaultDraftTTL
}

// Store keeps drafts and versions in Redis. It is safe for concurrent use.
type Store struct {
	rdb  redis.UniversalClient
	opts Options
}

// New returns a Store on rdb. It does not contact Redis.
func New(rdb redis.UniversalClient, opts Options) *Store {
	if opts.Prefix == "" {
		opts.Prefix = "{hl:pub}"
	}
	if opts.DraftTTL <= 0 {
		opts.DraftTTL = DefaultDraftTTL
	}
	return &Store{rdb: rdb, opts: opts}
}

func (s *Store) key(name string) string { return s.opts.Prefix + ":" + name }

// SaveDraft keeps d for DraftTTL.
func (s *Store) SaveDraft(ctx context.Context, d *publish.Draft) error {
	data, err := pack(d)
	if err != nil {
		return fmt.Errorf("published: draft %s: %w", d.ID, err)
	}
	if err := s.rdb.Set(ctx, s.key("draft:"+d.ID), data, s.opts.DraftTTL).Err(); err != nil {
		return fmt.Errorf("published: save draft %s: %w", d.ID, err)
	}
	return nil
}

// Draft returns the draft id, or publish.ErrNotFound.
func (s *Store) Draft(ctx context.Context, id string) (*publish.Draft, error) {
	data, err := s.rdb.Get(ctx, s.key("draft:"+id)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("%w: draft %q (drafts are kept %v)", publish.ErrNotFound, id, s.opts.DraftTTL)
	}
	if err != nil {
		return nil, fmt.Errorf("published: read draft %s: %w", id, err)
	}
	var d publish.Draft
	if err := unpack(data, &d); err != nil {
		return nil, fmt.Errorf("published: draft %s: %w", id, err)
	}
	return &d, nil
}

// publishScript numbers a version, keeps it as the newest and current one, and
// forgets those beyond the newest keep, in one step. A version's info is kept
// without its id, which is its field in the hash.
//
// KEYS: seq, versions, info, payload, current. ARGV: info JSON, payload, keep.
var publishScript = redis.NewScript(`
local id = 'v' .. redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[3], id, ARGV[1])
redis.call('HSET', KEYS[4], id, ARGV[2])
redis.call('LPUSH', KEYS[2], id)
redis.call('SET', KEYS[5], id)
local keep = tonumber(ARGV[3])
local old = redis.call('LRANGE', KEYS[2], keep, -1)
for _, v in ipairs(old) do
  redis.call('HDEL', KEYS[3], v)
  redis.call('HDEL', KEYS[4], v)
end
redis.call('LTRIM', KEYS[2], 0, keep - 1)
return id
`)

// Publish keeps v as the newest version, current, and forgets the versions
// beyond the newest keep.
func (s *Store) Publish(ctx context.Context, v *publish.Version, keep int) (publish.Info, error) {
	if keep < 1 {
		keep = 1
	}
	info := v.Info
	info.ID = ""
	infoJSON, err := json.Marshal(info)
	if err != nil {
		return publish.Info{}, fmt.Errorf("published: publish: %w", err)
	}
	payload, err := pack(v.Load)
	if err != nil {
		return publish.Info{}, fmt.Errorf("published: publish: %w", err)
	}
	id, err := publishScript.Run(ctx, s.rdb,
		[]string{s.key("seq"), s.key("versions"), s.key("info"), s.key("payload"), s.key("current")},
		infoJSON, payload, keep).Text()
	if err != nil {
		return publish.Info{}, fmt.Errorf("published: publish: %w", err)
	}
	info.ID = id
	s.announce(ctx, id)
	return info, nil
}

// Versions lists the versions kept, newest first, and the current one's id.
func (s *Store) Versions(ctx context.Context) ([]publish.Info, string, error) {
	var ids *redis.StringSliceCmd
	var infos *redis.MapStringStringCmd
	var cur *redis.StringCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		ids = p.LRange(ctx, s.key("versions"), 0, -1)
		infos = p.HGetAll(ctx, s.key("info"))
		cur = p.Get(ctx, s.key("current"))
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, "", fmt.Errorf("published: list versions: %w", err)
	}
	if err := cur.Err(); err != nil && !errors.Is(err, redis.Nil) {
		return nil, "", fmt.Errorf("published: current version: %w", err)
	}
	out := make([]publish.Info, 0, len(ids.Val()))
	for _, id := range ids.Val() {
		raw, ok := infos.Val()[id]
		if !ok {
			continue
		}
		var in publish.Info
		if err := json.Unmarshal([]byte(raw), &in); err != nil {
			return nil, "", fmt.Errorf("published: version %s: %w", id, err)
		}
		in.ID = id
		out = append(out, in)
	}
	return out, cur.Val(), nil
}

// Version returns the version id, whole, or publish.ErrNotFound.
func (s *Store) Version(ctx context.Context, id string) (*publish.Version, error) {
	var info, payload *redis.StringCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		info = p.HGet(ctx, s.key("info"), id)
		payload = p.HGet(ctx, s.key("payload"), id)
		return nil
	})
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("%w: version %q", publish.ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("published: read version %s: %w", id, err)
	}
	var v publish.Version
	if err := json.Unmarshal([]byte(info.Val()), &v.Info); err != nil {
		return nil, fmt.Errorf("published: version %s: %w", id, err)
	}
	v.Info.ID = id
	data, _ := payload.Bytes()
	if err := unpack(data, &v.Load); err != nil {
		return nil, fmt.Errorf("published: version %s: %w", id, err)
	}
	return &v, nil
}

// setCurrentScript makes a kept version current, or none.
//
// KEYS: info, current. ARGV: id ("" for none).
var setCurrentScript = redis.NewScript(`
if ARGV[1] == '' then
  redis.call('DEL', KEYS[2])
  return 1
end
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('SET', KEYS[2], ARGV[1])
return 1
`)

// SetCurrent makes the kept version id current ("" for none), or returns
// publish.ErrNotFound.
func (s *Store) SetCurrent(ctx context.Context, id string) error {
	ok, err := setCurrentScript.Run(ctx, s.rdb, []string{s.key("info"), s.key("current")}, id).Int()
	if err != nil {
		return fmt.Errorf("published: set current %q: %w", id, err)
	}
	if ok == 0 {
		return fmt.Errorf("%w: version %q is not kept", publish.ErrNotFound, id)
	}
	s.announce(ctx, id)
	return nil
}

// announce tells every instance watching that the current version changed.
// It is a courtesy: an instance that misses it reloads on its schedule.
func (s *Store) announce(ctx context.Context, id string) {
	s.rdb.Publish(ctx, s.key("changed"), id)
}

// Watch calls changed each time any instance changes the current version
// (publishes, rolls back, or goes back to the source), until ctx is done; it
// then returns nil. A lost connection is made again by go-redis; changes
// announced meanwhile are missed, and are picked up by the next scheduled
// reload.
func (s *Store) Watch(ctx context.Context, changed func()) error {
	sub := s.rdb.Subscribe(ctx, s.key("changed"))
	defer sub.Close()
	ch := sub.Channel()
	for {
		select {
		case <-ctx.Done():
			return nil
		case _, ok := <-ch:
			if !ok {
				return nil
			}
			changed()
		}
	}
}

// pack is v as gzipped JSON.
func pack(v any) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := json.NewEncoder(zw).Encode(v); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func unpack(data []byte, v any) error {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return err
	}
	if err := json.NewDecoder(zr).Decode(v); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, zr)
	return err
}
