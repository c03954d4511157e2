# Liandong - top-level entry points. See README.md.
#   make        build the web app (web/, npm + esbuild) and build/liandong
#               (release, -O2) with the app embedded
#   make run    install missing Debian packages, build, load the demo, serve
#   make test   install missing packages, build, run every test (lint, the
#               reference instances, plain and under ASan+UBSan, the
#               browser); the last line is "N passed, N failed, N skipped"
#               over all of them (scripts/test-all.sh); with
#               LD_TEST_FUZZ=1 (.ci/run) the fuzz step too
#   make fuzz   build the libFuzzer targets with clang (build-fuzz/) and run
#               each for FUZZ_SECONDS (default 60) under ASan+UBSan
#               (scripts/fuzz.sh, docs/FUZZING.md); FUZZ_TARGETS="body
#               route" runs only those
BUILD ?= build
ASAN_BUILD ?= build-asan
DB ?= liandong.db
JOBS ?= $(shell nproc)

.PHONY: all web deps run asan test test-plain test-asan test-web clean bench lint fuzz

all: web
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

web:
	@scripts/web-build.sh

deps:
	@scripts/deps.sh

run: deps all
	@scripts/run-demo.sh $(BUILD)/liandong $(DB)

# One recipe line: on success nothing comes after the script's total.
test: deps
	@MAKE="$(MAKE)" scripts/test-all.sh $(BUILD) $(ASAN_BUILD)

test-plain: all
	@scripts/run-tests.sh $(BUILD)
	@scripts/run-web-tests.sh $(BUILD)

# The browser tests alone (Debian's chromium driven by playwright-core).
test-web: all
	@scripts/run-web-tests.sh $(BUILD)

# The build under AddressSanitizer and UndefinedBehaviorSanitizer.
asan: web
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DLD_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

test-asan: asan
	@scripts/run-tests.sh $(ASAN_BUILD)

# The libFuzzer targets, each for FUZZ_SECONDS on a scratch copy of its corpus.
fuzz: deps
	@JOBS=$(JOBS) scripts/fuzz.sh $(FUZZ_TARGETS)

bench: deps all
	@bench/load.sh

lint:
	@scripts/lint.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz web/dist
