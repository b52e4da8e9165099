#!/bin/sh
# Runs every Fuzz* target in the module for a fixed time each (default 10s),
# one after another: go test can fuzz only one target at a time. New inputs
# that fail are written under the package's testdata/fuzz/ by go test.
#
#   scripts/fuzz.sh [FUZZTIME]      e.g. scripts/fuzz.sh 30s
set -eu
fuzztime=${1:-10s}
cd "$(dirname "$0")/.."
failed=0
for file in $(grep -rl --include='*_test.go' '^func Fuzz' . | sort); do
	pkg=./$(dirname "${file#./}")
	for name in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$file"); do
		echo "== $pkg $name ($fuzztime)"
		if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$pkg"; then
			failed=$((failed + 1))
		fi
	done
done
if [ "$failed" -gt 0 ]; then
	echo "fuzz: $failed target(s) failed" >&2
	exit 1
fi
echo "fuzz: every target ran for $fuzztime without a failure"
