package main

import (
	"fmt"
	"io"
	"log/slog"
	"path"
	"strings"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/csvfile"
	"github.com/heritage-line/heritageline/catalogue/openreferral"
	"github.com/heritage-line/heritageline/catalogue/publish"
	"github.com/heritage-line/heritageline/catalogue/xlsxfile"
	"github.com/heritage-line/heritageline/smstext"
	"github.com/heritage-line/heritageline/words"
)

// previewRenderers say an activity in the coordinator's preview exactly as
// the line does, in English (the book of words' description a caller hears
// among their results, and the details a texter is sent).
var previewRenderers = publish.Renderers{Spoken: words.For(words.English).Describe, Text: words.For(words.English).Details, Segments: smstext.Segments}

// uploadReader reads a coordinator's upload by its name's ending: .xlsx and
// .csv in the project's format, .json as Open Referral UK (with the TAXONOMY_MAP table).
func uploadReader(taxonomy string, log *slog.Logger) publish.Reader {
	return func(name string, r io.Reader) (catalogue.Load, error) {
		switch strings.ToLower(path.Ext(name)) {
		case ".csv":
			return csvfile.Read(name, r)
		case ".xlsx":
			return xlsxfile.Read(name, r)
		case ".json":
			im, err := openreferral.New(openreferral.Options{Taxonomy: taxonomy, Checks: csvfile.PlaceChecks(), Logger: log})
			if err != nil {
				return catalogue.Load{}, err
			}
			return im.Read(name, r)
		}
		return catalogue.Load{}, fmt.Errorf("%w: %s: send a workbook (.xlsx), a CSV file (.csv) or an Open Referral UK file (.json)", publish.ErrUnsupported, name)
	}
}
