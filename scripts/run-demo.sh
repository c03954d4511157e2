#!/usr/bin/env bash
# run-demo.sh BINARY DB - create the database with a demo city on first run,
# then serve it on 127.0.0.1:8080.
set -euo pipefail
bin=${1:?usage: run-demo.sh BINARY DB}
db=${2:?usage: run-demo.sh BINARY DB}
user=admin
pass=liandong-demo
if [ ! -f "$db" ]; then
	"$bin" init --db "$db"
	echo "$pass" | "$bin" user add --db "$db" --username "$user" --role platform_admin --password-stdin
	"$bin" demo --db "$db"
fi
echo
echo "  Liandong: http://127.0.0.1:8080/   (API: http://127.0.0.1:8080/api/v1/health)"
echo "  sign in as $user / $pass (demo accounts: see docs/DEMO.md)"
echo
exec "$bin" serve --db "$db" --listen 127.0.0.1:8080
