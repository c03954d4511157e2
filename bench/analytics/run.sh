#!/usr/bin/env bash
# run.sh [RECORDS] [VOLUNTEERS] - workforce analytics (issue 15) over
# 1,000,000 (or RECORDS) service records on SQLite: GET /stats/below-norm
# and GET /stats/retention timed over HTTP beside a reference measured in
# the same run (the bare sqlite3 shell summing the same table). Prints one
# line per measurement; docs/BENCHMARKS.md keeps the figures.
#
# Data: `liandong demo` for the city (regions, orgs, accounts), then, in one
# sqlite3 transaction, VOLUNTEERS (default 20,000) people with a volunteer
# record each at the demo's volunteer teams (80% registered, 10% inactive,
# 10% withdrawn), a move into registered at a random time in the last three
# years, and RECORDS service records (90% verified, 10% only recorded) at
# random times between registration and now, 30-240 minutes each; then the
# volunteer_hours rollup rebuilt from them, as every verify keeps it. No
# ANALYZE: the server runs on the schema as migrations leave it.
# Everything runs in a temp directory on 127.0.0.1; the server started here
# is stopped on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BENCH_BIN:-$ROOT/build/liandong}
RECORDS=${1:-1000000}
VOLS=${2:-20000}
RUNS=${BENCH_RUNS:-5}
PORT=${BENCH_PORT:-$((30000 + RANDOM % 20000))}
dir=$(mktemp -d /tmp/ld-bench-ana-XXXXXX)
pid=""
# BENCH_KEEP=1 leaves the directory (and its database) for a look afterwards
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; [ -n "${BENCH_KEEP:-}" ] && echo "kept $dir" || rm -rf "$dir"' EXIT
[ -x "$BIN" ] || { echo "run.sh: build first (make)" >&2; exit 1; }
db=$dir/a.db

echo "machine: $(nproc) cores; $(uptime)"
"$BIN" init --db "$db" >/dev/null
"$BIN" demo --db "$db" >/dev/null
echo "bench-password-1" | "$BIN" user add --db "$db" --username benchadmin --role platform_admin --password-stdin >/dev/null

now=$(date +%s)
t0=$(date +%s.%N)
sqlite3 "$db" <<SQL
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TEMP TABLE teams AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, region_id FROM orgs
 WHERE kind IN ('volunteer_team', 'volunteer_hub');
CREATE TEMP TABLE n(i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $VOLS) INSERT INTO n SELECT i FROM c;
CREATE TEMP TABLE bv(i INTEGER PRIMARY KEY, person_id, volunteer_id, org_id, reg_at);
INSERT INTO bv (i, org_id, reg_at)
 SELECT i, (SELECT id FROM teams WHERE k = i % (SELECT COUNT(*) FROM teams)),
        $now - 86400 * 1095 + abs(random()) % (86400 * 1090) FROM n;
INSERT INTO people (name, gender, region_id, org_id, skills, created_at, updated_at)
 SELECT '压测志愿者' || i, CASE i % 2 WHEN 0 THEN 'male' ELSE 'female' END,
        (SELECT region_id FROM orgs WHERE id = bv.org_id), org_id, '[]', $now, $now FROM bv ORDER BY i;
UPDATE bv SET person_id = (SELECT p.id FROM people p WHERE p.name = '压测志愿者' || bv.i);
INSERT INTO volunteers (person_id, org_id, volunteer_no, stage, created_at, updated_at)
 SELECT person_id, org_id, 'BENCH' || printf('%08d', i),
        CASE WHEN i % 10 = 0 THEN 'inactive' WHEN i % 10 = 5 THEN 'withdrawn' ELSE 'registered' END,
        reg_at, reg_at FROM bv ORDER BY i;
UPDATE bv SET volunteer_id = (SELECT v.id FROM volunteers v WHERE v.volunteer_no = 'BENCH' || printf('%08d', bv.i));
INSERT INTO volunteer_stage_events (volunteer_id, from_stage, to_stage, note, at)
 SELECT volunteer_id, 'skills_training', 'registered', 'bench', reg_at FROM bv;
CREATE TEMP TABLE r(i INTEGER PRIMARY KEY, vi, m, x);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $RECORDS)
 INSERT INTO r SELECT i, 1 + abs(random()) % $VOLS, 30 + abs(random()) % 211, abs(random()) FROM c;
INSERT INTO service_records (volunteer_id, org_id, content, starts_at, ends_at, minutes, status, due_at, year, created_at)
 SELECT volunteer_id, org_id, '入户探访', s, s + m * 60, m, CASE WHEN i % 10 = 3 THEN 'recorded' ELSE 'verified' END,
        s + 14 * 86400, CAST(strftime('%Y', s + 28800, 'unixepoch') AS INTEGER), s
 FROM (SELECT r.i, v.volunteer_id, v.org_id, r.m, v.reg_at + r.x % ($now - 3 * 86400 - v.reg_at) AS s
       FROM r JOIN bv v ON v.i = r.vi) ORDER BY i;
DELETE FROM volunteer_hours;
INSERT INTO volunteer_hours (volunteer_id, year, minutes)
 SELECT volunteer_id, year, SUM(minutes) FROM service_records WHERE status = 'verified' GROUP BY volunteer_id, year;
COMMIT;
SQL
echo "data: $(sqlite3 "$db" "SELECT COUNT(*) FROM service_records") service records, $(sqlite3 "$db" "SELECT COUNT(*) FROM volunteers WHERE stage = 'registered'") registered of $(sqlite3 "$db" "SELECT COUNT(*) FROM volunteers") volunteers, $(sqlite3 "$db" "SELECT COUNT(*) FROM volunteer_hours") rollup rows; made in $(echo "$t0 $(date +%s.%N)" | awk '{printf "%.1f", $2 - $1}') s; file $(du -m "$db" | cut -f1) MB"

"$BIN" serve --db "$db" --listen "127.0.0.1:$PORT" --inactive-after-months 0 >"$dir/server.log" 2>&1 &
pid=$!
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break; sleep 0.1; done
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"benchadmin","password":"bench-password-1"}' \
	"http://127.0.0.1:$PORT/api/v1/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
district=$(sqlite3 "$db" "SELECT id FROM regions WHERE level = 'district' ORDER BY id LIMIT 1")

# times of RUNS runs of a command as "min median max" seconds
stats() { sort -n | awk '{a[NR] = $1} END {printf "min %.3f median %.3f max %.3f s", a[1], a[int((NR + 1) / 2)], a[NR]}'; }
timed_get() { # PATH: RUNS times, the answer's size and a digest of the first
	local path=$1 t
	curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT$path" >"$dir/answer.json"
	for _ in $(seq "$RUNS"); do
		curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT$path"
	done | stats
	printf '; %s bytes: %s\n' "$(stat -c %s "$dir/answer.json")" "$(python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
if "cohorts" in j:
    c = j["cohorts"]
    print(len(c), "cohorts, registered", sum(x["registered"] for x in c), "first", json.dumps(c[0], ensure_ascii=False))
else:
    print("registered", j["registered"], "below_norm", j["below_norm"], "items", len(j["items"]))' "$dir/answer.json")"
}
timed_sql() { # SQL: RUNS times through the sqlite3 shell (a process each)
	local sql=$1 out
	out=$(sqlite3 "$db" "$sql")
	for _ in $(seq "$RUNS"); do
		local a b
		a=$(date +%s.%N)
		sqlite3 "$db" "$sql" >/dev/null
		b=$(date +%s.%N)
		echo "$a $b" | awk '{print $2 - $1}'
	done | stats
	printf '; answer %s\n' "$out"
}

year=$(date -u -d @$((now + 28800)) +%Y)	# this year in China time
echo "uptime before: $(uptime)"
echo -n "reference, sqlite3 COUNT/SUM of verified records: "
timed_sql "SELECT COUNT(*), SUM(minutes) FROM service_records WHERE status = 'verified'"
echo -n "reference, sqlite3 verified minutes per volunteer this year: "
timed_sql "SELECT COUNT(*) FROM (SELECT volunteer_id, SUM(minutes) FROM service_records WHERE status = 'verified' AND year = $year GROUP BY volunteer_id)"
echo -n "reference, sqlite3 below-norm count summed from the records themselves: "
timed_sql "SELECT COUNT(*) FROM volunteers v WHERE v.stage = 'registered' AND COALESCE((SELECT SUM(r.minutes) FROM service_records r WHERE r.volunteer_id = v.id AND r.status = 'verified' AND r.year = $year), 0) < 1200"
echo -n "GET /stats/below-norm (city, limit 200): "
timed_get "/api/v1/stats/below-norm?limit=200"
echo -n "GET /stats/below-norm (district $district): "
timed_get "/api/v1/stats/below-norm?region_id=$district&limit=200"
echo -n "GET /stats/below-norm?year=last year (city): "
timed_get "/api/v1/stats/below-norm?year=$((year - 1))&limit=200"
echo -n "GET /stats/retention (city): "
timed_get "/api/v1/stats/retention"
echo -n "GET /stats/retention (district $district): "
timed_get "/api/v1/stats/retention?region_id=$district"
echo -n "liandong sweep-inactive --inactive-after-months 12 (one run): "
a=$(date +%s.%N)
out=$("$BIN" sweep-inactive --db "$db" --inactive-after-months 12)
echo "$(echo "$a $(date +%s.%N)" | awk '{printf "%.2f", $2 - $1}') s; $out"
echo "uptime after: $(uptime)"
