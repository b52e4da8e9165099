#!/bin/sh
# Runs every Fuzz* target in the module for a fixed time each (default 10s),
# one after another: go test can fuzz only one target at a time. New inputs
# that fail are written under the package's testdata/fuzz/ by go test.
#
# Go 1.26's fuzzing coordinator can report "context deadline exceeded" as a
# failure at the very moment -fuzztime runs out, with no failing input
# (golang/go#75804, fixed in Go 1.27). A run that fails that way, and only
# that way, is run once more; any other failure, or a second one, counts.
#
#   scripts/fuzz.sh [FUZZTIME]      e.g. scripts/fuzz.sh 30s
set -eu
fuzztime=${1:-10s}
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=0

# fuzz PKG NAME: one run, its output shown and kept in $log.
fuzz() {
	go test -run '^$' -fuzz "^$2\$" -fuzztime "$fuzztime" "$1" >"$log" 2>&1
	status=$?
	cat "$log"
	return $status
}

# deadlineOnly: the last run failed only with the coordinator's deadline.
deadlineOnly() {
	grep -q 'context deadline exceeded' "$log" &&
		! grep -q -e 'Failing input written' -e 'panic:' -e '_test.go:[0-9]*:' "$log"
}

for file in $(grep -rl --include='*_test.go' '^func Fuzz' . | sort); do
	pkg=./$(dirname "${file#./}")
	for name in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$file"); do
		echo "== $pkg $name ($fuzztime)"
		if fuzz "$pkg" "$name"; then
			continue
		fi
		if deadlineOnly; then
			echo "== $pkg $name: only Go's fuzztime deadline (golang/go#75804); once more"
			if fuzz "$pkg" "$name"; then
				continue
			fi
		fi
		failed=$((failed + 1))
	done
done
if [ "$failed" -gt 0 ]; then
	echo "fuzz: $failed target(s) failed" >&2
	exit 1
fi
echo "fuzz: every target ran for $fuzztime without a failure"
