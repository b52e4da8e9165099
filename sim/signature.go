package sim

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"sort"
)

// Sign returns the X-Twilio-Signature Twilio sends with a webhook: base64 of
// HMAC-SHA1, keyed with authToken, over rawURL (exactly as posted, query
// included) followed by each POST parameter's name and value in sorted name
// order. For a GET request pass the full URL and no params. twilio-go's
// client.RequestValidator accepts what Sign produces; it only offers
// checking, so the computation is repeated here.
func Sign(authToken, rawURL string, params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	m := hmac.New(sha1.New, []byte(authToken))
	m.Write([]byte(rawURL))
	for _, k := range keys {
		m.Write([]byte(k))
		m.Write([]byte(params[k]))
	}
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}
