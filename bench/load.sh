#!/usr/bin/env bash
# load.sh - reproducible HTTP load benchmark of the real liandong server on
# loopback, driven by wrk (see docs/BENCHMARKS.md).
#
# What it does:
#   1. installs wrk (Debian package) if missing; builds build/liandong (make);
#   2. in a fresh temp dir: liandong init, adds a platform_admin, loads the demo
#      city with BENCH_VOLUNTEERS volunteers per team (default 50), and starts
#      `liandong serve` on 127.0.0.1:PORT in the background;
#   3. logs in with curl and runs wrk -t2 -c32 -d${BENCH_SECONDS}s --latency on
#        list    GET  /api/v1/people?limit=20   (bench/list.lua: Bearer token)
#        single  GET  /api/v1/volunteers/1      (bench/list.lua)
#        create  POST /api/v1/people            (bench/create.lua: a new valid
#                ID number per request; every answer must be 201)
#   4. reads the server's peak RSS (VmHWM), stops it with SIGTERM, prints a
#      summary table and writes it with the raw wrk outputs and the machine
#      description to bench/results/<date>-load.txt.
# Everything is bounded: wrk runs for fixed durations (and under timeout), the
# server is stopped by a trap on any exit, the temp dir is removed.
#
# Environment (all optional):
#   BENCH_SECONDS=10         duration of each wrk run, seconds
#   BENCH_THREADS=2          wrk threads (-t)
#   BENCH_CONNECTIONS=32     wrk connections (-c)
#   BENCH_VOLUNTEERS=50      demo: volunteers per team
#   BENCH_PORT=random        loopback port for the server (20000-39999)
#   BENCH_SERVER_THREADS=    liandong serve --threads (default: the server's)
#   BENCH_TMPDIR=$TMPDIR     where the temp dir (database) goes; should be a
#                            real disk, not tmpfs, or fsync costs nothing
#   BENCH_KEEP=0             1 keeps the temp dir (database, server log)
#   BENCH_FSYNC_PROBE=1      0 skips the dd oflag=dsync disk probe
#   BENCH_WAIT_QUIET=0       wait up to this many seconds for other work on
#                            the machine to fall under 10% of one core
# Exit status: 0 when every run finished and every answer was the expected
# one (200 for reads, 201 for creates); 1 otherwise.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
BIN="$ROOT/build/liandong"

DUR=${BENCH_SECONDS:-10}
THREADS=${BENCH_THREADS:-2}
CONNS=${BENCH_CONNECTIONS:-32}
VOLS=${BENCH_VOLUNTEERS:-50}
PORT=${BENCH_PORT:-$((20000 + RANDOM % 20000))}
SERVER_THREADS=${BENCH_SERVER_THREADS:-}
KEEP=${BENCH_KEEP:-0}
FSYNC_PROBE=${BENCH_FSYNC_PROBE:-1}
WAIT_QUIET=${BENCH_WAIT_QUIET:-0}
PASSWORD="bench-$(date +%s)-$$"

for v in DUR THREADS CONNS VOLS PORT WAIT_QUIET; do
	case ${!v} in
	'' | *[!0-9]*) echo "load.sh: $v must be a positive integer (got '${!v}')" >&2; exit 2 ;;
	esac
done
if [ "$DUR" -lt 1 ] || [ "$THREADS" -lt 1 ] || [ "$CONNS" -lt "$THREADS" ]; then
	echo "load.sh: need BENCH_SECONDS >= 1, BENCH_THREADS >= 1, BENCH_CONNECTIONS >= BENCH_THREADS" >&2
	exit 2
fi
if [ -n "$SERVER_THREADS" ] && [[ $SERVER_THREADS == *[!0-9]* ]]; then
	echo "load.sh: BENCH_SERVER_THREADS must be an integer" >&2
	exit 2
fi

log() { printf '== %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
fi
if ! command -v wrk >/dev/null 2>&1; then
	log "installing wrk"
	$SUDO apt-get install -y wrk || { $SUDO apt-get update && $SUDO apt-get install -y wrk; }
fi
if ! command -v curl >/dev/null 2>&1; then
	log "installing curl"
	$SUDO apt-get install -y curl || { $SUDO apt-get update && $SUDO apt-get install -y curl; }
fi

# --- temp dir, cleanup ------------------------------------------------------
WORK=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/liandong-bench.XXXXXX")
DB="$WORK/bench.db"
SERVER_PID=""
SERVER_RC="?"
SERVER_KILLED=0

stop_server() {
	# SIGTERM, then up to 10 s for a clean exit, then SIGKILL.
	[ -n "$SERVER_PID" ] || return 0
	if kill -0 "$SERVER_PID" 2>/dev/null; then
		kill -TERM "$SERVER_PID" 2>/dev/null || true
		for _ in $(seq 1 100); do
			kill -0 "$SERVER_PID" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "load.sh: server $SERVER_PID ignored SIGTERM for 10 s; SIGKILL" >&2
			kill -KILL "$SERVER_PID" 2>/dev/null || true
			SERVER_KILLED=1
		fi
	fi
	SERVER_RC=0
	wait "$SERVER_PID" 2>/dev/null || SERVER_RC=$?
	SERVER_PID=""
}

cleanup() {
	local rc=$?
	stop_server
	if [ "$KEEP" = 1 ]; then
		echo "load.sh: kept $WORK" >&2
	else
		rm -rf "$WORK"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- build ------------------------------------------------------------------
log "building $BIN (make -C $ROOT)"
if ! make -C "$ROOT" >"$WORK/build.log" 2>&1; then
	cat "$WORK/build.log" >&2
	echo "load.sh: build failed" >&2
	exit 1
fi

# --- database ---------------------------------------------------------------
log "database in $WORK"
"$BIN" init --db "$DB" >/dev/null
echo "$PASSWORD" | "$BIN" user add --db "$DB" --username admin \
	--role platform_admin --password-stdin >/dev/null
"$BIN" demo --db "$DB" --volunteers "$VOLS" >"$WORK/demo.log"
DEMO_SUMMARY=$(cat "$WORK/demo.log")

# --- disk probe: synchronous 4 KiB writes per second --------------------------
FSYNC_LINE="not measured"
if [ "$FSYNC_PROBE" = 1 ]; then
	# dd with oflag=dsync: each 4 KiB write returns once it is on the device;
	# a rough ceiling for one-fsync-per-commit write rates on this disk.
	secs=$(LC_ALL=C dd if=/dev/zero of="$WORK/dsync.probe" bs=4k count=1000 \
		oflag=dsync 2>&1 | sed -n 's/.* copied, \([0-9.e+-]*\) s.*/\1/p')
	rm -f "$WORK/dsync.probe"
	if [ -n "$secs" ]; then
		FSYNC_LINE=$(awk -v s="$secs" 'BEGIN { printf "%.0f synchronous 4 KiB writes/s (dd oflag=dsync, 1000 writes in %.3f s)", 1000 / s, s }')
	fi
fi

# --- background load: what else uses the CPUs before we start ---------------
# 3 s of /proc/stat with nothing of ours running. Other work on the machine
# (builds, test suites) competes with the server and wrk and lowers the
# numbers; the per-run "other processes" figure below shows it during runs.
# With BENCH_WAIT_QUIET=N, wait up to N seconds for it to drop under 10%.
background_pct() {
	local a b
	a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
	sleep 3
	b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
	awk -v a="$a" -v b="$b" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", 100 * (b - a) / hz / 3 }'
}
BG_PCT=$(background_pct)
waited=0
while [ "$BG_PCT" -gt 10 ] && [ "$waited" -lt "$WAIT_QUIET" ]; do
	log "machine ${BG_PCT}% busy with other work; waiting for quiet (${waited}/${WAIT_QUIET}s)"
	sleep 7
	waited=$((waited + 10))
	BG_PCT=$(background_pct)
done
if [ "$BG_PCT" -gt 10 ]; then
	log "warning: the machine is already ${BG_PCT}% busy (of one core) before the benchmark; numbers will be low"
fi

# --- server -----------------------------------------------------------------
URL="http://127.0.0.1:$PORT"
serve_args=(serve --db "$DB" --listen "127.0.0.1:$PORT")
[ -n "$SERVER_THREADS" ] && serve_args+=(--threads "$SERVER_THREADS")
log "starting liandong ${serve_args[*]}"
"$BIN" "${serve_args[@]}" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 100); do
	if ! kill -0 "$SERVER_PID" 2>/dev/null; then
		cat "$WORK/server.log" >&2
		echo "load.sh: server exited at start (port $PORT taken? set BENCH_PORT)" >&2
		exit 1
	fi
	curl -fsS --max-time 1 "$URL/api/v1/health" >/dev/null 2>&1 && break
	sleep 0.1
done
curl -fsS --max-time 2 "$URL/api/v1/health" >/dev/null

MEMLOG=""
mem_note() { # LABEL: the server's current and peak RSS, appended to MEMLOG
	MEMLOG+=$(awk -v l="$1" '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 }
		END { printf "  %-14s VmRSS %7d kB  VmHWM %7d kB\n", l, r, h }' "/proc/$SERVER_PID/status")
	MEMLOG+=$'\n'
}
mem_note "started"

LOGIN=$(curl -sS --max-time 5 -X POST -H 'Content-Type: application/json' \
	--data "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$URL/api/v1/login")
TOKEN=$(printf '%s' "$LOGIN" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
if [ -z "$TOKEN" ]; then
	echo "load.sh: login failed: $LOGIN" >&2
	exit 1
fi

mem_note "after login"  # argon2id password check: 64 MiB, transient

# Sanity: each benchmarked request answers as expected before it is loaded.
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
	-H "Authorization: Bearer $TOKEN" "$URL/api/v1/people?limit=20")
[ "$code" = 200 ] || { echo "load.sh: GET /people answered $code" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
	-H "Authorization: Bearer $TOKEN" "$URL/api/v1/volunteers/1")
[ "$code" = 200 ] || { echo "load.sh: GET /volunteers/1 answered $code" >&2; exit 1; }

# A person without an ID number; its id brackets the rows the create run adds.
probe_person() {
	curl -sS --max-time 5 -X POST -H 'Content-Type: application/json' \
		-H "Authorization: Bearer $TOKEN" --data '{"name":"bench-probe"}' \
		"$URL/api/v1/people" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p'
}

# --- wrk runs ---------------------------------------------------------------
# CPU accounting around each run, to see whether anything else competed for
# the cores: machine busy ticks (user+nice+system, /proc/stat), steal ticks,
# the server's ticks and the ticks of this shell's waited-for children (wrk).
HZ=$(getconf CLK_TCK)
cpu_snap() {
	awk '/^cpu / { printf "%d %d ", $2 + $3 + $4, $9 }' /proc/stat
	sed 's/^.*) //' "/proc/$SERVER_PID/stat" | awk '{ printf "%d ", $12 + $13 }'
	sed 's/^.*) //' "/proc/$$/stat" | awk '{ printf "%d ", $14 + $15 }'
	# kernel threads (parent kthreadd, pid 2): jbd2, kworkers, ksoftirqd
	cat /proc/[0-9]*/stat 2>/dev/null | awk '{ sub(/^.*\) /, "") }
		$2 == 2 { t += $12 + $13 } END { printf "%d ", t }'
	date +%s.%N
}
CPULOG=""
cpu_note() { # NAME "SNAP-BEFORE" "SNAP-AFTER": % of one core over the run
	CPULOG+=$(echo "$2 $3" | awk -v n="$1" -v hz="$HZ" '{
		# before: $1 busy $2 steal $3 server $4 children $5 kthreads $6 time
		wall = $12 - $6; if (wall <= 0) wall = 1
		srv = $9 - $3; wrk = $10 - $4; kt = $11 - $5
		other = ($7 - $1) - srv - wrk - kt
		if (other < 0) other = 0
		f = 100 / hz / wall
		printf "  %-7s server %4.0f%%  wrk %4.0f%%  kernel threads %4.0f%%  other processes %4.0f%%  steal %3.0f%%",
			n, srv * f, wrk * f, kt * f, other * f, ($8 - $2) * f }')
	CPULOG+=$'\n'
}

run_wrk() { # NAME SCRIPT PATH
	local name=$1 script=$2 path=$3 snap0
	log "wrk $name: $path (${DUR}s, -t$THREADS -c$CONNS)"
	snap0=$(cpu_snap)
	timeout $((DUR + 60)) wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" --timeout 5s \
		--latency -s "$script" "$URL$path" -- "$TOKEN" "$THREADS" \
		>"$WORK/wrk-$name.txt" 2>&1 || {
		cat "$WORK/wrk-$name.txt" >&2
		echo "load.sh: wrk $name failed" >&2
		exit 1
	}
	cpu_note "$name" "$snap0" "$(cpu_snap)"
}

run_wrk list "$BENCH/list.lua" "/api/v1/people?limit=20"
mem_note "after list"
run_wrk single "$BENCH/list.lua" "/api/v1/volunteers/1"
mem_note "after single"
before=$(probe_person)
run_wrk create "$BENCH/create.lua" "/api/v1/people"
after=$(probe_person)
mem_note "after create"
INSERTED="unknown"
if [ -n "$before" ] && [ -n "$after" ]; then
	INSERTED=$((after - before - 1))
fi

# --- server memory, shutdown ------------------------------------------------
HWM=$(awk '/^VmHWM:/ { print $2, $3 }' "/proc/$SERVER_PID/status")
RSS=$(awk '/^VmRSS:/ { print $2, $3 }' "/proc/$SERVER_PID/status")
t0=$(date +%s.%N)
stop_server
t1=$(date +%s.%N)
STOP_SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')

# --- summary ----------------------------------------------------------------
rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
pct() { awk -v p="$2" '$1 == p { print $2 }' "$1"; } # FILE 50%|99%
total() { awk '/ requests in / { print $1 }' "$1"; }
non2xx() { awk '/Non-2xx or 3xx responses:/ { n = $NF } END { print n + 0 }' "$1"; }
sockerr() { awk '/Socket errors:/ { sub(/^ *Socket errors: */, ""); s = $0 } END { print (s == "" ? "none" : s) }' "$1"; }
non201() { awk '/^non-201 responses:/ { n = $3 } END { print (n == "" ? "missing" : n) }' "$1"; }

FAIL=0
SUMMARY=$(
	printf '%-36s %12s %10s %10s %10s %8s  %s\n' benchmark requests/s p50 p99 requests bad "socket errors"
	for run in list single create; do
		f="$WORK/wrk-$run.txt"
		case $run in
		list) label="list   GET  /api/v1/people?limit=20"; bad=$(non2xx "$f") ;;
		single) label="single GET  /api/v1/volunteers/1"; bad=$(non2xx "$f") ;;
		create) label="create POST /api/v1/people"; bad=$(non201 "$f") ;;
		esac
		printf '%-36s %12s %10s %10s %10s %8s  %s\n' "$label" "$(rps "$f")" \
			"$(pct "$f" 50%)" "$(pct "$f" 99%)" \
			"$(total "$f")" "$bad" "$(sockerr "$f")"
	done
)
for run in list single; do
	[ "$(non2xx "$WORK/wrk-$run.txt")" = 0 ] || FAIL=1
done
[ "$(non201 "$WORK/wrk-create.txt")" = 0 ] || FAIL=1

# --- machine ----------------------------------------------------------------
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(sed -n 's/^PRETTY_NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' /etc/os-release 2>/dev/null || true)
[ -r /etc/debian_version ] && os="$os ($(cat /etc/debian_version))"
cc_line=$(awk -F= '/^CMAKE_C_COMPILER:/ { print $2 }' "$ROOT/build/CMakeCache.txt" 2>/dev/null || true)
cc_ver=$("${cc_line:-cc}" --version 2>/dev/null | head -n 1 || echo unknown)
cflags=$(awk -F= '/^CMAKE_C_FLAGS_RELWITHDEBINFO:/ { print $2 }' "$ROOT/build/CMakeCache.txt" 2>/dev/null || true)
btype=$(awk -F= '/^CMAKE_BUILD_TYPE:/ { print $2 }' "$ROOT/build/CMakeCache.txt" 2>/dev/null || true)
pkgv() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo "?"; }
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(git -C "$ROOT" status --porcelain -- src CMakeLists.txt Makefile 2>/dev/null | wc -l)
fstype=$(findmnt -n -o FSTYPE -T "$WORK" 2>/dev/null || stat -f -c %T "$WORK" 2>/dev/null || echo "?")

MACHINE=$(
	echo "date:        $(date -Iseconds)"
	echo "commit:      $commit ($dirty uncommitted changes under src/, CMakeLists.txt, Makefile)"
	echo "machine:     $(nproc) CPUs, $cpu, $mem RAM, kernel $(uname -r)"
	echo "os:          $os"
	echo "compiler:    $cc_ver; build type $btype, flags $cflags"
	echo "libraries:   libmicrohttpd $(pkgv libmicrohttpd12), sqlite $(pkgv libsqlite3-0), jansson $(pkgv libjansson4), wrk $(pkgv wrk)"
	echo "database:    $DB on $fstype; $DEMO_SUMMARY"
	echo "disk:        $FSYNC_LINE"
	echo "background:  ${BG_PCT}% of one core busy with other work in the 3 s before the runs$(load=$(cut -d' ' -f1-3 /proc/loadavg); echo "; load average now $load")"
	echo "load:        wrk -t$THREADS -c$CONNS -d${DUR}s --latency --timeout 5s, loopback"
	echo "server:      liandong ${serve_args[*]}"
)

REPORT=$(
	echo "$SUMMARY"
	echo
	echo "create: rows inserted by the server during the run: $INSERTED (wrk counts only answers received before it stopped)"
	echo "cpu during each run, % of one core ($(nproc) cores = $(($(nproc) * 100))%):"
	printf '%s' "$CPULOG"
	echo "server memory: VmHWM $HWM (peak RSS), VmRSS $RSS at the end; by phase:"
	printf '%s' "$MEMLOG"
	echo "server stop: SIGTERM -> exit status $SERVER_RC in ${STOP_SECS}s$([ "$SERVER_KILLED" = 1 ] && echo ' (needed SIGKILL)')"
)

mkdir -p "$BENCH/results"
out="$BENCH/results/$(date +%Y-%m-%d)-load.txt"
n=2
while [ -e "$out" ]; do
	out="$BENCH/results/$(date +%Y-%m-%d)-load-$n.txt"
	n=$((n + 1))
done
{
	echo "# bench/load.sh"
	echo "$MACHINE"
	echo
	echo "$REPORT"
	for run in list single create; do
		echo
		echo "## wrk $run"
		cat "$WORK/wrk-$run.txt"
	done
	echo
	echo "## server log"
	cat "$WORK/server.log"
} >"$out"

echo "$MACHINE"
echo
echo "$REPORT"
echo
echo "raw wrk output: ${out#"$ROOT"/}"
if [ "$FAIL" != 0 ]; then
	echo "load.sh: FAILED: some answers were not the expected status (see 'bad' column and $out)" >&2
	exit 1
fi
