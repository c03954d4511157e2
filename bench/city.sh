#!/usr/bin/env bash
# city.sh - a whole city at the seed's scale (issue 19; docs/BENCHMARKS.md,
# "A city at the seed's scale"): `liandong demo --scale city` loads seed
# 001's Jingzhou (129 stations, 221 rooms, 54 agencies, 5,825 social
# workers, 3,689 volunteer orgs, 1.12 M volunteers, 6.51 M verified service
# hours; docs/DEMO.md) into a fresh store, beside a reference in the same
# run: the sqlite3 CLI loading the same numbers of people, volunteers,
# pipeline events, service records and rollup rows into a fresh database of
# the same schema with INSERT ... SELECT from a recursive CTE, in one
# transaction. Then the real server on it (release build, build/liandong),
# and, as the platform admin, BENCH_REQUESTS timed curl requests one after
# another (min / median / max) of:
#
#   overview-city       GET /api/v1/stats/overview
#   overview-district   GET /api/v1/stats/overview?region_id=D
#   screen-city         GET /api/v1/stats/screen?region_id=CITY
#   recognition         GET /api/v1/recognition?region_id=D
#   volunteers-page     GET /api/v1/volunteers?region_id=D&stage=registered&limit=20
#   volunteers-name     GET /api/v1/volunteers?region_id=D&q=王&limit=20
#   retention           GET /api/v1/stats/retention?region_id=D
#   below-norm          GET /api/v1/stats/below-norm?region_id=D&limit=20
#   ratios              GET /api/v1/stats/ratios?region_id=D
#   export-district     GET /api/v1/exports/volunteers?region_id=D (CSV)
#
# D is 沙市区, the largest district (about a third of the volunteers). Then
# emergency mobilisation over HTTP: GET /api/v1/emergencies/{id}/candidates
# of the demo's assessed incident (what a mobilise computes, without
# writing it): the first request (the process's index built from the
# store), then wrk --latency -t1 -c1 (each request's latency alone) and
# -t2 -c32 for BENCH_SECONDS each. The server's VmRSS and VmHWM after start,
# after the index and at the end.
#
# Environment (all optional), besides bench/load.sh's BENCH_SECONDS,
# BENCH_PORT, BENCH_SERVER_THREADS, BENCH_TMPDIR, BENCH_KEEP,
# BENCH_WAIT_QUIET:
#   BENCH_STORES="sqlite"   stores, in this order ("sqlite pg": PostgreSQL
#                           too; its load takes about ten times as long)
#   BENCH_SCALE=city        the demo's --scale (city/N: a smaller city)
#   BENCH_REQUESTS=5        timed requests per endpoint
#   BENCH_MAX_TIME=600      seconds a request may take
# Writes bench/results/<date>-city.txt. Everything runs on loopback; the
# trap stops what was started. Exit status 0 when every answer was 200 and
# the city's totals are the seed's; 1 otherwise; 2 for bad settings.
set -euo pipefail

ME=city.sh
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_settings "sqlite"
SCALE=${BENCH_SCALE:-city}
REQUESTS=${BENCH_REQUESTS:-5}
MAX_TIME=${BENCH_MAX_TIME:-600}
need_int REQUESTS MAX_TIME
[ "$REQUESTS" -ge 1 ] || { echo "$ME: BENCH_REQUESTS must be at least 1" >&2; exit 2; }
case $SCALE in
city | city/[1-9]*) ;;
*) echo "$ME: BENCH_SCALE must be city or city/N (got '$SCALE')" >&2; exit 2 ;;
esac
for s in "${STORE_LIST[@]}"; do
	[ "$s" != pg+nginx ] || { echo "$ME: pg+nginx is not a store of this benchmark" >&2; exit 2; }
done

# read by lib.sh (bench_tools, bench_fsync_probe, machine_desc)
# shellcheck disable=SC2034
NEED_SQLITE3=1 FSYNC_PROBE=0 FSYNC_LINE="not measured"
bench_tools
bench_workdir
bench_build
bench_wait_quiet

FAIL=0
REPORT=""
RAW=""
SERVER_LINES=""
fail() {
	echo "$ME: [$store] $*" >&2
	REPORT+="[$store] FAILED: $*"$'\n'
	FAIL=1
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
secs_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# timed NAME PATH: REQUESTS requests one after another; a line of the
# report with min / median / max seconds, the answer's size and rows
timed() {
	local name=$1 path=$2 i out code t size times=() rows
	for i in $(seq 1 "$REQUESTS"); do
		out=$(curl -sS --max-time "$MAX_TIME" -H "Authorization: Bearer $token" -D "$dir/$name.headers" \
			-o "$dir/$name.body" -w '%{http_code} %{time_total} %{size_download}' "$url$path") ||
			{ fail "$name: curl failed"; return 0; }
		read -r code t size <<<"$out"
		[ "$code" = 200 ] || { fail "$name: $path answered $code: $(head -c 300 "$dir/$name.body")"; return 0; }
		times+=("$t")
	done
	rows=$(sed -n 's/^X-Export-Rows: *\([0-9]*\).*/\1/ip' "$dir/$name.headers" | tr -d '\r')
	REPORT+=$(printf '%s\n' "${times[@]}" | sort -g | awk -v n="$name" -v p="$path" -v s="$size" -v r="$rows" '
		{ v[NR] = $1 } END {
			m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "  %-18s min %8.3f s  median %8.3f s  max %8.3f s  %9d bytes%s  %s", n, v[1], m, v[NR], s,
				(r == "" ? "" : "  " r " rows"), p }')
	REPORT+=$'\n'
	RAW+=$'\n'"## $store $name: $path (first 2000 bytes of the last answer)"$'\n'"$(head -c 2000 "$dir/$name.body")"$'\n'
}

mem_line() { # LABEL
	awk -v l="$1" '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 }
		END { printf "  %-26s VmRSS %8.1f MiB  VmHWM %8.1f MiB\n", l, r / 1024, h / 1024 }' "/proc/${SERVER_PIDS[0]}/status"
}

# The reference: the same numbers of rows through the sqlite3 CLI, INSERT
# ... SELECT from a recursive CTE, into a fresh database of the schema
# (liandong init), one transaction, the same page cache as the demo's
# bulk load (1 GiB); foreign keys unchecked (the CLI's default). Text
# columns get values of the demo's lengths (random hex for the sealed ID
# numbers and phones and their keyed hashes).
reference_sql() { # PEOPLE VOLUNTEERS EVENTS RECORDS HOURS
	local n=$1
	cat <<-EOF
		PRAGMA journal_mode = WAL;
		PRAGMA cache_size = -1048576;
		BEGIN;
		INSERT INTO regions (code, name, level, path, created_at) VALUES ('421000', '荆州市', 'city', '/1/', 0);
		INSERT INTO orgs (name, kind, region_id, path, created_at) VALUES ('队', 'volunteer_team', 1, '/1/', 0);
		WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $n)
		INSERT INTO people (name, id_number_enc, id_number_hash, phone_enc, phone_hash, gender, birth_date,
		    region_id, org_id, lat, lon, skills, created_at, updated_at)
		SELECT '王' || (i % 977), 'v1:' || hex(randomblob(38)), hex(randomblob(32)), 'v1:' || hex(randomblob(32)),
		    hex(randomblob(32)), CASE i % 2 WHEN 0 THEN 'male' ELSE 'female' END,
		    (1950 + i % 55) || '-0' || (1 + i % 9) || '-1' || (i % 9), 1, 1, 30 + (i % 1000) / 1000.0,
		    112 + (i % 997) / 1000.0, '["急救","助老"]', 1700000000 + i, 1700000000 + i FROM c;
		WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $2)
		INSERT INTO volunteers (person_id, org_id, volunteer_no, stage, verified_hours, stars, guardian_consent,
		    lead_social_worker_id, created_at, updated_at)
		SELECT i, 1, '4210022026' || substr('0000000' || i, -7), 'registered', (i % 50) * 1.5, 0, 0, NULL,
		    1700000000 + i, 1700000000 + i FROM c;
		WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $3)
		INSERT INTO volunteer_stage_events (volunteer_id, from_stage, to_stage, note, by_user_id, at)
		SELECT 1 + (i * 7919) % $2, 'interview', 'registered', NULL, NULL, 1700000000 + i FROM c;
		WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $4)
		INSERT INTO service_records (volunteer_id, org_id, activity_id, content, place, starts_at, ends_at, minutes,
		    status, person_in_charge, evaluation, recorder_user_id, verifier_user_id, verified_at, due_at, late, year,
		    created_at, outside_window, manual, extended, recorder_name)
		SELECT 1 + (i * 7919) % $2, 1, NULL, '入户探访独居老人，陪伴聊天、量血压', '社区服务中心',
		    1700000000 + i * 13, 1700000000 + i * 13 + 10800, 180, 'verified', '站长', '服务认真，对象满意', 0, 0,
		    1700090000 + i * 13, 1800000000, 0, 2025 + i % 2, 1700020000 + i * 13, 0, 1, 0, 'liandong 命令行' FROM c;
		WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $5)
		INSERT INTO volunteer_hours (volunteer_id, year, minutes)
		SELECT 1 + (i - 1) % $2, 2026 - (i - 1) / $2, 180 FROM c;
		COMMIT;
	EOF
}

run_store() {
	# set and read by lib.sh's store_open and servers_start (dynamic scope)
	# shellcheck disable=SC2034
	local store=$1 idx=$2 dir db key_args=() url token base nserv pg_settings serve_args ports
	store_open "$store" "$idx"
	local counts t0 lavg0 lavg1 loadout
	lavg0=$(loadavg)
	log "[$store] liandong demo --scale $SCALE"
	t0=$(date +%s.%N)
	if ! "$BIN" demo --db "$db" "${key_args[@]}" --scale "$SCALE" >"$dir/demo.log" 2>&1; then
		cat "$dir/demo.log" >&2
		die "[$store] demo --scale $SCALE failed"
	fi
	local load_s
	load_s=$(secs_since "$t0")
	lavg1=$(loadavg)
	loadout=$(grep -E '^(city loaded|demo:)' "$dir/demo.log" | sed 's/^/    /')
	counts=$(db_sql "SELECT (SELECT COUNT(*) FROM people), (SELECT COUNT(*) FROM volunteers),
		(SELECT COUNT(*) FROM volunteer_stage_events), (SELECT COUNT(*) FROM service_records),
		(SELECT COUNT(*) FROM volunteer_hours)" | tr '|' ' ')
	local size
	if [ "$store" = sqlite ]; then
		size=$(du -sh "$db" | cut -f1)
	else
		size=$(db_sql "SELECT pg_size_pretty(pg_database_size(current_database()))")
	fi
	REPORT+="[$store] load: liandong demo --scale $SCALE in $load_s s (load average $lavg0 before, $lavg1 after);"
	REPORT+=" rows: people, volunteers, stage events, service records, hours rollup = $counts; database $size"$'\n'
	REPORT+="$loadout"$'\n'
	grep -q '^city loaded' "$dir/demo.log" || fail "the demo printed no totals"

	if [ "$store" = sqlite ]; then
		# the reference, on the same disk, right after
		local ref="$dir/reference.db" people vols events recs hours
		read -r people vols events recs hours <<<"$counts"
		"$BIN" init --db "$ref" --key-file "$dir/reference.key" >/dev/null
		reference_sql "$people" "$vols" "$events" "$recs" "$hours" >"$dir/reference.sql"
		lavg0=$(loadavg)
		t0=$(date +%s.%N)
		sqlite3 -bail "$ref" <"$dir/reference.sql" >/dev/null
		local ref_s
		ref_s=$(secs_since "$t0")
		REPORT+="[$store] reference: sqlite3 CLI, the same rows by INSERT ... SELECT from recursive CTEs, one"
		REPORT+=" transaction: $ref_s s (load average $lavg0 before, $(loadavg) after); $(du -sh "$ref" | cut -f1)"$'\n'
		REPORT+=$(awk -v a="$load_s" -v b="$ref_s" -v n="$counts" 'BEGIN { split(n, c, " ")
			r = c[1] + c[2] + c[3] + c[4] + c[5]
			printf "  rows/s: liandong demo %.0f (with the structure and the demo city through the services),", r / a
			printf " sqlite3 CLI %.0f; ratio %.2f", r / b, b / a }')$'\n'
		rm -f "$ref" "$ref"-wal "$ref"-shm
	else
		log "[$store] VACUUM ANALYZE"
		t0=$(date +%s.%N)
		db_sql "VACUUM ANALYZE" >/dev/null
		REPORT+="  VACUUM ANALYZE after the load: $(secs_since "$t0") s"$'\n'
	fi

	servers_start
	token=$(login admin "$PASSWORD")
	REPORT+="[$store] server memory"$'\n'"$(mem_line "after start")"$'\n'
	local city dist em
	city=$(curl -sS -H "Authorization: Bearer $token" "$url/api/v1/regions?code=421000" |
		sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')
	dist=$(curl -sS -H "Authorization: Bearer $token" "$url/api/v1/regions?code=421002" |
		sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')
	em=$(curl -sS -H "Authorization: Bearer $token" "$url/api/v1/emergencies?limit=1" |
		sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')
	if [ -z "$city" ] || [ -z "$dist" ] || [ -z "$em" ]; then
		die "[$store] no city, district or incident in the demo"
	fi
	# bench/geo/mobilize.lua asks for incidents 1..N: the demo's is the first
	[ "$em" = 1 ] || die "[$store] the demo's incident is $em, not 1"

	# the totals the dashboard shows must be the seed's
	local ov
	ov=$(curl -sS -H "Authorization: Bearer $token" "$url/api/v1/stats/overview")
	RAW+=$'\n'"## $store overview of the city"$'\n'"$ov"$'\n'
	if [ "$SCALE" = city ]; then
		for want in '"stations":129' '"rooms":221' '"agencies":54' '"social_workers":5825' '"volunteer_orgs":3689' \
			'"service_hours":6510000'; do
			[[ $ov == *"$want"* ]] || fail "the overview lacks $want"
		done
	fi

	REPORT+="[$store] requests ($REQUESTS each, one after another; D = 沙市区, region $dist)"$'\n'
	timed overview-city "/api/v1/stats/overview"
	timed overview-district "/api/v1/stats/overview?region_id=$dist"
	timed screen-city "/api/v1/stats/screen?region_id=$city"
	timed recognition "/api/v1/recognition?region_id=$dist"
	timed volunteers-page "/api/v1/volunteers?region_id=$dist&stage=registered&limit=20"
	timed volunteers-name "/api/v1/volunteers?region_id=$dist&q=%E7%8E%8B&limit=20"
	timed retention "/api/v1/stats/retention?region_id=$dist"
	timed below-norm "/api/v1/stats/below-norm?region_id=$dist&limit=20"
	timed ratios "/api/v1/stats/ratios?region_id=$dist"
	timed export-district "/api/v1/exports/volunteers?region_id=$dist"
	REPORT+="$(mem_line "after the requests")"$'\n'

	# mobilisation over HTTP
	local out
	t0=$(date +%s.%N)
	out=$(curl -sS --max-time "$MAX_TIME" -H "Authorization: Bearer $token" -o "$dir/candidates.json" \
		-w '%{http_code}' "$url/api/v1/emergencies/$em/candidates")
	[ "$out" = 200 ] || fail "candidates answered $out"
	REPORT+="[$store] mobilisation: GET /api/v1/emergencies/$em/candidates, first request (builds the index):"
	REPORT+=" $(secs_since "$t0") s; $(grep -o '"volunteer_id"' "$dir/candidates.json" | wc -l) candidates"$'\n'
	REPORT+="$(mem_line "after the index")"$'\n'
	WRK_THREADS=1 WRK_CONNS=1 run_wrk mob-one "$BENCH/geo/mobilize.lua" / 1
	WRK_THREADS=2 WRK_CONNS=32 run_wrk mob-many "$BENCH/geo/mobilize.lua" / 1
	for w in mob-one mob-many; do
		local f="$dir/wrk-$w.txt"
		[ "$(unexpected "$f")" = 0 ] || fail "wrk $w: $(unexpected "$f") answers not 200"
		REPORT+="  wrk $w: $(rps "$f") requests/s, p50 $(pct "$f" 50%), p90 $(pct "$f" 90%), p99 $(pct "$f" 99%)"$'\n'
		RAW+=$'\n'"## $store wrk $w"$'\n'"$(cat "$f")"$'\n'
	done
	REPORT+="$CPULOG"
	REPORT+="$(mem_line "at the end")"$'\n'
	servers_stop
	RAW+=$'\n'"## $store demo output"$'\n'"$(cat "$dir/demo.log")"$'\n'
	RAW+=$'\n'"## $store server log (last 40 lines)"$'\n'"$(tail -n 40 "$dir/server-1.log")"$'\n'
}

idx=0
for s in "${STORE_LIST[@]}"; do
	run_store "$s" "$idx"
	idx=$((idx + 1))
done
store_pg_finish
OUT=$(result_file city)
MACHINE="# A city at the seed's scale (bench/city.sh, BENCH_SCALE=$SCALE)
$(machine_desc)
server:      ${SERVER_LINES%$'\n'}"
{
	echo "$MACHINE"
	echo
	echo "$REPORT"
	echo "$RAW"
	pg_log_section
} >"$OUT"
bench_finish "$OUT" "see the FAILED lines"
