# shellcheck shell=bash
# Globals set here are read by the sourcing scripts; `token` and friends are
# the caller's locals (see below).
# shellcheck disable=SC2034,SC2154
# lib.sh - the machinery shared by the wrk benchmarks (bench/load.sh,
# bench/service.sh): sourced, never run. It sets nothing running by itself;
# each benchmark calls, in this order:
#
#   ME=name.sh; source bench/lib.sh
#   bench_settings "DEFAULT STORES"  common BENCH_* settings, validated
#   bench_tools                      wrk, curl (+ PostgreSQL, nginx, sqlite3)
#   bench_workdir                    temp dir; trap that stops everything
#   bench_build                      make -> build/liandong (or BENCH_BIN)
#   bench_fsync_probe                dd oflag=dsync rate of the temp dir's disk
#   bench_wait_quiet                 background CPU load (BENCH_WAIT_QUIET)
#   per store: store_open, servers_start, login, run_wrk ..., servers_stop
#   store_pg_finish; machine_desc; result_file
#
# Functions that work on "the current store" read the caller's variables
# `store`, `dir`, `db`, `key_args`, `url`, `token` (bash dynamic scope: the
# caller declares them local); store_open and servers_start set them.
# Everything listens on 127.0.0.1 or Unix sockets; every process started
# here is stopped by the EXIT trap (servers, nginx, PostgreSQL, the running
# wrk or bulk-load client).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
# BENCH_BIN: a liandong binary built elsewhere (another revision, for an
# A/B in one session); then nothing is built.
BIN="${BENCH_BIN:-$ROOT/build/liandong}"
PGCTL="$ROOT/scripts/pg-server.sh"
ME=${ME:-bench}

log() { printf '== %s\n' "$*" >&2; }
die() { # MESSAGE: print it and exit 1 (the trap cleans up)
	echo "$ME: $*" >&2
	exit 1
}
need_int() { # VAR...: each must be a non-negative integer, else exit 2
	local v
	for v in "$@"; do
		case ${!v} in
		'' | *[!0-9]*) echo "$ME: $v must be a positive integer (got '${!v}')" >&2; exit 2 ;;
		esac
	done
}

# --- settings shared by every benchmark --------------------------------------
# BENCH_STORES BENCH_SECONDS BENCH_THREADS BENCH_CONNECTIONS BENCH_PORT
# BENCH_SERVER_THREADS BENCH_NGINX_WORKERS BENCH_TMPDIR BENCH_KEEP
# BENCH_FSYNC_PROBE BENCH_WAIT_QUIET (see bench/load.sh's header).
bench_settings() { # DEFAULT-STORES
	STORES=${BENCH_STORES:-$1}
	DUR=${BENCH_SECONDS:-10}
	THREADS=${BENCH_THREADS:-2}
	CONNS=${BENCH_CONNECTIONS:-32}
	PORT=${BENCH_PORT:-$((20000 + RANDOM % 20000))}
	SERVER_THREADS=${BENCH_SERVER_THREADS:-}
	NGINX_WORKERS=${BENCH_NGINX_WORKERS:-auto}
	KEEP=${BENCH_KEEP:-0}
	FSYNC_PROBE=${BENCH_FSYNC_PROBE:-1}
	WAIT_QUIET=${BENCH_WAIT_QUIET:-0}
	PASSWORD="bench-$(date +%s)-$$"
	need_int DUR THREADS CONNS PORT WAIT_QUIET
	if [ "$DUR" -lt 1 ] || [ "$THREADS" -lt 1 ] || [ "$CONNS" -lt "$THREADS" ]; then
		echo "$ME: need BENCH_SECONDS >= 1, BENCH_THREADS >= 1, BENCH_CONNECTIONS >= BENCH_THREADS" >&2
		exit 2
	fi
	if [ -n "$SERVER_THREADS" ] && [[ $SERVER_THREADS == *[!0-9]* ]]; then
		echo "$ME: BENCH_SERVER_THREADS must be an integer" >&2
		exit 2
	fi
	if [ "$NGINX_WORKERS" != auto ] && [[ $NGINX_WORKERS == '' || $NGINX_WORKERS == *[!0-9]* ]]; then
		echo "$ME: BENCH_NGINX_WORKERS must be auto or an integer" >&2
		exit 2
	fi
	read -r -a STORE_LIST <<<"$STORES"
	[ "${#STORE_LIST[@]}" -gt 0 ] || { echo "$ME: BENCH_STORES is empty" >&2; exit 2; }
	NEED_PG=0
	NEED_NGINX=0
	local s
	for s in "${STORE_LIST[@]}"; do
		case $s in
		sqlite) ;;
		pg) NEED_PG=1 ;;
		pg+nginx) NEED_PG=1; NEED_NGINX=1 ;;
		*) echo "$ME: unknown store '$s' in BENCH_STORES (sqlite, pg, pg+nginx)" >&2; exit 2 ;;
		esac
	done
	if [ $((PORT + 10 * ${#STORE_LIST[@]})) -gt 65535 ] || [ "$PORT" -lt 1024 ]; then
		echo "$ME: BENCH_PORT $PORT out of range" >&2
		exit 2
	fi
}

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
bench_tools() { # install what is missing (Debian packages); NEED_SQLITE3=1: also sqlite3
	command -v wrk >/dev/null 2>&1 || apt_install wrk
	command -v curl >/dev/null 2>&1 || apt_install curl
	if [ "${NEED_SQLITE3:-0}" = 1 ]; then
		command -v sqlite3 >/dev/null 2>&1 || apt_install sqlite3
	fi
	if [ "$NEED_PG" = 1 ]; then
		compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || apt_install postgresql-15
		command -v psql >/dev/null 2>&1 || apt_install postgresql-client-15
	fi
	if [ "${BENCH_FLAME:-0}" = 1 ]; then
		command -v perf >/dev/null 2>&1 || apt_install linux-perf
		command -v python3 >/dev/null 2>&1 || apt_install python3
	fi
	NGINX=""
	if [ "$NEED_NGINX" = 1 ]; then
		# Debian's package would start its default site on port 80 where services
		# may start; the benchmark never uses it, only its own nginx -c CONF.
		[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || apt_install nginx
		NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
	fi
}

# --- temp dir, cleanup ------------------------------------------------------
SERVER_PIDS=() # running `liandong serve` processes
NGINX_PID=""   # running nginx master
PG_DIR=""      # running PostgreSQL cluster
PG_URI=""      # its database `postgres`
PG_VERSION=""
STOPLOG=""     # how each server and nginx stopped
CHILD_PID=""   # running wrk (under timeout) or bulk-load client

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
			echo "$ME: $label $pid ignored SIGTERM for 10 s; SIGKILL" >&2
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

bench_cleanup() {
	local rc=$?
	if [ -n "$CHILD_PID" ]; then # timeout passes SIGTERM on to wrk
		kill -TERM "$CHILD_PID" 2>/dev/null || true
		wait "$CHILD_PID" 2>/dev/null || true
	fi
	stop_nginx
	stop_servers
	[ -n "${BARE_PID:-}" ] && kill -TERM "$BARE_PID" 2>/dev/null || true
	stop_pg
	if [ "$KEEP" = 1 ]; then
		echo "$ME: kept $WORK" >&2
	else
		rm -rf "$WORK"
	fi
	exit "$rc"
}
bench_workdir() {
	WORK=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/liandong-bench.XXXXXX")
	# PostgreSQL runs as user postgres (when we are root) and nginx's workers as
	# www-data: both must get through the temp dir to their own subdirectories.
	chmod 711 "$WORK"
	# kept for a look afterwards: the accounts' password with the databases
	[ "$KEEP" = 1 ] && (umask 077 && printf '%s\n' "$PASSWORD" >"$WORK/password")
	trap bench_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

# run_child CMD...: run a command in the background and wait for it, so that
# a signal reaches the trap at once (and the trap stops the command) rather
# than after it ends. Returns its exit status.
run_child() {
	"$@" &
	CHILD_PID=$!
	local rc=0
	wait "$CHILD_PID" || rc=$?
	CHILD_PID=""
	return "$rc"
}

# --- build ------------------------------------------------------------------
bench_build() {
	if [ -n "${BENCH_BIN:-}" ]; then
		[ -x "$BIN" ] || die "BENCH_BIN=$BIN is not an executable"
		log "using $BIN (BENCH_BIN; not built here)"
		return 0
	fi
	log "building $BIN (make -C $ROOT)"
	if ! make -C "$ROOT" >"$WORK/build.log" 2>&1; then
		cat "$WORK/build.log" >&2
		die "build failed"
	fi
}

# --- disk probe: synchronous 4 KiB writes per second --------------------------
bench_fsync_probe() {
	FSYNC_LINE="not measured"
	FSYNC_RATE=""
	[ "$FSYNC_PROBE" = 1 ] || return 0
	# dd with oflag=dsync: each 4 KiB write returns once it is on the device;
	# a rough ceiling for one-fsync-per-commit write rates on this disk.
	local secs
	secs=$(LC_ALL=C dd if=/dev/zero of="$WORK/dsync.probe" bs=4k count=1000 \
		oflag=dsync 2>&1 | sed -n 's/.* copied, \([0-9.e+-]*\) s.*/\1/p')
	rm -f "$WORK/dsync.probe"
	if [ -n "$secs" ]; then
		FSYNC_RATE=$(awk -v s="$secs" 'BEGIN { printf "%.0f", 1000 / s }')
		FSYNC_LINE=$(awk -v s="$secs" 'BEGIN { printf "%.0f synchronous 4 KiB writes/s (dd oflag=dsync, 1000 writes in %.3f s)", 1000 / s, s }')
	fi
}

# --- background load: what else uses the CPUs before a store's runs ---------
# 3 s of /proc/stat with nothing of ours busy. Other work on the machine
# (builds, test suites) competes with the server and wrk and lowers the
# numbers; the per-run "other processes" figure shows it during runs.
# With BENCH_WAIT_QUIET=N, wait up to N seconds (once, before the first
# store) for it to drop under 10%.
background_pct() {
	local a b
	a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
	sleep 3
	b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
	awk -v a="$a" -v b="$b" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", 100 * (b - a) / hz / 3 }'
}
bench_wait_quiet() {
	local waited=0
	BG_PCT=$(background_pct)
	while [ "$BG_PCT" -gt 10 ] && [ "$waited" -lt "$WAIT_QUIET" ]; do
		log "machine ${BG_PCT}% busy with other work; waiting for quiet (${waited}/${WAIT_QUIET}s)"
		sleep 7
		waited=$((waited + 10))
		BG_PCT=$(background_pct)
	done
}

# --- PostgreSQL ---------------------------------------------------------------
start_pg() { # once, for every PostgreSQL store
	[ -n "$PG_DIR" ] && return 0
	local port=$((PORT + 9))
	PG_DIR="$WORK/postgresql"
	log "starting PostgreSQL: scripts/pg-server.sh start $PG_DIR $port"
	if ! PG_URI=$("$PGCTL" start "$PG_DIR" "$port"); then
		cat "$PG_DIR"/*.log >&2 2>/dev/null || true
		die "cannot start PostgreSQL"
	fi
}
# After the last store: the log's ERROR/FATAL/PANIC/WARNING lines into
# PG_LOG_ERRORS, the log kept as $WORK/pg-server.log, the cluster stopped.
store_pg_finish() {
	PG_LOG_ERRORS=""
	[ -n "$PG_DIR" ] || return 0
	PG_LOG_ERRORS=$(grep -E 'ERROR|FATAL|PANIC|WARNING' "$PG_DIR/server.log" || true)
	cp "$PG_DIR/server.log" "$WORK/pg-server.log"
	stop_pg
}

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
cpu_note() { # NAME "SNAP-BEFORE" "SNAP-AFTER": % of one core over the run, appended to CPULOG
	# each snap: $1 busy $2 steal $3 children(wrk) $4 server1 $5 server2
	#            $6 postgres $7 nginx $8 kthreads $9 time
	CPULOG+=$(echo "$2 $3" | awk -v n="$1" -v hz="$HZ" -v ns="${#SERVER_PIDS[@]}" \
		-v pg="$([ -n "$PG_DIR" ] && echo 1)" -v ng="$([ -n "$NGINX_PID" ] && echo 1)" '{
		wall = $18 - $9; if (wall <= 0) wall = 1
		f = 100 / hz / wall
		wrk = $12 - $3; s1 = $13 - $4; s2 = $14 - $5; p = $15 - $6; x = $16 - $7; kt = $17 - $8
		other = ($10 - $1) - wrk - s1 - s2 - p - x - kt
		if (other < 0) other = 0
		# a server killed during the run (the kill9 phase) took its ticks
		# with it, and the ticks of the waited-for children of the shell got them:
		# no figures rather than wrong ones
		if (s1 < 0 || s2 < 0 || p < 0) {
			printf "  %-11s (a server was killed during the run: no CPU figures)", n
			exit
		}
		if (ns > 1)
			printf "  %-11s servers %4.0f%% (%.0f%% + %.0f%%)", n, (s1 + s2) * f, s1 * f, s2 * f
		else
			printf "  %-11s server %4.0f%%", n, s1 * f
		if (pg) printf "  postgres %4.0f%%", p * f
		if (ng) printf "  nginx %4.0f%%", x * f
		printf "  wrk %4.0f%%  kernel threads %3.0f%%  other processes %3.0f%%  steal %3.0f%%",
			wrk * f, kt * f, other * f, ($11 - $2) * f }')
	CPULOG+=$'\n'
}

# --- disk accounting: device writes and cache flushes (fsyncs) per second ----
# From /proc/diskstats for the whole disk under the temp dir: completed
# writes (field 5 after the name) and completed flush requests (field 16,
# kernel >= 5.5). A durable
# commit costs at least one flush; the flush rate during a write run shows
# how many commits share one.
DISK_DEV=""
disk_dev() {
	[ -n "$DISK_DEV" ] && return 0
	local src
	src=$(findmnt -n -o SOURCE -T "$WORK" 2>/dev/null || true)
	src=${src#/dev/}
	# a partition counts its own I/O; prefer the whole disk when it exists
	if [ -n "$src" ] && [ -e "/sys/class/block/$src/partition" ]; then
		src=$(basename "$(dirname "$(readlink -f "/sys/class/block/$src")")")
	fi
	DISK_DEV=${src:-none}
}
disk_snap() {
	disk_dev
	awk -v d="$DISK_DEV" '$3 == d { printf "%d %d ", $8, (NF >= 19 ? $19 : -1) }' /proc/diskstats
	date +%s.%N
}
disk_note() { # NAME "SNAP-BEFORE" "SNAP-AFTER": appended to DISKLOG
	DISKLOG+=$(echo "$2 $3" | awk -v n="$1" -v d="$DISK_DEV" 'NF == 6 {
		wall = $6 - $3; if (wall <= 0) wall = 1
		printf "  %-11s disk %s: %.0f writes/s, ", n, d, ($4 - $1) / wall
		if ($2 < 0) printf "flushes not reported by this kernel"
		else printf "%.0f flushes (fsync) /s", ($5 - $2) / wall }
		NF != 6 { printf "  %-11s disk %s: not found in /proc/diskstats", n, d }')
	DISKLOG+=$'\n'
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
			die "$4 exited at start (port taken? set BENCH_PORT)"
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
			# generated by bench/lib.sh
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
		die "nginx rejects the generated config"
	}
	log "starting nginx -c $dir/nginx.conf on 127.0.0.1:$port -> $*"
	"$NGINX" -c "$dir/nginx.conf" -p "$dir" -e "$dir/nginx-error.log" >"$dir/nginx.out" 2>&1 &
	NGINX_PID=$!
}

# --- one store: database, server(s) --------------------------------------------
# store_open STORE INDEX: a fresh database for the store (a SQLite file in
# $WORK/<store>, or PostgreSQL database `bench` dropped and created again on
# the shared cluster), `liandong init` and a platform_admin `admin` with
# $PASSWORD. Sets the caller's dir, db, key_args, base (first port), nserv,
# pg_settings; resets CPULOG, DISKLOG, MEMLOG, STOPLOG.
store_open() {
	local idx=$2
	store=$1
	dir="$WORK/${store/+/-}"
	mkdir -p "$dir"
	chmod 711 "$dir"
	base=$((PORT + 10 * idx))
	CPULOG=""
	DISKLOG=""
	MEMLOG=""
	STOPLOG=""
	key_args=()
	pg_settings=""
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
	nserv=1
	[ "$store" = pg+nginx ] && nserv=2
	log "[$store] database $db"
	"$BIN" init --db "$db" "${key_args[@]}" >/dev/null
	echo "$PASSWORD" | "$BIN" user add --db "$db" "${key_args[@]}" --username admin \
		--role platform_admin --password-stdin >/dev/null
	if [ "$store" != sqlite ]; then
		pg_settings=$(psql -X -A -t -F= "$db" -c "SELECT name, current_setting(name) FROM pg_settings WHERE name IN
			('fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'max_connections') ORDER BY name" | tr '\n' ' ')
	fi
}

# db_sql SQL: run SQL on the current store's database (sqlite3 or psql,
# stopping at the first error); prints rows as a|b|c.
db_sql() {
	if [ "$store" = sqlite ]; then
		sqlite3 -bail "$db" "$1"
	else
		psql -X -q -A -t -v ON_ERROR_STOP=1 "$db" -c "$1"
	fi
}

# servers_start: start the store's server(s) on base, base+1 (and nginx on
# base+5 for pg+nginx) and wait for health. Sets the caller's url, ports,
# serve_args; adds the command line to SERVER_LINES (once per store).
servers_start() {
	local i p pid
	ports=()
	for i in $(seq 1 "$nserv"); do
		p=$((base + i - 1))
		ports+=("$p")
		serve_args=(serve --db "$db" "${key_args[@]}" --listen "127.0.0.1:$p")
		[ -n "$SERVER_THREADS" ] && serve_args+=(--threads "$SERVER_THREADS")
		# wrk (and nginx's upstream) is one loopback client with many connections
		serve_args+=(--max-conns-per-ip 0)
		log "[$store] starting liandong ${serve_args[*]}"
		"$BIN" "${serve_args[@]}" >>"$dir/server-$i.log" 2>&1 &
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
	if [[ $'\n'$SERVER_LINES != *$'\n'"$store: "* ]]; then
		SERVER_LINES+="$store: liandong ${serve_args[*]}"
		[ "$nserv" -gt 1 ] && SERVER_LINES+=" (x$nserv: ports ${ports[*]}; nginx $NGINX_WORKERS workers on $((base + 5)), upstream keepalive 64)"
		SERVER_LINES+=$'\n'
	fi
}
servers_stop() { # nginx first, then the servers (at the same time)
	stop_nginx
	stop_servers
}

login() { # USERNAME PASSWORD: prints the session token (or exits)
	local out tok
	out=$(curl -sS --max-time 10 -X POST -H 'Content-Type: application/json' \
		--data "{\"username\":\"$1\",\"password\":\"$2\"}" "$url/api/v1/login")
	tok=$(printf '%s' "$out" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
	[ -n "$tok" ] || die "[$store] login of $1 failed: $out"
	printf '%s' "$tok"
}

# --- wrk ------------------------------------------------------------------------
# wrk output parsing
rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
pct() { awk -v p="$2" '$1 == p { print $2 }' "$1"; } # FILE 50%|99%
total() { awk '/ requests in / { print $1 }' "$1"; }
non2xx() { awk '/Non-2xx or 3xx responses:/ { n = $NF } END { print n + 0 }' "$1"; }
sockerr() { awk '/Socket errors:/ { sub(/^ *Socket errors: */, ""); s = $0 } END { print (s == "" ? "none" : s) }' "$1"; }
# "non-NNN responses: N" as printed by bench/expect.lua
unexpected() { awk '/^non-[0-9]+ responses:/ { n = $3 } END { print (n == "" ? "missing" : n) }' "$1"; }

# run_wrk NAME SCRIPT PATH [SCRIPT-ARG...]: wrk on $url$PATH for $DUR s with
# -t$THREADS -c$CONNS (WRK_THREADS, WRK_CONNS, WRK_TIMEOUT override them for
# one call); the script gets "$token" "$THREADS" and the extra arguments.
# Output in $dir/wrk-NAME.txt; CPU use (and, with WRK_DISK=1, disk writes
# and flushes) noted for the run.
run_wrk() {
	local name=$1 script=$2 path=$3 snap0 dsnap0 t=${WRK_THREADS:-$THREADS} c=${WRK_CONNS:-$CONNS}
	shift 3
	log "[$store] wrk $name: $path (${DUR}s, -t$t -c$c)"
	disk_dev # here, not in the snapshots' subshells, so that DISK_DEV stays set
	snap0=$(cpu_snap)
	dsnap0=$(disk_snap)
	local rc=0
	run_child timeout $((DUR + 60)) wrk -t"$t" -c"$c" -d"${DUR}s" --timeout "${WRK_TIMEOUT:-5s}" \
		--latency -s "$script" "$url$path" -- "$token" "$t" "$@" \
		>"$dir/wrk-$name.txt" 2>&1 || rc=$?
	if [ "$rc" != 0 ]; then
		cat "$dir/wrk-$name.txt" >&2
		die "[$store] wrk $name failed (exit status $rc)"
	fi
	cpu_note "$name" "$snap0" "$(cpu_snap)"
	[ "${WRK_DISK:-0}" = 1 ] && disk_note "$name" "$dsnap0" "$(disk_snap)"
	return 0
}

# run_bare NAME BODY-FILE: the reference beside liandong's runs: wrk, as
# run_wrk, against bench_bare (bench/ref/bare_mhd.c, built with liandong), a
# libmicrohttpd server with liandong's daemon options and thread count that
# answers every request with BODY-FILE's bytes. Its CPU is counted as the
# server's for the run (liandong sits idle meanwhile); output in
# $dir/wrk-NAME.txt.
run_bare() {
	local name=$1 body=$2 bare pid saved=("${SERVER_PIDS[@]}") p=$((base + 7)) threads
	bare="$(dirname "$BIN")/bench_bare"
	[ -x "$bare" ] || die "no $bare (build it: make)"
	threads=${SERVER_THREADS:-$(($(nproc) * 2))} # liandong's default: 2 x cores
	"$bare" "$p" "$threads" "$body" >"$dir/bare-$name.log" 2>&1 &
	pid=$!
	BARE_PID=$pid
	for _ in $(seq 1 50); do
		curl -fsS --max-time 1 -o /dev/null "http://127.0.0.1:$p/" 2>/dev/null && break
		kill -0 "$pid" 2>/dev/null || { cat "$dir/bare-$name.log" >&2; die "bench_bare exited at start"; }
		sleep 0.1
	done
	SERVER_PIDS=("$pid")
	local url="http://127.0.0.1:$p"
	run_wrk "$name" "$BENCH/list.lua" /
	SERVER_PIDS=("${saved[@]}")
	BARE_PID=""
	stop_pids bench_bare "$pid"
	if [[ $'\n'$SERVER_LINES != *$'\n'"bare: "* ]]; then
		SERVER_LINES+="bare: bench_bare PORT $threads BODY (bench/ref/bare_mhd.c; the same libmicrohttpd options and threads)"$'\n'
	fi
}

# flame NAME SCRIPT PATH: with BENCH_FLAME=1, one more wrk run like
# run_wrk's (not counted in the summary) while perf samples the first
# server's call stacks (499 Hz, DWARF unwinding), drawn by bench/flame.py as
# bench/results/<date>-flame-STORE-NAME.svg beside its folded stacks
# (.folded). The profile costs the server time: the measured runs come
# before it.
flame() {
	[ "${BENCH_FLAME:-0}" = 1 ] || return 0
	local name=$1 script=$2 path=$3 out pid=${SERVER_PIDS[0]} secs=$((DUR < 10 ? DUR : 10))
	out=$(result_file "flame-${store/+/-}-$name")
	out=${out%.txt}
	log "[$store] flame graph of $name: perf record -p $pid for ${secs}s under wrk"
	timeout $((secs + 30)) wrk -t"$THREADS" -c"$CONNS" -d"$((secs + 2))s" -s "$script" "$url$path" -- "$token" "$THREADS" \
		>"$dir/wrk-flame-$name.txt" 2>&1 &
	local wpid=$!
	sleep 1
	if ! perf record -q -F 499 --call-graph dwarf,16384 -o "$dir/perf-$name.data" -p "$pid" -- sleep "$secs" \
		>"$dir/perf-$name.log" 2>&1; then
		wait "$wpid" || true
		log "[$store] perf record failed (kernel.perf_event_paranoid?): $(tail -n 2 "$dir/perf-$name.log")"
		return 0
	fi
	wait "$wpid" || true
	perf script -i "$dir/perf-$name.data" 2>/dev/null |
		python3 "$BENCH/flame.py" --title "liandong [$store] $name: GET $path, wrk -t$THREADS -c$CONNS, $(date -u +%Y-%m-%d)" \
			--folded "$out.folded" >"$out.svg" || log "[$store] no flame graph for $name"
	[ -s "$out.svg" ] && log "[$store] flame graph: ${out#"$ROOT"/}.svg"
	return 0
}

# --- machine and results ----------------------------------------------------------
# machine_desc: the lines every result file starts with (after its title).
machine_desc() {
	local cpu mem os cc_line cc_ver cflags btype commit dirty fstype
	cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
	os=$(sed -n 's/^PRETTY_NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' /etc/os-release 2>/dev/null || true)
	[ -r /etc/debian_version ] && os="$os ($(cat /etc/debian_version))"
	cc_line=$(awk -F= '/^CMAKE_C_COMPILER:/ { print $2 }' "$ROOT/build/CMakeCache.txt" 2>/dev/null || true)
	cc_ver=$("${cc_line:-cc}" --version 2>/dev/null | head -n 1 || echo unknown)
	cflags=$(awk -F= '/^CMAKE_C_FLAGS_RELWITHDEBINFO:/ { print $2 }' "$ROOT/build/CMakeCache.txt" 2>/dev/null || true)
	btype=$(awk -F= '/^CMAKE_BUILD_TYPE:/ { print $2 }' "$ROOT/build/CMakeCache.txt" 2>/dev/null || true)
	commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
	dirty=$(git -C "$ROOT" status --porcelain -- src CMakeLists.txt Makefile 2>/dev/null | wc -l)
	fstype=$(findmnt -n -o FSTYPE -T "$WORK" 2>/dev/null || stat -f -c %T "$WORK" 2>/dev/null || echo "?")
	pkgv() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo "?"; }
	echo "date:        $(date -Iseconds)"
	echo "commit:      $commit ($dirty uncommitted changes under src/, CMakeLists.txt, Makefile)"
	[ -n "${BENCH_BIN:-}" ] && echo "binary:      $BIN (BENCH_BIN: built elsewhere; the commit above is the scripts')"
	echo "machine:     $(nproc) CPUs, $cpu, $mem RAM, kernel $(uname -r)"
	echo "os:          $os"
	echo "compiler:    $cc_ver; build type $btype, flags $cflags"
	echo "libraries:   libmicrohttpd $(pkgv libmicrohttpd12), sqlite $(pkgv libsqlite3-0), libpq $(pkgv libpq5), jansson $(pkgv libjansson4), wrk $(pkgv wrk)$([ "$NEED_NGINX" = 1 ] && echo ", nginx $(pkgv nginx)")$([ "$NEED_PG" = 1 ] && echo ", postgresql $(pkgv postgresql-15)")"
	echo "stores:      ${STORE_LIST[*]}; databases in $WORK on $fstype"
	echo "disk:        $FSYNC_LINE"
	echo "background:  ${BG_PCT}% of one core busy with other work before the first store$(load=$(cut -d' ' -f1-3 /proc/loadavg); echo "; load average now $load")"
}

# result_file NAME: a new bench/results/<date>-NAME.txt (-2, -3, ... when taken)
result_file() {
	mkdir -p "$BENCH/results"
	local out n=2
	out="$BENCH/results/$(date +%Y-%m-%d)-$1.txt"
	while [ -e "$out" ]; do
		out="$BENCH/results/$(date +%Y-%m-%d)-$1-$n.txt"
		n=$((n + 1))
	done
	printf '%s' "$out"
}

# server_log FILE: a server's log for a result file, without its access
# lines (one per request: hundreds of thousands in a run), which are
# counted instead
server_log() {
	grep -v '"msg":"access"' "$1" || true
	echo "($(grep -c '"msg":"access"' "$1" || true) access lines left out)"
}

pg_log_section() { # the PostgreSQL server log, as a section of a result file
	if [ -e "$WORK/pg-server.log" ]; then
		echo
		echo "## postgresql log"
		cat "$WORK/pg-server.log"
	fi
}

bench_finish() { # RESULT-FILE FAILURE-MESSAGE: print the summary; exit 1 if FAIL
	echo "$MACHINE"
	echo
	echo "$REPORT"
	echo
	echo "raw output: ${1#"$ROOT"/}"
	if [ "$FAIL" != 0 ]; then
		echo "$ME: FAILED: $2 (see $1)" >&2
		exit 1
	fi
}
