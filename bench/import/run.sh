#!/usr/bin/env bash
# run.sh [ROWS] - time 50,000 (or ROWS) people through `liandong import` on
# SQLite, then the same file through POST /api/v1/imports (the job polled
# until it is done), each into a fresh database. Prints one line per run;
# docs/BENCHMARKS.md keeps the figures. Everything runs in a temp directory
# and on 127.0.0.1; the server started here is stopped on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BENCH_BIN:-$ROOT/build/liandong}
ROWS=${1:-50000}
PORT=${BENCH_PORT:-$((30000 + RANDOM % 20000))}
dir=$(mktemp -d /tmp/ld-bench-import-XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
[ -x "$BIN" ] || { echo "run.sh: build first (make)" >&2; exit 1; }

python3 "$ROOT/bench/import/gen_people.py" "$ROWS" "$dir/people.csv"
echo "file: $ROWS rows, $(stat -c %s "$dir/people.csv") bytes (UTF-8 CSV with BOM); $(nproc) cores"

now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{printf "%.2f", $2 - $1}'; }

# 1. the command line: a dry run, the import, the re-import (all skipped),
#    and the re-import with on_existing=update
"$BIN" init --db "$dir/cli.db" >/dev/null
for args in "--dry-run" "" "" "--on-existing update"; do
	t0=$(now)
	# shellcheck disable=SC2086
	out=$("$BIN" import --db "$dir/cli.db" --kind people $args "$dir/people.csv" | tail -1)
	echo "cli ${args:-(import)}: $(secs "$t0" "$(now)") s: $out"
done

# 2. the API: upload, then poll GET /imports/{id} until done
"$BIN" init --db "$dir/api.db" >/dev/null
echo "bench-password-1" | "$BIN" user add --db "$dir/api.db" --username admin --role platform_admin --password-stdin >/dev/null
"$BIN" serve --db "$dir/api.db" --listen "127.0.0.1:$PORT" >"$dir/server.log" 2>&1 &
pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break; sleep 0.1; done
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"admin","password":"bench-password-1"}' \
	"http://127.0.0.1:$PORT/api/v1/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
for dry in true false; do
	t0=$(now)
	id=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary @"$dir/people.csv" \
		"http://127.0.0.1:$PORT/api/v1/imports?kind=people&dry_run=$dry&filename=people.csv" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	# poll as the page does (every 0.3 s), with nothing heavier than curl and grep
	while :; do
		job=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/api/v1/imports/$id")
		echo "$job" | grep -qE '"status": ?"(done|failed)"' && break
		sleep 0.3
	done
	echo "api dry_run=$dry: $(secs "$t0" "$(now)") s (upload to done): $(echo "$job" |
		python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["status"], "created", j["created"], "rejected", j["rejected"])')"
done
