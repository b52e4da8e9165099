package places

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// ErrPostcodesFile means a full postcode file (POSTCODES_FILE) could not be
// read or is in no format LoadPostcodes knows.
var ErrPostcodesFile = errors.New("places: unreadable postcodes file")

// exactPoint is one full postcode's point, packed small: a full file has some
// 1.8 million live postcodes.
type exactPoint struct {
	key      uint64 // the postcode without its space, one byte a character
	lat, lon float32
}

func postcodeKey(squashed string) uint64 {
	var k uint64
	for i := 0; i < len(squashed); i++ {
		k = k<<8 | uint64(squashed[i])
	}
	return k
}

// LoadPostcodes reads a full open postcode file that a deployer downloaded, so
// that full postcodes resolve to their own point rather than their district's
// centre. It replaces any file loaded before. Two formats are read:
//
//   - a CSV with a header naming a postcode column (pcds, pcd, pcd2 or
//     postcode) and latitude and longitude columns (lat/latitude and
//     long/longitude/lon): the ONS Postcode Directory and Doogal's postcodes.csv.
//     Rows whose doterm column is filled, or whose "in use?" column says No, are
//     terminated postcodes and are skipped; so are rows without coordinates
//     (ONSPD writes 99.999999).
//   - OS Code-Point Open: no header, the postcode, a quality, then eastings and
//     northings on the British National Grid, converted to latitude and longitude.
//
// Rows that do not parse or lie outside the UK are skipped and counted. It
// returns how many postcodes it loaded and skipped, and an error wrapping
// ErrPostcodesFile if the file cannot be read or nothing in it could be used;
// then the index is unchanged. name is for error messages. A venue given to
// AddVenue still wins over the file.
func (ix *Index) LoadPostcodes(r io.Reader, name string) (loaded, skipped int, err error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	first, err := cr.Read()
	if err != nil {
		return 0, 0, fmt.Errorf("places: postcodes file %s: %w", name, errors.Join(ErrPostcodesFile, err))
	}
	row, headed, err := rowReader(first)
	if err != nil {
		return 0, 0, fmt.Errorf("places: postcodes file %s: %w", name, err)
	}
	var points []exactPoint
	add := func(rec []string) {
		pc, lat, lon, ok := row(rec)
		if !ok {
			skipped++
			return
		}
		sq, _ := squash(pc, maxPostcodeLen)
		points = append(points, exactPoint{postcodeKey(sq), float32(lat), float32(lon)})
	}
	if !headed {
		add(first)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, fmt.Errorf("places: postcodes file %s: %w", name, errors.Join(ErrPostcodesFile, err))
		}
		add(rec)
	}
	if len(points) == 0 {
		return 0, skipped, fmt.Errorf("places: postcodes file %s: no usable postcode in %d rows: %w", name, skipped, ErrPostcodesFile)
	}
	slices.SortFunc(points, func(a, b exactPoint) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	points = slices.CompactFunc(points, func(a, b exactPoint) bool { return a.key == b.key })
	ix.mu.Lock()
	ix.exact = points
	ix.mu.Unlock()
	return len(points), skipped, nil
}

// exactLocked returns the loaded point of a normalised postcode ("BA11 1AT").
// The caller holds ix.mu for reading.
func (ix *Index) exactLocked(postcode string) (Point, bool) {
	if len(ix.exact) == 0 {
		return Point{}, false
	}
	sq, _ := squash(postcode, maxPostcodeLen)
	k := postcodeKey(sq)
	i, found := slices.BinarySearchFunc(ix.exact, k, func(p exactPoint, k uint64) int {
		switch {
		case p.key < k:
			return -1
		case p.key > k:
			return 1
		}
		return 0
	})
	if !found {
		return Point{}, false
	}
	return Point{float64(ix.exact[i].lat), float64(ix.exact[i].lon)}, true
}

// rowReader works out the file's format from its first record, and says
// whether that record is a header.
func rowReader(first []string) (read func(rec []string) (postcode string, lat, lon float64, ok bool), header bool, err error) {
	col := func(names ...string) int {
		for i, h := range first {
			h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
			for _, n := range names {
				if h == n {
					return i
				}
			}
		}
		return -1
	}
	pcCol := col("pcds", "pcd", "pcd2", "postcode")
	latCol := col("lat", "latitude")
	lonCol := col("long", "longitude", "lon")
	if pcCol >= 0 && latCol >= 0 && lonCol >= 0 {
		return headed(pcCol, latCol, lonCol, col("doterm"), col("in use?", "in use")), true, nil
	}
	if _, _, ok := ParsePostcode(first[0]); ok && len(first) >= 4 {
		return codePoint, false, nil
	}
	return nil, false, fmt.Errorf("no postcode, latitude and longitude columns in the header, and not Code-Point Open: %w", ErrPostcodesFile)
}

// headed reads a row of a file with a header (ONSPD, Doogal).
func headed(pcCol, latCol, lonCol, termCol, inUseCol int) func([]string) (string, float64, float64, bool) {
	need := max(pcCol, latCol, lonCol, termCol, inUseCol)
	return func(rec []string) (string, float64, float64, bool) {
		if len(rec) <= need {
			return "", 0, 0, false
		}
		if termCol >= 0 && strings.TrimSpace(rec[termCol]) != "" {
			return "", 0, 0, false
		}
		if inUseCol >= 0 && strings.EqualFold(strings.TrimSpace(rec[inUseCol]), "no") {
			return "", 0, 0, false
		}
		pc, _, ok := ParsePostcode(rec[pcCol])
		if !ok {
			return "", 0, 0, false
		}
		lat, lon, err := coords(rec[latCol], rec[lonCol])
		if err != nil {
			return "", 0, 0, false
		}
		return pc, lat, lon, true
	}
}

// codePoint reads a row of OS Code-Point Open: postcode, positional quality,
// eastings, northings, ...
func codePoint(rec []string) (string, float64, float64, bool) {
	if len(rec) < 4 {
		return "", 0, 0, false
	}
	pc, _, ok := ParsePostcode(rec[0])
	if !ok {
		return "", 0, 0, false
	}
	e, err1 := strconv.ParseFloat(strings.TrimSpace(rec[2]), 64)
	n, err2 := strconv.ParseFloat(strings.TrimSpace(rec[3]), 64)
	if err1 != nil || err2 != nil || e <= 0 || n <= 0 {
		return "", 0, 0, false // quality 90: no coordinates
	}
	lat, lon := gridToWGS84(e, n)
	if !inBounds(lat, lon) {
		return "", 0, 0, false
	}
	return pc, lat, lon, true
}
