#!/usr/bin/env bash
# count-tests.sh - run one test suite, show its output as it comes, and end
# with its counts on one line of a fixed form, which scripts/test-all.sh adds
# up over every suite of `make test`:
#
#   -- LABEL: P passed, F failed, S skipped[ (why)]
#
#   count-tests.sh LABEL CMD [ARG...]     run CMD (stdout and stderr both
#                                         shown and read), print its line
#   count-tests.sh --failed LABEL WHY     the line of a suite that could not
#   count-tests.sh --skipped LABEL WHY    run (1 failed) or was left out
#                                         on purpose (1 skipped)
#
# The counts are read from what the suite printed, in the forms our suites
# use:
#   cmocka              "[  PASSED  ] N test(s)."  "[  FAILED  ] N test(s),
#                       listed below:"  "[  SKIPPED ] N test(s), listed
#                       below:"  (once per group; cmocka writes them to
#                       stderr)
#   our own summaries   "NAME: N passed, N failed[, N skipped]"  (api_tests,
#                       scripts/lint.sh, scripts/reference-instances.sh)
#   node --test         "# pass N", "# fail N", "# cancelled N" (counted as
#                       failed), "# skipped N"; "ℹ" in place of "#" with the
#                       spec reporter
# A suite that exits non-zero without having reported a failure (a crash, a
# sanitizer or valgrind finding after its tests passed, a setup step that
# failed), or that reports no count at all, counts as one failed test more,
# and its line says why. Exit status 0 when nothing failed, else 1.
set -uo pipefail

line() { # LABEL PASSED FAILED SKIPPED [WHY]
	echo "-- $1: $2 passed, $3 failed, $4 skipped${5:+ ($5)}"
}

case ${1:-} in
--failed)
	line "${2:?label}" 0 1 0 "${3:?why}"
	exit 1
	;;
--skipped)
	line "${2:?label}" 0 0 1 "${3:?why}"
	exit 0
	;;
"" | -*)
	echo "usage: count-tests.sh LABEL CMD [ARG...] | --failed LABEL WHY | --skipped LABEL WHY" >&2
	exit 2
	;;
esac
label=$1
shift
[ $# -gt 0 ] || { echo "count-tests.sh: no command for $label" >&2; exit 2; }

out=$(mktemp /tmp/ld-count-XXXXXX)
trap 'rm -f "$out"' EXIT
# Line-buffered, so that a program's stdout and stderr keep their order in
# the pipe (stdbuf preloads a library: ASan must be told not to mind).
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
stdbuf -oL -eL "$@" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}

read -r passed failed skipped found < <(awk '
/^\[  PASSED  \] [0-9]+ test\(s\)\.$/ { p += $4; found = 1 }
/^\[  FAILED  \] [0-9]+ test\(s\), listed below:$/ { f += $4; found = 1 }
/^\[  SKIPPED \] [0-9]+ test\(s\), listed below:$/ { s += $4; found = 1 }
/^[A-Za-z][^:]*: [0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$/ {
	rest = $0
	sub(/^[^:]*: /, "", rest)
	n = split(rest, w, /[ ,]+/)
	p += w[1]; f += w[3]; if (n >= 5) s += w[5]; found = 1
}
/^(#|ℹ) (pass|fail|cancelled|skipped) [0-9]+$/ {
	if ($2 == "pass") p += $3; else if ($2 == "skipped") s += $3; else f += $3
	found = 1
}
END { print p + 0, f + 0, s + 0, found + 0 }' "$out")

why=""
if [ "$found" -eq 0 ]; then
	why="reported no count, exit status $rc: counted as 1 failed"
	failed=$((failed + 1))
elif [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
	why="exit status $rc after reporting no failure: counted as 1 failed"
	failed=$((failed + 1))
fi
line "$label" "$passed" "$failed" "$skipped" "$why"
[ "$failed" -eq 0 ]
