package memstore

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/cataloguetest"
)

func TestFinder(t *testing.T) {
	cataloguetest.TestFinder(t, func(t *testing.T, acts []catalogue.Activity) catalogue.Finder {
		return New(acts)
	})
}

func TestNoCatalogue(t *testing.T) {
	var s Store
	if _, _, err := s.Near(context.Background(), catalogue.Query{}); !errors.Is(err, catalogue.ErrNoCatalogue) {
		t.Errorf("Near: got %v; want ErrNoCatalogue", err)
	}
	if _, err := s.Towns(context.Background()); !errors.Is(err, catalogue.ErrNoCatalogue) {
		t.Errorf("Towns: got %v; want ErrNoCatalogue", err)
	}
	if _, err := s.Get(context.Background(), "x"); !errors.Is(err, catalogue.ErrNotFound) {
		t.Errorf("Get: got %v; want ErrNotFound", err)
	}
}

// TestReplaceIsAtomic searches while the catalogue is swapped between two
// versions: every search sees all of one version.
func TestReplaceIsAtomic(t *testing.T) {
	v1 := cataloguetest.Fixture()
	var v2 []catalogue.Activity
	for _, a := range v1 {
		a.Title = "v2"
		v2 = append(v2, a)
	}
	s := New(v1)
	q := catalogue.Query{Lat: cataloguetest.Centre.Lat, Lon: cataloguetest.Centre.Lon, Now: cataloguetest.Now, Limit: 100}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if i%2 == 0 {
				s.Replace(v2)
			} else {
				s.Replace(v1)
			}
		}
	})
	for range 200 {
		results, _, err := s.Near(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		titles := map[bool]int{}
		for _, r := range results {
			titles[r.Activity.Title == "v2"]++
		}
		if len(titles) != 1 {
			t.Fatalf("got a mixture of versions %v; want one", titles)
		}
	}
	close(stop)
	wg.Wait()
}

func TestResultsDoNotAlias(t *testing.T) {
	s := New(cataloguetest.Fixture())
	a, err := s.Get(context.Background(), "near-cafe")
	if err != nil {
		t.Fatal(err)
	}
	a.Tags[0] = "changed"
	b, _ := s.Get(context.Background(), "near-cafe")
	if b.Tags[0] == "changed" {
		t.Errorf("got the store changed through a returned activity; want a copy")
	}
}
