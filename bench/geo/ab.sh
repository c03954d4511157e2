#!/bin/sh
# ab.sh - compare two versions of src/domain/geoindex.c in one process
# (bench_ab.c: every query on both, in turns, so both see the same machine).
#
#   bench/geo/ab.sh OLD [NEW] [ROUNDS]
#
# OLD and NEW are files or git revisions (the file at that revision); NEW
# defaults to the working tree's src/domain/geoindex.c, ROUNDS to 20.
# Extra compiler flags for each side: CFLAGS_A, CFLAGS_B (e.g.
# -DGEOINDEX_PEND=128). CC and KEEP_DIR as for run.sh.
# shellcheck disable=SC2086 # flags are lists of words
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
cc=${CC:-cc}
old=${1:?usage: ab.sh OLD [NEW] [ROUNDS]}
new=${2:-$root/src/domain/geoindex.c}
rounds=${3:-20}
if [ -n "${KEEP_DIR:-}" ]; then
	work=$KEEP_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d /tmp/geoab.XXXXXX)
	trap 'rm -rf "$work"' EXIT INT TERM
fi

source_of() { # FILE-OR-REVISION OUT
	if [ -f "$1" ]; then
		cp "$1" "$2"
	else
		git -C "$root" show "$1:src/domain/geoindex.c" >"$2"
	fi
}
side() { # A|B SOURCE FLAGS
	source_of "$2" "$work/geoindex_$1.c"
	{
		for f in new free reserve compact put remove count get nearest distance_m memory; do
			echo "#define geoindex_$f $1_$f"
		done
		echo "#include \"$work/geoindex_$1.c\""
	} >"$work/side_$1.c"
	"$cc" -std=gnu17 -O2 $3 -I"$root/src" -c "$work/side_$1.c" -o "$work/side_$1.o"
}
side A "$old" "${CFLAGS_A:-}"
side B "$new" "${CFLAGS_B:-}"
"$cc" -std=gnu17 -O2 -Wall -Wextra -I"$root/src" -I"$root/bench/instances" -o "$work/bench_ab" \
	"$root/bench/geo/bench_ab.c" "$work/side_A.o" "$work/side_B.o" -lm
CC=$cc "$root/bench/instances/build.sh" "$work"
[ -f "$work/points.bin" ] || "$work/gen_points" "$work" >/dev/null
echo "A = $old, B = $new; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$work/bench_ab" "$work" "$rounds"
