package redisstore

import "github.com/heritage-line/heritageline/catalogue"

// keys names every Redis key the store uses. All carry the same hash tag (the
// prefix, "{hl:cat}" by default), so on a Cluster they live in one slot and the
// switch script and pipelines may touch several at once.
//
//	{hl:cat}:current            string: the version in service
//	{hl:cat}:lock               string: a reloading instance's random token (SET NX PX)
//	{hl:cat}:versions           sorted set: versions not in service, scored by the Unix
//	                            ms they left service (or a build's lock would expire);
//	                            deleted once that is older than the grace period
//	{hl:cat}:v:<ver>:acts       hash: chunk number -> JSON array of activities
//	{hl:cat}:v:<ver>:geo        geo set of every active activity; member = its
//	                            position in the version's list (sorted by id)
//	{hl:cat}:v:<ver>:geo:<cat>  geo set of the active activities of one category
type keys struct{ prefix string }

func (k keys) current() string  { return k.prefix + ":current" }
func (k keys) lock() string     { return k.prefix + ":lock" }
func (k keys) versions() string { return k.prefix + ":versions" }

func (k keys) acts(ver string) string { return k.prefix + ":v:" + ver + ":acts" }
func (k keys) geo(ver string) string  { return k.prefix + ":v:" + ver + ":geo" }
func (k keys) geoCat(ver string, c catalogue.Category) string {
	return k.prefix + ":v:" + ver + ":geo:" + string(c)
}

// all lists every key of one version, for deletion.
func (k keys) all(ver string) []string {
	out := []string{k.acts(ver), k.geo(ver)}
	for _, c := range catalogue.Categories {
		out = append(out, k.geoCat(ver, c))
	}
	return out
}
