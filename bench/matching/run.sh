#!/bin/sh
# run.sh - build and run the assignment benchmark (bench_assign) on the
# reference instances, and LEMON / scipy side by side when installed
# (Debian: liblemon-dev, python3-scipy).
#
#   bench/matching/run.sh [NAME ...]        (no NAME = every instance)
#
# GEN_DIR: where gen_assign.c lives (default /work/shared/bench/matching).
# DATA: where instances are generated, once (default /tmp/liandong-matching;
# all twelve take about 1.3 GB). COMPARE=0 skips LEMON and scipy; PYTHON is
# the interpreter that has Debian's scipy (default /usr/bin/python3).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
GEN_DIR=${GEN_DIR:-/work/shared/bench/matching}
DATA=${DATA:-/tmp/liandong-matching}
COMPARE=${COMPARE:-1}
CC=${CC:-cc}
PYTHON=${PYTHON:-/usr/bin/python3}
ALL="dense_int_1000 dense_int_2000 dense_int_5000 dense_flt_1000 dense_flt_2000
dense_flt_5000 rand_10k_100k_d50 geo_10k_100k_k50 geob_5k_100k_k60
geot_20k_25k_k40 rand_50k_1m_d30 geo_50k_1m_k30"
names=${*:-$ALL}

mkdir -p "$DATA"
$CC -O2 -o "$DATA/gen_assign" "$GEN_DIR/gen_assign.c" -lm
for n in $names; do
	[ -f "$DATA/$n.bin" ] || "$DATA/gen_assign" "$DATA" "$n"
done
$CC -std=c17 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -I"$root/src" \
	-o "$DATA/bench_assign" "$here/bench_assign.c" "$root"/src/domain/match*.c -lm

echo "# $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(date -u +%FT%TZ)"
echo "## liandong match_solve / match_solve_dense"
"$DATA/bench_assign" "$DATA" $names

[ "$COMPARE" = 1 ] || exit 0
sparse=$(echo $names | tr ' ' '\n' | grep -v '^dense' || true)
if [ -n "$sparse" ] && [ -f /usr/include/lemon/network_simplex.h ]; then
	c++ -O2 -o "$DATA/lemon_assign" "$here/lemon_assign.cc"
	echo "## LEMON"
	"$DATA/lemon_assign" "$DATA" $sparse
fi
if "$PYTHON" -c "import scipy" 2>/dev/null; then
	echo "## scipy"
	"$PYTHON" "$here/scipy_assign.py" "$DATA" $names
fi
