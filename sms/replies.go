package sms

import (
	"context"
	"fmt"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/volunteers"
)

// What residents read. British English, GSM-7, short.

func (l *Line) help(ctx context.Context) string {
	s := l.cfg.LineName + " finds heritage activities near you: walks, museums, history groups, cafés, crafts and digs. " +
		"Text a postcode or town, with a word like walks if you like. " + l.examplesShort(ctx) +
		"Reply a number for details, MORE for more, CALL for a volunteer to ring you, STOP to stop texts."
	if l.cfg.LineNumber != "" {
		s += " To talk to us, ring " + l.cfg.LineNumber + "."
	}
	return s
}

func (l *Line) callbackBooked(cb volunteers.Callback) string {
	s := "Thank you. A volunteer will ring you"
	if l.cfg.LineNumber != "" {
		s += " from " + l.cfg.LineNumber
	}
	s += ", " + l.cfg.CallbackWhen + "."
	if cb.Ref != "" {
		s += " Your reference is " + cb.Ref + "."
	}
	return s
}

func (l *Line) optedIn() string {
	return "You're back on " + l.cfg.LineName + ". Text a postcode or town to find heritage activities near you, or HELP for how it works."
}

func (l *Line) tooMany() string {
	s := "You've sent a lot of texts, so " + l.cfg.LineName + " will be quiet for a while. Please try again in an hour"
	if l.cfg.LineNumber != "" {
		s += ", or ring " + l.cfg.LineNumber
	}
	return s + "."
}

func (l *Line) empty(ctx context.Context) string {
	return "Hello from " + l.cfg.LineName + ". Your message came through empty. " + l.examples(ctx)
}

func (l *Line) pictureOnly(ctx context.Context) string {
	return "Thank you, but " + l.cfg.LineName + " can only read words, not pictures. " + l.examples(ctx)
}

func (l *Line) unknown(ctx context.Context) string {
	return "Sorry, I didn't understand that. " + l.examples(ctx) + " Or reply CALL for a volunteer to ring you."
}

func (l *Line) askPlace(ctx context.Context) string {
	return "Where should I look? " + l.examples(ctx)
}

func (l *Line) notFound(ctx context.Context) string {
	return "Sorry, I couldn't find that place. " + l.examples(ctx)
}

// examples says what to send, with a town and a postcode from the catalogue.
func (l *Line) examples(ctx context.Context) string {
	town, postcode := l.example(ctx)
	if town == "" {
		return "Text a postcode or the name of your town to find heritage activities near you."
	}
	if postcode == "" {
		return fmt.Sprintf("Text a postcode or a town, such as %s, to find heritage activities near you.", town)
	}
	return fmt.Sprintf("Text a postcode or a town, such as %s or %s, to find heritage activities near you.", postcode, town)
}

func (l *Line) examplesShort(ctx context.Context) string {
	town, postcode := l.example(ctx)
	switch {
	case town != "" && postcode != "":
		return fmt.Sprintf("For example: %s, or walks %s. ", postcode, town)
	case town != "":
		return fmt.Sprintf("For example: walks %s. ", town)
	}
	return ""
}

// example returns the catalogue's busiest town and the postcode of its
// nearest activity. Errors leave them empty: the reply does without.
func (l *Line) example(ctx context.Context) (town, postcode string) {
	towns, err := l.deps.Towns.Towns(ctx)
	if err != nil || len(towns) == 0 {
		return "", ""
	}
	t := towns[0]
	res, _, err := l.deps.Finder.Near(ctx, catalogue.Query{Lat: t.Lat, Lon: t.Lon, Limit: 1, Now: l.cfg.Now()})
	if err != nil || len(res) == 0 {
		return t.Name, ""
	}
	return t.Name, res[0].Activity.Postcode
}
