package feed

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
)

// namespace is the UUID namespace of the feed's made-up ids: the random UUID
// 9c36d24c-c40c-4184-a9e2-ce4619e802ec, fixed for ever (changing it would
// change every id the feed has published).
var namespace = [16]byte{0x9c, 0x36, 0xd2, 0x4c, 0xc4, 0x0c, 0x41, 0x84, 0xa9, 0xe2, 0xce, 0x46, 0x19, 0xe8, 0x02, 0xec}

// uuidFor returns the name-based (version 5, RFC 9562) UUID of the parts
// joined, in the feed's namespace: the same parts always give the same id, so
// the ids of locations, schedules and terms stay put from one reload to the
// next.
func uuidFor(parts ...string) string {
	h := sha1.New()
	h.Write(namespace[:])
	h.Write([]byte(strings.Join(parts, "\x00")))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}
