#!/bin/sh
# run.sh - the emergency search benchmark (issue 5), every contender in one
# run on the same instance: generate it (1M volunteers, 1,000 queries), then
#   bench_knn    domain/geoindex, every answer checked against brute force,
#                and the brute-force scan itself;
#   bench_rtree  SQLite R*Tree (in memory), answers checked against geoindex;
#   bench_pg     PostGIS KNN in a private PostgreSQL (scripts/pg-server.sh,
#                Unix socket only), answers checked against geoindex;
# and print one comparison table with the ratios to geoindex. About 2
# minutes; not part of `make test`. Installs what is missing (Debian
# packages: libsqlite3-dev, libpq-dev, postgresql-15,
# postgresql-15-postgis-3).
#
#   bench/geo/run.sh                  from the repository root
#   ROUNDS=20 NO_RTREE=1 NO_PG=1 bench/geo/run.sh    geoindex only, ~15 s
#
# The instance is written by the repository's generator
# (bench/instances/gen_points.c). Environment: CC (default cc), ROUNDS
# (geoindex timing rounds, default 50), PG_ROUNDS (PostGIS KNN rounds,
# default 3), PG_DEFAULT_ROUNDS (rounds with the planner's own plan, default
# 1), PG_SHARED_BUFFERS (default 1GB), NO_RTREE=1, NO_PG=1 (skip those),
# KEEP_DIR (reuse/keep this data directory instead of a temporary one).
# shellcheck disable=SC2086 # $cflags is a list of words
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
cc=${CC:-cc}
rounds=${ROUNDS:-50}
pg_rounds=${PG_ROUNDS:-3}
pg_dir=""
cleanup() {
	if [ -n "$pg_dir" ]; then
		"$root/scripts/pg-server.sh" stop "$pg_dir" || true
	fi
	if [ -z "${KEEP_DIR:-}" ]; then
		rm -rf "$work"
	fi
}
if [ -n "${KEEP_DIR:-}" ]; then
	work=$KEEP_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d /tmp/geobench.XXXXXX)
fi
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
chmod 711 "$work" # PostgreSQL runs as user postgres and needs to get through
rm -rf "$work/failed" "$work"/*.out "$work/pg" # a kept directory's last run
cflags="-std=gnu17 -O2 -Wall -Wextra -I$root/src -I$root/bench/instances"

sudo=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
	sudo=sudo
fi
apt_install() { # PACKAGE... (as bench/lib.sh does)
	echo "== installing $*" >&2
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >&2 ||
		{ $sudo apt-get update >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >&2; }
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
run_to() { # NAME CMD...: run, output to the terminal and $work/NAME.out
	name=$1
	shift
	{ "$@" || echo "$name" >>"$work/failed"; } | tee "$work/$name.out"
}

echo "== machine"
uname -srm
grep -m1 'model name' /proc/cpuinfo || true
echo "cores: $(nproc)"
date -u
echo "load average at start: $(loadavg)"

echo "== instance"
CC=$cc "$root/bench/instances/build.sh" "$work"
[ -f "$work/points.bin" ] || "$work/gen_points" "$work"

echo "== geoindex and brute force (bench_knn)"
"$cc" $cflags -o "$work/bench_knn" "$root/bench/geo/bench_knn.c" \
	"$root/src/domain/geoindex.c" -lm -lpthread
run_to knn "$work/bench_knn" "$work" "$rounds"
echo "load average after bench_knn: $(loadavg)"

if [ -z "${NO_RTREE:-}" ]; then
	echo "== SQLite R*Tree (bench_rtree)"
	[ -f /usr/include/sqlite3.h ] || apt_install libsqlite3-dev
	"$cc" $cflags -o "$work/bench_rtree" "$root/bench/geo/bench_rtree.c" \
		"$root/src/domain/geoindex.c" -lsqlite3 -lm
	run_to rtree "$work/bench_rtree" "$work" 2
	echo "load average after bench_rtree: $(loadavg)"
fi

if [ -z "${NO_PG:-}" ]; then
	echo "== PostGIS KNN (bench_pg)"
	[ -f /usr/include/postgresql/libpq-fe.h ] || apt_install libpq-dev
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql-15
	command -v psql >/dev/null 2>&1 || apt_install postgresql-client-15
	ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 ||
		apt_install postgresql-15-postgis-3
	"$cc" $cflags -I/usr/include/postgresql -o "$work/bench_pg" "$root/bench/geo/bench_pg.c" \
		"$root/src/domain/geoindex.c" -lpq -lm
	port=$((20000 + $$ % 20000))
	pg_dir="$work/pg"
	uri=$("$root/scripts/pg-server.sh" start "$pg_dir" "$port")
	# the table and index (~165 MB) fit in shared buffers: PostGIS reads no disk
	psql -X -q "$uri" -c "ALTER SYSTEM SET shared_buffers = '${PG_SHARED_BUFFERS:-1GB}'"
	"$root/scripts/pg-server.sh" stop "$pg_dir"
	uri=$("$root/scripts/pg-server.sh" up "$pg_dir" "$port")
	run_to pg "$work/bench_pg" "$work" "$uri" "$pg_rounds"
	"$root/scripts/pg-server.sh" stop "$pg_dir"
	pg_dir=""
	echo "load average after bench_pg: $(loadavg)"
fi

echo "== comparison: 1,000,000 volunteers, 1,000 queries, k = 20 within 10 km"
echo "   per query, one at a time, in-process (PostGIS: at the client, over a Unix socket);"
echo "   ratio = time / geoindex (compacted)'s time"
cat "$work"/*.out | awk '
function ratio(r) { return r < 9.95 ? sprintf("%.1fx", r) : sprintf("%.0fx", r) }
/^RESULT / {
	delete f
	for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
	n = f["name"]; names[++count] = n
	p50[n] = f["p50_us"]; p99[n] = f["p99_us"]; build[n] = f["build_ms"]
	mem[n] = f["mem_mb"]; exact[n] = f["exact"]
}
END {
	label["geoindex_compacted"] = "geoindex (compacted)"
	label["geoindex_fresh"] = "geoindex (fresh)"
	label["brute_force"] = "brute force scan"
	label["sqlite_rtree"] = "SQLite R*Tree"
	label["postgis_knn"] = "PostGIS KNN"
	label["postgis_default"] = "PostGIS, planner plan"
	ours = "geoindex_compacted"
	printf "%-22s %10s %10s %9s %9s %10s %9s %s\n", "", "p50 us", "p99 us", "p50 ratio", "p99 ratio", "build ms", "memory MB", "answers"
	for (i = 1; i <= count; i++) {
		n = names[i]
		printf "%-22s %10.1f %10.1f %9s %9s %10s %9.1f %s\n", (n in label ? label[n] : n), p50[n], p99[n],
			ratio(p50[n] / p50[ours]), ratio(p99[n] / p99[ours]), (build[n] > 0 ? build[n] : "-"), mem[n],
			exact[n] (n == "brute_force" ? " (the truth)" : (n ~ /^geoindex/ ? " exact" : " agree"))
	}
}'
echo "load average at end: $(loadavg)"
if [ -f "$work/failed" ]; then
	echo "FAILED (an answer differs, or a program failed): $(tr '\n' ' ' <"$work/failed")" >&2
	exit 1
fi
echo "every answer exact (geoindex) or in agreement with it (the others)"
