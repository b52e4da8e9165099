// Package samplestack builds, for tests and benchmarks, what the voice and
// SMS lines search: the bundled sample catalogue in memstore, the embedded
// places index, and the catalogue's towns for the rules understander.
package samplestack

import (
	"testing"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/memstore"
	"github.com/heritage-line/heritageline/catalogue/sample"
	"github.com/heritage-line/heritageline/places"
)

// Stack is the sample catalogue and the places index.
type Stack struct {
	Store  *memstore.Store
	Places *places.Index
	Towns  []catalogue.Town // the catalogue's towns, most activities first
	Names  []string         // their names, for understand.New
}

// Load builds the Stack, failing tb if the embedded data cannot be read.
func Load(tb testing.TB) Stack {
	tb.Helper()
	load, err := sample.Load()
	if err != nil {
		tb.Fatalf("sample.Load: %v", err)
	}
	ix, err := places.Load()
	if err != nil {
		tb.Fatalf("places.Load: %v", err)
	}
	s := Stack{Store: memstore.New(load.Activities), Places: ix}
	if s.Towns, err = s.Store.Towns(tb.Context()); err != nil {
		tb.Fatalf("Towns: %v", err)
	}
	for _, t := range s.Towns {
		s.Names = append(s.Names, t.Name)
	}
	return s
}
