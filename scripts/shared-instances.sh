#!/bin/sh
# shared-instances.sh - the assignment solver on every reference instance of
# the shared benchmark (../shared/bench/matching: fixed seeds, published
# optima): each is generated, solved by domain/match and compared with its
# optimum (bench/matching/bench_assign.c fails on any difference or unfilled
# slot), then deleted, so at most one instance (<= 100 MB) is on disk.
#
# The generator is looked for in $LD_SHARED/bench/matching, then
# ../shared/bench/matching beside the repository, then /work/shared; where
# none exists the check is skipped and says so.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
gen=""
for d in ${LD_SHARED:+"$LD_SHARED/bench/matching"} "$root/../shared/bench/matching" /work/shared/bench/matching; do
	if [ -f "$d/gen_assign.c" ]; then gen=$d; break; fi
done
if [ -z "$gen" ]; then
	echo "== shared instances: SKIPPED (no shared/bench/matching/gen_assign.c found)"
	exit 0
fi
tmp=$(mktemp -d /tmp/ld-instances-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/gen_assign" "$gen/gen_assign.c" -lm
cc -std=c17 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -I"$root/src" -o "$tmp/bench_assign" \
	"$root/bench/matching/bench_assign.c" "$root"/src/domain/match*.c -lm
echo "== shared instances: the solver against the published optima ($gen)"
for n in dense_int_1000 dense_int_2000 dense_int_5000 dense_flt_1000 dense_flt_2000 dense_flt_5000 \
	rand_10k_100k_d50 geo_10k_100k_k50 geob_5k_100k_k60 geot_20k_25k_k40 rand_50k_1m_d30 geo_50k_1m_k30; do
	"$tmp/gen_assign" "$tmp" "$n" >/dev/null
	"$tmp/bench_assign" "$tmp" "$n"
	rm -f "$tmp/$n.bin"
done
