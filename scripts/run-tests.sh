#!/usr/bin/env bash
# run-tests.sh BUILD_DIR - run every test program of one build: the cmocka
# unit tests, then the API suite against that build's server binary, on
# SQLite and on PostgreSQL. Each program ends with its counts ("-- LABEL: N
# passed, N failed, N skipped", scripts/count-tests.sh), which
# scripts/test-all.sh adds up.
#
# The two API passes run side by side (each test mostly waits on its own
# server: two at a time take about the time of one), the PostgreSQL pass's
# output shown when both are done; LD_API_SERIAL=1 runs them one after the
# other, its output as it comes.
set -uo pipefail
build=${1:?usage: run-tests.sh BUILD_DIR}
count="$(dirname "$0")/count-tests.sh"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=23}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Libraries' own leaks (tests/leaks/): fontconfig's, at present.
leaks="$(cd "$(dirname "$0")/.." && pwd)/tests/leaks"
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$leaks/lsan.supp}
fail=0
# Under valgrind too in a build without sanitizers (they cannot share a process).
vg=""
if [ "${LD_VALGRIND:-1}" = 1 ] && command -v valgrind >/dev/null && ! grep -q 'LD_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
	vg="valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$leaks/valgrind.supp"
fi
units=0
for t in "$build"/test_*; do
	[ -x "$t" ] || continue
	units=$((units + 1))
	echo "== unit: $(basename "$t") ($build)${vg:+, under valgrind}"
	"$count" "unit $(basename "$t") ($build)" $vg "$t" || fail=1
done
[ $units -gt 0 ] || { "$count" --failed "unit tests ($build)" "no test_* program in $build"; fail=1; }

sqlite_pass() {
	echo "== api tests on SQLite ($build)"
	"$count" "api tests on SQLite ($build)" "$build"/api_tests "$build"/liandong
}

# The same suite on a real PostgreSQL server started here (Unix socket only).
pg_label="api tests on PostgreSQL ($build)"
pg_pass() {
	if [ "${LD_SKIP_PG:-0}" = 1 ]; then
		"$count" --skipped "$pg_label" "LD_SKIP_PG=1"
		return 0
	fi
	local pgdir pgport rc=0
	pgdir=$(mktemp -d /tmp/ld-pg-XXXXXX)
	pgport=$((20000 + RANDOM % 20000))
	trap 'scripts/pg-server.sh stop "$pgdir" >/dev/null 2>&1; rm -rf "$pgdir"' EXIT
	if scripts/pg-server.sh start "$pgdir" "$pgport" >/dev/null; then
		echo "== api tests on PostgreSQL ($build)"
		LD_TEST_PG_HOST=$pgdir LD_TEST_PG_PORT=$pgport LD_TEST_PG_DATA=$pgdir/data \
		LD_TEST_PG_SCRIPT=$(pwd)/scripts/pg-server.sh \
			"$count" "$pg_label" "$build"/api_tests "$build"/liandong || rc=1
	else
		echo "cannot start PostgreSQL:"; cat "$pgdir"/*.log 2>/dev/null | tail -20
		"$count" --failed "$pg_label" "PostgreSQL did not start"
		rc=1
	fi
	scripts/pg-server.sh stop "$pgdir" >/dev/null 2>&1
	rm -rf "$pgdir"
	return $rc
}

if [ "${LD_API_SERIAL:-0}" = 1 ]; then
	sqlite_pass || fail=1
	pg_pass || fail=1
else
	pg_log=$(mktemp /tmp/ld-pg-pass-XXXXXX)
	trap 'rm -f "$pg_log"' EXIT
	pg_pass >"$pg_log" 2>&1 &
	pg_pid=$!
	sqlite_pass || fail=1
	wait "$pg_pid" || fail=1
	cat "$pg_log"
fi
if [ $fail -ne 0 ]; then
	echo "FAILED ($build)"
fi
exit $fail
