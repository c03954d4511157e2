#!/usr/bin/env bash
# sender.sh - how fast the outbox's sender delivers (issue 17), against the
# loopback SMS gateway of the tests (tests/peers/sms_gateway.py, python3's
# threading HTTP server, keep-alive):
#
#   bench/sender.sh            (BENCH_BIN=path/to/liandong, default build/liandong)
#
# 1. call-out: N (BENCH_N, default 500) priority-10 SMS to N people are
#    committed in one transaction, as an emergency call-out's are, while
#    `liandong serve` runs with the gateway configured; measured from the
#    commit to the gateway's N-th request, and to the N-th row recorded
#    delivered.
# 2. throughput: M (BENCH_M, default 5000) SMS the same way; messages per
#    second from the commit to the last one recorded delivered.
# 3. the reference: the same N bodies POSTed to the same gateway by curl
#    (one process, one keep-alive connection per URL list: `curl --parallel`
#    with 32 connections, and a plain loop of one curl per message).
# 4. the sender's own ceiling: M SMS again, with the server restarted
#    against bench/fast_gateway.py (asyncio, no thread or file write per
#    request), which the python gateway above cannot show.
# Prints a summary; the numbers in docs/BENCHMARKS.md come from here.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BENCH_BIN:-$root/build/liandong}
n=${BENCH_N:-500}
m=${BENCH_M:-5000}
[ -x "$bin" ] || { echo "sender.sh: no $bin (make, or set BENCH_BIN)" >&2; exit 2; }
for t in python3 sqlite3 curl; do command -v $t >/dev/null || { echo "sender.sh: needs $t" >&2; exit 2; }; done
dir=$(mktemp -d /tmp/ld-bench-sender-XXXXXX)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
	rm -rf "$dir"
}
trap cleanup EXIT

mkdir "$dir/gw"
python3 "$root/tests/peers/sms_gateway.py" "$dir/gw" >"$dir/gw.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$dir/gw/port" ] && break; sleep 0.05; done
gport=$(cat "$dir/gw/port")
db=$dir/b.db
"$bin" init --db "$db" >/dev/null
echo bench-password-1 | "$bin" user add --db "$db" --username admin --role platform_admin --password-stdin >/dev/null
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
LIANDONG_SMS_GATEWAY_URL=http://127.0.0.1:$gport/send LIANDONG_SMS_GATEWAY_HEADER="Authorization: Bearer bench" \
	"$bin" serve --db "$db" --listen "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"admin","password":"bench-password-1"}' \
	"http://127.0.0.1:$port/api/v1/login" | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
# the people: N with phones, through the API (their phones sealed by the server)
python3 - "$port" "$token" "$n" <<'PY'
import json, sys, urllib.request
port, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(n):
    body = json.dumps({"name": "志愿者%d" % i, "phone": "139%08d" % (10000 + i)}).encode()
    req = urllib.request.Request("http://127.0.0.1:%s/api/v1/people" % port, body,
                                 {"Content-Type": "application/json", "Authorization": "Bearer " + token})
    urllib.request.urlopen(req).read()
PY

# commit COUNT queued SMS (to the people in turn) in one transaction and
# time the gateway's hits and the rows delivered; prints three numbers:
# seconds to the gateway's last hit, to the last delivered row, and the hits
run() {
	local count=$1
	python3 - "$db" "$dir/gw/hits" "$count" "$n" <<'PY'
import os, sqlite3, sys, time
db, hits, count, people = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
base = os.path.getsize(hits) if os.path.exists(hits) else 0
c = sqlite3.connect(db, timeout=30, isolation_level=None)
c.execute("BEGIN IMMEDIATE")
now = int(time.time())
first = c.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM notifications").fetchone()[0]
c.executemany("INSERT INTO notifications (person_id, channel, kind, subject, body, status, attempts, created_at,"
              " next_at, priority, ref_entity, ref_id) VALUES (?, 'sms', 'emergency_callout', '紧急召集',"
              " '紧急召集：三眼井社区有老人晕倒，请回复 1 接受、2 谢绝。', 'queued', 0, ?, ?, 10, 'emergencies', 1)",
              [((i % people) + 1, now, now) for i in range(count)])
c.execute("COMMIT")
t0 = time.monotonic()
t_hits = t_rows = None
while t_rows is None or t_hits is None:
    if t_hits is None:
        with open(hits, "rb") as f:
            f.seek(base)
            if f.read().count(b"\n") >= count:
                t_hits = time.monotonic() - t0
    if t_rows is None:
        done = c.execute("SELECT COUNT(*) FROM notifications WHERE id >= ? AND status = 'delivered'", (first,)).fetchone()[0]
        if done >= count:
            t_rows = time.monotonic() - t0
    if time.monotonic() - t0 > 120:
        sys.exit("sender.sh: not delivered within 120 s")
    time.sleep(0.005)
print("%.3f %.3f" % (t_hits, t_rows))
PY
}

load() { awk '{print $1}' /proc/loadavg; }
echo "== sender benchmark: $(nproc) cores, load $(load) at start, $bin"
read -r h1 r1 <<<"$(run "$n")"
echo "call-out: $n SMS committed -> gateway's last hit ${h1} s, last recorded delivered ${r1} s (load $(load))"
read -r h2 r2 <<<"$(run "$m")"
rate=$(python3 -c "print(int($m / $r2))")
echo "throughput: $m SMS in ${r2} s to the last recorded delivered: $rate SMS/s (gateway's last hit ${h2} s; load $(load))"

# the reference: curl against the same gateway
body='{"phone":"13900010000","text":"紧急召集：三眼井社区有老人晕倒，请回复 1 接受、2 谢绝。","id":1}'
printf '%s' "$body" >"$dir/body.json"
cfg=$dir/curl.cfg
for i in $(seq "$n"); do
	[ "$i" -gt 1 ] && echo next
	printf 'url = "http://127.0.0.1:%s/send"\nheader = "Idempotency-Key: ref-%d"\nheader = "Content-Type: application/json"\ndata-binary = "@%s"\noutput = "/dev/null"\n' \
		"$gport" "$i" "$dir/body.json"
done >"$cfg"
t=$(python3 -c 'import time;print(time.monotonic())')
curl -s --parallel --parallel-max 32 -K "$cfg" >/dev/null 2>&1
p=$(python3 -c "import time;print('%.3f' % (time.monotonic() - $t))")
t=$(python3 -c 'import time;print(time.monotonic())')
for i in $(seq "$n"); do
	curl -s -o /dev/null -H 'Content-Type: application/json' -H "Idempotency-Key: loop-$i" --data-binary "$body" \
		"http://127.0.0.1:$gport/send"
done
l=$(python3 -c "import time;print('%.3f' % (time.monotonic() - $t))")
echo "reference: $n POSTs by curl --parallel (32) ${p} s; by a loop of curl processes ${l} s (load $(load))"
refhits=$(grep -c '"key": "ref-' "$dir/gw/hits" || true)
[ "$refhits" -eq "$n" ] || echo "sender.sh: warning: the gateway saw $refhits of the $n reference POSTs"

# 4. the sender's ceiling against the lean gateway
kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
mkdir "$dir/fg"
python3 "$root/bench/fast_gateway.py" "$dir/fg" >"$dir/fg.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$dir/fg/port" ] && break; sleep 0.05; done
LIANDONG_SMS_GATEWAY_URL=http://127.0.0.1:$(cat "$dir/fg/port")/send \
	"$bin" serve --db "$db" --listen "127.0.0.1:$port" >>"$dir/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
for count in "$n" "$m"; do
python3 - "$db" "$dir/fg/count" "$count" "$n" <<'PY'
import os, sqlite3, sys, time
db, countf, count, people = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
c = sqlite3.connect(db, timeout=30, isolation_level=None)
c.execute("BEGIN IMMEDIATE")
now = int(time.time())
first = c.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM notifications").fetchone()[0]
c.executemany("INSERT INTO notifications (person_id, channel, kind, subject, body, status, attempts, created_at,"
              " next_at, priority) VALUES (?, 'sms', 'emergency_callout', '紧急召集', '紧急召集：请回复 1 接受、2 谢绝。',"
              " 'queued', 0, ?, ?, 10)", [((i % people) + 1, now, now) for i in range(count)])
c.execute("COMMIT")
t0 = time.monotonic()
while True:
    done = c.execute("SELECT COUNT(*) FROM notifications WHERE id >= ? AND status = 'delivered'", (first,)).fetchone()[0]
    if done >= count:
        break
    if time.monotonic() - t0 > 120:
        sys.exit("sender.sh: not delivered within 120 s")
    time.sleep(0.005)
t = time.monotonic() - t0
time.sleep(0.1)
reqs, keys = open(countf).read().split()
print("ceiling: %d SMS to the lean gateway in %.3f s to the last recorded delivered: %d SMS/s (%s requests, %s distinct keys so far)"
      % (count, t, count / t, reqs, keys))
PY
done
echo "(load $(load) at the end)"
