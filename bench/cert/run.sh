#!/usr/bin/env bash
# run.sh - certificates issued per second over HTTP (bench/cert), beside two
# references measured in the same run: the bare HTTP baseline (GET
# /api/v1/health) and the PDF rendered in-process (build/bench_certpdf).
#
#   bench/cert/run.sh          (BENCH_SECONDS=10 BENCH_CONNECTIONS=8)
#
# A fresh SQLite database with one volunteer who has RECORDS (20) verified
# service records (recorded by an org admin, verified by the platform
# admin), then wrk for BENCH_SECONDS each:
#   1. GET /api/v1/health                        the server's floor
#   2. POST /volunteers/{id}/certificates        issue: read the period's
#      records, write the certificate, its 20 record links and the audit row
#   3. GET /certificates/{code}/pdf              the PDF of one certificate
#   4. issue + PDF, one after the other, from curl (a volunteer's click and
#      download), CURL_ROUNDS times: certificates with their PDF per second
# and the load average before and after. Everything on 127.0.0.1 in a temp
# directory; the server started here is stopped on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BENCH_BIN:-$ROOT/build/liandong}
DUR=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-8}
RECORDS=${RECORDS:-20}
CURL_ROUNDS=${CURL_ROUNDS:-100}
PORT=${BENCH_PORT:-$((30000 + RANDOM % 20000))}
[ -x "$BIN" ] && [ -x "$ROOT/build/bench_certpdf" ] || { echo "run.sh: build first (make)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "run.sh: needs wrk" >&2; exit 1; }
dir=$(mktemp -d /tmp/ld-bench-cert-XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT

url="http://127.0.0.1:$PORT"
"$BIN" init --db "$dir/b.db" >/dev/null
echo "bench-password-1" | "$BIN" user add --db "$dir/b.db" --username admin --role platform_admin --password-stdin >/dev/null
"$BIN" serve --db "$dir/b.db" --listen "127.0.0.1:$PORT" >"$dir/server.log" 2>&1 &
pid=$!
for _ in $(seq 50); do curl -sf "$url/api/v1/health" >/dev/null && break; sleep 0.1; done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
login() {
	curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"bench-password-1\"}" \
		"$url/api/v1/login" | json '["token"]'
}
call() { # METHOD PATH TOKEN [BODY]: the answer's body; fails on an HTTP error
	curl -sf -X "$1" -H "Authorization: Bearer $3" ${4:+-H 'Content-Type: application/json' -d "$4"} "$url/api/v1$2"
}
admin=$(login admin)
region=$(call POST /regions "$admin" '{"code":"421000","name":"荆州市","level":"city"}' | json '["id"]')
org=$(call POST /orgs "$admin" "{\"name\":\"荆州市社会工作服务中心\",\"kind\":\"sw_agency\",\"region_id\":$region}" | json '["id"]')
person=$(call POST /people "$admin" "{\"name\":\"王秀兰\",\"birth_date\":\"1990-05-01\",\"org_id\":$org}" | json '["id"]')
vol=$(call POST /volunteers "$admin" "{\"person_id\":$person,\"org_id\":$org}" | json '["id"]')
call POST /users "$admin" "{\"username\":\"recorder\",\"password\":\"bench-password-1\",\"roles\":[{\"role\":\"org_admin\",\"org_id\":$org}]}" >/dev/null
rec=$(login recorder)
for i in $(seq "$RECORDS"); do
	start=$(date -u -d "-$((i + 1)) days" +%Y-%m-%dT08:00:00Z)
	end=$(date -u -d "-$((i + 1)) days" +%Y-%m-%dT11:30:00Z)
	id=$(call POST /service-records "$rec" "{\"volunteer_id\":$vol,\"content\":\"社区敬老服务：陪伴聊天、整理房间\",\"place\":\"幸福社区日间照料中心\",\"starts_at\":\"$start\",\"ends_at\":\"$end\"}" | json '["id"]')
	call POST "/service-records/$id/verify" "$admin" >/dev/null
done
from=$(date -d '-60 days' +%Y-%m-%d)
to=$(date +%Y-%m-%d)
body="{\"from\":\"$from\",\"to\":\"$to\"}"
code=$(call POST "/volunteers/$vol/certificates" "$rec" "$body" | json '["code"]')
bytes=$(curl -sf -H "Authorization: Bearer $rec" "$url/api/v1/certificates/$code/pdf" | wc -c)
echo "setup: one volunteer, $RECORDS verified records, certificate PDF $bytes bytes; $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

run() { # LABEL EXPECT METHOD PATH [BODY]
	local out
	out=$(BENCH_TOKEN=$rec BENCH_EXPECT=$2 BENCH_METHOD=$3 BENCH_PATH=$4 BENCH_BODY=${5:-} \
		wrk -t2 -c"$CONNS" -d"${DUR}s" --latency -s "$ROOT/bench/cert/cert.lua" "$url" 2>&1)
	echo "$out" | grep -q '^non-[0-9]* responses: 0$' || { echo "$1: unexpected answers:"; echo "$out"; exit 1; }
	printf '%-34s %10s req/s  p50 %8s  p99 %8s\n' "$1" "$(echo "$out" | awk '/^Requests\/sec/ {print $2}')" \
		"$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')"
}
run "GET /health (baseline)" 200 GET /api/v1/health
run "POST certificates (issue)" 201 POST "/api/v1/volunteers/$vol/certificates" "$body"
run "GET certificates/{code}/pdf" 200 GET "/api/v1/certificates/$code/pdf"

t0=$(date +%s.%N)
for _ in $(seq "$CURL_ROUNDS"); do
	c=$(call POST "/volunteers/$vol/certificates" "$rec" "$body" | sed -E 's/.*"code": ?"([^"]+)".*/\1/')
	curl -sf -o /dev/null -H "Authorization: Bearer $rec" "$url/api/v1/certificates/$c/pdf"
done
echo "issue + PDF, one client, $CURL_ROUNDS rounds: $(echo "$t0 $(date +%s.%N)" |
	awk -v n="$CURL_ROUNDS" '{printf "%.1f certificates/s (%.1f ms each, two curl runs included)", n / ($2 - $1), ($2 - $1) * 1000 / n}')"
"$ROOT/build/bench_certpdf" 200 "$RECORDS"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
