#!/usr/bin/env bash
# service.sh - service-delivery benchmarks of the real liandong server on
# loopback (see docs/BENCHMARKS.md, "Service delivery"), on SQLite and
# PostgreSQL, with the machinery of bench/load.sh (bench/lib.sh):
#
#   checkin      durable check-ins: wrk (bench/checkin.lua) POSTs
#                /api/v1/attendance/check-in {"signup_id": N, "reason": "bench"}
#                with a unique Idempotency-Key, as an organiser (a
#                social_worker of the organising station), each request a
#                different accepted sign-up; every answer must be 201. After
#                the run the attendance rows are counted against wrk's 201s.
#   kill9        (needs checkin) the check-in load again on a second set of
#                sign-ups, the server killed with SIGKILL half-way; then
#                restarted on the same database, where every check-in wrk
#                was answered 201 for must be (and at most one per
#                connection more, committed but not yet answered), each
#                with its stored idempotent answer.
#   hours        GET /api/v1/volunteers/{id}/hours of one volunteer with
#                BENCH_HOURS_RECORDS (10,000) service records over six years,
#                as the volunteer themself (hours) and as the platform admin
#                (hours-admin); then GET /api/v1/volunteers/{id}/shifts, the
#                same volunteer's upcoming shifts (shifts); then the
#                reference: wrk against bench_bare (bench/ref/bare_mhd.c), a
#                bare libmicrohttpd server with liandong's options answering
#                the hours answer's bytes (bare).
#   recognition  GET /api/v1/recognition?region_id=D&limit=100, the annual
#                list of a district whose BENCH_RECOG_VOLUNTEERS (20,000)
#                volunteers hold BENCH_RECOG_RECORDS (1,000,000) service
#                records of the current year: BENCH_RECOG_REQUESTS (5) timed
#                curl requests one after another, then wrk with
#                BENCH_RECOG_CONNECTIONS (2) connections.
#
# Per store, from scratch: a fresh database, liandong init, a platform_admin;
# the server; through the API: a city, the district D with four towns (a
# social-work station and a volunteer team in each), a second district with
# the organising station and a team, three accounts (organiser, the hours
# volunteer's own account, D's regional admin), the hours volunteer (walked
# through the pipeline to `registered`), one activity with one position and
# enough shifts of capacity 100,000, one sign-up and one verified service
# record of the hours volunteer (the templates the bulk rows copy). Then,
# with the server stopped, one bulk SQL transaction (sqlite3 / psql, kept in
# the result file) adds rows shaped as the server writes them (see "Bulk
# load" in docs/BENCHMARKS.md): people without ID numbers, volunteers at
# stage `registered` with unique volunteer numbers (and the counters moved
# past them) and their move into `registered` today (without it, the
# server's inactivity sweep would take every one of them for a volunteer
# idle for months and move them all during the runs), accepted sign-ups, service records (most verified), the
# volunteer_hours rollup when the schema has it, and each volunteer's
# verified_hours and stars. PostgreSQL then gets VACUUM ANALYZE (what
# autovacuum would do after such a load). The server is started again,
# checked (a bulk sign-up checks in with 201; the hours the API answers
# equal the ledger's sum), and the runs go in the order above. Afterwards:
# the rows the check-in run wrote, and each benchmarked query's plan
# (EXPLAIN QUERY PLAN and the time of the query alone in the sqlite3 CLI;
# EXPLAIN (ANALYZE, BUFFERS) of the generic plan on PostgreSQL, as the
# server's sessions use), the SQL taken from the binary itself.
#
# BENCH_FLAME=1 adds, after the hours runs, a flame graph of the server
# answering the volunteer's hours (bench/lib.sh `flame`, bench/flame.py).
#
# Environment (all optional), besides bench/load.sh's BENCH_SECONDS,
# BENCH_THREADS, BENCH_CONNECTIONS, BENCH_PORT, BENCH_SERVER_THREADS,
# BENCH_TMPDIR, BENCH_KEEP, BENCH_FSYNC_PROBE, BENCH_WAIT_QUIET:
#   BENCH_STORES="sqlite pg"      stores, in this order (pg+nginx also works)
#   BENCH_PHASES="checkin hours recognition"   which benchmarks (and loads)
#   BENCH_SIGNUPS=max(100000, 15000 x BENCH_SECONDS)  accepted sign-ups loaded
#   BENCH_HOURS_RECORDS=10000     service records of the hours volunteer
#   BENCH_RECOG_RECORDS=1000000   current-year records in district D
#   BENCH_RECOG_VOLUNTEERS=20000  volunteers holding them
#   BENCH_RECOG_REQUESTS=5        timed sequential recognition requests
#   BENCH_RECOG_CONNECTIONS=2     wrk connections (1 thread) for recognition
#   BENCH_RECOG_MAX_TIME=60       seconds a recognition request may take
# Writes bench/results/<date>-service.txt (raw wrk outputs, bulk SQL, plans,
# logs, machine). Everything is bounded (wrk -d, timeout, curl --max-time)
# and on loopback or Unix sockets; the trap stops what was started.
# Exit status: 0 when every run finished with every answer as expected and
# the row counts agree; 1 otherwise; 2 for bad settings.
set -euo pipefail

ME=service.sh
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_settings "sqlite pg"
PHASES=" ${BENCH_PHASES:-checkin hours recognition} "
SIGNUPS=${BENCH_SIGNUPS:-$((DUR * 15000 > 100000 ? DUR * 15000 : 100000))}
HOURS_RECORDS=${BENCH_HOURS_RECORDS:-10000}
RECOG_RECORDS=${BENCH_RECOG_RECORDS:-1000000}
RECOG_VOLUNTEERS=${BENCH_RECOG_VOLUNTEERS:-20000}
RECOG_REQUESTS=${BENCH_RECOG_REQUESTS:-5}
RECOG_CONNS=${BENCH_RECOG_CONNECTIONS:-2}
RECOG_MAX_TIME=${BENCH_RECOG_MAX_TIME:-60}
need_int SIGNUPS HOURS_RECORDS RECOG_RECORDS RECOG_VOLUNTEERS RECOG_REQUESTS RECOG_CONNS RECOG_MAX_TIME
for p in $PHASES; do
	case $p in
	checkin | kill9 | hours | recognition) ;;
	*) echo "$ME: unknown phase '$p' in BENCH_PHASES (checkin, kill9, hours, recognition)" >&2; exit 2 ;;
	esac
done
phase() { [[ $PHASES == *" $1 "* ]]; }
if phase kill9 && ! phase checkin; then
	echo "$ME: the kill9 phase needs the checkin phase (BENCH_PHASES=\"checkin kill9 ...\")" >&2
	exit 2
fi
# the kill9 run checks in a second set of sign-ups of the same size
NSIGN_ALL=$SIGNUPS
phase kill9 && NSIGN_ALL=$((SIGNUPS * 2))
if [ "$SIGNUPS" -lt $((THREADS * 2)) ] || [ "$HOURS_RECORDS" -lt 1 ] || [ "$RECOG_VOLUNTEERS" -lt 4 ] ||
	[ "$RECOG_RECORDS" -lt "$RECOG_VOLUNTEERS" ] || [ "$RECOG_CONNS" -lt 1 ] || [ "$RECOG_MAX_TIME" -lt 1 ]; then
	echo "$ME: need BENCH_SIGNUPS >= 2 x threads, BENCH_HOURS_RECORDS >= 1, BENCH_RECOG_VOLUNTEERS >= 4," \
		"BENCH_RECOG_RECORDS >= BENCH_RECOG_VOLUNTEERS, connections and max time >= 1" >&2
	exit 2
fi

if phase checkin && [ "$SIGNUPS" -lt $((DUR * 15000)) ]; then
	log "warning: BENCH_SIGNUPS=$SIGNUPS may run out before ${DUR}s of check-ins (checkin.lua then stops wrk with an error)"
fi

NEED_SQLITE3=1
bench_tools
bench_workdir
bench_build
bench_fsync_probe
bench_wait_quiet

NOW=$(date +%s)
YEAR=$(date -u -d "@$((NOW + 28800))" +%Y)           # China time, as the server counts years
YEAR_START=$(($(date -u -d "$YEAR-01-01" +%s) - 28800)) # 00:00 on 1 January, +08:00
NONCE="$(date +%s)$$"
CAP=100000 # the largest shift capacity the API accepts
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }

FAIL=0
SUMMARY=$(printf '%-7s %-44s %11s %10s %10s %9s %6s  %s' store benchmark requests/s p50 p99 requests bad "socket errors")
DETAILS=""
SERVER_LINES=""
EXTRA="" # bulk SQL, plans, sample rows: appended to the result file

fail() { # MESSAGE: the run goes on, the exit status will be 1
	echo "$ME: [$store] $*" >&2
	DETAILS+="[$store] FAILED: $*"$'\n'
	FAIL=1
}

# --- the API as the platform admin ------------------------------------------------
api() { # METHOD PATH [JSON]: prints the answer's body; exits unless 2xx
	local out code args=()
	[ $# -ge 3 ] && args=(--data "$3")
	out=$(curl -sS --max-time 30 -X "$1" -H "Authorization: Bearer $admin_token" \
		-H 'Content-Type: application/json' "${args[@]}" -w '\n%{http_code}' "$url/api/v1$2")
	code=${out##*$'\n'}
	out=${out%$'\n'*}
	case $code in
	2??) printf '%s' "$out" ;;
	*) die "[$store] $1 /api/v1$2 answered $code: $out" ;;
	esac
}
jid() { sed -n 's/^{"id":\([0-9]*\).*/\1/p'; } # the id of the answered record

# --- SQL dialect -------------------------------------------------------------------
series() { # N: a subquery of rows i = 1..N
	if [ "$store" = sqlite ]; then
		printf '(WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %d) SELECT i FROM c)' "$1"
	else
		printf '(SELECT generate_series(1::bigint, %d) AS i)' "$1"
	fi
}
pad7() { # EXPR: as 7 digits
	if [ "$store" = sqlite ]; then
		printf "substr('0000000' || (%s), -7)" "$1"
	else
		printf "lpad((%s)::text, 7, '0')" "$1"
	fi
}
year_of() { # EXPR (unix seconds): the year in China time (domain/timefmt.c today_ymd)
	if [ "$store" = sqlite ]; then
		printf "CAST(strftime('%%Y', (%s) + 28800, 'unixepoch') AS INTEGER)" "$1"
	else
		printf "CAST(EXTRACT(YEAR FROM to_timestamp((%s) + 28800) AT TIME ZONE 'UTC') AS INTEGER)" "$1"
	fi
}
due_of() { # EXPR (an activity's end): the end of the 10th working day after it,
	# China time, Saturdays and Sundays skipped (domain/service_rules.c
	# due_after_working_days; 1970-01-01, day 0, was a Thursday)
	local d="(($1) + 28800) / 86400"
	printf '((%s + CASE (%s + 3) %% 7 WHEN 5 THEN 13 WHEN 6 THEN 12 ELSE 14 END + 1) * 86400 - 1 - 28800)' "$d" "$d"
}
ids_case() { # EXPR ID...: CASE EXPR WHEN 0 THEN ID1 WHEN 1 THEN ID2 ... END
	local k=0 id out="CASE $1"
	shift
	for id in "$@"; do
		out+=" WHEN $k THEN $id"
		k=$((k + 1))
	done
	printf '%s END' "$out"
}

# records_insert SOURCE: service records from SOURCE, a subquery with
# columns i, vid, org, st (start), m (minutes), status; made by hand by the
# recording org as the API does (no activity, no sign-up), recorded a day
# after the service (never late), verified a day later, 2% voided a day
# after that; recorder, verifier and voider the platform admin (user 1).
records_insert() {
	local end="r.st + r.m * 60"
	cat <<-EOF
		INSERT INTO service_records (volunteer_id, org_id, activity_id, signup_id, content, place, starts_at,
		    ends_at, minutes, status, person_in_charge, people_served, evaluation, recorder_user_id,
		    verifier_user_id, verified_at, void_reason, voided_by_user_id, voided_at, replaces_id, due_at, late,
		    year, created_at)
		SELECT r.vid, r.org, NULL, NULL,
		    CASE r.i % 5 WHEN 0 THEN '入户探访独居老人，陪伴聊天、量血压' WHEN 1 THEN '为留守儿童辅导作业'
		        WHEN 2 THEN '协助社区文艺活动现场秩序' WHEN 3 THEN '协助转移受灾群众' ELSE '发放禁毒宣传资料并讲解' END,
		    '社区服务中心', r.st, $end, r.m, r.status, NULL, NULL, '服务认真，对象满意', 1,
		    CASE WHEN r.status <> 'recorded' THEN 1 END,
		    CASE WHEN r.status <> 'recorded' THEN $end + 2 * 86400 END,
		    CASE WHEN r.status = 'voided' THEN '录入有误，作废' END,
		    CASE WHEN r.status = 'voided' THEN 1 END,
		    CASE WHEN r.status = 'voided' THEN $end + 3 * 86400 END,
		    NULL, $(due_of "$end"), 0, $(year_of r.st), $end + 86400
		FROM $1 r;
	EOF
}
# start times: i x a large prime modulo the span, scattered over the span
SCATTER=2654435761
STATUS_EXPR="CASE WHEN s.i % 50 = 0 THEN 'voided' WHEN s.i % 10 = 7 THEN 'recorded' ELSE 'verified' END"

# --- one store -------------------------------------------------------------------
bench_store() { # STORE INDEX
	# set by store_open and servers_start (bench/lib.sh)
	# shellcheck disable=SC2034
	local store dir db base nserv pg_settings url token
	# shellcheck disable=SC2034
	local key_args=() ports=() serve_args=()
	local admin_token org_token vol_token reg_token
	store_open "$1" "$2"

	servers_start
	mem_note "started"
	admin_token=$(login admin "$PASSWORD")

	# --- through the API: regions, orgs, accounts, templates ------------------------
	log "[$store] setting up through the API"
	local city dist other t towns=() stations=() teams=() station_o team_o hp vh act pos
	city=$(api POST /regions '{"code":"421000","name":"荆州市","level":"city"}' | jid)
	dist=$(api POST /regions "{\"code\":\"421002\",\"name\":\"沙市区\",\"level\":\"district\",\"parent_id\":$city}" | jid)
	other=$(api POST /regions "{\"code\":\"421003\",\"name\":\"荆州区\",\"level\":\"district\",\"parent_id\":$city}" | jid)
	for t in 1 2 3 4; do
		towns+=("$(api POST /regions "{\"code\":\"42100200$t\",\"name\":\"街道$t\",\"level\":\"town\",\"parent_id\":$dist}" | jid)")
		stations+=("$(api POST /orgs "{\"name\":\"街道${t}社工站\",\"kind\":\"social_work_station\",\"region_id\":${towns[t - 1]}}" | jid)")
		teams+=("$(api POST /orgs "{\"name\":\"街道${t}志愿服务队\",\"kind\":\"volunteer_team\",\"region_id\":${towns[t - 1]},\"parent_id\":${stations[t - 1]}}" | jid)")
	done
	station_o=$(api POST /orgs "{\"name\":\"荆州区社会工作服务中心\",\"kind\":\"sw_agency\",\"region_id\":$other}" | jid)
	team_o=$(api POST /orgs "{\"name\":\"荆州区志愿服务队\",\"kind\":\"volunteer_team\",\"region_id\":$other,\"parent_id\":$station_o}" | jid)
	hp=$(api POST /people "{\"name\":\"时数志愿者\",\"gender\":\"female\",\"birth_date\":\"1985-06-15\",\"region_id\":$other,\"org_id\":$team_o}" | jid)
	vh=$(api POST /volunteers "{\"person_id\":$hp,\"org_id\":$team_o}" | jid)
	for t in trial initial_training selection interview skills_training registered; do
		api POST "/volunteers/$vh/stage" "{\"to\":\"$t\"}" >/dev/null
	done
	api POST /users "{\"username\":\"organiser\",\"password\":\"$PASSWORD\",\"roles\":[{\"role\":\"social_worker\",\"org_id\":$station_o}]}" >/dev/null
	api POST /users "{\"username\":\"volunteer\",\"password\":\"$PASSWORD\",\"person_id\":$hp,\"roles\":[{\"role\":\"volunteer\",\"org_id\":$team_o}]}" >/dev/null
	api POST /users "{\"username\":\"region\",\"password\":\"$PASSWORD\",\"roles\":[{\"role\":\"regional_admin\",\"region_id\":$dist}]}" >/dev/null
	org_token=$(login organiser "$PASSWORD")
	vol_token=$(login volunteer "$PASSWORD")
	reg_token=$(login region "$PASSWORD")
	mem_note "after logins"

	# the activity, its position and shifts (capacity 100,000 each: the
	# template sign-up and the bulk ones, 100,000 a shift)
	local nshifts=$(((NSIGN_ALL + CAP) / CAP)) shifts=() k
	act=$(api POST /activities "{\"title\":\"社区志愿服务日\",\"mode\":\"event\",\"org_ids\":[$station_o,$team_o],\"place\":\"社区服务中心\",\"starts_at\":\"$(iso $((NOW - 3600)))\",\"ends_at\":\"$(iso $((NOW + 30 * 86400)))\",\"sign_up\":\"open\",\"positions\":[{\"title\":\"现场服务\",\"headcount\":$CAP}]}")
	pos=$(printf '%s' "$act" | sed -n 's/.*"positions":\[{"id":\([0-9]*\).*/\1/p')
	act=$(printf '%s' "$act" | jid)
	if [ -z "$pos" ] || [ -z "$act" ]; then die "[$store] no activity or position id"; fi
	for k in $(seq 1 "$nshifts"); do
		shifts+=("$(api POST /shifts "{\"position_id\":$pos,\"starts_at\":\"$(iso $((NOW - 3600)))\",\"ends_at\":\"$(iso $((NOW + 7 * 86400)))\",\"capacity\":$CAP}" | jid)")
		[ "${shifts[k - 1]}" = $((shifts[0] + k - 1)) ] || die "[$store] shift ids are not consecutive: ${shifts[*]}"
	done
	# templates: the hours volunteer's sign-up and one verified record
	local tsignup trec
	tsignup=$(api POST "/shifts/${shifts[0]}/signups" "{\"volunteer_id\":$vh}" | jid)
	trec=$(admin_token=$org_token api POST /service-records "{\"volunteer_id\":$vh,\"org_id\":$station_o,\"content\":\"入户探访独居老人，陪伴聊天、量血压\",\"place\":\"社区服务中心\",\"starts_at\":\"$(iso $((NOW - 400 * 86400)))\",\"ends_at\":\"$(iso $((NOW - 400 * 86400 + 7200)))\",\"evaluation\":\"服务认真，对象满意\",\"person_in_charge\":\"张社工\"}" | jid)
	api POST "/service-records/$trec/verify" >/dev/null
	servers_stop

	# --- bulk load -----------------------------------------------------------------
	local p0 v0 g0 c_o c_d rollup n_sign=0 n_hours=0 n_recog=0 n_rvol=0
	phase checkin && n_sign=$NSIGN_ALL
	phase hours && n_hours=$((HOURS_RECORDS - 1))
	if phase recognition; then
		n_recog=$RECOG_RECORDS
		n_rvol=$RECOG_VOLUNTEERS
	fi
	p0=$(db_sql "SELECT COALESCE(MAX(id), 0) FROM people")
	v0=$(db_sql "SELECT COALESCE(MAX(id), 0) FROM volunteers")
	g0=$(db_sql "SELECT COALESCE(MAX(id), 0) FROM signups")
	c_o=$(db_sql "SELECT COALESCE(MAX(value), 0) FROM counters WHERE name = 'volunteer_no:421003:$YEAR'")
	c_d=$(db_sql "SELECT COALESCE(MAX(value), 0) FROM counters WHERE name = 'volunteer_no:421002:$YEAR'")
	if [ "$store" = sqlite ]; then
		rollup=$(db_sql "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'volunteer_hours'")
	else
		rollup=$(db_sql "SELECT count(*) FROM information_schema.tables WHERE table_name = 'volunteer_hours'")
	fi
	local vr0=$((v0 + n_sign)) pr0=$((p0 + n_sign))
	local span=$((NOW - 5 * 86400 - 14400 - YEAR_START))
	[ "$span" -lt 86400 ] && span=86400
	local sqlf="$dir/bulk.sql"
	{
		echo "-- bench/service.sh bulk load ($store): $n_sign check-in volunteers with accepted sign-ups;"
		echo "-- $n_hours more records of volunteer $vh; $n_rvol volunteers of district $dist with $n_recog records of $YEAR"
		[ "$store" = sqlite ] && echo "PRAGMA foreign_keys = ON;"
		echo "BEGIN;"
		if [ "$n_sign" -gt 0 ]; then
			cat <<-EOF
				INSERT INTO people (id, name, gender, birth_date, region_id, org_id, created_at, updated_at)
				SELECT $p0 + s.i, '签到志愿者' || s.i, CASE s.i % 2 WHEN 0 THEN 'female' ELSE 'male' END,
				    '19' || (60 + s.i % 40) || '-0' || (1 + s.i % 9) || '-1' || (s.i % 10), $other, $team_o, $NOW, $NOW
				FROM $(series "$n_sign") s;
				INSERT INTO volunteers (id, person_id, org_id, volunteer_no, stage, verified_hours, stars,
				    guardian_consent, created_at, updated_at)
				SELECT $v0 + s.i, $p0 + s.i, $team_o, '421003$YEAR' || $(pad7 "$c_o + s.i"), 'registered', 0, 0, 0, $NOW, $NOW
				FROM $(series "$n_sign") s;
				INSERT INTO counters (name, value) VALUES ('volunteer_no:421003:$YEAR', $((c_o + n_sign)))
				    ON CONFLICT (name) DO UPDATE SET value = excluded.value;
				INSERT INTO volunteer_stage_events (volunteer_id, from_stage, to_stage, note, by_user_id, at)
				SELECT $v0 + s.i, 'skills_training', 'registered', NULL, 1, $NOW FROM $(series "$n_sign") s;
				INSERT INTO signups (id, shift_id, volunteer_id, status, created_at, updated_at)
				SELECT $g0 + s.i, ${shifts[0]} + s.i / $CAP, $v0 + s.i, 'accepted', $NOW, $NOW
				FROM $(series "$n_sign") s;
			EOF
		fi
		if [ "$n_hours" -gt 0 ]; then
			records_insert "(SELECT s.i, $vh AS vid, $station_o AS org,
			    $NOW - 5 * 86400 - 14400 - (s.i * $SCATTER) % (6 * 365 * 86400) AS st, 30 + (s.i * 31) % 211 AS m,
			    $STATUS_EXPR AS status FROM $(series "$n_hours") s)"
		fi
		if [ "$n_rvol" -gt 0 ]; then
			cat <<-EOF
				INSERT INTO people (id, name, gender, birth_date, region_id, org_id, created_at, updated_at)
				SELECT $pr0 + s.i, '表彰志愿者' || s.i, CASE s.i % 2 WHEN 0 THEN 'female' ELSE 'male' END,
				    '19' || (60 + s.i % 40) || '-0' || (1 + s.i % 9) || '-1' || (s.i % 10),
				    $(ids_case "s.i % 4" "${towns[@]}"), $(ids_case "s.i % 4" "${teams[@]}"), $NOW, $NOW
				FROM $(series "$n_rvol") s;
				INSERT INTO volunteers (id, person_id, org_id, volunteer_no, stage, verified_hours, stars,
				    guardian_consent, created_at, updated_at)
				SELECT $vr0 + s.i, $pr0 + s.i, $(ids_case "s.i % 4" "${teams[@]}"),
				    '421002$YEAR' || $(pad7 "$c_d + s.i"), 'registered', 0, 0, 0, $NOW, $NOW
				FROM $(series "$n_rvol") s;
				INSERT INTO counters (name, value) VALUES ('volunteer_no:421002:$YEAR', $((c_d + n_rvol)))
				    ON CONFLICT (name) DO UPDATE SET value = excluded.value;
				INSERT INTO volunteer_stage_events (volunteer_id, from_stage, to_stage, note, by_user_id, at)
				SELECT $vr0 + s.i, 'skills_training', 'registered', NULL, 1, $NOW FROM $(series "$n_rvol") s;
			EOF
			# volunteer j = 1 + i % R, of team j % 4, recorded by that town's station
			records_insert "(SELECT s.i, $vr0 + 1 + s.i % $n_rvol AS vid,
			    $(ids_case "(1 + s.i % $n_rvol) % 4" "${stations[@]}") AS org,
			    $YEAR_START + (s.i * $SCATTER) % $span AS st, 30 + (s.i * 31) % 211 AS m,
			    $STATUS_EXPR AS status FROM $(series "$n_recog") s)"
		fi
		if [ "$rollup" = 1 ]; then
			cat <<-EOF
				INSERT INTO volunteer_hours (volunteer_id, year, minutes)
				SELECT volunteer_id, year, SUM(minutes) FROM service_records
				WHERE status = 'verified' AND (volunteer_id = $vh OR volunteer_id > $vr0)
				GROUP BY volunteer_id, year
				ON CONFLICT (volunteer_id, year) DO UPDATE SET minutes = excluded.minutes;
			EOF
		fi
		cat <<-EOF
			UPDATE volunteers SET verified_hours = ((t.m * 100 + 30) / 60) / 100.0,
			    stars = CASE WHEN t.m >= 90000 THEN 5 WHEN t.m >= 60000 THEN 4 WHEN t.m >= 36000 THEN 3
			        WHEN t.m >= 18000 THEN 2 WHEN t.m >= 6000 THEN 1 ELSE 0 END
			FROM (SELECT volunteer_id AS vid, CAST(SUM(minutes) AS BIGINT) AS m FROM service_records
			      WHERE status = 'verified' AND (volunteer_id = $vh OR volunteer_id > $vr0) GROUP BY volunteer_id) t
			WHERE volunteers.id = t.vid;
		EOF
		if [ "$store" != sqlite ]; then
			for t in people volunteers signups; do
				echo "SELECT setval(pg_get_serial_sequence('$t', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM $t), false);"
			done
		fi
		echo "COMMIT;"
	} >"$sqlf"
	log "[$store] bulk load: $n_sign sign-ups, $n_hours + 1 hours records, $n_recog records of $n_rvol volunteers"
	local t0 t1 load_secs analyze_secs=0
	t0=$(date +%s.%N)
	if [ "$store" = sqlite ]; then
		# (.read: a background job's stdin is /dev/null)
		run_child sqlite3 -bail "$db" ".read '$sqlf'" >"$dir/bulk.out" 2>&1 || { cat "$dir/bulk.out" >&2; die "[$store] bulk load failed"; }
	else
		run_child psql -X -q -v ON_ERROR_STOP=1 "$db" -f "$sqlf" >"$dir/bulk.out" 2>&1 || { cat "$dir/bulk.out" >&2; die "[$store] bulk load failed"; }
	fi
	t1=$(date +%s.%N)
	load_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
	if [ "$store" != sqlite ]; then
		run_child psql -X -q -v ON_ERROR_STOP=1 "$db" -c 'VACUUM ANALYZE' -c 'CHECKPOINT' >>"$dir/bulk.out" 2>&1 ||
			die "[$store] VACUUM ANALYZE failed"
		analyze_secs=$(awk -v a="$t1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	fi
	EXTRA+=$'\n'"## [$store] bulk load SQL ($load_secs s$([ "$store" != sqlite ] && echo "; then VACUUM ANALYZE, CHECKPOINT: $analyze_secs s"))"$'\n'$(cat "$sqlf")$'\n'

	# the bulk rows beside the rows the API wrote (templates)
	local cols_sr="id, volunteer_id, org_id, activity_id, signup_id, starts_at, ends_at, minutes, status, recorder_user_id, verifier_user_id, verified_at, due_at, late, year, created_at"
	local samples=""
	samples+="people (API, bulk):"$'\n'$(db_sql "SELECT * FROM people WHERE id IN ($hp, $((p0 + 1)), $((pr0 + 1))) ORDER BY id")$'\n'
	samples+="volunteers (API, bulk):"$'\n'$(db_sql "SELECT * FROM volunteers WHERE id IN ($vh, $((v0 + 1)), $((vr0 + 1))) ORDER BY id")$'\n'
	samples+="signups (API, bulk):"$'\n'$(db_sql "SELECT * FROM signups WHERE id IN ($tsignup, $((g0 + 1))) ORDER BY id")$'\n'
	samples+="service_records ($cols_sr; API, bulk):"$'\n'$(db_sql "SELECT $cols_sr FROM service_records WHERE id IN ($trec, $((trec + 1)), (SELECT MAX(id) FROM service_records)) ORDER BY id")$'\n'
	# the due date and year formulas on the row the API wrote
	local formula_ok
	formula_ok=$(db_sql "SELECT count(*) FROM service_records WHERE id = $trec AND due_at = $(due_of ends_at) AND year = $(year_of starts_at)")
	[ "$formula_ok" = 1 ] || fail "the bulk due_at/year formulas disagree with the server's on record $trec"
	samples+="due_at and year formulas agree with the API's record $trec: $([ "$formula_ok" = 1 ] && echo yes || echo NO)"$'\n'
	EXTRA+=$'\n'"## [$store] sample rows"$'\n'"$samples"

	local counts dbsize
	counts=$(db_sql "SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM volunteers), (SELECT count(*) FROM signups WHERE status = 'accepted'),
		(SELECT count(*) FROM service_records), (SELECT count(*) FROM service_records WHERE year = $YEAR),
		(SELECT count(*) FROM service_records WHERE year = $YEAR AND status = 'verified'),
		(SELECT count(*) FROM service_records WHERE volunteer_id = $vh)")
	if [ "$store" = sqlite ]; then
		dbsize=$(du -sh "$db" | cut -f1)
	else
		dbsize=$(db_sql "SELECT pg_size_pretty(pg_database_size(current_database()))")
	fi

	# --- the server again; checks ---------------------------------------------------
	local bg dsnap
	disk_dev
	dsnap=$(disk_snap)
	bg=$(background_pct) # 3 s with nothing of ours running: the disk's other traffic too
	disk_note idle "$dsnap" "$(disk_snap)"
	[ "$bg" -gt 10 ] && log "warning: the machine is already ${bg}% busy (of one core) before the [$store] runs; numbers will be low"
	servers_start
	mem_note "after load"

	local first per hours_api hours_sql code recog_path="/api/v1/recognition?region_id=$dist&limit=100"
	# wrk's ranges: the first SIGNUPS - 1 sign-ups for the check-in run, the
	# next SIGNUPS - 1 for the kill9 run; the very last one is the probe's
	per=$(((SIGNUPS - 1) / THREADS))
	first=$((g0 + 1))
	local kfirst=$((g0 + SIGNUPS))
	if phase checkin; then
		# the last bulk sign-up (outside wrk's ranges) checks in as the server's own would
		code=$(curl -s -o "$dir/checkin-probe.json" -w '%{http_code}' --max-time 10 -X POST \
			-H "Authorization: Bearer $org_token" -H 'Content-Type: application/json' \
			-H "Idempotency-Key: probe-$NONCE" --data "{\"signup_id\":$((g0 + n_sign)),\"reason\":\"probe\"}" \
			"$url/api/v1/attendance/check-in")
		[ "$code" = 201 ] || die "[$store] check-in of bulk sign-up $((g0 + n_sign)) answered $code: $(cat "$dir/checkin-probe.json")"
	fi
	if phase hours; then
		token=$vol_token
		hours_api=$(curl -sS --max-time 10 -H "Authorization: Bearer $token" "$url/api/v1/volunteers/$vh/hours")
		hours_sql=$(db_sql "SELECT ((CAST(SUM(minutes) AS BIGINT) * 100 + 30) / 60) / 100.0 FROM service_records WHERE volunteer_id = $vh AND status = 'verified'")
		awk -v a="$(printf '%s' "$hours_api" | sed -n 's/.*"verified_hours":\([0-9.]*\).*/\1/p')" -v b="$hours_sql" \
			'BEGIN { exit !(a != "" && a + 0 == b + 0) }' ||
			fail "hours answered $hours_api, the ledger sums $hours_sql h"
	fi

	# --- runs ------------------------------------------------------------------------
	if phase checkin; then
		token=$org_token
		WRK_DISK=1 run_wrk checkin "$BENCH/checkin.lua" /api/v1/attendance/check-in "$first" "$per" "$NONCE"
		mem_note "after checkin"
	fi
	local kill_line=""
	if phase kill9 && [ "$nserv" = 1 ]; then
		# the same load, and half-way through SIGKILL: every check-in wrk
		# was answered 201 for must be in the database the server reopens
		token=$org_token
		local kpid=${SERVER_PIDS[0]} killer kanswered kinserted kidem
		# then wrk is stopped (SIGINT: it prints what it counted), or its
		# failing writes would use up the sign-ups of its range
		(sleep $((DUR / 2 + 1)) && kill -KILL "$kpid" && sleep 0.3 && pkill -INT -x wrk) &
		killer=$!
		log "[$store] kill9: check-ins, the server killed -9 after $((DUR / 2 + 1)) s"
		WRK_DISK=1 run_wrk kill9 "$BENCH/checkin.lua" /api/v1/attendance/check-in "$kfirst" "$per" "k$NONCE"
		wait "$killer" || true
		wait "$kpid" 2>/dev/null || true
		STOPLOG+="  liandong  pid $kpid     killed -9 during the kill9 run"$'\n'
		SERVER_PIDS=()
		servers_start
		mem_note "after kill -9"
		kanswered=$(($(total "$dir/wrk-kill9.txt") - $(unexpected "$dir/wrk-kill9.txt" | sed 's/missing/0/')))
		kinserted=$(db_sql "SELECT count(*) FROM attendance WHERE check_in_reason = 'bench' AND signup_id BETWEEN $kfirst AND $((kfirst + THREADS * per - 1))")
		kidem=$(db_sql "SELECT count(*) FROM idempotency WHERE idem_key LIKE 'bench-k$NONCE-%' AND status = 201")
		kill_line="$kinserted attendance rows and $kidem stored answers after the restart; wrk was answered 201 for $kanswered (at most $CONNS more may have committed unanswered)"
		if [ "$kinserted" -lt "$kanswered" ] || [ "$kinserted" -gt $((kanswered + CONNS)) ] || [ "$kidem" != "$kinserted" ]; then
			fail "kill9: an acknowledged check-in was lost or counted twice: $kill_line"
		fi
		# the server answers again
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $org_token" "$url/api/v1/health")
		[ "$code" = 200 ] || fail "kill9: the restarted server answered $code"
	elif phase kill9; then
		log "[$store] kill9: skipped (only with one server)"
	fi
	if phase hours; then
		token=$vol_token
		run_wrk hours "$BENCH/list.lua" "/api/v1/volunteers/$vh/hours"
		token=$admin_token
		run_wrk hours-admin "$BENCH/list.lua" "/api/v1/volunteers/$vh/hours"
		token=$vol_token
		run_wrk shifts "$BENCH/list.lua" "/api/v1/volunteers/$vh/shifts"
		mem_note "after hours"
		# the reference: the same bytes from a bare libmicrohttpd server
		curl -sS --max-time 10 -H "Authorization: Bearer $token" -o "$dir/hours-body.json" \
			"$url/api/v1/volunteers/$vh/hours"
		run_bare bare "$dir/hours-body.json"
		flame hours "$BENCH/list.lua" "/api/v1/volunteers/$vh/hours"
	fi
	local recog_times="" recog_first="" small_times=""
	if phase recognition; then
		token=$reg_token
		log "[$store] recognition: $RECOG_REQUESTS timed requests, one after another"
		for k in $(seq 1 "$RECOG_REQUESTS"); do
			local line
			run_child curl -s -o "$dir/recognition-$k.json" -w '%{http_code} %{time_total}' \
				--max-time "$RECOG_MAX_TIME" -H "Authorization: Bearer $token" "$url$recog_path" \
				>"$dir/recognition-$k.time" || true
			line=$(cat "$dir/recognition-$k.time")
			recog_times+="$line"$'\n'
			[ "${line%% *}" = 200 ] || fail "recognition request $k answered '$line' (status, seconds)"
		done
		recog_first=$(sed -n 's/.*"items":\[\({[^}]*}\).*/\1/p' "$dir/recognition-1.json")
		# a district with few volunteers with hours (the other one: only the
		# hours volunteer) on the same platform, as the platform admin
		for k in $(seq 1 "$RECOG_REQUESTS"); do
			run_child curl -s -o "$dir/recognition-small-$k.json" -w '%{http_code} %{time_total}' \
				--max-time "$RECOG_MAX_TIME" -H "Authorization: Bearer $admin_token" \
				"$url/api/v1/recognition?region_id=$other&limit=100" >"$dir/recognition-small-$k.time" || true
			line=$(cat "$dir/recognition-small-$k.time")
			small_times+="$line"$'\n'
			[ "${line%% *}" = 200 ] || fail "recognition request $k for region $other answered '$line' (status, seconds)"
		done
		WRK_THREADS=1 WRK_CONNS=$RECOG_CONNS WRK_TIMEOUT="${RECOG_MAX_TIME}s" \
			run_wrk recognition "$BENCH/list.lua" "$recog_path"
		mem_note "after recognition"
	fi

	local nginx_ran=0
	[ -n "$NGINX_PID" ] && nginx_ran=1
	servers_stop

	# --- what the check-in run wrote ----------------------------------------------------
	local f run label bad answered inserted idem audit checkin_line=""
	if phase checkin; then
		f="$dir/wrk-checkin.txt"
		answered=$(($(total "$f") - $(unexpected "$f" | sed 's/missing/0/')))
		inserted=$(db_sql "SELECT count(*) FROM attendance WHERE check_in_reason = 'bench' AND signup_id BETWEEN $first AND $((first + THREADS * per - 1))")
		idem=$(db_sql "SELECT count(*) FROM idempotency WHERE idem_key LIKE 'bench-$NONCE-%' AND status = 201")
		audit=$(db_sql "SELECT count(*) FROM audit WHERE action = 'check_in'")
		checkin_line="$inserted attendance rows (reason bench), $idem stored idempotent answers, $audit check_in audit entries (incl. the probe); wrk counted $answered 201s (the rest were in flight when wrk stopped)"
		if [ "$inserted" -lt "$answered" ] || [ "$inserted" -gt $((answered + CONNS)) ] || [ "$idem" != "$inserted" ]; then
			fail "check-in: $checkin_line"
		fi
	fi

	# --- summary rows -------------------------------------------------------------------
	for run in checkin kill9 hours hours-admin shifts bare recognition; do
		f="$dir/wrk-$run.txt"
		[ -e "$f" ] || continue
		case $run in
		kill9) label="kill9    check-ins, kill -9 half-way"; bad=$(unexpected "$f") ;;
		checkin) label="checkin  POST /attendance/check-in"; bad=$(unexpected "$f") ;;
		hours) label="hours    GET /volunteers/$vh/hours (self)"; bad=$(non2xx "$f") ;;
		hours-admin) label="hours    GET /volunteers/$vh/hours (admin)"; bad=$(non2xx "$f") ;;
		shifts) label="shifts   GET /volunteers/$vh/shifts (self)"; bad=$(non2xx "$f") ;;
		bare) label="bare     libmicrohttpd, the hours answer's bytes"; bad=$(non2xx "$f") ;;
		recognition) label="recog.   GET /recognition?region_id=$dist (-c$RECOG_CONNS)"; bad=$(non2xx "$f") ;;
		esac
		[ "$bad" = 0 ] || FAIL=1
		SUMMARY+=$'\n'$(printf '%-7s %-44s %11s %10s %10s %9s %6s  %s' "$store" "$label" "$(rps "$f")" \
			"$(pct "$f" 50%)" "$(pct "$f" 99%)" "$(total "$f")" "$bad" "$(sockerr "$f")")
	done

	# --- query plans: the SQL the binary runs ----------------------------------------------
	explain_queries "$vh" "$dist" "$other" >"$dir/plans.txt"
	EXTRA+=$'\n'"## [$store] query plans"$'\n'$(cat "$dir/plans.txt")$'\n'

	local errlines=0
	errlines=$(cat "$dir"/server-*.log | grep -c . || true)
	DETAILS+=$(
		echo
		echo "[$store] database: $db ($dbsize after the load)"
		[ -n "$pg_settings" ] && echo "[$store] postgresql $PG_VERSION: $pg_settings"
		echo "[$store] loaded in $load_secs s$([ "$store" != sqlite ] && echo " + VACUUM ANALYZE $analyze_secs s"): people, volunteers, accepted sign-ups, records, records of $YEAR, verified of $YEAR, records of volunteer $vh = $(echo "$counts" | tr '|' ' ')"
		echo "[$store] schema has the volunteer_hours rollup: $([ "$rollup" = 1 ] && echo yes || echo no)"
		echo "[$store] background: ${bg}% of one core busy with other work in the 3 s before the runs"
		[ -n "$checkin_line" ] && echo "[$store] check-in: $checkin_line"
		[ -n "$kill_line" ] && echo "[$store] kill -9 under load: $kill_line"
		[ -n "${hours_api:-}" ] && echo "[$store] hours of volunteer $vh: $(printf '%s' "$hours_api" | cut -c1-160)... (ledger: $hours_sql h)"
		if [ -n "$recog_times" ]; then
			echo "[$store] recognition, $RECOG_REQUESTS requests one after another (status, seconds):"
			printf '%s' "$recog_times" | sed 's/^/  /'
			echo "[$store] recognition first item: $recog_first"
			echo "[$store] recognition of district $other (1 volunteer with hours), $RECOG_REQUESTS requests (status, seconds):"
			printf '%s' "$small_times" | sed 's/^/  /'
		fi
		echo "[$store] cpu during each run, % of one core ($(nproc) cores = $(($(nproc) * 100))%):"
		printf '%s' "$CPULOG"
		echo "[$store] disk: 3 s idle before the runs (other work on the machine)$(phase checkin && echo ", then the check-in run"):"
		printf '%s' "$DISKLOG"
		echo "[$store] server memory by phase:"
		printf '%s' "$MEMLOG"
		echo "[$store] stop:"
		printf '%s' "$STOPLOG"
		echo "[$store] server log: $errlines lines$([ "$nginx_ran" = 1 ] && echo "; nginx error log: $(grep -c . "$dir/nginx-error.log" || true) lines")"
	)
	DETAILS+=$'\n'
}

# explain_queries VOLUNTEER REGION SMALL-REGION: the plans of the hours and recognition
# queries, their SQL taken from the binary (strings), run on the store's
# database with the server stopped: sqlite3 (EXPLAIN QUERY PLAN, then the
# query itself timed) or psql (EXPLAIN (ANALYZE, BUFFERS) of the generic
# plan, as the server's sessions run with plan_cache_mode=force_generic_plan).
explain_queries() {
	local vh=$1 dist=$2 other=$3 name sqltext params strs
	strs=$(strings -n 20 "$BIN")
	local qh qr
	qh=$(printf '%s\n' "$strs" | grep '^SELECT x.last, y.year, y.minutes FROM ' | head -n 1 || true)
	qr=$(printf '%s\n' "$strs" | grep -F 'SELECT v.id, v.person_id, v.org_id, p.name, v.volunteer_no' | head -n 1 || true)
	for name in hours-of recognition recognition-small; do
		case $name in
		hours-of) sqltext=$qh; params=("$vh") ;;
		recognition) sqltext=$qr; params=("$dist" "$YEAR" 100) ;;
		recognition-small) sqltext=$qr; params=("$other" "$YEAR" 100) ;;
		esac
		if [[ $name == recognition* ]]; then phase recognition || continue; else phase hours || continue; fi
		echo "### $name (${params[*]}): $sqltext"
		if [ -z "$sqltext" ]; then
			echo "(not found in $BIN)"
			continue
		fi
		local in="$dir/explain-$name.in" res="$dir/explain-$name.out"
		if [ "$store" = sqlite ]; then
			{
				echo ".parameter init"
				local k=1 p
				for p in "${params[@]}"; do
					echo ".parameter set ?$k $p"
					k=$((k + 1))
				done
				echo "EXPLAIN QUERY PLAN $sqltext;"
				echo ".timer on"
				echo "$sqltext;"
				echo "$sqltext;"
			} >"$in"
			run_child timeout 600 sqlite3 -bail "$db" ".read '$in'" >"$res" 2>&1 || true
			# the plan and the timings, not the rows (which start with a digit)
			grep -v '^[0-9]' "$res" || true
		else
			local pgsql
			pgsql=$(printf '%s' "$sqltext" | sed 's/?\([0-9]\)/$\1/g')
			{
				echo "SET plan_cache_mode = force_generic_plan;"
				echo "SET statement_timeout = '600s';"
				echo "PREPARE q AS $pgsql;"
				echo "EXECUTE q($(IFS=,; echo "${params[*]}"));"
				echo "EXPLAIN (ANALYZE, BUFFERS) EXECUTE q($(IFS=,; echo "${params[*]}"));"
			} >"$in"
			run_child timeout 700 psql -X -q -v ON_ERROR_STOP=1 "$db" -f "$in" >"$res" 2>&1 || true
			sed -n '/QUERY PLAN/,$p' "$res"
		fi
	done
}

i=0
for s in "${STORE_LIST[@]}"; do
	bench_store "$s" "$i"
	i=$((i + 1))
done
store_pg_finish

MACHINE=$(
	machine_desc
	echo "load:        checkin, hours: wrk -t$THREADS -c$CONNS -d${DUR}s --latency --timeout 5s; recognition: $RECOG_REQUESTS x curl, then wrk -t1 -c$RECOG_CONNS -d${DUR}s --timeout ${RECOG_MAX_TIME}s; loopback"
	echo "data:        $SIGNUPS accepted sign-ups; 1 volunteer with $HOURS_RECORDS records; $RECOG_VOLUNTEERS volunteers with $RECOG_RECORDS records of $YEAR (phases: $(xargs <<<"$PHASES"))"
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

out=$(result_file service)
{
	echo "# bench/service.sh (BENCH_STORES=\"${STORE_LIST[*]}\")"
	echo "$MACHINE"
	echo
	echo "$REPORT"
	echo "$EXTRA"
	for s in "${STORE_LIST[@]}"; do
		d="$WORK/${s/+/-}"
		for run in checkin kill9 hours hours-admin shifts bare recognition; do
			[ -e "$d/wrk-$run.txt" ] || continue
			echo
			echo "## [$s] wrk $run"
			cat "$d/wrk-$run.txt"
		done
		for f in "$d"/server-*.log; do
			echo
			echo "## [$s] $(basename "$f")"
			server_log "$f"
		done
	done
	pg_log_section
} >"$out"

bench_finish "$out" "an answer was not the expected status, a check failed or a row count disagrees"
