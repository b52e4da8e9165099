#!/bin/sh
# Regenerates the transcripts of a call and an SMS conversation in README.md
# (between the <!-- transcript:call --> and <!-- transcript:sms --> markers)
# by running the simulator against a line started in-process on the embedded
# default: `heritageline call` and `heritageline text` with no --url.
#
#   scripts/transcripts.sh        (or: make transcripts)
#
# Dates and times in the transcripts are those of the day it runs.
set -eu

cd "$(dirname "$0")/.."
GO=${GO:-go}
README=${README:-README.md}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The caller's moves, one a line (docs/simulator.md): speech, then keys.
CALL_MOVES='frome
next
text me this
9'
# The resident's texts, one a line.
SMS_TEXTS='BA11 1AT
MORE
2
CALL'

# run NAME INPUT CMD...: runs the simulator with the moves or texts on
# standard input into $tmp/NAME.
run() {
	name=$1
	input=$2
	shift 2
	printf '%s\n' "$input" | "$GO" run ./cmd/heritageline "$@" >"$tmp/$name" 2>"$tmp/$name.err" || {
		cat "$tmp/$name.err" >&2
		echo "transcripts: heritageline $* failed" >&2
		exit 1
	}
	if grep -qE "something (has )?gone wrong|something went wrong" "$tmp/$name"; then
		cat "$tmp/$name" >&2
		echo "transcripts: the line apologised; not writing $README" >&2
		exit 1
	fi
}

# shown quotes the moves as the printf of the command line shown above each
# transcript.
shown() {
	printf '%s\n' "$1" | awk '{ printf "%s%s", (NR > 1 ? "\\n" : ""), $0 } END { printf "\\n" }'
}

run call "$CALL_MOVES" call
run sms "$SMS_TEXTS" text

# The call: the command, then what the caller heard and did.
{
	echo '```text'
	printf "\$ printf '%s' | heritageline call\n" "$(shown "$CALL_MOVES")"
	# A text the demo Twilio prints runs over several lines: indent the
	# lines after its first like the line's own replies.
	awk '/^LINE: / || /^  / { print; next } { print "      " $0 }' "$tmp/call"
	echo '```'
} >"$tmp/call.md"

# The texts: each reply follows the text that prompted it, shown as
# "  [texts: ...]" like the caller's moves. Demo lines printed while a text
# is handled (the volunteers' alerts) come before its reply.
{
	echo '```text'
	printf "\$ printf '%s' | heritageline text\n" "$(shown "$SMS_TEXTS")"
	printf '%s\n' "$SMS_TEXTS" >"$tmp/texts"
	awk -v texts="$tmp/texts" '
		BEGIN { n = 0; while ((getline t < texts) > 0) msg[++n] = t; i = 0; waiting = 1 }
		waiting && (/^LINE: / || /^  \[no reply\]/ || /^  \[demo: /) {
			if (i == n) { print "transcripts: more replies than texts" > "/dev/stderr"; exit 1 }
			print "  [texts: " msg[++i] "]"
			waiting = 0
		}
		{ print }
		/^LINE: / || /^  \[no reply\]/ { waiting = 1 }
		END { if (i != n) { print "transcripts: " n " texts but " i " replies" > "/dev/stderr"; exit 1 } }
	' "$tmp/sms"
	echo '```'
} >"$tmp/sms.md"

# replace MARKER FILE: puts FILE between <!-- MARKER --> and <!-- /MARKER -->.
replace() {
	awk -v start="<!-- $1 -->" -v end="<!-- /$1 -->" -v file="$2" '
		$0 == start { print; while ((getline l < file) > 0) print l; skip = 1; found++; next }
		$0 == end { skip = 0 }
		!skip { print }
		END { if (found != 1) { print "transcripts: marker " start " found " found + 0 " times" > "/dev/stderr"; exit 1 } }
	' "$README" >"$tmp/readme"
	cp "$tmp/readme" "$README"
}

replace transcript:call "$tmp/call.md"
replace transcript:sms "$tmp/sms.md"
echo "transcripts: updated $README"
