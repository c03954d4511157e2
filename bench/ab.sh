#!/usr/bin/env bash
# ab.sh - the HTTP benchmarks of two liandong binaries, in turns, in one
# session, so that both see the same machine:
#
#   bench/ab.sh A_BIN B_BIN [ROUNDS]
#
# A_BIN and B_BIN are liandong binaries (build one of each revision, e.g.
# `git worktree add /tmp/a REV && cmake -S /tmp/a -B /tmp/a/build
# -DCMAKE_BUILD_TYPE=RelWithDebInfo && cmake --build /tmp/a/build --target
# liandong`). ROUNDS (default 2) times, A then B: bench/load.sh on SQLite
# (list, single, create) and bench/service.sh on SQLite with the phases
# `checkin hours` (durable check-ins; one volunteer's hours summary over
# 10,000 records), each with BENCH_BIN set. Every run writes its own result
# file in bench/results as usual; this script prints their summary lines
# side by side and the median of each benchmark's requests/s per binary.
# Other BENCH_* settings pass through (BENCH_SECONDS defaults to 5 here).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
a=${1:?usage: ab.sh A_BIN B_BIN [ROUNDS]}
b=${2:?usage: ab.sh A_BIN B_BIN [ROUNDS]}
rounds=${3:-2}
for bin in "$a" "$b"; do
	[ -x "$bin" ] || { echo "ab.sh: $bin is not an executable" >&2; exit 2; }
done
export BENCH_SECONDS=${BENCH_SECONDS:-5}
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT

one() { # SIDE BIN SCRIPT [ENV...]: run one benchmark, keep its summary rows
	local side=$1 bin=$2 script=$3 out
	shift 3
	out=$(env BENCH_BIN="$bin" BENCH_STORES=sqlite "$@" "$root/bench/$script")
	printf '%s\n' "$out" | grep -E '^raw output:' | sed "s/^/$side $script /" >&2
	printf '%s\n' "$out" | awk -v side="$side" '
		/^sqlite +(list|single|create|checkin|hours) / {
			name = $2
			for (i = 4; i <= NF; i++) {
				if ($i ~ /^\(.*\)$/) name = name $i
				else if ($i ~ /^[0-9.]+$/) { print side, name, $i; break }
			}
		}' >>"$lines"
}

for r in $(seq 1 "$rounds"); do
	for side in A B; do
		bin=$a
		[ "$side" = B ] && bin=$b
		echo "== round $r: $side ($bin)" >&2
		one "$side" "$bin" load.sh
		one "$side" "$bin" service.sh BENCH_PHASES="checkin hours"
	done
done

echo "A: $a"
echo "B: $b"
echo "requests/s per run (rounds in order) and the median per binary:"
python3 - "$lines" <<'PY'
import sys, statistics, collections
runs = collections.defaultdict(lambda: collections.defaultdict(list))
order = []
for line in open(sys.argv[1]):
    side, name, rate = line.split()
    try:
        v = float(rate)
    except ValueError:
        continue
    if name not in order:
        order.append(name)
    runs[name][side].append(v)
print(f"{'benchmark':<12} {'A runs':<24} {'B runs':<24} {'A median':>9} {'B median':>9} {'B/A':>6}")
for name in order:
    ra, rb = runs[name]['A'], runs[name]['B']
    ma = statistics.median(ra) if ra else float('nan')
    mb = statistics.median(rb) if rb else float('nan')
    fmt = lambda xs: ' '.join(f'{x:.0f}' for x in xs)
    print(f"{name:<12} {fmt(ra):<24} {fmt(rb):<24} {ma:9.0f} {mb:9.0f} {mb / ma:6.2f}")
PY
