#!/usr/bin/env bash
# fuzz.sh [TARGET...] - `make fuzz`: build the libFuzzer targets of
# tests/fuzz (docs/FUZZING.md) with clang under ASan+UBSan in FUZZ_BUILD
# (default build-fuzz), then run each (all, or the TARGETs named: body or
# fuzz_body) for FUZZ_SECONDS (default 60) on a scratch copy of its
# committed corpus, FUZZ_JOBS (default 2) at a time. The repository is never
# written: the corpora grow in the scratch directory (kept with FUZZ_KEEP=1,
# and always when a target failed, for its artifact).
#
# A target fails on a crash, a broken property (abort), a sanitizer report,
# a leak, a timeout (one input over FUZZ_TIMEOUT seconds, default 10) or
# running out of memory (FUZZ_RSS_MB, default 2048): its report is shown
# with the path of the input that did it and the command that reproduces
# it. Each target prints one line (runs, execs/s, cov and ft, the corpus);
# the last line counts one test per target in scripts/count-tests.sh's form,
# which scripts/test-all.sh adds up:
#   -- fuzz: N passed, N failed, 0 skipped
# Exit status 1 when any target failed or the build did. clang (and its
# libFuzzer runtime) is installed with apt-get when missing.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
build=${FUZZ_BUILD:-build-fuzz}
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-2}
timeout=${FUZZ_TIMEOUT:-10}
rss=${FUZZ_RSS_MB:-2048}
count=scripts/count-tests.sh

# The targets: tests/fuzz/fuzz_NAME.c, each with its corpus/NAME.
all=()
for f in tests/fuzz/fuzz_*.c; do
	n=${f##*/fuzz_}
	all+=("${n%.c}")
done
targets=()
for t in "${@:-${all[@]}}"; do
	t=${t#fuzz_}
	if [ ! -f "tests/fuzz/fuzz_$t.c" ] || [ ! -d "tests/fuzz/corpus/$t" ]; then
		echo "fuzz.sh: no target $t (there are: ${all[*]})" >&2
		exit 2
	fi
	targets+=("$t")
done

# clang with its libFuzzer runtime (Debian: clang recommends libclang-rt).
has_libfuzzer() {
	command -v clang >/dev/null &&
		[ -n "$(find "$(clang -print-resource-dir)" -name 'libclang_rt.fuzzer-*.a' -print -quit 2>/dev/null)" ]
}
if ! has_libfuzzer; then
	echo "fuzz: installing clang"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	export DEBIAN_FRONTEND=noninteractive
	{ $sudo apt-get update -qq && $sudo apt-get install -y -qq clang; } >/dev/null
	if ! has_libfuzzer; then
		v=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p;q')
		[ -z "$v" ] || $sudo apt-get install -y -qq "libclang-rt-$v-dev" >/dev/null
	fi
	has_libfuzzer || { "$count" --failed fuzz "clang with libFuzzer is missing and could not be installed"; exit 1; }
fi

echo "== fuzz: building $build (clang, libFuzzer, ASan+UBSan)"
mkdir -p "$build"
blog=$build/fuzz-build.log
if ! cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DLD_FUZZ=ON >"$blog" 2>&1 ||
	! cmake --build "$build" -j "${JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}" >>"$blog" 2>&1; then
	tail -n 40 "$blog"
	"$count" --failed fuzz "the build failed, see $blog"
	exit 1
fi

scratch=$(mktemp -d /tmp/ld-fuzz-XXXXXX)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# run NAME: one target in $scratch/NAME (corpus/, log, crash-*, rc)
run() {
	local t=$1 d=$scratch/$1
	mkdir -p "$d"
	cp -R "tests/fuzz/corpus/$t" "$d/corpus"
	"$build/fuzz_$t" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss" \
		-print_final_stats=1 -artifact_prefix="$d/" "$d/corpus" >"$d/log" 2>&1
	echo $? >"$d/rc"
}

echo "== fuzz: ${#targets[@]} target(s), $seconds s each, $jobs at a time (scratch $scratch)"
running=0
for t in "${targets[@]}"; do
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
	run "$t" &
	running=$((running + 1))
done
wait

# The last "cov: N ft: N corp: N/SIZE" of a log, and a final stat.
last_status() { grep -E '^#[0-9]+[[:space:]]+[A-Z]+[[:space:]]+cov: ' "$1" | tail -n 1; }
stat() { sed -n "s/^stat::$2: *//p" "$1" | tail -n 1; }
passed=0
failed=0
for t in "${targets[@]}"; do
	d=$scratch/$t
	rc=$(cat "$d/rc" 2>/dev/null || echo "?")
	s=$(last_status "$d/log")
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$s")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$s")
	corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$s")
	line="fuzz_$t: $(stat "$d/log" number_of_executed_units) runs, $(stat "$d/log" average_exec_per_sec) exec/s, cov ${cov:-?} ft ${ft:-?}, corpus ${corp:-?}"
	artifacts=$(find "$d" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
	if [ "$rc" = 0 ] && [ -z "$artifacts" ]; then
		echo "$line: ok"
		passed=$((passed + 1))
		continue
	fi
	failed=$((failed + 1))
	echo "$line: FAILED (exit status $rc)"
	sed -n '/^==[0-9]*==\(ERROR\|WARNING\)\|property broken\|runtime error\|^SUMMARY\|ALARM\|out-of-memory/,$p' "$d/log" | head -n 60
	[ -n "$artifacts" ] || echo "   no artifact written; the log: $d/log"
	for a in $artifacts; do
		echo "   artifact: $a"
		echo "   reproduce: $build/fuzz_$t $a"
		echo "   once fixed, keep it as a test: cp $a tests/fuzz/corpus/$t/ (replayed by test_fuzz_$t)"
	done
done
if [ "$failed" -eq 0 ] && [ "${FUZZ_KEEP:-0}" != 1 ]; then
	rm -rf "$scratch"
else
	echo "== fuzz: kept $scratch (each target's corpus/ and log)"
fi
echo "-- fuzz: $passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
