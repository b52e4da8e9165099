package ivr

import (
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// Describe is one activity exactly as the line says it to a caller among
// its results (title, where, when and the next date, cost, access), at now:
// what the coordinator's catalogue preview shows.
func Describe(res catalogue.Result, now time.Time) string { return describe(res, now) }
