package main

import (
	"strings"
	"testing"
)

// The line starts on a real Redis with an Open Referral UK file it has never
// seen (the older v1 shape, a bad record included), is ready, and signposts
// from it.
func TestLineOnOpenReferralFile(t *testing.T) {
	tl := startLine(t, lineOptions{env: map[string]string{
		"CATALOGUE": "../../catalogue/openreferral/testdata/v1/page1.json",
	}})
	reply := tl.text1(tl.sim("+447700900888"), "NR30")
	if !strings.Contains(reply, "1 Time and Tide Walk") {
		t.Errorf("reply = %q; want the Open Referral walk in Great Yarmouth first", reply)
	}
}
