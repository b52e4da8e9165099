package web

import (
	"net/http"
	"time"

	"github.com/heritage-line/heritageline/coordinators"
)

// auditShown is how many entries the audit page shows, newest first.
const auditShown = 200

// auditPage is the audit log: who changed what, and when.
type auditPage struct {
	Entries []auditEntry
	Days    int // how long entries are kept
}

type auditEntry struct {
	At        time.Time
	Who, What string
}

// audit answers GET /console/audit.
func (c *Console) audit(w http.ResponseWriter, r *http.Request) {
	es, err := c.Audit.Recent(r.Context(), auditShown)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	p := auditPage{Days: int(coordinators.AuditRetention.Hours() / 24)}
	for _, e := range es {
		p.Entries = append(p.Entries, auditEntry{At: e.At, Who: e.Who, What: e.What})
	}
	c.render(w, r, "audit", http.StatusOK, page{Title: "Audit log", Current: "audit", Body: p})
}
