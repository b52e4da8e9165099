// Package catalogue is the domain of Heritage Line: heritage wellbeing activities,
// their schedules, the search a resident makes, and the small interfaces the
// telephony side needs. It imports nothing from Twilio, Redis or OpenAI.
package catalogue

import (
	"slices"
	"time"
)

// Category is the kind of an activity. Every activity has exactly one.
type Category string

// The categories the line knows. Free tags (dementia-friendly, step-free...) are
// separate: see Activity.Tags.
const (
	Walk         Category = "walk"
	Museum       Category = "museum"
	HistoryGroup Category = "history-group"
	Cafe         Category = "cafe"
	Crafts       Category = "crafts"
	Archaeology  Category = "archaeology"
)

// Categories lists every valid category, in the order menus offer them.
var Categories = []Category{Walk, Museum, HistoryGroup, Cafe, Crafts, Archaeology}

// Valid reports whether c is one of Categories.
func (c Category) Valid() bool { return slices.Contains(Categories, c) }

// Well-known tags. Tags are free text in lower-case kebab form; these are the ones
// the line's menus and understanding know how to ask for.
const (
	TagDementiaFriendly = "dementia-friendly"
	TagCarersWelcome    = "carers-welcome"
	TagWomenOnly        = "women-only"
	TagStepFree         = "step-free"
)

// KnownTags lists the tags residents can ask for by name.
var KnownTags = []string{TagDementiaFriendly, TagCarersWelcome, TagWomenOnly, TagStepFree}

// Referral says who can come to an activity.
type Referral string

const (
	SelfReferral Referral = "self"        // anyone can just turn up or book
	LinkWorker   Referral = "link-worker" // only through a social prescribing link worker
)

// Activity is one heritage wellbeing activity a resident can be signposted to.
// All text is plain and short enough to be spoken or texted as it is.
type Activity struct {
	ID           string   `json:"id"`           // stable across reloads of the same source
	Title        string   `json:"title"`        // "Heritage Café"
	Organisation string   `json:"organisation"` // who runs it
	Summary      string   `json:"summary"`      // one sentence, for voice and SMS
	Description  string   `json:"description"`  // longer text, optional
	Category     Category `json:"category"`
	Tags         []string `json:"tags,omitempty"` // dementia-friendly, step-free...

	Venue    string  `json:"venue"`   // "Frome Heritage Museum"
	Address  string  `json:"address"` // "North Parade"
	Town     string  `json:"town"`
	Postcode string  `json:"postcode"` // normalised "BA11 1AT"; may be an outcode only
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`

	Schedule Schedule `json:"schedule"`

	Cost          string   `json:"cost"` // as the organiser words it: "Free (donations welcome)"
	Free          bool     `json:"free"`
	Access        string   `json:"access"` // one line of accessibility notes
	Phone         string   `json:"phone"`  // booking / enquiries, national format "01632 960101"
	BookingNeeded bool     `json:"booking_needed"`
	Referral      Referral `json:"referral"`
	Languages     []string `json:"languages,omitempty"` // spoken at the activity besides English
	// Translations are the activity's title, summary and access notes in
	// other languages, by the book of words' code ("cy"); see In.
	Translations map[string]Translation `json:"translations,omitempty"`
	Active       bool                   `json:"active"`
	Source       string                 `json:"source"` // where it came from: file path or URL, plus record id
}

// HasTag reports whether the activity carries tag.
func (a *Activity) HasTag(tag string) bool { return slices.Contains(a.Tags, tag) }

// Offerable reports whether a may be offered to a resident at the moment now:
// it is active and its schedule has not ended (see Schedule.Ended). An ended
// activity is never offered, whatever its status says.
func (a *Activity) Offerable(now time.Time) bool {
	return a.OfferableOn(DateOf(now))
}

// OfferableOn is Offerable on the day today in Europe/London (DateOf), for a
// search that asks it of thousands of activities at one moment: working out
// the day is most of the cost.
func (a *Activity) OfferableOn(today Date) bool {
	return a.Active && !a.Schedule.EndedBy(today)
}
