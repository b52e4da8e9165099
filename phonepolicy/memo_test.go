package phonepolicy

import (
	"fmt"
	"sync"
	"testing"
)

// A verdict remembered is the verdict read: the second Check of every number
// (from many goroutines at once) gives what the first gave, and a policy
// that forgets after its limit still answers.
func TestCheckRemembers(t *testing.T) {
	p := MustNew([]string{"+44", "+353"})
	numbers := []string{"+447700900123", "07700 900123", "+449091234567", "+447012345678", "+448712345678",
		"01632 960001", "+35312345678", "+2348012345678", "CHARITY", "81234", "", "+44 (0) 909 123 4567"}
	type got struct {
		n   Number
		err string
	}
	check := func(raw string) got {
		n, err := p.Check(raw)
		g := got{n: n}
		if err != nil {
			g.err = err.Error()
		}
		return g
	}
	first := map[string]got{}
	for _, raw := range numbers {
		first[raw] = check(raw)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, raw := range numbers {
				if g := check(raw); g != first[raw] {
					t.Errorf("Check(%q) again: got %+v; want %+v", raw, g, first[raw])
				}
			}
		})
	}
	wg.Wait()
	for i := range memoMax + 10 {
		p.Check(fmt.Sprintf("+4477009%05d", i%100000))
	}
	if g := check("+449091234567"); g != first["+449091234567"] {
		t.Errorf("after the memo filled: got %+v; want %+v", g, first["+449091234567"])
	}
}
