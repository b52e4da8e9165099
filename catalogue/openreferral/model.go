package openreferral

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// page is one list page in either shape: HSDS 3.0 UK ("contents", "total_pages",
// "page_number", "last_page") or the older v1 HSDS-UK ("content", "totalPages",
// "number", "last"). Both sets of fields are read; whichever is present wins.
type page struct {
	Contents   []json.RawMessage `json:"contents"`
	TotalItems *flexInt          `json:"total_items"`
	TotalPages *flexInt          `json:"total_pages"`
	PageNumber *flexInt          `json:"page_number"`
	LastPage   *bool             `json:"last_page"`
	Empty      *bool             `json:"empty"`

	Content       []json.RawMessage `json:"content"`
	TotalElements *flexInt          `json:"totalElements"`
	TotalPagesV1  *flexInt          `json:"totalPages"`
	Number        *flexInt          `json:"number"`
	Last          *bool             `json:"last"`
}

// records returns the page's services, whichever shape carried them.
func (p *page) records() []json.RawMessage {
	if p.Contents != nil {
		return p.Contents
	}
	return p.Content
}

// last reports whether the page says it is the last one, and whether it said so at all.
func (p *page) last() (last, known bool) {
	switch {
	case p.LastPage != nil:
		return *p.LastPage, true
	case p.Last != nil:
		return *p.Last, true
	}
	return false, false
}

// totalPages returns the number of pages the server claims, or 0 if unknown.
func (p *page) totalPages() int {
	switch {
	case p.TotalPages != nil:
		return int(*p.TotalPages)
	case p.TotalPagesV1 != nil:
		return int(*p.TotalPagesV1)
	}
	return 0
}

// service is one Open Referral service, with the fields of both shapes.
type service struct {
	ID           flexString   `json:"id"`
	Name         string       `json:"name"`
	Description  string       `json:"description"`
	Status       string       `json:"status"`
	Fees         string       `json:"fees"`
	FeesDesc     string       `json:"fees_description"`
	Organization organization `json:"organization"`

	Schedules        []schedule `json:"schedules"`         // 3.0
	RegularSchedules []schedule `json:"regular_schedules"` // v1

	ServiceAtLocations []serviceAtLocation `json:"service_at_locations"`

	CostOptions []costOption `json:"cost_options"`

	Attributes       []attribute       `json:"attributes"`        // 3.0
	ServiceTaxonomys []serviceTaxonomy `json:"service_taxonomys"` // v1

	Phones    []phone    `json:"phones"`
	Contacts  []contact  `json:"contacts"`
	Languages []language `json:"languages"`
}

type organization struct {
	Name   string  `json:"name"`
	Phones []phone `json:"phones"`
}

type schedule struct {
	Freq        string      `json:"freq"`
	Interval    *flexInt    `json:"interval"`
	ByDay       string      `json:"byday"`
	ByMonthDay  flexString  `json:"bymonthday"`
	ByMonth     flexString  `json:"bymonth"` // iCal BYMONTH: a season (not an HSDS 3.0 field; the line's own feed writes it)
	OpensAt     string      `json:"opens_at"`
	ClosesAt    string      `json:"closes_at"`
	DTStart     string      `json:"dtstart"`
	ValidFrom   string      `json:"valid_from"`
	ValidTo     string      `json:"valid_to"`
	Until       string      `json:"until"`
	Description string      `json:"description"`
	Weekday     flexWeekday `json:"weekday"` // some v1 feeds name the day instead of byday
}

type serviceAtLocation struct {
	ID               flexString `json:"id"`
	Location         *location  `json:"location"`
	Schedules        []schedule `json:"schedules"`
	RegularSchedules []schedule `json:"regular_schedule"`
}

type location struct {
	ID                flexString `json:"id"`
	Name              string     `json:"name"`
	LocationType      string     `json:"location_type"`
	Latitude          optFloat   `json:"latitude"`
	Longitude         optFloat   `json:"longitude"`
	Addresses         []address  `json:"addresses"`          // 3.0
	PhysicalAddresses []address  `json:"physical_addresses"` // v1
	Phones            []phone    `json:"phones"`

	Accessibility []accessibility `json:"accessibility"`                  // 3.0
	AccessV1      []accessibility `json:"accessibility_for_disabilities"` // v1
}

type address struct {
	Address1    string `json:"address_1"`
	City        string `json:"city"`
	PostalCode  string `json:"postal_code"`
	AddressType string `json:"address_type"`
}

type accessibility struct {
	Description   string `json:"description"`
	Accessibility string `json:"accessibility"`
}

type costOption struct {
	Amount            optFloat `json:"amount"`
	Option            string   `json:"option"`
	Currency          string   `json:"currency"`
	AmountDescription string   `json:"amount_description"`
}

type attribute struct {
	TaxonomyTerm *taxonomyTerm `json:"taxonomy_term"`
}

type taxonomyTerm struct {
	Code       string `json:"code"`
	Term       string `json:"term"`
	Name       string `json:"name"`
	Vocabulary string `json:"vocabulary"`
	Taxonomy   string `json:"taxonomy"`
}

type serviceTaxonomy struct {
	Taxonomy *v1Taxonomy `json:"taxonomy"`
}

type v1Taxonomy struct {
	ID         flexString `json:"id"`
	Name       string     `json:"name"`
	Vocabulary string     `json:"vocabulary"`
}

type phone struct {
	Number string `json:"number"`
}

type contact struct {
	Phones []phone `json:"phones"`
}

type language struct {
	Name     string `json:"name"`
	Language string `json:"language"`
}

// flexString accepts a JSON string or number ("42" or 42) and null.
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*s = flexString(n.String())
	return nil
}

// flexFloat accepts a JSON number or a string holding one ("51.23").
type flexFloat float64

func (f *flexFloat) UnmarshalJSON(b []byte) error {
	var s flexString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(string(s)), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		// A type error lets encoding/json name the field at fault.
		return &json.UnmarshalTypeError{Value: "string " + strconv.Quote(clip(string(s))), Type: reflect.TypeFor[float64]()}
	}
	*f = flexFloat(v)
	return nil
}

// optFloat is a number that may be absent: null and "" leave Set false.
type optFloat struct {
	V   float64
	Set bool
}

func (o *optFloat) UnmarshalJSON(b []byte) error {
	var s flexString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	if strings.TrimSpace(string(s)) == "" {
		*o = optFloat{}
		return nil
	}
	var f flexFloat
	if err := f.UnmarshalJSON(b); err != nil {
		return err
	}
	*o = optFloat{V: float64(f), Set: true}
	return nil
}

// flexInt accepts a JSON integer or a string holding one; "" is 0.
type flexInt int

func (n *flexInt) UnmarshalJSON(b []byte) error {
	var o optFloat
	if err := o.UnmarshalJSON(b); err != nil {
		return err
	}
	f := o.V
	if f < -1e9 || f > 1e9 {
		return &json.UnmarshalTypeError{Value: "number out of range", Type: reflect.TypeFor[int]()}
	}
	*n = flexInt(f)
	return nil
}

// flexWeekday accepts a weekday as a string ("Monday") or an object with a name
// ({"name": "Monday"}), as v1 feeds variously publish it.
type flexWeekday string

func (w *flexWeekday) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var v struct {
			Name string `json:"name"`
		}
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*w = flexWeekday(v.Name)
		return nil
	}
	var s flexString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	*w = flexWeekday(s)
	return nil
}
