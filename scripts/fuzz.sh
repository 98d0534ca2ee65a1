#!/usr/bin/env bash
# Builds the libFuzzer target (clang, -fsanitize=fuzzer,address,undefined)
# into build-fuzz/ and runs it on the shared cases for the given number of
# seconds (default 30). New inputs that grow coverage go to
# build-fuzz/corpus/; a crash, hang or sanitizer report is written to
# build-fuzz/artifacts/ and fails the run, as does a failed build or run.
#   bash scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"

if [ ! -f build-fuzz/CMakeCache.txt ]; then
  CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSEGFORM_FUZZ=ON >/dev/null
fi
if ! cmake --build build-fuzz --target segform_fuzz --parallel "$(nproc)" |
    { grep -v -E '^\[ *[0-9]+%\]' || true; }; then
  echo "fuzz: building the fuzz target failed; see the messages above" >&2
  exit 1
fi

mkdir -p build-fuzz/corpus build-fuzz/artifacts
# -timeout: one input taking over 2 s counts as a hang. libFuzzer exits
# non-zero on a finding, and when it cannot run at all; only the lines
# worth reading are shown.
status=0
build-fuzz/segform_fuzz build-fuzz/corpus tests/cases \
  -max_total_time="$seconds" -timeout=2 -rss_limit_mb=2048 \
  -max_len=4096 -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1 \
  2>&1 | { grep -E '^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)' || true; } ||
  status=$?
if compgen -G "build-fuzz/artifacts/*" >/dev/null; then
  echo "fuzz: libFuzzer found a failing input:" >&2
  ls build-fuzz/artifacts >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "fuzz: the fuzz target failed with status $status" >&2
  exit 1
fi
echo "fuzz: ${seconds} s without a crash, hang or sanitizer report"
