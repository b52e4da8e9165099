package ivr

import (
	"context"
	"strings"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
)

type changingTowns struct{ towns []catalogue.Town }

func (c *changingTowns) Towns(context.Context) ([]catalogue.Town, error) {
	return append([]catalogue.Town(nil), c.towns...), nil // a copy, as redisstore gives
}

// Hints are made once for the same towns, and made again as soon as the
// catalogue's towns change.
func TestHintsFollowTheCatalogue(t *testing.T) {
	towns := &changingTowns{towns: testTowns}
	l := New(Config{PublicURL: publicURL + "/"}, Deps{Towns: towns})
	ctx := context.Background()
	if got, want := l.hints(ctx, "near"), "near, Frome, Nunney, Warminster"; got != want {
		t.Fatalf("hints = %q; want %q", got, want)
	}
	if got, want := l.hints(ctx), "Frome, Nunney, Warminster"; got != want {
		t.Fatalf("hints without extra words = %q; want %q", got, want)
	}
	towns.towns = append([]catalogue.Town{{Name: "Bath"}}, testTowns[1:]...)
	if got := l.hints(ctx, "near"); got != "near, Bath, Nunney, Warminster" {
		t.Errorf("after the towns changed, hints = %q; want Bath in place of Frome", got)
	}
	towns.towns = nil
	if got := l.hints(ctx, "near"); strings.Contains(got, "Nunney") {
		t.Errorf("with no towns, hints = %q; want only the extra words", got)
	}
}
