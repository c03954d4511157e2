#!/usr/bin/env bash
# pg-server.sh start DIR PORT | stop DIR | up DIR PORT - a throwaway PostgreSQL cluster
# for tests: initdb in DIR, listening only on a Unix socket in DIR (no TCP),
# run as the unprivileged `postgres` user when started by root. Prints the
# libpq URI of database `postgres` on start. `stop` keeps the data; `up`
# starts the same cluster again (the API tests stop and restart PostgreSQL
# under a running server).
set -euo pipefail
cmd=${1:?usage: pg-server.sh start DIR PORT | stop DIR | up DIR PORT}
dir=${2:?DIR}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "pg-server: PostgreSQL server binaries not found (install postgresql-15)" >&2; exit 1; }
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case $cmd in
start)
	port=${3:?PORT}
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
	as_pg "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
	;&
up)
	port=${3:?PORT}
	as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
		-o "-k $dir -p $port -c listen_addresses='' -c max_connections=200 -c fsync=on" start >/dev/null
	echo "postgresql:///postgres?host=$dir&port=$port&user=postgres"
	;;
stop)
	as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	;;
*)
	echo "usage: pg-server.sh start DIR PORT | stop DIR | up DIR PORT" >&2
	exit 2
	;;
esac
