package volunteers

import (
	"bytes"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// fileDoc is the volunteers file, in the order its fields are written.
type fileDoc struct {
	Hours       string    `yaml:"hours"`
	Ring        string    `yaml:"ring"`
	RingSeconds int       `yaml:"ring_seconds"`
	Volunteers  []fileVol `yaml:"volunteers"`
}

type fileVol struct {
	Name   string `yaml:"name"`
	Phone  string `yaml:"phone"`
	OnDuty bool   `yaml:"on_duty"`
}

// exportHeader opens an exported file: what it is and that it holds numbers.
const exportHeader = `# The line's volunteers, exported from the coordinator's console.
# It holds volunteers' phone numbers in full: keep it as safe as the roster.
# Import it on the Volunteers page, or point VOLUNTEERS at it for a new line
# (the roster the console keeps in Redis wins over the file once changed).
`

// Export writes r as a volunteers file, which Parse reads back as r (with
// the same number policy): hours, ring, ring_seconds and every volunteer,
// in ringing order, with their duty.
func Export(r Roster) ([]byte, error) {
	doc := fileDoc{Hours: r.Hours.String(), Ring: "simultaneous", RingSeconds: r.RingSeconds}
	if r.Sequential {
		doc.Ring = "sequential"
	}
	if doc.RingSeconds <= 0 {
		doc.RingSeconds = DefaultRingSeconds
	}
	doc.Volunteers = make([]fileVol, 0, len(r.Volunteers))
	for _, v := range r.Volunteers {
		doc.Volunteers = append(doc.Volunteers, fileVol{Name: v.Name, Phone: v.Phone, OnDuty: v.OnDuty})
	}
	var b bytes.Buffer
	b.WriteString(exportHeader)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("volunteers: export: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("volunteers: export: %w", err)
	}
	return b.Bytes(), nil
}
