#!/bin/sh
# run.sh - build and run the emergency search benchmark of domain/geoindex
# (issue 5): generate the shared instance (1M volunteers, 1,000 queries),
# check every answer against brute force and time it (bench_knn), then the
# SQLite R*Tree comparison (bench_rtree, skipped with NO_RTREE=1 or without
# sqlite3.h; it takes about a minute).
#
#   bench/geo/run.sh                 from the repository root
#   ROUNDS=50 NO_RTREE=1 bench/geo/run.sh
#
# Environment: MATCHING_DIR (the shared generator, default
# /work/shared/bench/matching), CC (default cc), ROUNDS (timing rounds,
# default 50), KEEP_DIR (reuse/keep this data directory instead of a
# temporary one).
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
matching=${MATCHING_DIR:-/work/shared/bench/matching}
cc=${CC:-cc}
rounds=${ROUNDS:-50}
if [ -n "${KEEP_DIR:-}" ]; then
	work=$KEEP_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d /tmp/geobench.XXXXXX)
	trap 'rm -rf "$work"' EXIT INT TERM
fi
cflags="-std=gnu17 -O2 -Wall -Wextra -I$root/src -I$matching"

echo "== machine"
uname -srm
grep -m1 'model name' /proc/cpuinfo || true
echo "cores: $(nproc)"
date -u

echo "== instance"
"$cc" -O2 -o "$work/gen_points" "$matching/gen_points.c" -lm
[ -f "$work/points.bin" ] || "$work/gen_points" "$work"

echo "== geoindex (bench_knn)"
"$cc" $cflags -o "$work/bench_knn" "$root/bench/geo/bench_knn.c" \
	"$root/src/domain/geoindex.c" -lm -lpthread
"$work/bench_knn" "$work" "$rounds"

if [ -z "${NO_RTREE:-}" ] && [ -f /usr/include/sqlite3.h ]; then
	echo "== SQLite R*Tree (bench_rtree)"
	"$cc" $cflags -o "$work/bench_rtree" "$root/bench/geo/bench_rtree.c" \
		"$root/src/domain/geoindex.c" -lsqlite3 -lm
	"$work/bench_rtree" "$work" 2
fi
