#!/usr/bin/env bash
# load.sh - reproducible HTTP load benchmark of the real liandong server on
# loopback, driven by wrk (see docs/BENCHMARKS.md), on one or more stores:
#
#   sqlite     one `liandong serve` on a SQLite file (WAL, synchronous=FULL);
#   pg         one `liandong serve --db postgresql://...` on a throwaway
#              PostgreSQL cluster (scripts/pg-server.sh: Unix socket only,
#              fsync=on, synchronous_commit=on);
#   pg+nginx   two `liandong serve` processes on that same PostgreSQL
#              database (two loopback ports, one key file) behind nginx
#              (upstream with both, keepalive 64); wrk talks to nginx.
#
# What it does:
#   1. installs wrk, curl (and nginx, PostgreSQL when needed; Debian packages)
#      if missing; builds build/liandong (make);
#   2. for each store in BENCH_STORES, from scratch: a fresh database
#      (SQLite file, or PostgreSQL database `bench` dropped and created
#      again), liandong init, a platform_admin, the demo city with
#      BENCH_VOLUNTEERS volunteers per team (default 50), then the server(s)
#      (and nginx) on 127.0.0.1;
#   3. logs in with curl and runs wrk -t2 -c32 -d${BENCH_SECONDS}s --latency on
#        list    GET  /api/v1/people?limit=20   (bench/list.lua: Bearer token)
#        single  GET  /api/v1/volunteers/1      (bench/list.lua)
#        bare    the reference: bench_bare (bench/ref/bare_mhd.c), a bare
#                libmicrohttpd server with liandong's options answering the
#                single read's bytes
#        create  POST /api/v1/people            (bench/create.lua: a new valid
#                ID number per request; every answer must be 201)
#   4. reads the servers' RSS (VmRSS, VmHWM), stops everything it started,
#      counts the rows the create run inserted, prints a summary table and
#      writes it with the raw wrk outputs, the logs and the machine
#      description to bench/results/<date>-load.txt (only sqlite) or
#      <date>-load-matrix.txt (any other selection).
# The machinery (tools, temp dir, trap, build, disk probe, PostgreSQL,
# servers, nginx, wrk, CPU and memory accounting, machine description) is
# bench/lib.sh, shared with bench/service.sh.
# Everything is bounded: wrk runs for fixed durations (and under timeout);
# servers, nginx and PostgreSQL are stopped by a trap on any exit; the temp
# dir is removed. Everything listens on loopback or Unix sockets only.
#
# Environment (all optional):
#   BENCH_STORES="sqlite pg pg+nginx"  which configurations, in this order
#   BENCH_SECONDS=10         duration of each wrk run, seconds
#   BENCH_THREADS=2          wrk threads (-t)
#   BENCH_CONNECTIONS=32     wrk connections (-c)
#   BENCH_VOLUNTEERS=50      demo: volunteers per team
#   BENCH_PORT=random        first loopback port (20000-39999); each store
#                            uses BENCH_PORT + 10*i .. + 10*i + 3
#   BENCH_SERVER_THREADS=    liandong serve --threads (default: the server's),
#                            for every server process
#   BENCH_NGINX_WORKERS=auto nginx worker_processes
#   BENCH_TMPDIR=$TMPDIR     where the temp dir (databases) goes; should be a
#                            real disk, not tmpfs, or fsync costs nothing
#   BENCH_KEEP=0             1 keeps the temp dir (databases, logs)
#   BENCH_FSYNC_PROBE=1      0 skips the dd oflag=dsync disk probe
#   BENCH_WAIT_QUIET=0       wait up to this many seconds for other work on
#                            the machine to fall under 10% of one core
# Exit status: 0 when every run finished and every answer was the expected
# one (200 for reads, 201 for creates); 1 otherwise; 2 for bad settings.
set -euo pipefail

ME=load.sh
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_settings "sqlite pg pg+nginx"
VOLS=${BENCH_VOLUNTEERS:-50}
need_int VOLS

bench_tools
bench_workdir
bench_build
bench_fsync_probe
bench_wait_quiet

FAIL=0
SUMMARY=$(printf '%-9s %-36s %12s %10s %10s %10s %8s  %s' store benchmark requests/s p50 p99 requests bad "socket errors")
DETAILS=""
SERVER_LINES=""

# --- one store: database, server(s), three wrk runs, shutdown ----------------
bench_store() { # STORE INDEX
	# set by store_open and servers_start (bench/lib.sh)
	# shellcheck disable=SC2034
	local store dir db base nserv pg_settings url token u path code
	# shellcheck disable=SC2034
	local key_args=() ports=() serve_args=()
	store_open "$1" "$2"
	"$BIN" demo --db "$db" "${key_args[@]}" --volunteers "$VOLS" >"$dir/demo.log"
	DEMO_SUMMARY=$(cat "$dir/demo.log")

	local bg
	bg=$(background_pct)
	[ "$bg" -gt 10 ] && log "warning: the machine is already ${bg}% busy (of one core) before the [$store] runs; numbers will be low"

	servers_start
	mem_note "started"
	token=$(login admin "$PASSWORD")
	mem_note "after login" # argon2id password check, transient

	# Sanity: each benchmarked request answers as expected before it is
	# loaded; behind nginx, also on each server directly (the session made
	# through nginx on one of them must be valid on both).
	local targets=("$url")
	[ "$nserv" -gt 1 ] && for p in "${ports[@]}"; do targets+=("http://127.0.0.1:$p"); done
	for u in "${targets[@]}"; do
		for path in "/api/v1/people?limit=20" "/api/v1/volunteers/1"; do
			code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
				-H "Authorization: Bearer $token" "$u$path")
			[ "$code" = 200 ] || die "[$store] GET $u$path answered $code"
		done
	done

	# wrk runs
	run_wrk list "$BENCH/list.lua" "/api/v1/people?limit=20"
	mem_note "after list"
	run_wrk single "$BENCH/list.lua" "/api/v1/volunteers/1"
	mem_note "after single"
	# the reference: a bare libmicrohttpd server answering the single read's bytes
	curl -sS --max-time 10 -H "Authorization: Bearer $token" -o "$dir/single-body.json" "$url/api/v1/volunteers/1"
	run_bare bare "$dir/single-body.json"
	run_wrk create "$BENCH/create.lua" "/api/v1/people"
	mem_note "after create"

	local nginx_ran=0
	[ -n "$NGINX_PID" ] && nginx_ran=1
	servers_stop

	# rows the create run inserted: every created person is named 压测
	local inserted="unknown"
	if [ "$store" != sqlite ] || command -v sqlite3 >/dev/null 2>&1; then
		inserted=$(db_sql "SELECT count(*) FROM people WHERE name = '压测'" 2>/dev/null || echo unknown)
	fi
	local f answered
	f="$dir/wrk-create.txt"
	answered=$(($(total "$f") - $(unexpected "$f" | sed 's/missing/0/')))

	# summary rows
	local run label bad
	for run in list single bare create; do
		f="$dir/wrk-$run.txt"
		case $run in
		bare) label="bare   libmicrohttpd, single's bytes"; bad=$(non2xx "$f") ;;
		list) label="list   GET  /api/v1/people?limit=20"; bad=$(non2xx "$f") ;;
		single) label="single GET  /api/v1/volunteers/1"; bad=$(non2xx "$f") ;;
		create) label="create POST /api/v1/people"; bad=$(unexpected "$f") ;;
		esac
		[ "$bad" = 0 ] || FAIL=1
		SUMMARY+=$'\n'$(printf '%-9s %-36s %12s %10s %10s %10s %8s  %s' "$store" "$label" "$(rps "$f")" \
			"$(pct "$f" 50%)" "$(pct "$f" 99%)" "$(total "$f")" "$bad" "$(sockerr "$f")")
	done

	local errlines=0
	errlines=$(cat "$dir"/server-*.log | grep -c . || true)
	DETAILS+=$(
		echo
		echo "[$store] database: $db; $DEMO_SUMMARY"
		[ -n "$pg_settings" ] && echo "[$store] postgresql $PG_VERSION: $pg_settings"
		echo "[$store] background: ${bg}% of one core busy with other work in the 3 s before the runs"
		echo "[$store] create: $inserted rows inserted, $answered answered 201 to wrk (the rest were in flight when wrk stopped)"
		echo "[$store] cpu during each run, % of one core ($(nproc) cores = $(($(nproc) * 100))%):"
		printf '%s' "$CPULOG"
		echo "[$store] server memory by phase:"
		printf '%s' "$MEMLOG"
		echo "[$store] stop:"
		printf '%s' "$STOPLOG"
		echo "[$store] server log: $errlines lines$([ "$nginx_ran" = 1 ] && echo "; nginx error log: $(grep -c . "$dir/nginx-error.log" || true) lines")"
	)
	DETAILS+=$'\n'
	if [ "$inserted" != unknown ] && { [ "$inserted" -lt "$answered" ] || [ "$inserted" -gt $((answered + CONNS)) ]; }; then
		echo "$ME: [$store] inserted $inserted rows but wrk counted $answered 201s" >&2
		FAIL=1
	fi
}

i=0
for s in "${STORE_LIST[@]}"; do
	bench_store "$s" "$i"
	i=$((i + 1))
done
store_pg_finish

MACHINE=$(
	machine_desc
	echo "load:        wrk -t$THREADS -c$CONNS -d${DUR}s --latency --timeout 5s, loopback"
	printf 'server:      %s' "$SERVER_LINES"
)

REPORT=$(
	echo "$SUMMARY"
	printf '%s' "$DETAILS"
	if [ "$NEED_PG" = 1 ]; then
		echo
		echo "postgresql log: $(printf '%s' "$PG_LOG_ERRORS" | grep -c . || true) ERROR/FATAL/PANIC/WARNING lines"
		if [ -n "$PG_LOG_ERRORS" ]; then printf '%s\n' "$PG_LOG_ERRORS" | head -n 20; fi
	fi
)

name=load
[ "${STORE_LIST[*]}" = sqlite ] || name="load-matrix"
out=$(result_file "$name")
{
	echo "# bench/load.sh (BENCH_STORES=\"${STORE_LIST[*]}\")"
	echo "$MACHINE"
	echo
	echo "$REPORT"
	for s in "${STORE_LIST[@]}"; do
		d="$WORK/${s/+/-}"
		for run in list single bare create; do
			echo
			echo "## [$s] wrk $run"
			cat "$d/wrk-$run.txt"
		done
		for f in "$d"/server-*.log; do
			echo
			echo "## [$s] $(basename "$f")"
			server_log "$f"
		done
		if [ -e "$d/nginx.conf" ]; then
			echo
			echo "## [$s] nginx.conf"
			cat "$d/nginx.conf"
			echo
			echo "## [$s] nginx error log"
			cat "$d/nginx-error.log" 2>/dev/null || true
		fi
	done
	pg_log_section
} >"$out"

bench_finish "$out" "some answers were not the expected status or the row count disagrees (the 'bad' column)"
