package feed

import (
	"strconv"
	"strings"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// The taxonomies the feed labels activities with. The line's own importer
// (catalogue/openreferral) reads terms of these taxonomies directly, whatever
// its mapping table says, so a catalogue read back from the feed keeps its
// categories, tags, booking and referral.
const (
	TaxonomyCategory = "heritage-line-category" // term: walk, museum, history-group, cafe, crafts, archaeology
	TaxonomyTag      = "heritage-line-tag"      // term: a tag (dementia-friendly, step-free ...)
	TaxonomyBooking  = "heritage-line-booking"  // term: TermBookingNeeded or TermLinkWorker
)

// The terms of TaxonomyBooking.
const (
	TermBookingNeeded = "booking-needed"       // people must book
	TermLinkWorker    = "link-worker-referral" // only through a social prescribing link worker
)

// service is one HSDS 3.0 service with the UK profile's fields the line can
// fill, plus HSDS 3.0's phones and language names (the UK profile's schema
// allows fields beyond its own). Fields the UK profile requires are never
// omitted.
type service struct {
	ID                 string              `json:"id"`
	Name               string              `json:"name"`
	Description        string              `json:"description,omitempty"`
	Status             string              `json:"status"`
	Fees               string              `json:"fees,omitempty"`
	Organization       *organization       `json:"organization,omitempty"`
	Schedules          []schedule          `json:"schedules"`
	ServiceAtLocations []serviceAtLocation `json:"service_at_locations"`
	CostOptions        []costOption        `json:"cost_options"`
	Phones             []phone             `json:"phones"`
	Languages          []language          `json:"languages"`
	Attributes         []attribute         `json:"attributes"`
}

type organization struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// schedule is one iCal-style recurrence. ByMonth is not in HSDS 3.0: it is
// iCal's BYMONTH, the months of a season, which HSDS's schedule has no field
// for (the season is also in Description).
type schedule struct {
	ID          string `json:"id"`
	Freq        string `json:"freq,omitempty"`
	Interval    int    `json:"interval,omitempty"`
	ByDay       string `json:"byday,omitempty"`
	ByMonth     string `json:"bymonth,omitempty"`
	DTStart     string `json:"dtstart,omitempty"`
	ValidFrom   string `json:"valid_from,omitempty"`
	ValidTo     string `json:"valid_to,omitempty"`
	OpensAt     string `json:"opens_at,omitempty"`
	ClosesAt    string `json:"closes_at,omitempty"`
	Description string `json:"description,omitempty"`
}

type serviceAtLocation struct {
	ID         string   `json:"id"`
	LocationID string   `json:"location_id"`
	Location   location `json:"location"`
}

type location struct {
	ID            string          `json:"id"`
	LocationType  string          `json:"location_type"`
	Name          string          `json:"name,omitempty"`
	Latitude      float64         `json:"latitude"`
	Longitude     float64         `json:"longitude"`
	Addresses     []address       `json:"addresses"`
	Accessibility []accessibility `json:"accessibility"`
}

// address has every field the UK profile requires; the line keeps no county,
// so state_province is empty.
type address struct {
	ID            string `json:"id"`
	LocationID    string `json:"location_id"`
	Address1      string `json:"address_1"`
	City          string `json:"city"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

type accessibility struct {
	ID          string `json:"id"`
	LocationID  string `json:"location_id"`
	Description string `json:"description"`
}

type costOption struct {
	ID       string  `json:"id"`
	Amount   float64 `json:"amount"`
	Currency string  `json:"currency"`
}

type phone struct {
	ID     string `json:"id"`
	Number string `json:"number"`
}

type language struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type attribute struct {
	ID           string       `json:"id"`
	LinkEntity   string       `json:"link_entity"`
	TaxonomyTerm taxonomyTerm `json:"taxonomy_term"`
}

type taxonomyTerm struct {
	ID          string `json:"id"`
	Code        string `json:"code"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Taxonomy    string `json:"taxonomy"`
	Term        string `json:"term"`
}

// toService describes one activity as an HSDS-UK 3.0 service. The service's
// id is the activity's own, so a reader that keeps ids keeps the line's; every
// other id is a UUID made from it, the same at every reload.
func toService(a *catalogue.Activity) service {
	s := service{
		ID:          a.ID,
		Name:        a.Title,
		Description: a.Description,
		Status:      "active",
		Fees:        a.Cost,
		Schedules:   schedules(a),
		CostOptions: []costOption{},
		Phones:      []phone{},
		Languages:   []language{},
		Attributes:  attributes(a),
	}
	if s.Description == "" {
		s.Description = a.Summary
	}
	if !a.Active {
		s.Status = "inactive"
	}
	if a.Organisation != "" {
		s.Organization = &organization{ID: uuidFor("organization", a.Organisation), Name: a.Organisation, Description: ""}
	}
	// A free activity whose own words do not say so gets a cost option of
	// nothing, which every reader understands.
	if a.Free && !saysFree(a.Cost) {
		s.CostOptions = append(s.CostOptions, costOption{ID: uuidFor("cost", a.ID), Amount: 0, Currency: "GBP"})
	}
	if a.Phone != "" {
		s.Phones = append(s.Phones, phone{ID: uuidFor("phone", a.ID), Number: a.Phone})
	}
	for _, l := range a.Languages {
		s.Languages = append(s.Languages, language{ID: uuidFor("language", a.ID, l), Name: l})
	}

	locID := uuidFor("location", a.ID)
	loc := location{
		ID:           locID,
		LocationType: "physical",
		Name:         a.Venue,
		Latitude:     a.Lat,
		Longitude:    a.Lon,
		Addresses: []address{{
			ID: uuidFor("address", a.ID), LocationID: locID,
			Address1: a.Address, City: a.Town, PostalCode: a.Postcode, Country: "GB", AddressType: "physical",
		}},
		Accessibility: []accessibility{},
	}
	if a.Access != "" {
		loc.Accessibility = append(loc.Accessibility, accessibility{ID: uuidFor("accessibility", a.ID), LocationID: locID, Description: a.Access})
	}
	s.ServiceAtLocations = []serviceAtLocation{{ID: uuidFor("service_at_location", a.ID), LocationID: locID, Location: loc}}
	return s
}

// saysFree reports whether the cost's own words make the activity free for a
// reader that judges by them (catalogue/openreferral does): "free" as a word,
// and not "not free" or only a free extra.
func saysFree(cost string) bool {
	w := " " + strings.ToLower(strings.Join(strings.FieldsFunc(cost, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}), " ")) + " "
	if !strings.Contains(w, " free ") || strings.Contains(w, " not free ") {
		return false
	}
	for _, extra := range []string{"parking", "wifi", "wi fi", "tea", "coffee", "refreshments"} {
		if strings.Contains(w, " free "+extra+" ") {
			return false
		}
	}
	return true
}

// schedules turns the activity's rules into HSDS schedule entries: one per
// rule, each carrying the schedule's season, dates and the organiser's own
// wording. A schedule with no rules ("contact the organiser") is one entry
// with only its words, or none when it has no words either.
func schedules(a *catalogue.Activity) []schedule {
	sc := &a.Schedule
	out := []schedule{}
	var months []string
	for _, m := range sc.Months {
		months = append(months, strconv.Itoa(int(m)))
	}
	base := schedule{
		ByMonth:     strings.Join(months, ","),
		ValidFrom:   dateText(sc.ValidFrom),
		ValidTo:     dateText(sc.ValidTo),
		Description: sc.Text,
	}
	if len(sc.Rules) == 0 {
		if sc.Text != "" || base.ValidFrom != "" || base.ValidTo != "" {
			base.ID = uuidFor("schedule", a.ID, "0")
			base.ByMonth = ""
			out = append(out, base)
		}
		return out
	}
	for i, r := range sc.Rules {
		e := base
		e.ID = uuidFor("schedule", a.ID, strconv.Itoa(i))
		e.OpensAt = clockText(r.Opens)
		e.ClosesAt = clockText(r.Closes)
		e.DTStart = dateText(r.Start)
		var days []string
		switch r.Freq {
		case catalogue.Monthly:
			e.Freq = "MONTHLY"
			for _, w := range r.Weeks {
				for _, d := range r.Days {
					days = append(days, strconv.Itoa(w)+icalDay[d])
				}
			}
		default:
			e.Freq = "WEEKLY"
			if r.Interval > 1 {
				e.Interval = r.Interval
			}
			for _, d := range r.Days {
				days = append(days, icalDay[d])
			}
		}
		e.ByDay = strings.Join(days, ",")
		out = append(out, e)
	}
	return out
}

var icalDay = map[time.Weekday]string{
	time.Monday: "MO", time.Tuesday: "TU", time.Wednesday: "WE", time.Thursday: "TH",
	time.Friday: "FR", time.Saturday: "SA", time.Sunday: "SU",
}

func dateText(d catalogue.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func clockText(c catalogue.Clock) string { return c.String() + ":00" }

// attributes label the service with its category, its tags, and whether it
// needs booking or a link worker's referral, as terms of the line's own
// taxonomies.
func attributes(a *catalogue.Activity) []attribute {
	out := []attribute{}
	add := func(taxonomy, term, name string) {
		out = append(out, attribute{
			ID:         uuidFor("attribute", a.ID, taxonomy, term),
			LinkEntity: "service",
			TaxonomyTerm: taxonomyTerm{
				ID: uuidFor("taxonomy_term", taxonomy, term), Code: term, Name: name, Description: name,
				Taxonomy: taxonomy, Term: term,
			},
		})
	}
	if a.Category != "" {
		add(TaxonomyCategory, string(a.Category), termName(string(a.Category)))
	}
	for _, t := range a.Tags {
		add(TaxonomyTag, t, termName(t))
	}
	if a.BookingNeeded {
		add(TaxonomyBooking, TermBookingNeeded, "Booking needed")
	}
	if a.Referral == catalogue.LinkWorker {
		add(TaxonomyBooking, TermLinkWorker, "Referral by a link worker")
	}
	return out
}

// termName makes a kebab code readable: "history-group" is "History group".
func termName(code string) string {
	s := strings.ReplaceAll(code, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
