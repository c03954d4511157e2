#!/usr/bin/env bash
# run-tests.sh BUILD_DIR - run every test program of one build: the cmocka
# unit tests, then the API suite against that build's server binary.
set -uo pipefail
build=${1:?usage: run-tests.sh BUILD_DIR}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=23}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fail=0
for t in "$build"/test_*; do
	[ -x "$t" ] || continue
	echo "== unit: $(basename "$t") ($build)"
	"$t" || fail=1
done
echo "== api tests ($build)"
"$build"/api_tests "$build"/liandong || fail=1
if [ $fail -ne 0 ]; then
	echo "FAILED ($build)"
fi
exit $fail
