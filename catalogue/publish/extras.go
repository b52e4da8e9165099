package publish

import "github.com/heritage-line/heritageline/catalogue"

// loadExtras counts the records a Load reports besides those it skipped: the
// ended ones and the warnings. Loads do not yet report either, so both are 0.
func loadExtras(l *catalogue.Load) (ended, warnings int) { return 0, 0 }
