#!/usr/bin/env bash
# http.sh - emergency mobilisation over HTTP (issue 5): the real liandong
# server on loopback, on a SQLite store holding the reference instance's
# 1,000,000 volunteers (bench/instances/gen_points.c: points as
# registered volunteers with their 64 skills, each of the 1,000 queries as
# an assessed incident: 20 volunteers within 10 km), asked
# GET /api/v1/emergencies/{id}/candidates: the call a mobilise would make,
# without writing it.
#
#   1. liandong init, a platform admin, a city and an org through the API;
#      the volunteers and incidents written straight into the stopped
#      server's SQLite file (http_fill fill, one transaction);
#   2. the server again; the first request builds the process's index from
#      the store: its time and the server's RSS before and after;
#   3. every one of the 1,000 answers fetched with curl and compared with a
#      brute-force scan (http_fill check): all must agree;
#   4. wrk --latency, one connection (each request's latency alone), then
#      -t2 -c32 (throughput), the incidents in turn; every answer must be
#      200.
# Writes bench/results/<date>-geo-http.txt. About 2 minutes; not part of
# `make test`. Environment: bench/load.sh's BENCH_SECONDS, BENCH_PORT,
# BENCH_TMPDIR, BENCH_KEEP, BENCH_WAIT_QUIET.
set -euo pipefail
ME=http.sh
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/../lib.sh"
bench_settings "sqlite"
FSYNC_PROBE=0
NEED_SQLITE3=1
bench_tools
[ -e /usr/include/sqlite3.h ] || apt_install libsqlite3-dev
bench_workdir
bench_build
bench_fsync_probe
bench_wait_quiet
FAIL=0
SERVER_LINES=""

log "generating the instance"
"$BENCH/instances/build.sh" "$WORK"
"$WORK/gen_points" "$WORK" >/dev/null
cc -std=gnu17 -O2 -Wall -Wextra -I"$ROOT/src" -I"$BENCH/geo" -o "$WORK/http_fill" \
	"$BENCH/geo/http_fill.c" "$ROOT/src/domain/geoindex.c" -lsqlite3 -lm

run() {
	local store dir db key_args=() url token base nserv pg_settings serve_args ports region org t0 t1 rss0
	store_open sqlite 0
	servers_start
	token=$(login admin "$PASSWORD")
	api() { curl -sS --max-time 30 -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
		${3:+--data "$3"} "$url$2"; }
	region=$(api POST /api/v1/regions '{"code":"421000","name":"荆州市","level":"city"}' | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
	org=$(api POST /api/v1/orgs "{\"name\":\"荆州市志愿服务联合会\",\"kind\":\"volunteer_hub\",\"region_id\":$region}" |
		sed -n 's/^{"id":\([0-9]*\).*/\1/p')
	[ -n "$region" ] && [ -n "$org" ] || die "cannot make the city and its org"
	servers_stop
	log "[$store] loading 1,000,000 volunteers and 1,000 incidents"
	t0=$(date +%s.%N)
	"$WORK/http_fill" fill "$db" "$WORK" "$org" "$region"
	t1=$(date +%s.%N)
	LOAD_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
	servers_start
	token=$(login admin "$PASSWORD")
	rss0=$(awk '/^VmRSS:/ { print $2 }' "/proc/${SERVER_PIDS[0]}/status")
	t0=$(date +%s.%N)
	api GET /api/v1/emergencies/1/candidates >/dev/null
	t1=$(date +%s.%N)
	BUILD_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
	RSS_LINE="server RSS ${rss0} kB before the first request, $(awk '/^VmRSS:/ { print $2 }' "/proc/${SERVER_PIDS[0]}/status") kB after (index built), peak $(awk '/^VmHWM:/ { print $2 }' "/proc/${SERVER_PIDS[0]}/status") kB"
	log "[$store] fetching the 1,000 answers"
	: >"$dir/answers.txt"
	for i in $(seq 1 1000); do
		printf '%s %s\n' "$i" "$(api GET "/api/v1/emergencies/$i/candidates" |
			grep -o '"volunteer_id":[0-9]*' | cut -d: -f2 | tr '\n' ' ')" >>"$dir/answers.txt"
	done
	CHECK_LINE=$("$WORK/http_fill" check "$WORK" "$dir/answers.txt") || FAIL=1
	WRK_THREADS=1 WRK_CONNS=1 run_wrk one "$BENCH/geo/mobilize.lua" / 1000
	WRK_THREADS=2 WRK_CONNS=32 run_wrk many "$BENCH/geo/mobilize.lua" / 1000
	for w in one many; do
		[ "$(unexpected "$dir/wrk-$w.txt")" = 0 ] || FAIL=1
	done
	mem_note after
	servers_stop
	REPORT=$(
		echo "load (direct SQL, one transaction): ${LOAD_S} s"
		echo "first request (builds the index from the store): ${BUILD_S} s"
		echo "$RSS_LINE"
		echo "$CHECK_LINE"
		for w in one many; do
			f="$dir/wrk-$w.txt"
			echo "wrk $w: $(rps "$f") requests/s, p50 $(pct "$f" 50%), p75 $(pct "$f" 75%), p90 $(pct "$f" 90%), p99 $(pct "$f" 99%), non-200: $(unexpected "$f")"
		done
	)
	RAW=$(for w in one many; do echo; echo "## wrk $w"; cat "$dir/wrk-$w.txt"; done; echo; echo "## server log"; cat "$dir"/server-1.log)
}
run
MACHINE=$(
	machine_desc
	echo "load:        wrk -t1 -c1 and -t2 -c32, -d${DUR}s --latency, GET /api/v1/emergencies/{1..1000}/candidates in turn; loopback"
	printf 'server:      %s' "$SERVER_LINES"
)
out=$(result_file geo-http)
{
	echo "# bench/geo/http.sh"
	echo "$MACHINE"
	echo
	echo "$REPORT"
	echo "$RAW"
} >"$out"
bench_finish "$out" "answers differ from brute force or a request failed"
