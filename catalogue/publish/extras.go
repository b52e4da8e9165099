package publish

import "github.com/heritage-line/heritageline/catalogue"

// loadExtras counts the records a Load reports besides those it skipped: the
// ended ones (never offered, so never in Activities) and the warnings about
// records that loaded.
func loadExtras(l *catalogue.Load) (ended, warnings int) { return len(l.Ended), len(l.Warnings) }
