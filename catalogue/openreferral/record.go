package openreferral

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/heritage-line/heritageline/catalogue"
)

// The UK government's published pattern for a full postcode (with the space
// made optional), and the outward code alone.
var (
	postcodeRE = regexp.MustCompile(`^([Gg][Ii][Rr] ?0[Aa]{2})$|^((([A-Za-z][0-9]{1,2})|(([A-Za-z][A-Ha-hJ-Yj-y][0-9]{1,2})|(([A-Za-z][0-9][A-Za-z])|([A-Za-z][A-Ha-hJ-Yj-y][0-9][A-Za-z]?)))) ?[0-9][A-Za-z]{2})$`)
	outcodeRE  = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]?$`)
)

// normPostcode returns a full postcode as "BA11 1AT" or an outcode as "BA11".
func normPostcode(s string) (string, bool) {
	c := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if postcodeRE.MatchString(c) {
		return c[:len(c)-3] + " " + c[len(c)-3:], true
	}
	if outcodeRE.MatchString(c) {
		return c, true
	}
	return "", false
}

// recordID digs the id out of a record that may not decode as a service.
func recordID(raw json.RawMessage) string {
	var v struct {
		ID flexString `json:"id"`
	}
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	return string(v.ID)
}

// decodeService decodes one record, naming the field at fault when a value has
// the wrong type.
func decodeService(raw json.RawMessage) (*service, *fieldError) {
	var s service
	if err := json.Unmarshal(raw, &s); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return nil, &fieldError{te.Field, fmt.Sprintf("want a %s, got %s", te.Type, te.Value)}
		}
		return nil, &fieldError{"(record)", "unreadable: " + clip(err.Error())}
	}
	return &s, nil
}

// place is one physical location of a service, ready to become an activity.
type place struct {
	id        string
	venue     string
	address   string
	town      string
	postcode  string
	lat, lon  float64
	access    string
	phones    []phone
	schedules []schedule
	field     string // JSON path of the location, for errors
}

// convert maps one decoded service to activities, one per physical location.
// It returns a fieldError for the first problem that makes the record unusable.
func (im *Importer) convert(s *service) ([]catalogue.Activity, *fieldError) {
	id := strings.TrimSpace(string(s.ID))
	if id == "" {
		return nil, &fieldError{"id", "missing"}
	}
	name := oneLine(plainText(s.Name))
	if name == "" {
		return nil, &fieldError{"name", "missing"}
	}

	terms := make([]Term, 0, len(s.Attributes)+len(s.ServiceTaxonomys))
	var own ownTerms
	for _, a := range s.Attributes {
		if t := a.TaxonomyTerm; t != nil {
			voc := t.Vocabulary
			if voc == "" {
				voc = t.Taxonomy
			}
			if own.readOwn(voc, t) {
				continue
			}
			terms = append(terms, Term{Vocabulary: voc, Values: []string{t.Term, t.Code, t.Name}})
		}
	}
	for _, st := range s.ServiceTaxonomys {
		if t := st.Taxonomy; t != nil {
			terms = append(terms, Term{Vocabulary: t.Vocabulary, Values: []string{t.Name, string(t.ID)}})
		}
	}
	cat, tags, ok := im.taxonomy.Map(terms)
	if own.category != "" {
		cat, ok = own.category, true
	}
	for _, t := range tags {
		if !containsString(own.tags, t) {
			own.tags = append(own.tags, t)
		}
	}
	tags = own.tags
	if !ok {
		field := "attributes"
		if len(s.ServiceTaxonomys) > 0 || len(s.Attributes) == 0 && s.RegularSchedules != nil {
			field = "service_taxonomys"
		}
		return nil, &fieldError{field, "no taxonomy term maps to a heritage category"}
	}

	schedField, schedEntries := "schedules", s.Schedules
	if len(schedEntries) == 0 && len(s.RegularSchedules) > 0 {
		schedField, schedEntries = "regular_schedules", s.RegularSchedules
	}

	places, ferr := im.places(s)
	if ferr != nil {
		return nil, ferr
	}

	free, cost := costOf(s)
	phoneNo := firstPhone(s.Phones)
	if phoneNo == "" {
		for _, c := range s.Contacts {
			if phoneNo = firstPhone(c.Phones); phoneNo != "" {
				break
			}
		}
	}
	active := true
	switch strings.ToLower(strings.TrimSpace(s.Status)) {
	case "", "active":
	default: // inactive, defunct, temporarily closed
		active = false
	}
	var langs []string
	for _, l := range s.Languages {
		n := oneLine(l.Name)
		if n == "" {
			n = oneLine(l.Language)
		}
		if n != "" && !strings.EqualFold(n, "english") && !strings.EqualFold(n, "en") && !containsString(langs, n) {
			langs = append(langs, n)
		}
	}

	desc := plainText(s.Description)
	acts := make([]catalogue.Activity, 0, len(places))
	for _, p := range places {
		field, entries := schedField, schedEntries
		if len(entries) == 0 && len(p.schedules) > 0 {
			field, entries = p.field+".schedules", p.schedules
		}
		sched, ferr := buildSchedule(field, entries)
		if ferr != nil {
			return nil, ferr
		}
		a := catalogue.Activity{
			ID:            id,
			Title:         name,
			Organisation:  oneLine(s.Organization.Name),
			Summary:       summary(desc, name),
			Description:   desc,
			Category:      cat,
			Tags:          append([]string(nil), tags...),
			Venue:         p.venue,
			Address:       p.address,
			Town:          p.town,
			Postcode:      p.postcode,
			Lat:           p.lat,
			Lon:           p.lon,
			Schedule:      sched,
			Cost:          cost,
			Free:          free,
			Access:        p.access,
			Phone:         phoneNo,
			Referral:      catalogue.SelfReferral,
			BookingNeeded: own.booking,
			Languages:     langs,
			Active:        active,
		}
		if a.Phone == "" {
			a.Phone = firstPhone(p.phones)
		}
		if a.Phone == "" {
			a.Phone = firstPhone(s.Organization.Phones)
		}
		if a.Venue == "" {
			a.Venue = a.Organisation
		}
		if own.linkWorker {
			a.Referral = catalogue.LinkWorker
		}
		if len(places) > 1 {
			a.ID = id + "@" + p.id
		}
		acts = append(acts, a)
	}
	return acts, nil
}

// places returns the service's physical locations. A service whose locations
// are all virtual is "online only"; one with none at all is "missing".
func (im *Importer) places(s *service) ([]place, *fieldError) {
	if len(s.ServiceAtLocations) == 0 {
		return nil, &fieldError{"service_at_locations", "missing"}
	}
	var out []place
	virtual := 0
	for i, sal := range s.ServiceAtLocations {
		field := fmt.Sprintf("service_at_locations[%d].location", i)
		l := sal.Location
		if l == nil {
			return nil, &fieldError{field, "missing"}
		}
		addrs, addrField := l.Addresses, "addresses"
		if len(addrs) == 0 {
			addrs, addrField = l.PhysicalAddresses, "physical_addresses"
		}
		if isVirtual(l, addrs) {
			virtual++
			continue
		}
		p := place{
			id:     strings.TrimSpace(string(l.ID)),
			venue:  oneLine(l.Name),
			phones: l.Phones,
			field:  fmt.Sprintf("service_at_locations[%d]", i),
		}
		if p.id == "" {
			p.id = strings.TrimSpace(string(sal.ID))
		}
		if p.id == "" {
			p.id = strconv.Itoa(i + 1)
		}
		p.schedules = sal.Schedules
		if len(p.schedules) == 0 {
			p.schedules = sal.RegularSchedules
		}
		if a, j, ok := physicalAddress(addrs); ok {
			p.address, p.town = oneLine(a.Address1), oneLine(a.City)
			if raw := strings.TrimSpace(a.PostalCode); raw != "" {
				pc, ok := im.checks().Postcode(raw)
				if !ok {
					return nil, &fieldError{fmt.Sprintf("%s.%s[%d].postal_code", field, addrField, j), fmt.Sprintf("unparseable postcode %q", clip(raw))}
				}
				p.postcode = pc
			}
		}
		var access []string
		for _, ac := range append(append([]accessibility(nil), l.Accessibility...), l.AccessV1...) {
			for _, t := range []string{ac.Description, ac.Accessibility} {
				if t = oneLine(t); t != "" && !containsString(access, t) {
					access = append(access, t)
				}
			}
		}
		p.access = strings.Join(access, "; ")

		switch {
		case l.Latitude.Set && l.Longitude.Set && !(l.Latitude.V == 0 && l.Longitude.V == 0):
			lat, lon := l.Latitude.V, l.Longitude.V
			if !catalogue.InUK(lat, lon) {
				return nil, &fieldError{field + ".latitude", fmt.Sprintf("outside the UK (%g, %g)", lat, lon)}
			}
			p.lat, p.lon = lat, lon
		case p.postcode != "":
			lat, lon, ok := 0.0, 0.0, false
			if loc := im.opts.Checks.Locate; loc != nil {
				lat, lon, ok = loc(p.postcode)
			}
			if !ok {
				return nil, &fieldError{field + ".latitude", fmt.Sprintf("missing, and postcode %s could not be placed", p.postcode)}
			}
			p.lat, p.lon = lat, lon
		default:
			return nil, &fieldError{field + ".latitude", "missing, and no postcode"}
		}
		out = append(out, p)
	}
	if len(out) == 0 && virtual > 0 {
		return nil, &fieldError{"service_at_locations", "online only"}
	}
	return out, nil
}

func isVirtual(l *location, addrs []address) bool {
	if strings.EqualFold(strings.TrimSpace(l.LocationType), "virtual") {
		return true
	}
	if len(addrs) == 0 {
		return false
	}
	for _, a := range addrs {
		if !strings.EqualFold(strings.TrimSpace(a.AddressType), "virtual") {
			return false
		}
	}
	return !l.Latitude.Set
}

// physicalAddress picks the address a resident would go to: the first of type
// "physical", else the first not "postal" or "virtual", else the first.
func physicalAddress(addrs []address) (address, int, bool) {
	for i, a := range addrs {
		if strings.EqualFold(a.AddressType, "physical") {
			return a, i, true
		}
	}
	for i, a := range addrs {
		t := strings.ToLower(a.AddressType)
		if t != "postal" && t != "virtual" {
			return a, i, true
		}
	}
	if len(addrs) > 0 {
		return addrs[0], 0, true
	}
	return address{}, 0, false
}

var freeRE = regexp.MustCompile(`(?i)\bfree\b`)
var notFreeRE = regexp.MustCompile(`(?i)\bnot\s+free\b|\bfree\s+(parking|wifi|wi-fi|tea|coffee|refreshments)\b`)

// costOf says whether a service is free and words its cost. Cost options decide
// when they give amounts: free when every amount is zero. Otherwise the words
// (fees, option text) decide: "free" means free, unless it is "not free" or only
// a free extra ("free parking").
func costOf(s *service) (free bool, text string) {
	var words, amounts []string
	anyAmount, allZero := false, true
	for _, c := range s.CostOptions {
		opt := oneLine(c.Option)
		desc := oneLine(c.AmountDescription)
		if c.Amount.Set {
			anyAmount = true
			v := c.Amount.V
			if v != 0 {
				allZero = false
			}
			amt := money(v, c.Currency)
			if desc != "" {
				amt += " " + desc
			}
			if opt != "" {
				amt = opt + ": " + amt
			}
			amounts = append(amounts, amt)
		} else {
			for _, w := range []string{opt, desc} {
				if w != "" {
					words = append(words, w)
				}
			}
		}
	}
	for _, f := range []string{s.Fees, s.FeesDesc} {
		if f = oneLine(f); f != "" {
			words = append(words, f)
		}
	}
	all := strings.Join(append(amounts, words...), "; ")
	if anyAmount {
		if allZero && len(words) == 0 {
			return true, "Free"
		}
		return allZero, all
	}
	w := strings.Join(words, "; ")
	return freeRE.MatchString(w) && !notFreeRE.MatchString(w), all
}

func money(v float64, currency string) string {
	if v == 0 {
		return "Free"
	}
	cur := strings.ToUpper(strings.TrimSpace(currency))
	var n string
	if v == math.Trunc(v) {
		n = strconv.FormatFloat(v, 'f', 0, 64)
	} else {
		n = strconv.FormatFloat(v, 'f', 2, 64)
	}
	switch cur {
	case "", "GBP":
		return "£" + n
	default:
		return n + " " + cur
	}
}

func firstPhone(ps []phone) string {
	for _, p := range ps {
		if n := oneLine(p.Number); n != "" {
			return n
		}
	}
	return ""
}

// summary is the description's first sentence, or the title when there is none,
// kept short enough to speak.
func summary(desc, title string) string {
	d := oneLine(desc)
	if d == "" {
		return title
	}
	for i, r := range d {
		if (r == '.' || r == '!' || r == '?') && (i+1 == len(d) || d[i+1] == ' ') {
			d = d[:i+1]
			break
		}
	}
	const max = 200
	if r := []rune(d); len(r) > max {
		cut := string(r[:max])
		if j := strings.LastIndexFunc(cut, unicode.IsSpace); j > max/2 {
			cut = cut[:j]
		}
		d = strings.TrimRight(cut, " ,;:") + "…"
	}
	return d
}

var (
	blockTagRE = regexp.MustCompile(`(?i)<\s*(br|/p|/div|/li|/h[1-6])\b[^>]*>`)
	tagRE      = regexp.MustCompile(`<[a-zA-Z/!][^>]*>`)
)

// plainText turns the HTML many directories put in descriptions into plain
// text to speak or text: tags dropped (block ends become line breaks),
// entities decoded, blank lines squeezed.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	s = blockTagRE.ReplaceAllString(s, "\n")
	s = tagRE.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = oneLine(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// oneLine trims s and folds every run of white space to one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
