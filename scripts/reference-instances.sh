#!/bin/sh
# reference-instances.sh - the assignment solver (domain/match) on every
# reference instance, part of `make test`: each instance is written by the
# repository's generator (bench/instances/gen_assign, fixed seeds), solved by
# bench/matching/bench_assign and compared with its published optimum
# (bench/instances/assign.h: any difference or unfilled slot fails), then
# deleted, so at most one instance (up to 200 MB) is on disk at a time.
#
# One test per instance; the last line is
#   reference instances: N passed, N failed
# and the exit status is 1 when any failed (or nothing could be built).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/ld-instances-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
if ! "$root/bench/instances/build.sh" "$tmp" ||
	! cc -std=c17 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -I"$root/src" -I"$root/bench/instances" \
		-o "$tmp/bench_assign" "$root/bench/matching/bench_assign.c" "$root"/src/domain/match*.c -lm; then
	echo "reference instances: cannot build the generator or the benchmark"
	echo "reference instances: 0 passed, 1 failed"
	exit 1
fi
echo "== reference instances: the solver against the published optima"
passed=0 failed=0
for n in $("$tmp/gen_assign" --list); do
	if "$tmp/gen_assign" "$tmp" "$n" >/dev/null && "$tmp/bench_assign" "$tmp" "$n"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
	rm -f "$tmp/$n.bin"
done
echo "reference instances: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
