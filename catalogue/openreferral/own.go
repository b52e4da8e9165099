package openreferral

import (
	"strings"

	"github.com/heritage-line/heritageline/catalogue"
)

// The taxonomies Heritage Line's own Open Referral feed (package feed) labels
// services with. Their terms are read directly, before and whatever the
// mapping table says, so a catalogue read back from a line's feed keeps its
// categories, tags, booking and referral exactly.
const (
	ownCategory = "heritage-line-category" // term: a category (walk, history-group ...)
	ownTag      = "heritage-line-tag"      // term: a tag, kept as it is
	ownBooking  = "heritage-line-booking"  // term: booking-needed or link-worker-referral
)

// ownTerms is what a record's terms of the line's own taxonomies say.
type ownTerms struct {
	category   catalogue.Category
	tags       []string
	booking    bool
	linkWorker bool
}

// readOwn records t if it belongs to one of the line's own taxonomies and
// means something there; it reports false for any other term, which then goes
// through the mapping table.
func (o *ownTerms) readOwn(vocabulary string, t *taxonomyTerm) bool {
	value := strings.ToLower(strings.TrimSpace(t.Term))
	if value == "" {
		value = strings.ToLower(strings.TrimSpace(t.Code))
	}
	switch strings.ToLower(strings.TrimSpace(vocabulary)) {
	case ownCategory:
		c := catalogue.Category(value)
		if !c.Valid() {
			return false
		}
		if o.category == "" {
			o.category = c
		}
		return true
	case ownTag:
		if !isKebab(value) {
			return false
		}
		if !containsString(o.tags, value) {
			o.tags = append(o.tags, value)
		}
		return true
	case ownBooking:
		switch value {
		case "booking-needed":
			o.booking = true
			return true
		case "link-worker-referral":
			o.linkWorker = true
			return true
		}
	}
	return false
}
