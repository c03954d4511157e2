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
#        create  POST /api/v1/people            (bench/create.lua: a new valid
#                ID number per request; every answer must be 201)
#   4. reads the servers' RSS (VmRSS, VmHWM), stops everything it started,
#      counts the rows the create run inserted, prints a summary table and
#      writes it with the raw wrk outputs, the logs and the machine
#      description to bench/results/<date>-load.txt (only sqlite) or
#      <date>-load-matrix.txt (any other selection).
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

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
BIN="$ROOT/build/liandong"
PGCTL="$ROOT/scripts/pg-server.sh"

STORES=${BENCH_STORES:-sqlite pg pg+nginx}
DUR=${BENCH_SECONDS:-10}
THREADS=${BENCH_THREADS:-2}
CONNS=${BENCH_CONNECTIONS:-32}
VOLS=${BENCH_VOLUNTEERS:-50}
PORT=${BENCH_PORT:-$((20000 + RANDOM % 20000))}
SERVER_THREADS=${BENCH_SERVER_THREADS:-}
NGINX_WORKERS=${BENCH_NGINX_WORKERS:-auto}
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
if [ "$NGINX_WORKERS" != auto ] && [[ $NGINX_WORKERS == '' || $NGINX_WORKERS == *[!0-9]* ]]; then
	echo "load.sh: BENCH_NGINX_WORKERS must be auto or an integer" >&2
	exit 2
fi
read -r -a STORE_LIST <<<"$STORES"
[ "${#STORE_LIST[@]}" -gt 0 ] || { echo "load.sh: BENCH_STORES is empty" >&2; exit 2; }
NEED_PG=0
NEED_NGINX=0
for s in "${STORE_LIST[@]}"; do
	case $s in
	sqlite) ;;
	pg) NEED_PG=1 ;;
	pg+nginx) NEED_PG=1; NEED_NGINX=1 ;;
	*) echo "load.sh: unknown store '$s' in BENCH_STORES (sqlite, pg, pg+nginx)" >&2; exit 2 ;;
	esac
done
if [ $((PORT + 10 * ${#STORE_LIST[@]})) -gt 65535 ] || [ "$PORT" -lt 1024 ]; then
	echo "load.sh: BENCH_PORT $PORT out of range" >&2
	exit 2
fi

log() { printf '== %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
fi
apt_install() { # PACKAGE...
	log "installing $*"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" ||
		{ $SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"; }
}
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v curl >/dev/null 2>&1 || apt_install curl
if [ "$NEED_PG" = 1 ]; then
	compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || apt_install postgresql-15
	command -v psql >/dev/null 2>&1 || apt_install postgresql-client-15
fi
NGINX=""
if [ "$NEED_NGINX" = 1 ]; then
	# Debian's package would start its default site on port 80 where services
	# may start; the benchmark never uses it, only its own nginx -c CONF.
	[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || apt_install nginx
	NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
fi

# --- temp dir, cleanup ------------------------------------------------------
WORK=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/liandong-bench.XXXXXX")
# PostgreSQL runs as user postgres (when we are root) and nginx's workers as
# www-data: both must get through the temp dir to their own subdirectories.
chmod 711 "$WORK"
SERVER_PIDS=() # running `liandong serve` processes
NGINX_PID=""   # running nginx master
PG_DIR=""      # running PostgreSQL cluster
PG_URI=""      # its database `postgres`
STOPLOG=""     # how each server and nginx stopped
WRK_PID=""     # running wrk (under timeout)

stop_pids() { # LABEL PID...: SIGTERM all, up to 10 s for them to exit, then SIGKILL
	local label=$1 pid rc t0 t1
	shift
	[ $# -gt 0 ] || return 0
	t0=$(date +%s.%N)
	for pid in "$@"; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for _ in $(seq 1 100); do
		local alive=0
		for pid in "$@"; do
			kill -0 "$pid" 2>/dev/null && alive=1
		done
		[ "$alive" = 0 ] && break
		sleep 0.1
	done
	for pid in "$@"; do
		local killed=""
		if kill -0 "$pid" 2>/dev/null; then
			echo "load.sh: $label $pid ignored SIGTERM for 10 s; SIGKILL" >&2
			kill -KILL "$pid" 2>/dev/null || true
			killed=" (needed SIGKILL)"
		fi
		rc=0
		wait "$pid" 2>/dev/null || rc=$?
		t1=$(date +%s.%N)
		STOPLOG+=$(awk -v l="$label" -v p="$pid" -v r="$rc" -v k="$killed" -v a="$t0" -v b="$t1" \
			'BEGIN { printf "  %-9s pid %-7s SIGTERM -> exit status %s in %.2fs%s", l, p, r, b - a, k }')
		STOPLOG+=$'\n'
	done
}
stop_nginx() {
	[ -n "$NGINX_PID" ] || return 0
	local p=$NGINX_PID
	NGINX_PID=""
	stop_pids nginx "$p"
}
stop_servers() {
	[ "${#SERVER_PIDS[@]}" -gt 0 ] || return 0
	local p=("${SERVER_PIDS[@]}")
	SERVER_PIDS=()
	stop_pids liandong "${p[@]}"
}
stop_pg() {
	[ -n "$PG_DIR" ] || return 0
	"$PGCTL" stop "$PG_DIR" || true
	PG_DIR=""
}

cleanup() {
	local rc=$?
	if [ -n "$WRK_PID" ]; then # timeout passes SIGTERM on to wrk
		kill -TERM "$WRK_PID" 2>/dev/null || true
		wait "$WRK_PID" 2>/dev/null || true
	fi
	stop_nginx
	stop_servers
	stop_pg
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

# --- background load: what else uses the CPUs before a store's runs ---------
# 3 s of /proc/stat with nothing of ours busy. Other work on the machine
# (builds, test suites) competes with the server and wrk and lowers the
# numbers; the per-run "other processes" figure below shows it during runs.
# With BENCH_WAIT_QUIET=N, wait up to N seconds (once, before the first
# store) for it to drop under 10%.
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

# --- PostgreSQL ---------------------------------------------------------------
start_pg() { # once, for every PostgreSQL store
	[ -n "$PG_DIR" ] && return 0
	local port=$((PORT + 9))
	PG_DIR="$WORK/postgresql"
	log "starting PostgreSQL: scripts/pg-server.sh start $PG_DIR $port"
	if ! PG_URI=$("$PGCTL" start "$PG_DIR" "$port"); then
		cat "$PG_DIR"/*.log >&2 2>/dev/null || true
		echo "load.sh: cannot start PostgreSQL" >&2
		exit 1
	fi
}
PG_VERSION=""

# --- CPU accounting ---------------------------------------------------------
# Around each run, to see who used the cores: machine busy ticks
# (user+nice+system, /proc/stat), steal ticks, the ticks of this shell's
# waited-for children (wrk, under timeout), each server's ticks, PostgreSQL's
# (the postmaster and its children: backends, checkpointer, WAL writer, ...),
# nginx's (master and workers) and kernel threads' (parent kthreadd, pid 2:
# jbd2, kworkers, ksoftirqd). A PostgreSQL backend that exits during a run
# takes its ticks with it; the liandong servers keep theirs open.
HZ=$(getconf CLK_TCK)
cpu_snap() {
	local pm=""
	[ -n "$PG_DIR" ] && pm=$(head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true)
	awk '/^cpu / { printf "%d %d ", $2 + $3 + $4, $9 }' /proc/stat
	sed 's/^.*) //' "/proc/$$/stat" | awk '{ printf "%d ", $14 + $15 }'
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v s1="${SERVER_PIDS[0]:-}" -v s2="${SERVER_PIDS[1]:-}" \
		-v pm="$pm" -v ng="$NGINX_PID" '{
		pid = $1; sub(/^.*\) /, ""); t = $12 + $13
		if ($2 == 2) kt += t
		if (s1 != "" && pid == s1) a += t
		if (s2 != "" && pid == s2) b += t
		if (pm != "" && (pid == pm || $2 == pm)) pg += t
		if (ng != "" && (pid == ng || $2 == ng)) nx += t
	} END { printf "%d %d %d %d %d ", a, b, pg, nx, kt }'
	date +%s.%N
}
cpu_note() { # NAME "SNAP-BEFORE" "SNAP-AFTER": % of one core over the run
	# each snap: $1 busy $2 steal $3 children(wrk) $4 server1 $5 server2
	#            $6 postgres $7 nginx $8 kthreads $9 time
	CPULOG+=$(echo "$2 $3" | awk -v n="$1" -v hz="$HZ" -v ns="${#SERVER_PIDS[@]}" \
		-v pg="$([ -n "$PG_DIR" ] && echo 1)" -v ng="$([ -n "$NGINX_PID" ] && echo 1)" '{
		wall = $18 - $9; if (wall <= 0) wall = 1
		f = 100 / hz / wall
		wrk = $12 - $3; s1 = $13 - $4; s2 = $14 - $5; p = $15 - $6; x = $16 - $7; kt = $17 - $8
		other = ($10 - $1) - wrk - s1 - s2 - p - x - kt
		if (other < 0) other = 0
		if (ns > 1)
			printf "  %-7s servers %4.0f%% (%.0f%% + %.0f%%)", n, (s1 + s2) * f, s1 * f, s2 * f
		else
			printf "  %-7s server %4.0f%%", n, s1 * f
		if (pg) printf "  postgres %4.0f%%", p * f
		if (ng) printf "  nginx %4.0f%%", x * f
		printf "  wrk %4.0f%%  kernel threads %3.0f%%  other processes %3.0f%%  steal %3.0f%%",
			wrk * f, kt * f, other * f, ($11 - $2) * f }')
	CPULOG+=$'\n'
}

mem_note() { # LABEL: each server's current and peak RSS, appended to MEMLOG
	local i=0 pid
	for pid in "${SERVER_PIDS[@]}"; do
		i=$((i + 1))
		MEMLOG+=$(awk -v l="$1" -v s="$([ "${#SERVER_PIDS[@]}" -gt 1 ] && echo " [server $i]")" \
			'/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 }
			END { printf "  %-14s VmRSS %7d kB  VmHWM %7d kB%s\n", l, r, h, s }' "/proc/$pid/status")
		MEMLOG+=$'\n'
	done
}

wait_health() { # URL PID-or-empty LOGFILE WHAT
	for _ in $(seq 1 100); do
		if [ -n "$2" ] && ! kill -0 "$2" 2>/dev/null; then
			cat "$3" >&2
			echo "load.sh: $4 exited at start (port taken? set BENCH_PORT)" >&2
			exit 1
		fi
		curl -fsS --max-time 1 "$1/api/v1/health" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	curl -fsS --max-time 2 "$1/api/v1/health" >/dev/null
}

start_nginx() { # DIR LISTEN-PORT UPSTREAM-PORT...
	local dir=$1 port=$2 p user=""
	shift 2
	mkdir -p "$dir/tmp"
	[ "$(id -u)" -eq 0 ] && user="user www-data;"
	{
		cat <<-EOF
			# generated by bench/load.sh
			daemon off;
			$user
			worker_processes $NGINX_WORKERS;
			pid $dir/nginx.pid;
			error_log $dir/nginx-error.log warn;
			events { worker_connections 1024; }
			http {
			    access_log off;
			    client_body_temp_path $dir/tmp/body;
			    proxy_temp_path $dir/tmp/proxy;
			    fastcgi_temp_path $dir/tmp/fastcgi;
			    uwsgi_temp_path $dir/tmp/uwsgi;
			    scgi_temp_path $dir/tmp/scgi;
			    upstream liandong {
		EOF
		for p in "$@"; do
			echo "        server 127.0.0.1:$p;"
		done
		cat <<-EOF
			        keepalive 64;
			    }
			    server {
			        listen 127.0.0.1:$port;
			        location / {
			            proxy_pass http://liandong;
			            proxy_http_version 1.1;
			            proxy_set_header Connection "";
			            proxy_set_header Host \$host;
			        }
			    }
			}
		EOF
	} >"$dir/nginx.conf"
	"$NGINX" -t -q -c "$dir/nginx.conf" -p "$dir" -e "$dir/nginx-error.log" >"$dir/nginx-test.log" 2>&1 || {
		cat "$dir/nginx-test.log" "$dir/nginx.conf" >&2
		echo "load.sh: nginx rejects the generated config" >&2
		exit 1
	}
	log "starting nginx -c $dir/nginx.conf on 127.0.0.1:$port -> $*"
	"$NGINX" -c "$dir/nginx.conf" -p "$dir" -e "$dir/nginx-error.log" >"$dir/nginx.out" 2>&1 &
	NGINX_PID=$!
}

# wrk output parsing
rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
pct() { awk -v p="$2" '$1 == p { print $2 }' "$1"; } # FILE 50%|99%
total() { awk '/ requests in / { print $1 }' "$1"; }
non2xx() { awk '/Non-2xx or 3xx responses:/ { n = $NF } END { print n + 0 }' "$1"; }
sockerr() { awk '/Socket errors:/ { sub(/^ *Socket errors: */, ""); s = $0 } END { print (s == "" ? "none" : s) }' "$1"; }
non201() { awk '/^non-201 responses:/ { n = $3 } END { print (n == "" ? "missing" : n) }' "$1"; }

FAIL=0
SUMMARY=$(printf '%-9s %-36s %12s %10s %10s %10s %8s  %s' store benchmark requests/s p50 p99 requests bad "socket errors")
DETAILS=""
SERVER_LINES=""

run_wrk() { # NAME SCRIPT PATH; uses bench_store's store, dir, url, token
	local name=$1 script=$2 path=$3 snap0
	log "[$store] wrk $name: $path (${DUR}s, -t$THREADS -c$CONNS)"
	snap0=$(cpu_snap)
	# In the background and waited for, so that a signal reaches the trap
	# at once rather than after the run.
	timeout $((DUR + 60)) wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" --timeout 5s \
		--latency -s "$script" "$url$path" -- "$token" "$THREADS" \
		>"$dir/wrk-$name.txt" 2>&1 &
	WRK_PID=$!
	local rc=0
	wait "$WRK_PID" || rc=$?
	WRK_PID=""
	if [ "$rc" != 0 ]; then
		cat "$dir/wrk-$name.txt" >&2
		echo "load.sh: [$store] wrk $name failed (exit status $rc)" >&2
		exit 1
	fi
	cpu_note "$name" "$snap0" "$(cpu_snap)"
}

# --- one store: database, server(s), three wrk runs, shutdown ----------------
bench_store() { # STORE INDEX
	local store=$1 idx=$2 dir db nserv=1 base url i p pid
	local key_args=() ports=() serve_args=()
	dir="$WORK/${store/+/-}"
	mkdir -p "$dir"
	chmod 711 "$dir"
	base=$((PORT + 10 * idx))
	CPULOG=""
	MEMLOG=""
	STOPLOG=""

	# database
	case $store in
	sqlite)
		db="$dir/bench.db"
		;;
	pg | pg+nginx)
		start_pg
		psql -q -X -v ON_ERROR_STOP=1 "$PG_URI" -c 'DROP DATABASE IF EXISTS bench' \
			-c 'CREATE DATABASE bench' >/dev/null
		db=${PG_URI/\/postgres\?//bench?}
		key_args=(--key-file "$dir/liandong.key")
		PG_VERSION=$(psql -X -A -t "$PG_URI" -c 'SHOW server_version' 2>/dev/null || echo "?")
		;;
	esac
	[ "$store" = pg+nginx ] && nserv=2
	log "[$store] database $db"
	"$BIN" init --db "$db" "${key_args[@]}" >/dev/null
	echo "$PASSWORD" | "$BIN" user add --db "$db" "${key_args[@]}" --username admin \
		--role platform_admin --password-stdin >/dev/null
	"$BIN" demo --db "$db" "${key_args[@]}" --volunteers "$VOLS" >"$dir/demo.log"
	DEMO_SUMMARY=$(cat "$dir/demo.log")
	local pg_settings=""
	if [ "$store" != sqlite ]; then
		pg_settings=$(psql -X -A -t -F= "$db" -c "SELECT name, current_setting(name) FROM pg_settings WHERE name IN
			('fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'max_connections') ORDER BY name" | tr '\n' ' ')
	fi

	local bg
	bg=$(background_pct)
	[ "$bg" -gt 10 ] && log "warning: the machine is already ${bg}% busy (of one core) before the [$store] runs; numbers will be low"

	# server(s)
	for i in $(seq 1 "$nserv"); do
		p=$((base + i - 1))
		ports+=("$p")
		serve_args=(serve --db "$db" "${key_args[@]}" --listen "127.0.0.1:$p")
		[ -n "$SERVER_THREADS" ] && serve_args+=(--threads "$SERVER_THREADS")
		log "[$store] starting liandong ${serve_args[*]}"
		"$BIN" "${serve_args[@]}" >"$dir/server-$i.log" 2>&1 &
		pid=$!
		SERVER_PIDS+=("$pid")
		wait_health "http://127.0.0.1:$p" "$pid" "$dir/server-$i.log" "server $i"
	done
	url="http://127.0.0.1:${ports[0]}"
	if [ "$store" = pg+nginx ]; then
		start_nginx "$dir" $((base + 5)) "${ports[@]}"
		url="http://127.0.0.1:$((base + 5))"
		wait_health "$url" "$NGINX_PID" "$dir/nginx-error.log" nginx
	fi
	mem_note "started"

	local login token code
	login=$(curl -sS --max-time 5 -X POST -H 'Content-Type: application/json' \
		--data "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$url/api/v1/login")
	token=$(printf '%s' "$login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
	if [ -z "$token" ]; then
		echo "load.sh: [$store] login failed: $login" >&2
		exit 1
	fi
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
			[ "$code" = 200 ] || { echo "load.sh: [$store] GET $u$path answered $code" >&2; exit 1; }
		done
	done

	# wrk runs
	run_wrk list "$BENCH/list.lua" "/api/v1/people?limit=20"
	mem_note "after list"
	run_wrk single "$BENCH/list.lua" "/api/v1/volunteers/1"
	mem_note "after single"
	run_wrk create "$BENCH/create.lua" "/api/v1/people"
	mem_note "after create"

	# shutdown: nginx first, then the servers (at the same time)
	local nginx_ran=0
	[ -n "$NGINX_PID" ] && nginx_ran=1
	stop_nginx
	stop_servers

	# rows the create run inserted: every created person is named 压测
	local inserted="unknown" q="SELECT count(*) FROM people WHERE name = '压测'"
	if [ "$store" = sqlite ]; then
		command -v sqlite3 >/dev/null 2>&1 && inserted=$(sqlite3 "$db" "$q" 2>/dev/null || echo unknown)
	else
		inserted=$(psql -X -A -t "$db" -c "$q" 2>/dev/null || echo unknown)
	fi
	local f answered
	f="$dir/wrk-create.txt"
	answered=$(($(total "$f") - $(non201 "$f" | sed 's/missing/0/')))

	# summary rows
	local run label bad
	for run in list single create; do
		f="$dir/wrk-$run.txt"
		case $run in
		list) label="list   GET  /api/v1/people?limit=20"; bad=$(non2xx "$f") ;;
		single) label="single GET  /api/v1/volunteers/1"; bad=$(non2xx "$f") ;;
		create) label="create POST /api/v1/people"; bad=$(non201 "$f") ;;
		esac
		[ "$bad" = 0 ] || FAIL=1
		SUMMARY+=$'\n'$(printf '%-9s %-36s %12s %10s %10s %10s %8s  %s' "$store" "$label" "$(rps "$f")" \
			"$(pct "$f" 50%)" "$(pct "$f" 99%)" "$(total "$f")" "$bad" "$(sockerr "$f")")
	done

	local errlines=0
	errlines=$(cat "$dir"/server-*.log | grep -c . || true)
	SERVER_LINES+="$store: liandong ${serve_args[*]}"
	[ "$nserv" -gt 1 ] && SERVER_LINES+=" (x$nserv: ports ${ports[*]}; nginx $NGINX_WORKERS workers on $((base + 5)), upstream keepalive 64)"
	SERVER_LINES+=$'\n'
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
		echo "load.sh: [$store] inserted $inserted rows but wrk counted $answered 201s" >&2
		FAIL=1
	fi
}

i=0
for s in "${STORE_LIST[@]}"; do
	bench_store "$s" "$i"
	i=$((i + 1))
done
PG_LOG_ERRORS=""
if [ -n "$PG_DIR" ]; then
	PG_LOG_ERRORS=$(grep -E 'ERROR|FATAL|PANIC|WARNING' "$PG_DIR/server.log" || true)
	cp "$PG_DIR/server.log" "$WORK/pg-server.log"
	stop_pg
fi

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
	echo "libraries:   libmicrohttpd $(pkgv libmicrohttpd12), sqlite $(pkgv libsqlite3-0), libpq $(pkgv libpq5), jansson $(pkgv libjansson4), wrk $(pkgv wrk)$([ "$NEED_NGINX" = 1 ] && echo ", nginx $(pkgv nginx)")$([ "$NEED_PG" = 1 ] && echo ", postgresql $(pkgv postgresql-15)")"
	echo "stores:      ${STORE_LIST[*]}; databases in $WORK on $fstype"
	echo "disk:        $FSYNC_LINE"
	echo "background:  ${BG_PCT}% of one core busy with other work before the first store$(load=$(cut -d' ' -f1-3 /proc/loadavg); echo "; load average now $load")"
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

mkdir -p "$BENCH/results"
name=load
[ "${STORE_LIST[*]}" = sqlite ] || name="load-matrix"
out="$BENCH/results/$(date +%Y-%m-%d)-$name.txt"
n=2
while [ -e "$out" ]; do
	out="$BENCH/results/$(date +%Y-%m-%d)-$name-$n.txt"
	n=$((n + 1))
done
{
	echo "# bench/load.sh (BENCH_STORES=\"${STORE_LIST[*]}\")"
	echo "$MACHINE"
	echo
	echo "$REPORT"
	for s in "${STORE_LIST[@]}"; do
		d="$WORK/${s/+/-}"
		for run in list single create; do
			echo
			echo "## [$s] wrk $run"
			cat "$d/wrk-$run.txt"
		done
		for f in "$d"/server-*.log; do
			echo
			echo "## [$s] $(basename "$f")"
			cat "$f"
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
	if [ -e "$WORK/pg-server.log" ]; then
		echo
		echo "## postgresql log"
		cat "$WORK/pg-server.log"
	fi
} >"$out"

echo "$MACHINE"
echo
echo "$REPORT"
echo
echo "raw output: ${out#"$ROOT"/}"
if [ "$FAIL" != 0 ]; then
	echo "load.sh: FAILED: some answers were not the expected status or the row count disagrees (see the 'bad' column and $out)" >&2
	exit 1
fi
