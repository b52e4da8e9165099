//go:build !unix

package embedded

// lockDir does nothing where flock is missing: run one line per DATA_DIR.
func lockDir(dir string) (unlock func(), err error) { return func() {}, nil }

func syncDir(dir string) {}
