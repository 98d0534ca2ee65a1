#!/usr/bin/env bash
# Builds the libFuzzer target (clang, -fsanitize=fuzzer,address,undefined)
# into build-fuzz/ and runs it on the shared cases for the given number of
# seconds (default 30). New inputs that grow coverage go to
# build-fuzz/corpus/; a crash is written there too and fails the run.
#   bash scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"

if [ ! -f build-fuzz/CMakeCache.txt ]; then
  CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSEGFORM_FUZZ=ON >/dev/null
fi
cmake --build build-fuzz --target segform_fuzz --parallel "$(nproc)" |
  grep -v -E '^\[ *[0-9]+%\]' || true

mkdir -p build-fuzz/corpus build-fuzz/artifacts
# -timeout: one input taking over 2 s counts as a hang.
build-fuzz/segform_fuzz build-fuzz/corpus tests/cases \
  -max_total_time="$seconds" -timeout=2 -rss_limit_mb=2048 \
  -max_len=4096 -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1 \
  2>&1 | grep -E '^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)' || true
# libFuzzer exits non-zero on a finding, but the pipe above hides its
# status, so a file in the artifacts folder is what marks a failure.
if compgen -G "build-fuzz/artifacts/*" >/dev/null; then
  echo "fuzz: libFuzzer found a failing input:" >&2
  ls build-fuzz/artifacts >&2
  exit 1
fi
echo "fuzz: ${seconds} s without a crash, hang or sanitizer report"
