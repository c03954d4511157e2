#!/bin/sh
# build.sh OUTDIR - compile the reference-instance generators (gen_assign,
# gen_points) into OUTDIR, with the flags the instances are defined under:
# strict C17 and -ffp-contract=off (no fused multiply-add, which would round
# the geographic costs differently on some machines; see instances.h).
# CC chooses the compiler (default cc).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUTDIR}
mkdir -p "$out"
for g in gen_assign gen_points; do
	${CC:-cc} -std=c17 -O2 -ffp-contract=off -Wall -Wextra -Werror -o "$out/$g" "$here/$g.c" -lm
done
