// Package sample is the bundled sample catalogue: 34 heritage wellbeing
// activities (32 active, 2 inactive) in the three pilot areas, Frome (BA11),
// Nottingham and Ravenshead (NG1, NG15), and Great Yarmouth, Gorleston and
// Lowestoft (NR30 to NR32), in the project's CSV format (docs/catalogue.md).
//
// Source and licence: written for this project, from
// ../shared/data/sample-activities.csv. Venue names and outcodes are real;
// summaries, schedules, prices, access notes and phone numbers are made up for
// demonstration. The phone numbers are from Ofcom's ranges reserved for drama
// (01632 960xxx, 0115 496 0xxx, 07700 900xxx), so none of them rings anyone.
// The same note is in the file's comment lines and in its source column.
package sample

import (
	"bytes"
	_ "embed"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
)

// Name is the source name the sample's activities and skips carry.
const Name = "embedded:sample.csv"

// CSV is the sample catalogue file itself.
//
//go:embed sample.csv
var CSV []byte

// Load reads the sample catalogue. Every row of it is valid, so Load.Skipped
// is empty; the error is csvfile.Read's and only happens if the embedded file
// is broken.
func Load() (catalogue.Load, error) {
	return csvfile.Read(Name, bytes.NewReader(CSV))
}
