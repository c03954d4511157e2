#!/bin/sh
# run.sh - build and run the assignment benchmark (bench_assign) on the
# reference instances, and LEMON / scipy side by side when installed
# (Debian: liblemon-dev, python3-scipy).
#
#   bench/matching/run.sh [NAME ...]        (no NAME = every instance)
#
# The instances are written by the repository's generator
# (bench/instances/gen_assign.c; names, seeds and optima in assign.h).
# DATA: where instances are generated, once (default /tmp/liandong-matching;
# all twelve take about 1.3 GB). COMPARE=0 skips LEMON and scipy; PYTHON is
# the interpreter that has Debian's scipy (default /usr/bin/python3).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
DATA=${DATA:-/tmp/liandong-matching}
COMPARE=${COMPARE:-1}
CC=${CC:-cc}
PYTHON=${PYTHON:-/usr/bin/python3}

mkdir -p "$DATA"
CC=$CC "$root/bench/instances/build.sh" "$DATA"
names=${*:-$("$DATA/gen_assign" --list)}
for n in $names; do
	[ -f "$DATA/$n.bin" ] || "$DATA/gen_assign" "$DATA" "$n"
done
$CC -std=c17 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -I"$root/src" -I"$root/bench/instances" \
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
