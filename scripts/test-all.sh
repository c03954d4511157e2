#!/usr/bin/env bash
# test-all.sh [BUILD_DIR [ASAN_BUILD_DIR]] - every test of the repository,
# what `make test` runs, in this order:
#   lint                    scripts/lint.sh, one test per rule
#   reference instances     scripts/reference-instances.sh, one per instance
#   the plain build         make all (BUILD_DIR, default build)
#   its tests               scripts/run-tests.sh: the cmocka programs under
#                           valgrind, api_tests on SQLite and on PostgreSQL
#   the browser tests       scripts/run-web-tests.sh, on the plain build
#   the sanitizer build     make asan (ASAN_BUILD_DIR, default build-asan)
#   its tests               scripts/run-tests.sh under ASan and UBSan
#   the fuzz targets        with LD_TEST_FUZZ=1 (.ci/run): scripts/fuzz.sh,
#                           each libFuzzer target for FUZZ_SECONDS (60) under
#                           ASan+UBSan, one test per target
# Each suite's output is shown as it comes and ends with its counts
# ("-- LABEL: N passed, N failed, N skipped", scripts/count-tests.sh), and
# each step with its time ("== LABEL took N s"). The last line adds up every
# suite:
#   N passed, N failed, N skipped
# after a list of the suites that failed, if any. A build that fails counts
# as one failed test and its tests are not run; so does any step that fails
# without a counted failure or, for a test step, that reports no count.
# Exit status 1 when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
build=${1:-build}
asan_build=${2:-build-asan}
make=${MAKE:-make}
count=scripts/count-tests.sh

log=$(mktemp /tmp/ld-test-all-XXXXXX)
trap 'rm -f "$log"' EXIT
passed=0
failed=0
skipped=0
failures=""

# step build|tests LABEL CMD [ARG...]: run one step, add up the count lines
# it printed; status 1 when it failed.
step() {
	local kind=$1 label=$2 rc p f s n bad why="" t0=$SECONDS
	shift 2
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	echo "== $label took $((SECONDS - t0)) s"
	{
		read -r p f s n
		bad=$(cat) # the count lines with failures
	} < <(awk '
/^-- / && match($0, /: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped/) {
	split(substr($0, RSTART + 2, RLENGTH - 2), w, /[ ,]+/)
	p += w[1]; f += w[3]; s += w[5]; n++
	if (w[3] > 0) bad[++nbad] = $0
}
END {
	print p + 0, f + 0, s + 0, n + 0
	for (i = 1; i <= nbad; i++) print bad[i]
}' "$log")
	[ -z "$bad" ] || failures+="$bad"$'\n'
	if [ "$kind" = tests ] && [ "$n" -eq 0 ]; then
		why="reported no count, exit status $rc"
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		why="exit status $rc"
		[ "$kind" = tests ] || why="the build failed, $why"
	fi
	if [ -n "$why" ]; then
		bad=$("$count" --failed "$label" "$why")
		echo "$bad"
		failures+="$bad"$'\n'
		f=$((f + 1))
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	[ "$rc" -eq 0 ] && [ "$f" -eq 0 ]
}

step tests "lint" "$count" lint scripts/lint.sh
step tests "reference instances" "$count" "reference instances" scripts/reference-instances.sh
if step build "build ($build)" "$make" --no-print-directory all BUILD="$build"; then
	step tests "tests ($build)" scripts/run-tests.sh "$build"
	step tests "browser tests ($build)" "$count" "browser tests ($build)" scripts/run-web-tests.sh "$build"
else
	echo "== the tests of $build are not run: it did not build"
fi
if step build "build ($asan_build)" "$make" --no-print-directory asan ASAN_BUILD="$asan_build"; then
	step tests "tests ($asan_build)" scripts/run-tests.sh "$asan_build"
else
	echo "== the tests of $asan_build are not run: it did not build"
fi

if [ "${LD_TEST_FUZZ:-0}" = 1 ]; then
	step tests "fuzz" scripts/fuzz.sh
fi

echo "== all steps took $SECONDS s"
if [ "$failed" -ne 0 ]; then
	echo "== failed:"
	printf '%s' "$failures"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
