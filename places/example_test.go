package places_test

import (
	"fmt"

	"github.com/heritage-line/heritageline/places"
)

func ExampleIndex_Resolve() {
	ix, err := places.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, said := range []string{"b a 1 1 1 a t", "great yarmouth please", "frume", "Newport"} {
		m, ok := ix.Resolve(said)
		fmt.Printf("%s: %v %s (%s) sure=%v\n", said, ok, m.Place.Name, m.Place.Area, m.Sure)
	}
	// Output:
	// b a 1 1 1 a t: true BA11 1AT (Mendip) sure=true
	// great yarmouth please: true Great Yarmouth (Norfolk) sure=true
	// frume: true Frome (Mendip) sure=false
	// Newport: true Newport (Wales) sure=false
}

func ExampleIndex_Find() {
	ix, err := places.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	m, words, ok := ix.Find("anything near gorleston for my mum")
	fmt.Println(ok, words, m.Place.Outcode)
	_, _, ok = ix.Find("what's on in March")
	fmt.Println(ok)
	// Output:
	// true gorleston NR31
	// false
}
